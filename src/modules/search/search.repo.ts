import { sql } from "kysely";
import type { Conn, Dialect } from "../../platform/db/database.js";
import type { SearchEntriesTable, SearchType } from "./tables.js";

// All SQL of the site search. The full-text part differs by database: SQLite keeps an FTS5
// table (search_fts) beside the entries, PostgreSQL a tsvector column on them; the query
// text for either comes from fulltext.ts.

/** Removes the entries of these types that these sources produced (and their FTS rows). */
export async function deleteEntries(
  db: Conn,
  dialect: Dialect,
  types: readonly SearchType[],
  sourceIds?: readonly string[],
): Promise<void> {
  if (sourceIds && sourceIds.length === 0) return;
  for (const chunk of sourceIds ? chunks(sourceIds, 500) : [undefined]) {
    if (dialect === "sqlite") {
      const ids = db
        .selectFrom("search_entries")
        .select("id")
        .where("type", "in", [...types])
        .$if(chunk !== undefined, (q) => q.where("source_id", "in", chunk ?? []));
      await sql`DELETE FROM search_fts WHERE entry_id IN (${ids})`.execute(db);
    }
    await db
      .deleteFrom("search_entries")
      .where("type", "in", [...types])
      .$if(chunk !== undefined, (q) => q.where("source_id", "in", chunk ?? []))
      .execute();
  }
}

/** Stores entries with their full-text rows. */
export async function insertEntries(db: Conn, dialect: Dialect, entries: readonly SearchEntriesTable[]): Promise<void> {
  for (const chunk of chunks(entries, 100)) {
    if (dialect === "postgres") {
      const rows = chunk.map((e) => ({
        ...e,
        // Title words weigh more than the rest (ts_rank's weights A and B).
        tsv: sql<string>`setweight(to_tsvector('german', ${e.title_terms}), 'A') || setweight(to_tsvector('german', ${e.body_terms}), 'B')`,
      }));
      await db
        .insertInto("search_entries")
        .values(rows as unknown as SearchEntriesTable[])
        .execute();
    } else {
      await db
        .insertInto("search_entries")
        .values([...chunk])
        .execute();
      const rows = chunk.map((e) => sql`(${e.id}, ${e.title_terms}, ${e.body_terms})`);
      await sql`INSERT INTO search_fts (entry_id, title, body) VALUES ${sql.join(rows)}`.execute(db);
    }
  }
}

export const countEntries = async (db: Conn): Promise<number> =>
  Number(
    (
      await db
        .selectFrom("search_entries")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );

export interface Match {
  id: string;
  type: SearchType;
  facets: string;
  /** Smaller is better. */
  rank: number;
}

/**
 * Every entry that matches the full-text query (all entries when there is none), best
 * first, with its facets: the page, the filters and the counts all come from this list.
 */
export async function matchingEntries(db: Conn, dialect: Dialect, query: string | null): Promise<Match[]> {
  if (query === null) {
    const { rows } = await sql<Match>`
      SELECT id, type, facets, 0 AS rank FROM search_entries ORDER BY sort_at DESC`.execute(db);
    return rows;
  }
  if (dialect === "sqlite") {
    // bm25 with title words ten times the body's; negative, smaller is better.
    const { rows } = await sql<Match>`
      SELECT e.id, e.type, e.facets, bm25(search_fts, 0, 10.0, 1.0) AS rank
      FROM search_fts JOIN search_entries e ON e.id = search_fts.entry_id
      WHERE search_fts MATCH ${query}
      ORDER BY rank, e.sort_at DESC`.execute(db);
    return rows;
  }
  const { rows } = await sql<Match>`
    SELECT e.id, e.type, e.facets, -ts_rank(e.tsv, q.query) AS rank
    FROM search_entries e, to_tsquery('german', ${query}) AS q(query)
    WHERE e.tsv @@ q.query
    ORDER BY rank, e.sort_at DESC`.execute(db);
  return rows;
}

export async function entriesByIds(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("search_entries")
    .select(["id", "type", "ref_id", "title", "body", "url", "sort_at"])
    .where("id", "in", [...ids])
    .execute();
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
