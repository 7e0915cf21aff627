import type { Conn } from "../../platform/db/database.js";

// SQL of the networking list: the confirmed people of a Fachtag who agreed to the participant list.

export interface NetworkingRow {
  id: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
  municipality: string | null;
  workshops: string[];
}

/** Everybody confirmed who agreed, but `exceptId`, by last and first name, with their workshops' titles. */
export async function listConsentingParticipants(
  db: Conn,
  eventId: string,
  exceptId: string,
): Promise<NetworkingRow[]> {
  const people = await db
    .selectFrom("registrations")
    .select(["id", "first_name", "last_name", "organisation", "municipality"])
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .where("consent_participant_list", "=", 1)
    .where("id", "!=", exceptId)
    .orderBy("last_name")
    .orderBy("first_name")
    .orderBy("id")
    .execute();
  const workshops = await db
    .selectFrom("registration_workshops")
    .innerJoin("registrations", "registrations.id", "registration_workshops.registration_id")
    .innerJoin("event_sessions", "event_sessions.id", "registration_workshops.session_id")
    .select(["registration_workshops.registration_id as registrationId", "event_sessions.title"])
    .where("registrations.event_id", "=", eventId)
    .where("registrations.consent_participant_list", "=", 1)
    .orderBy("event_sessions.starts_at")
    .orderBy("event_sessions.position")
    .execute();
  const byPerson = new Map<string, string[]>();
  for (const w of workshops) byPerson.set(w.registrationId, [...(byPerson.get(w.registrationId) ?? []), w.title]);
  return people.map((p) => ({
    id: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    organisation: p.organisation,
    municipality: p.municipality,
    workshops: byPerson.get(p.id) ?? [],
  }));
}
