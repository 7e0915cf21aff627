import type { Kysely } from "kysely";

/**
 * Scheduled jobs (expiry of unconfirmed registrations, reminders, later retention and
 * digests) run in every app instance's timer, but each period's run must happen once:
 * the instance that takes a job's lease runs it, the others skip until the lease ends.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("lease_until", "text", (c) => c.notNull())
    .addColumn("last_started_at", "text")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_leases").execute();
}
