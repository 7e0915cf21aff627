import type { Kysely } from "kysely";

/**
 * The feedback survey of a Fachtag: its questionnaire, who was sent a link, the unused
 * links (hashes only) and the anonymous answers. Tokens and answers share no column but
 * the Fachtag; neither has a time.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_questionnaires")
    .addColumn("event_id", "text", (c) => c.primaryKey().references("events.id").onDelete("cascade"))
    .addColumn("questions", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("survey_invitations")
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("registration_id", "text", (c) => c.notNull().references("registrations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("survey_invitations_pk", ["event_id", "registration_id"])
    .execute();
  await db.schema
    .createTable("survey_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("survey_tokens_event_idx").on("survey_tokens").column("event_id").execute();
  await db.schema
    .createTable("survey_answers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("answers", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("survey_answers_event_idx").on("survey_answers").column("event_id").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_answers").execute();
  await db.schema.dropTable("survey_tokens").execute();
  await db.schema.dropTable("survey_invitations").execute();
  await db.schema.dropTable("survey_questionnaires").execute();
}
