import type { Conn } from "../../platform/db/database.js";
import type { RegistrationRow } from "./registrations.repo.js";
import type { RegistrationStatus } from "./tables.js";

// The counts behind every capacity decision and the waitlist order.

/** Places taken: confirmed plus pending whose hold has not run out. */
export async function countTaken(db: Conn, eventId: string, now: string): Promise<number> {
  return (await capacitySnapshot(db, eventId, now)).taken;
}

/**
 * What a capacity decision needs: places taken (confirmed + pending on hold), people
 * waiting, the last waitlist number and pending holds that have lapsed (to be expired).
 * Each figure is its own lookup in the index registrations_event_capacity_idx
 * (event_id, status, …), so the cost grows with the places and the waitlist, not with
 * every cancelled or expired registration, and the last number is a single seek.
 */
export async function capacitySnapshot(
  db: Conn,
  eventId: string,
  now: string,
): Promise<{ taken: number; waiting: number; lastOrder: number; lapsed: number }> {
  const withStatus = (status: RegistrationStatus) =>
    db.selectFrom("registrations").where("event_id", "=", eventId).where("status", "=", status);
  const row = await db
    .selectNoFrom((eb) => [
      withStatus("confirmed").select(eb.fn.countAll<number>().as("n")).as("confirmed"),
      withStatus("pending").where("hold_until", ">", now).select(eb.fn.countAll<number>().as("n")).as("held"),
      withStatus("pending").where("hold_until", "<=", now).select(eb.fn.countAll<number>().as("n")).as("lapsed"),
      withStatus("waitlisted").select(eb.fn.countAll<number>().as("n")).as("waiting"),
      withStatus("waitlisted")
        .select((w) => w.fn.max("waitlist_order").as("n"))
        .as("lastOrder"),
    ])
    .executeTakeFirstOrThrow();
  return {
    taken: Number(row.confirmed ?? 0) + Number(row.held ?? 0),
    waiting: Number(row.waiting ?? 0),
    lastOrder: Number(row.lastOrder ?? 0),
    lapsed: Number(row.lapsed ?? 0),
  };
}

export async function countByStatus(db: Conn, eventId: string): Promise<Record<RegistrationStatus, number>> {
  const rows = await db
    .selectFrom("registrations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("event_id", "=", eventId)
    .groupBy("status")
    .execute();
  const counts: Record<RegistrationStatus, number> = {
    pending: 0,
    confirmed: 0,
    waitlisted: 0,
    cancelled: 0,
    expired: 0,
  };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/**
 * Workshop places taken per session (same rule as the event: confirmed + pending on hold).
 * With `sessionIds`, only those sessions are counted (through the session index: the
 * cost follows their places, not the whole event).
 */
export async function workshopTaken(
  db: Conn,
  eventId: string,
  now: string,
  sessionIds?: readonly string[],
): Promise<Record<string, number>> {
  if (sessionIds?.length === 0) return {};
  const rows = await db
    .selectFrom("registration_workshops as rw")
    .innerJoin("registrations as r", "r.id", "rw.registration_id")
    .select(["rw.session_id", (eb) => eb.fn.countAll<number>().as("n")])
    .$if(sessionIds !== undefined, (q) => q.where("rw.session_id", "in", sessionIds ?? []))
    .where("r.event_id", "=", eventId)
    .where((eb) =>
      eb.or([eb("r.status", "=", "confirmed"), eb.and([eb("r.status", "=", "pending"), eb("r.hold_until", ">", now)])]),
    )
    .groupBy("rw.session_id")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.session_id, Number(r.n)]));
}

export async function firstWaitlisted(db: Conn, eventId: string): Promise<RegistrationRow | undefined> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("status", "=", "waitlisted")
    .orderBy("waitlist_order")
    .limit(1)
    .executeTakeFirst();
}
