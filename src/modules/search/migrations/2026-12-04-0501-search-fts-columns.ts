import { type Kysely, sql } from "kysely";
import { isPostgres } from "../../../platform/db/migration-helpers.js";

// What the counts need of every match (type, facets, sort time) is read in one pass over
// the matches: on SQLite from a narrow table whose integer key is the full-text row's id
// (reading columns through the FTS5 table costs several times as much), the FTS5 table
// itself keeps no copy of the text (contentless). The facets are now a JSON list on both
// databases; the index is emptied and fills itself again at start.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`DROP TABLE search_fts`.execute(db);
    await db.schema
      .createTable("search_fts_rows")
      .addColumn("rid", "integer", (c) => c.primaryKey())
      .addColumn("entry_id", "text", (c) => c.notNull().unique())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("facets", "text", (c) => c.notNull())
      .addColumn("sort_at", "text", (c) => c.notNull())
      .execute();
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61', content = '', contentless_delete = 1)`.execute(
      db,
    );
  }
  await db.deleteFrom("search_entries").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`DROP TABLE search_fts`.execute(db);
    await db.schema.dropTable("search_fts_rows").execute();
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(entry_id UNINDEXED, title, body, tokenize = 'unicode61')`.execute(
      db,
    );
  }
  await db.deleteFrom("search_entries").execute();
}
