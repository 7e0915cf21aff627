import type { Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import type { EventSessionsTable, EventStatus, EventsTable } from "./tables.js";

type Conn = Kysely<Database> | Transaction<Database>;
export type EventRow = Selectable<EventsTable>;
export type SessionRow = Selectable<EventSessionsTable>;

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

export async function findEvent(db: Conn, idOrSlug: string): Promise<EventRow | undefined> {
  return db
    .selectFrom("events")
    .selectAll()
    .where((eb) => eb.or([eb("id", "=", idOrSlug), eb("slug", "=", idOrSlug)]))
    .executeTakeFirst();
}

/** Locks the event row for the rest of the transaction where the database can (PostgreSQL). */
export async function findEventForUpdate(db: Transaction<Database>, id: string, postgres: boolean) {
  let q = db.selectFrom("events").selectAll().where("id", "=", id);
  if (postgres) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function slugExists(db: Conn, slug: string): Promise<boolean> {
  const row = await db.selectFrom("events").select("id").where("slug", "=", slug).executeTakeFirst();
  return row !== undefined;
}

export interface EventFilter {
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

export async function insertSession(db: Conn, row: Insertable<EventSessionsTable>): Promise<void> {
  await db.insertInto("event_sessions").values(row).execute();
}

export async function updateSessionRow(db: Conn, id: string, changes: Updateable<EventSessionsTable>): Promise<void> {
  await db.updateTable("event_sessions").set(changes).where("id", "=", id).execute();
}

export async function deleteSessionRow(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("event_sessions").where("id", "=", id).execute();
}

export async function findSession(db: Conn, eventId: string, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom("event_sessions")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listSessionRows(db: Conn, eventId: string): Promise<SessionRow[]> {
  return db
    .selectFrom("event_sessions")
    .selectAll()
    .where("event_id", "=", eventId)
    .orderBy("starts_at")
    .orderBy("position")
    .orderBy("title")
    .execute();
}

export async function maxSessionPosition(db: Conn, eventId: string): Promise<number> {
  const row = await db
    .selectFrom("event_sessions")
    .select((eb) => eb.fn.max<number>("position").as("m"))
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function findUserIdByEmail(db: Conn, email: string): Promise<string | undefined> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  return row?.id;
}
