import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("registrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    // pending | confirmed | waitlisted | cancelled | expired
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("waitlist_order", "integer")
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull()) // lower case
    .addColumn("organisation", "text")
    .addColumn("organisation_id", "text")
    .addColumn("organisation_kind", "text")
    .addColumn("role", "text")
    .addColumn("municipality", "text")
    .addColumn("dietary_needs", "text")
    .addColumn("accessibility_needs", "text")
    .addColumn("consent_privacy", "integer", (c) => c.notNull())
    .addColumn("consent_photos", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("consent_participant_list", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("consents_at", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull().defaultTo("{}")) // JSON object
    .addColumn("manage_token_hash", "text", (c) => c.notNull().unique())
    .addColumn("confirm_token_hash", "text", (c) => c.unique())
    .addColumn("hold_until", "text")
    .addColumn("source", "text", (c) => c.notNull()) // web | api | manual
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("cancelled_at", "text")
    .execute();
  await db.schema
    .createIndex("registrations_event_status_idx")
    .on("registrations")
    .columns(["event_id", "status", "waitlist_order"])
    .execute();
  // One active registration per person and event, enforced by the database as well
  // (partial unique index: same syntax on SQLite and PostgreSQL).
  await db.schema
    .createIndex("registrations_active_email_uq")
    .on("registrations")
    .columns(["event_id", "email"])
    .unique()
    .where(sql.ref("status"), "in", ["pending", "confirmed", "waitlisted"])
    .execute();

  await db.schema
    .createTable("registration_workshops")
    .addColumn("registration_id", "text", (c) => c.notNull().references("registrations.id").onDelete("cascade"))
    .addColumn("session_id", "text", (c) => c.notNull().references("event_sessions.id").onDelete("cascade"))
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("registration_workshops_pk", ["registration_id", "slot"])
    .execute();
  await db.schema
    .createIndex("registration_workshops_session_idx")
    .on("registration_workshops")
    .column("session_id")
    .execute();

  await db.schema
    .createTable("registration_questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // text | choice | yesno
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("options", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("registration_questions_event_idx")
    .on("registration_questions")
    .column("event_id")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("registration_questions").execute();
  await db.schema.dropTable("registration_workshops").execute();
  await db.schema.dropTable("registrations").execute();
}
