import type { Kysely } from "kysely";

/**
 * Attendance certificates (one per registration, with a unique verification code) and
 * the per-Fachtag settings (signer, signature image, automatic sending).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("registration_id", "text", (c) => c.references("registrations.id").onDelete("set null"))
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("event_title", "text", (c) => c.notNull())
    .addColumn("event_date", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("mailed_at", "text")
    .execute();
  // One certificate per registration; anonymised ones (null) may be many.
  await db.schema
    .createIndex("certificates_registration_idx")
    .unique()
    .on("certificates")
    .column("registration_id")
    .execute();
  await db.schema.createIndex("certificates_event_idx").on("certificates").column("event_id").execute();
  await db.schema
    .createTable("certificate_settings")
    .addColumn("event_id", "text", (c) => c.primaryKey().references("events.id").onDelete("cascade"))
    .addColumn("signer_name", "text")
    .addColumn("signer_function", "text")
    .addColumn("signature_key", "text")
    .addColumn("auto_send_days", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certificate_settings").execute();
  await db.schema.dropTable("certificates").execute();
}
