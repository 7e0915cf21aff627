import { sql } from "kysely";
import type { Conn, Dialect } from "../../platform/db/database.js";
import { dialectSql } from "./fulltext.js";
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
      const rids = db.selectFrom("search_fts_rows").select("rid").where("entry_id", "in", ids);
      await sql`DELETE FROM search_fts WHERE rowid IN (${rids})`.execute(db);
      await db.deleteFrom("search_fts_rows").where("entry_id", "in", ids).execute();
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
      // The FTS5 row's id is the narrow row's integer key (see the 0501 migration).
      const keys = await db
        .insertInto("search_fts_rows")
        .values(chunk.map((e) => ({ entry_id: e.id, type: e.type, facets: e.facets, sort_at: e.sort_at })))
        .returning(["rid", "entry_id"])
        .execute();
      const byId = new Map(chunk.map((e) => [e.id, e]));
      const rows = keys.map((k) => {
        const e = byId.get(k.entry_id);
        return sql`(${k.rid}, ${e?.title_terms ?? ""}, ${e?.body_terms ?? ""})`;
      });
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES ${sql.join(rows)}`.execute(db);
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

export interface Filters {
  area?: string | undefined;
  theme?: string | undefined;
  municipality?: string | undefined;
}

export interface Answer {
  /** The ids of the page's entries, best first. */
  page: string[];
  /** Matches per type (the type filter left out). */
  types: Map<string, number>;
  /** Matches (of the chosen type) per "facet:value". */
  facets: Map<string, number>;
}

/** A LIKE pattern for one JSON-quoted "facet:value" inside the facets list ('!' escapes). */
const facetPattern = (facet: string, value: string) =>
  `%${JSON.stringify(`${facet}:${value}`).replace(/[!%_]/g, (c) => `!${c}`)}%`;

/**
 * The page and all counts of one search, in two queries that the database can each do
 * well: the page is the best few of the ranked matches; the counts group the matches by
 * type and facet list without ranking them (ranking every one of thousands of matches
 * only to count them was what made broad searches slow). On PostgreSQL both run at once.
 */
export async function answer(
  db: Conn,
  dialect: Dialect,
  query: string | null,
  filters: Filters,
  type: SearchType | undefined,
  slice: { offset: number; limit: number },
): Promise<Answer> {
  const d = dialectSql(dialect);
  const conditions = (["area", "theme", "municipality"] as const)
    .filter((f) => filters[f] !== undefined)
    .map((f) => sql` AND facets LIKE ${facetPattern(f, filters[f] ?? "")} ESCAPE '!'`);
  const where = sql.join(conditions, sql``);
  const matches =
    query === null
      ? sql`SELECT id, type, facets, sort_at, 0 AS rank FROM search_entries WHERE 1 = 1${where}`
      : d.matches(query, where);
  const counted =
    query === null ? sql`SELECT type, facets FROM search_entries WHERE 1 = 1${where}` : d.counted(query, where);
  const ofType = type === undefined ? sql`` : sql` WHERE m.type = ${type}`;
  // Many matches share the same facet list, so only the distinct lists are taken apart (below).
  const [page, groups] = await Promise.all([
    sql<{ id: string }>`
      SELECT m.id FROM (${matches}) AS m${ofType}
      ORDER BY m.rank, m.sort_at DESC, m.id LIMIT ${slice.limit} OFFSET ${slice.offset}`.execute(db),
    sql<{ type: string; facets: string | null; n: number | string }>`
      SELECT c.type, c.facets, COUNT(*) AS n FROM (${counted}) AS c GROUP BY c.type, c.facets`.execute(db),
  ]);
  const result: Answer = { page: page.rows.map((r) => r.id), types: new Map(), facets: new Map() };
  for (const r of groups.rows) {
    const n = Number(r.n);
    result.types.set(r.type, (result.types.get(r.type) ?? 0) + n);
    if (type !== undefined && r.type !== type) continue;
    for (const key of JSON.parse(r.facets ?? "[]") as string[])
      result.facets.set(key, (result.facets.get(key) ?? 0) + n);
  }
  return result;
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
