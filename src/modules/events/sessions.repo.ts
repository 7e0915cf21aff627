import type { Insertable, Selectable, Updateable } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { EventSessionsTable } from "./tables.js";

// SQL on the programme (event_sessions). Functions take the database or an open transaction first.

type SessionRow = Selectable<EventSessionsTable>;

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

/** Only the workshops: what a registration chooses from (one statement, through the event index). */
export async function listWorkshopRows(db: Conn, eventId: string): Promise<SessionRow[]> {
  return db
    .selectFrom("event_sessions")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("kind", "=", "workshop")
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

export async function setSessionCapacity(
  db: Conn,
  eventId: string,
  sessionId: string,
  capacity: number | null,
  now: string,
): Promise<void> {
  await db
    .updateTable("event_sessions")
    .set({ capacity, updated_at: now })
    .where("id", "=", sessionId)
    .where("event_id", "=", eventId)
    .execute();
}
