import type { Kysely } from "kysely";

/**
 * A calendar that imported a Fachtag replaces its entry only when the file carries a
 * higher SEQUENCE for the same UID. The counter goes up with every change of time or
 * venue and with the cancellation, so participants' calendars follow those changes.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("events")
    .addColumn("ics_sequence", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("events").dropColumn("ics_sequence").execute();
}
