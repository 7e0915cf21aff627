import type { Selectable } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { EventDocumentsTable } from "./tables.js";

// All SQL of a Fachtag's documents.

export type DocumentRow = Selectable<EventDocumentsTable>;

export async function insertDocument(db: Conn, row: EventDocumentsTable): Promise<void> {
  await db.insertInto("event_documents").values(row).execute();
}

/** The documents of a Fachtag, oldest first; only the public ones unless `all`. */
export async function listDocuments(db: Conn, eventId: string, options: { all: boolean }): Promise<DocumentRow[]> {
  let query = db.selectFrom("event_documents").selectAll().where("event_id", "=", eventId);
  if (!options.all) query = query.where("public", "=", 1);
  return query.orderBy("created_at").orderBy("id").execute();
}

/** The public documents of several Fachtage at once (the archive), in one query. */
export async function listPublicDocumentsOf(db: Conn, eventIds: string[]): Promise<DocumentRow[]> {
  if (!eventIds.length) return [];
  return db
    .selectFrom("event_documents")
    .selectAll()
    .where("event_id", "in", eventIds)
    .where("public", "=", 1)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function findDocument(db: Conn, eventId: string, id: string): Promise<DocumentRow | undefined> {
  return db
    .selectFrom("event_documents")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function updateDocument(
  db: Conn,
  eventId: string,
  id: string,
  fields: Pick<EventDocumentsTable, "kind" | "title" | "public" | "alt_text" | "session_id" | "updated_at">,
): Promise<void> {
  await db.updateTable("event_documents").set(fields).where("event_id", "=", eventId).where("id", "=", id).execute();
}

export async function deleteDocument(db: Conn, eventId: string, id: string): Promise<void> {
  await db.deleteFrom("event_documents").where("event_id", "=", eventId).where("id", "=", id).execute();
}

/** Deletes the Fachtag's internal documents (retention: they may hold personal data); returns their storage keys. */
export async function deleteInternalDocuments(db: Conn, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("event_documents")
    .select("storage_key")
    .where("event_id", "=", eventId)
    .where("public", "=", 0)
    .execute();
  if (rows.length) {
    await db.deleteFrom("event_documents").where("event_id", "=", eventId).where("public", "=", 0).execute();
  }
  return rows.map((r) => r.storage_key);
}
