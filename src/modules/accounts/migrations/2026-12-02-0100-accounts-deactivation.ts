import type { Kysely } from "kysely";

/**
 * An account can be switched off without deleting it: the person keeps their data and
 * links (organisations, Fachtage, tokens) but cannot sign in, and nothing they hold works.
 * `deactivated_at` is ISO UTC text on both databases (our own column, not Better Auth's);
 * null means active. The reason is an optional note of the education office.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("deactivated_at", "text").execute();
  await db.schema.alterTable("users").addColumn("deactivation_reason", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("deactivation_reason").execute();
  await db.schema.alterTable("users").dropColumn("deactivated_at").execute();
}
