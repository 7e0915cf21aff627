import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";

/**
 * Tickets and attendance. Every registration gets an opaque ticket code (the QR code
 * on the ticket: unguessable, not the database id); `checked_in_at` is the one record
 * of "present" that check-in, certificates and reports share. Registrations that exist
 * already get a code here, so their tickets work too.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").addColumn("ticket_code", "text").execute();
  await db.schema.alterTable("registrations").addColumn("checked_in_at", "text").execute();
  await db.schema.alterTable("registrations").addColumn("checked_in_by", "text").execute();
  const rows: { id: string }[] = await db.selectFrom("registrations").select("id").execute();
  for (const row of rows) {
    await db
      .updateTable("registrations")
      .set({ ticket_code: randomBytes(15).toString("base64url") })
      .where("id", "=", row.id)
      .execute();
  }
  await db.schema
    .createIndex("registrations_ticket_code_uq")
    .on("registrations")
    .column("ticket_code")
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("registrations_ticket_code_uq").execute();
  await db.schema.alterTable("registrations").dropColumn("checked_in_by").execute();
  await db.schema.alterTable("registrations").dropColumn("checked_in_at").execute();
  await db.schema.alterTable("registrations").dropColumn("ticket_code").execute();
}
