import type { Kysely } from "kysely";

/** Per Fachtag: how many days after its end the survey links go out by themselves (0 = never). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_settings")
    .addColumn("event_id", "text", (c) => c.primaryKey().references("events.id").onDelete("cascade"))
    .addColumn("auto_send_days", "integer", (c) => c.notNull())
    .execute();
}
