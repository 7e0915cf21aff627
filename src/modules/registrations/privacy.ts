import type { Conn } from "../../platform/db/database.js";
import type { HookHandler, HookResult } from "../../platform/hooks.js";
import { anonymisedPerson } from "./retention.js";

// The registrations' part of a data subject request (the privacy module emits the hooks):
// every registration under the address, with its Fachtag, workshops and wishes, answers and
// consents (Art. 15); on erasure (Art. 17) the rows are anonymised exactly as the retention
// does it, so every figure of every Fachtag stays (status, attendance, kind, municipality,
// workshops). The check-in and the networking list's consent live in these rows too.

const registrationIdsOf = async (db: Conn, email: string) =>
  (
    await db
      .selectFrom("registrations")
      .select("id")
      .where("email", "=", email)
      .where("manage_token_hash", "not like", "removed:%")
      .execute()
  ).map((r) => r.id);

export const exportRegistrations: HookHandler<"privacy.exportPerson"> = async ({ email }, { db }) => {
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("events", "events.id", "registrations.event_id")
    .select([
      "registrations.id",
      "events.title as fachtag",
      "events.starts_at as fachtagStartsAt",
      "registrations.status",
      "registrations.first_name as firstName",
      "registrations.last_name as lastName",
      "registrations.email",
      "registrations.organisation",
      "registrations.organisation_kind as organisationKind",
      "registrations.role",
      "registrations.municipality",
      "registrations.dietary_needs as dietaryNeeds",
      "registrations.accessibility_needs as accessibilityNeeds",
      "registrations.consent_privacy as consentPrivacy",
      "registrations.consent_photos as consentPhotos",
      "registrations.consent_participant_list as consentParticipantList",
      "registrations.consents_at as consentsAt",
      "registrations.answers",
      "registrations.source",
      "registrations.created_at as createdAt",
      "registrations.confirmed_at as confirmedAt",
      "registrations.cancelled_at as cancelledAt",
      "registrations.checked_in_at as checkedInAt",
    ])
    .where("registrations.email", "=", email)
    .where("registrations.manage_token_hash", "not like", "removed:%")
    .orderBy("events.starts_at")
    .execute();
  if (!rows.length) return null;
  const ids = rows.map((r) => r.id);
  const workshops = await db
    .selectFrom("registration_workshops")
    .innerJoin("event_sessions", "event_sessions.id", "registration_workshops.session_id")
    .select(["registration_workshops.registration_id", "event_sessions.title"])
    .where("registration_workshops.registration_id", "in", ids)
    .execute();
  const wishes = await db
    .selectFrom("registration_preferences")
    .innerJoin("event_sessions", "event_sessions.id", "registration_preferences.session_id")
    .select(["registration_preferences.registration_id", "registration_preferences.rank", "event_sessions.title"])
    .where("registration_preferences.registration_id", "in", ids)
    .orderBy("registration_preferences.rank")
    .execute();
  const yes = (v: number | boolean) => v === 1 || v === true;
  return {
    part: "registrations",
    counts: { registrations: rows.length },
    data: {
      registrations: rows.map((r) => ({
        ...r,
        consentPrivacy: yes(r.consentPrivacy),
        consentPhotos: yes(r.consentPhotos),
        consentParticipantList: yes(r.consentParticipantList),
        answers: JSON.parse(r.answers) as Record<string, string>,
        workshops: workshops.filter((w) => w.registration_id === r.id).map((w) => w.title),
        wishes: wishes.filter((w) => w.registration_id === r.id).map((w) => ({ rank: w.rank, workshop: w.title })),
      })),
    },
  };
};

/** Anonymises the person's registrations in place: the rows (and so the figures) stay, the person goes. */
export const eraseRegistrations: HookHandler<"privacy.eraseIdentity"> = async (
  { email },
  { db },
): Promise<HookResult<"privacy.eraseIdentity">> => {
  const ids = await registrationIdsOf(db, email);
  if (!ids.length) return { part: "registrations", removed: {}, kept: {} };
  const result = await db.updateTable("registrations").set(anonymisedPerson).where("id", "in", ids).executeTakeFirst();
  const n = Number(result.numUpdatedRows);
  return { part: "registrations", removed: { registrations: n }, kept: { anonymousRegistrations: n } };
};

/** The person's registration ids, for modules that link to them (certificates) — before they are anonymised. */
export const personRegistrationIds = registrationIdsOf;
