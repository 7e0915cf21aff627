import type { Kysely } from "kysely";

/**
 * Retention (DSGVO): how many months after its end a Fachtag's personal data is removed
 * (default 6, 1–60), and when that happened (null before) — the retention job's marker.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("events")
    .addColumn("retention_months", "integer", (c) => c.notNull().defaultTo(6))
    .execute();
  await db.schema.alterTable("events").addColumn("personal_data_removed_at", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("events").dropColumn("personal_data_removed_at").execute();
  await db.schema.alterTable("events").dropColumn("retention_months").execute();
}
