import type { Conn } from "../../platform/db/database.js";
import type { ContactsTable } from "./tables.js";

export async function contactsOf(db: Conn, organisationId: string): Promise<ContactsTable[]> {
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

export async function findContact(db: Conn, id: string): Promise<ContactsTable | undefined> {
  return db.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertContact(db: Conn, row: ContactsTable): Promise<void> {
  await db.insertInto("contacts").values(row).execute();
}

export async function updateContact(db: Conn, id: string, values: Partial<Omit<ContactsTable, "id">>): Promise<void> {
  await db.updateTable("contacts").set(values).where("id", "=", id).execute();
}

export async function deleteContact(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("contacts").where("id", "=", id).execute();
}
