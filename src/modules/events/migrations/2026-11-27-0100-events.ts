import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("subtitle", "text")
    .addColumn("description", "text")
    .addColumn("themes", "text", (c) => c.notNull().defaultTo("[]")) // JSON array of strings
    .addColumn("target_groups", "text", (c) => c.notNull().defaultTo("[]")) // JSON array of strings
    .addColumn("organisers", "text", (c) => c.notNull().defaultTo("[]")) // JSON array of {name, organisationId?}
    .addColumn("starts_at", "text", (c) => c.notNull()) // ISO UTC
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("venue_name", "text", (c) => c.notNull())
    .addColumn("venue_room", "text")
    .addColumn("venue_address", "text")
    .addColumn("venue_accessibility", "text")
    .addColumn("venue_directions", "text")
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("registration_opens_at", "text")
    .addColumn("registration_closes_at", "text")
    .addColumn("confirm_by_email", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("hold_hours", "integer", (c) => c.notNull().defaultTo(24))
    .addColumn("reminder_days", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("fee", "text")
    .addColumn("credit_hours", "real")
    .addColumn("contact_name", "text")
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    // draft | published | registration_open | registration_closed | held | documented | cancelled
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("workshop_choice", "text", (c) => c.notNull().defaultTo("first_come")) // first_come | preferences
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("events_starts_at_idx").on("events").columns(["status", "starts_at"]).execute();

  await db.schema
    .createTable("event_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // talk | workshop | panel | break | welcome | other
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("abstract", "text")
    .addColumn("speakers", "text", (c) => c.notNull().defaultTo("[]")) // JSON array of {name, role?, organisation?}
    .addColumn("room", "text")
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("capacity", "integer") // workshops only; null = unlimited within the event
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("event_sessions_event_idx")
    .on("event_sessions")
    .columns(["event_id", "starts_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("event_sessions").execute();
  await db.schema.dropTable("events").execute();
}
