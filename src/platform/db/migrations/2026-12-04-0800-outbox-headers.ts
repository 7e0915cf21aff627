import type { Kysely } from "kysely";

/**
 * Extra header lines of a mail (JSON): a digest carries List-Unsubscribe and
 * List-Unsubscribe-Post (RFC 8058) so mail programs offer one-click unsubscribing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("headers", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("headers").execute();
}
