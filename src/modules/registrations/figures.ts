import type { Conn } from "../../platform/db/database.js";

// The registration figures of reports (dashboard, public figures, API), defined here once
// beside the rows they count so no other module has a second idea of "present":
// - a registration is every row except an expired one (an address that never confirmed);
// - confirmed: holds a place (status confirmed) — the participants;
// - present: confirmed and let in at the entrance (checked_in_at), as attendanceCounts;
// - waitlistOnly: still on the waitlist, i.e. never got a place;
// - participants ("Teilnehmende"), per Fachtag: those present where the entrance checked
//   people in (anybody of the Fachtag checked in), else those confirmed (a Fachtag run
//   without check-in). The archive, /zahlen, /api/v1/figures and the reports all count
//   them here, also when broken down by kind, role, municipality or organisation.

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
  /** Whether anybody of this Fachtag was checked in (decided on all its registrations, not the filtered ones). */
  checkInUsed: boolean;
  /** "Teilnehmende": present where check-in was used, else confirmed. */
  participants: number;
}

type Counted = number | string | bigint;

function filtered(db: Conn, eventIds: readonly string[], filter: RegistrationFilter) {
  let q = db.selectFrom("registrations").where("event_id", "in", eventIds).where("status", "<>", "expired");
  if (filter.organisationKind) q = q.where("organisation_kind", "=", filter.organisationKind);
  if (filter.municipalities?.length) q = q.where("municipality", "in", [...filter.municipalities]);
  return q;
}

/** The one rule of "Teilnehmende": those present where the Fachtag checked people in, else those confirmed. */
export const participantsOf = (c: { confirmed: number; present: number; checkInUsed: boolean }): number =>
  c.checkInUsed ? c.present : c.confirmed;

/** Fachtage of these at whose entrance anybody confirmed was checked in (whatever filter the figures use). */
async function checkInUsedAt(db: Conn, eventIds: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom("registrations")
    .select("event_id")
    .distinct()
    .where("event_id", "in", eventIds)
    .where("status", "=", "confirmed")
    .where("checked_in_at", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.event_id));
}

/** Registrations, confirmed, present, waitlist-only and participants per Fachtag (Fachtage without any are left out). */
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
  const filteredOut = filter.organisationKind !== undefined || (filter.municipalities?.length ?? 0) > 0;
  // Unfiltered, "somebody present" is the same as "check-in used"; filtered, a Fachtag with check-in
  // may have nobody present of that kind, and then counts 0 — not its confirmed ones.
  const used = filteredOut ? await checkInUsedAt(db, eventIds) : null;
  return rows.map((r) => {
    const confirmed = Number(r.confirmed ?? 0);
    const present = Number(r.present ?? 0);
    const checkInUsed = used ? used.has(r.event_id) : present > 0;
    return {
      eventId: r.event_id,
      total: Number(r.total ?? 0),
      confirmed,
      present,
      waitlistOnly: Number(r.waitlist_only ?? 0),
      checkInUsed,
      participants: participantsOf({ confirmed, present, checkInUsed }),
    };
  });
}

/**
 * How many took part in each Fachtag and how many held a place, for the archive
 * (`events.participants`): the same participants as every figure of the reports.
 */
export async function participantCountsByEvent(
  db: Conn,
  eventIds: readonly string[],
): Promise<{ eventId: string; count: number; registered: number }[]> {
  const counts = new Map((await registrationCountsByEvent(db, eventIds)).map((c) => [c.eventId, c]));
  return eventIds.map((eventId) => {
    const c = counts.get(eventId);
    return { eventId, count: c?.participants ?? 0, registered: c?.confirmed ?? 0 };
  });
}

/** Participants ("Teilnehmende", as participantsOf) grouped by one of their fields; null where not given. */
export async function participantsGroupedBy(
  db: Conn,
  eventIds: readonly string[],
  field: "organisation_kind" | "role" | "municipality" | "organisation_id",
  filter: RegistrationFilter = {},
): Promise<{ key: string | null; count: number }[]> {
  if (eventIds.length === 0) return [];
  const rows = await filtered(db, eventIds, filter)
    .where("status", "=", "confirmed")
    // Present people, or everybody confirmed at a Fachtag where nobody was checked in.
    .where((eb) =>
      eb.or([
        eb("checked_in_at", "is not", null),
        eb(
          "event_id",
          "not in",
          eb
            .selectFrom("registrations as checked")
            .select("checked.event_id")
            .where("checked.event_id", "in", eventIds)
            .where("checked.status", "=", "confirmed")
            .where("checked.checked_in_at", "is not", null),
        ),
      ]),
    )
    .select((eb) => [eb.ref(field).as("key"), eb.fn.countAll<Counted>().as("count")])
    .groupBy(field)
    .execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.count ?? 0) }));
}
