import type { Kysely } from "kysely";

/**
 * Ranked workshop wishes (preference mode): per registration and time slot, rank 1
 * is the first wish. The same workshop can be wished once per registration. The
 * allocation reads these; the placed workshops go to registration_workshops.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("registration_preferences")
    .addColumn("registration_id", "text", (c) => c.notNull().references("registrations.id").onDelete("cascade"))
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.notNull().references("event_sessions.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("registration_preferences_pk", ["registration_id", "slot", "rank"])
    .addUniqueConstraint("registration_preferences_session_uq", ["registration_id", "session_id"])
    .execute();
  await db.schema
    .createIndex("registration_preferences_session_idx")
    .on("registration_preferences")
    .column("session_id")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("registration_preferences").execute();
}
