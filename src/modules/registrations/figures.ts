import type { Conn } from "../../platform/db/database.js";

// The registration figures of reports (dashboard, public figures, API), defined here once
// beside the rows they count so no other module has a second idea of "present":
// - a registration is every row except an expired one (an address that never confirmed);
// - confirmed: holds a place (status confirmed) — the participants;
// - present: confirmed and let in at the entrance (checked_in_at), as attendanceCounts;
// - waitlistOnly: still on the waitlist, i.e. never got a place.

/** Narrows the counted registrations: kind of organisation and/or municipalities (any of them). */
export interface RegistrationFilter {
  organisationKind?: string | undefined;
  municipalities?: readonly string[] | undefined;
}

export interface EventRegistrationCounts {
  eventId: string;
  total: number;
  confirmed: number;
  present: number;
  waitlistOnly: number;
}

type Counted = number | string | bigint;

function filtered(db: Conn, eventIds: readonly string[], filter: RegistrationFilter) {
  let q = db.selectFrom("registrations").where("event_id", "in", eventIds).where("status", "<>", "expired");
  if (filter.organisationKind) q = q.where("organisation_kind", "=", filter.organisationKind);
  if (filter.municipalities?.length) q = q.where("municipality", "in", [...filter.municipalities]);
  return q;
}

/** Registrations, confirmed, present and waitlist-only per Fachtag (Fachtage without any are left out). */
export async function registrationCountsByEvent(
  db: Conn,
  eventIds: readonly string[],
  filter: RegistrationFilter = {},
): Promise<EventRegistrationCounts[]> {
  if (eventIds.length === 0) return [];
  const rows = await filtered(db, eventIds, filter)
    .select((eb) => [
      "event_id",
      eb.fn.countAll<Counted>().as("total"),
      eb.fn.sum<Counted>(eb.case().when("status", "=", "confirmed").then(1).else(0).end()).as("confirmed"),
      eb.fn
        .sum<Counted>(
          eb
            .case()
            .when(eb.and([eb("status", "=", "confirmed"), eb("checked_in_at", "is not", null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("present"),
      eb.fn.sum<Counted>(eb.case().when("status", "=", "waitlisted").then(1).else(0).end()).as("waitlist_only"),
    ])
    .groupBy("event_id")
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    total: Number(r.total ?? 0),
    confirmed: Number(r.confirmed ?? 0),
    present: Number(r.present ?? 0),
    waitlistOnly: Number(r.waitlist_only ?? 0),
  }));
}

/** Participants (confirmed registrations) grouped by one of their fields; null where not given. */
export async function participantsGroupedBy(
  db: Conn,
  eventIds: readonly string[],
  field: "organisation_kind" | "role" | "municipality" | "organisation_id",
  filter: RegistrationFilter = {},
): Promise<{ key: string | null; count: number }[]> {
  if (eventIds.length === 0) return [];
  const rows = await filtered(db, eventIds, filter)
    .where("status", "=", "confirmed")
    .select((eb) => [eb.ref(field).as("key"), eb.fn.countAll<Counted>().as("count")])
    .groupBy(field)
    .execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.count ?? 0) }));
}
