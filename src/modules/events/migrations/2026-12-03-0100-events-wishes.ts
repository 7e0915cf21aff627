import type { Kysely } from "kysely";

/**
 * Workshop wishes: how many ranked wishes a participant gives per time slot
 * (1–5, default 3) and when the organiser published the allocation — from then on
 * wishes are final and the placed workshops are what participants hold.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("events")
    .addColumn("max_choices", "integer", (c) => c.notNull().defaultTo(3))
    .execute();
  await db.schema.alterTable("events").addColumn("allocation_published_at", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("events").dropColumn("allocation_published_at").execute();
  await db.schema.alterTable("events").dropColumn("max_choices").execute();
}
