import { type Insertable, PostgresAdapter, type Selectable, type Updateable } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { EventStatus, EventsTable } from "./tables.js";

// SQL on the events table. Functions take the database or an open transaction first.

type EventRow = Selectable<EventsTable>;

export async function insertEvent(db: Conn, row: Insertable<EventsTable>): Promise<void> {
  await db.insertInto("events").values(row).execute();
}

export async function updateEventRow(db: Conn, id: string, changes: Updateable<EventsTable>): Promise<void> {
  await db.updateTable("events").set(changes).where("id", "=", id).execute();
}

export async function deleteEventRow(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("event_sessions").where("event_id", "=", id).execute();
  await db.deleteFrom("events").where("id", "=", id).execute();
}

const isPostgres = (db: Conn) => db.getExecutor().adapter instanceof PostgresAdapter;

// Two lookups, by primary key and by the unique slug, cost less than one `id = ? or slug = ?`.
async function eventByIdOrSlug(db: Conn, idOrSlug: string, forUpdate: boolean): Promise<EventRow | undefined> {
  return (await eventWhere(db, "id", idOrSlug, forUpdate)) ?? eventWhere(db, "slug", idOrSlug, forUpdate);
}

function eventWhere(db: Conn, column: "id" | "slug", value: string, forUpdate: boolean): Promise<EventRow | undefined> {
  const query = db.selectFrom("events").selectAll().where(column, "=", value);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function findEvent(db: Conn, idOrSlug: string): Promise<EventRow | undefined> {
  return eventByIdOrSlug(db, idOrSlug, false);
}

/**
 * Reads the event row and serialises every decision on it for the rest of the
 * transaction. PostgreSQL: `SELECT … FOR UPDATE` locks the row, so concurrent
 * transactions — also from other app instances — queue here. SQLite: every
 * transaction runs on the one connection, one after another, so the read is
 * already serialised.
 */
export async function findEventForUpdate(trx: Conn, idOrSlug: string): Promise<EventRow | undefined> {
  return eventByIdOrSlug(trx, idOrSlug, isPostgres(trx));
}

export async function slugExists(db: Conn, slug: string): Promise<boolean> {
  const row = await db.selectFrom("events").select("id").where("slug", "=", slug).executeTakeFirst();
  return row !== undefined;
}

interface EventFilter {
  statuses?: EventStatus[];
  excludeStatuses?: EventStatus[];
  startsFrom?: string;
  startsBefore?: string;
  endsFrom?: string;
  endsBefore?: string;
  createdBy?: string;
  order?: "asc" | "desc";
  limit?: number;
}

export async function listEventRows(db: Conn, f: EventFilter = {}): Promise<EventRow[]> {
  let q = db.selectFrom("events").selectAll();
  if (f.statuses?.length) q = q.where("status", "in", f.statuses);
  if (f.excludeStatuses?.length) q = q.where("status", "not in", f.excludeStatuses);
  if (f.startsFrom) q = q.where("starts_at", ">=", f.startsFrom);
  if (f.startsBefore) q = q.where("starts_at", "<", f.startsBefore);
  if (f.endsFrom) q = q.where("ends_at", ">=", f.endsFrom);
  if (f.endsBefore) q = q.where("ends_at", "<", f.endsBefore);
  if (f.createdBy) q = q.where("created_by", "=", f.createdBy);
  q = q.orderBy("starts_at", f.order ?? "asc").orderBy("id");
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

/** Fachtage that are not cancelled and start in (from, to]. */
export async function eventRowsStartingBetween(db: Conn, from: string, to: string): Promise<EventRow[]> {
  return db
    .selectFrom("events")
    .selectAll()
    .where("starts_at", ">", from)
    .where("starts_at", "<=", to)
    .where("status", "!=", "cancelled")
    .execute();
}

export async function setEventCapacity(db: Conn, eventId: string, capacity: number, now: string): Promise<void> {
  await db.updateTable("events").set({ capacity, updated_at: now }).where("id", "=", eventId).execute();
}

/**
 * The demo data's organiser account. Reads the accounts module's users table because
 * accounts offers no lookup by e-mail yet; only the demo seed uses it.
 */
export async function findUserIdByEmail(db: Conn, email: string): Promise<string | undefined> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  return row?.id;
}
