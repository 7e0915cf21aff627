import type { Conn } from "../../platform/db/database.js";
import { type EventView, type SessionView, toEventView, toSessionViews } from "./event-views.js";
import { eventRowsStartingBetween, findEventForUpdate, setEventCapacity, updateEventRow } from "./events.repo.js";
import { listWorkshopRows, setSessionCapacity } from "./sessions.repo.js";

// What the registrations module needs of a Fachtag inside its own transaction: the
// lock for a capacity decision, the workshops to choose from, and the capacity
// columns. Each function takes the open transaction and runs one statement (the lock
// two only for a slug), so a registration costs as many statements as before.

/**
 * Reads the Fachtag (by id or slug) and serialises every capacity decision on it for
 * the rest of the transaction (`SELECT … FOR UPDATE` on PostgreSQL; SQLite runs one
 * transaction at a time on its one connection).
 */
export async function lockEventForCapacity(trx: Conn, idOrSlug: string): Promise<EventView | undefined> {
  const row = await findEventForUpdate(trx, idOrSlug);
  return row ? toEventView(row) : undefined;
}

/** The workshops of a Fachtag in order of time, with their slot index. */
export async function listWorkshops(db: Conn, eventId: string): Promise<SessionView[]> {
  return toSessionViews(await listWorkshopRows(db, eventId));
}

/** Sets the Fachtag's capacity and that of the given workshops (null: only the Fachtag's limit). */
export async function changeCapacities(
  trx: Conn,
  eventId: string,
  input: { capacity: number; workshops: Record<string, number | null> },
  now: string,
): Promise<void> {
  await setEventCapacity(trx, eventId, input.capacity, now);
  for (const [sessionId, capacity] of Object.entries(input.workshops)) {
    await setSessionCapacity(trx, eventId, sessionId, capacity, now);
  }
}

/** Fachtage that are not cancelled and start in (from, to]: candidates for reminders. */
export async function listEventsStartingBetween(db: Conn, from: string, to: string): Promise<EventView[]> {
  return (await eventRowsStartingBetween(db, from, to)).map((r) => toEventView(r));
}

/**
 * Records that the workshop allocation of a Fachtag was published (preference mode): from
 * then on wishes are final. The allocation module calls it inside its publishing transaction.
 */
export async function markAllocationPublished(trx: Conn, eventId: string, at: string): Promise<void> {
  await updateEventRow(trx, eventId, { allocation_published_at: at });
}
