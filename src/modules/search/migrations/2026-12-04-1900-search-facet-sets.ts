import { type Kysely, sql } from "kysely";
import { isPostgres } from "../../../platform/db/migration-helpers.js";

// The counts of a search group the matches by a small number instead of by their type and
// facet list (grouping thousands of matches by a JSON text was what made broad searches
// slow): every distinct pair of type and facet list is one row of search_facet_sets, kept
// for good (its number is never reused, so whoever remembers what a number means is never
// wrong). PostgreSQL stores the number on each entry (set_id). SQLite puts it into the
// full-text row's id itself (rid = set number × 2³² + a running number), so counting the
// matches per set reads nothing but the full-text index; the narrow row table keeps what
// the page's order needs (sort time, entry id). The index is emptied and fills itself again
// at start.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable("search_facet_sets")
    .addColumn("sid", pg ? "serial" : sql`integer`, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("facets", "text", (c) => c.notNull())
    .addUniqueConstraint("search_facet_sets_type_facets_key", ["type", "facets"])
    .execute();
  await db.deleteFrom("search_entries").execute();
  if (pg) {
    await db.schema
      .alterTable("search_entries")
      .addColumn("set_id", "integer", (c) => c.notNull())
      .execute();
  } else {
    await sql`DROP TABLE search_fts`.execute(db);
    await db.schema.dropTable("search_fts_rows").execute();
    await db.schema
      .createTable("search_fts_rows")
      .addColumn("rid", "integer", (c) => c.primaryKey())
      .addColumn("entry_id", "text", (c) => c.notNull().unique())
      .addColumn("sort_at", "text", (c) => c.notNull())
      .execute();
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61', content = '', contentless_delete = 1)`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("search_entries").execute();
  if (isPostgres(db)) {
    await db.schema.alterTable("search_entries").dropColumn("set_id").execute();
  } else {
    await sql`DROP TABLE search_fts`.execute(db);
    await db.schema.dropTable("search_fts_rows").execute();
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
  await db.schema.dropTable("search_facet_sets").execute();
}
