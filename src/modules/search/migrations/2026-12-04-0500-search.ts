import { type Kysely, sql } from "kysely";
import { isPostgres } from "../../../platform/db/migration-helpers.js";

// The site search's index. The tables are built with the schema builder; the full-text
// index itself has no builder form in either database: SQLite gets an FTS5 table beside
// the entries, PostgreSQL a tsvector column with a GIN index (docs/decisions/0014-site-search.md).

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("ref_id", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("title_terms", "text", (c) => c.notNull())
    .addColumn("body_terms", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("facets", "text", (c) => c.notNull())
    .addColumn("sort_at", "text", (c) => c.notNull())
    .addColumn("indexed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("search_entries_source_idx")
    .on("search_entries")
    .columns(["source_id", "type"])
    .execute();
  if (isPostgres(db)) {
    await db.schema
      .alterTable("search_entries")
      .addColumn("tsv", sql`tsvector`, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("search_entries_tsv_idx").on("search_entries").using("gin").column("tsv").execute();
  } else {
    // The words are normalised already (text.ts): unicode61 only splits at the spaces.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(entry_id UNINDEXED, title, body, tokenize = 'unicode61')`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`DROP TABLE search_fts`.execute(db);
  await db.schema.dropTable("search_entries").execute();
}
