import type { Kysely } from "kysely";

/**
 * Every registration decides on capacity from one pass over the event's registrations
 * (repo.capacitySnapshot, countTaken). With hold_until in the index beside status and
 * waitlist_order, that pass reads the index alone instead of every table row — it stays
 * cheap when a popular Fachtag has a waitlist of thousands.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("registrations_event_capacity_idx")
    .on("registrations")
    .columns(["event_id", "status", "waitlist_order", "hold_until"])
    .execute();
  await db.schema.dropIndex("registrations_event_status_idx").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("registrations_event_status_idx")
    .on("registrations")
    .columns(["event_id", "status", "waitlist_order"])
    .execute();
  await db.schema.dropIndex("registrations_event_capacity_idx").execute();
}
