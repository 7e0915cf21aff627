import type { Kysely } from "kysely";
import { isPostgres } from "../migration-helpers.js";

/**
 * Uploaded files kept in the database (FILE_STORAGE=database): every app instance on the
 * shared PostgreSQL serves every file, and the backup of the database holds them too.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("file_blobs")
    .addColumn("storage_key", "text", (c) => c.primaryKey())
    .addColumn("data", isPostgres(db) ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("file_blobs").execute();
}
