import { type RawBuilder, sql } from "kysely";
import type { Conn, Dialect } from "../../platform/db/database.js";
import { type CountRow, dialectSql, type PageRow } from "./fulltext.js";
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

/** The key of a type and facet list in search_facet_sets. */
const setKey = (type: string, facets: string) => `${type} ${facets}`;

/**
 * The search_facet_sets numbers of these entries' types and facet lists, adding the ones
 * not there yet (only those: PostgreSQL would spend a sequence number on every conflict).
 */
async function facetSetIds(db: Conn, entries: readonly SearchEntriesTable[]): Promise<Map<string, number>> {
  const wanted = new Map(entries.map((e) => [setKey(e.type, e.facets), { type: e.type, facets: e.facets }]));
  const found = new Map<string, number>();
  const read = async () => {
    const rows = await db
      .selectFrom("search_facet_sets")
      .select(["sid", "type", "facets"])
      .where("facets", "in", [...new Set([...wanted.values()].map((w) => w.facets))])
      .execute();
    for (const r of rows) found.set(setKey(r.type, r.facets), r.sid);
  };
  await read();
  const missing = [...wanted].filter(([key]) => !found.has(key)).map(([, w]) => w);
  if (missing.length > 0) {
    // Another transaction may add the same set meanwhile: then its row is taken.
    await db
      .insertInto("search_facet_sets")
      .values(missing)
      .onConflict((oc) => oc.columns(["type", "facets"]).doNothing())
      .execute();
    await read();
  }
  return found;
}

/** SQLite: a full-text row id is the facet set's number × 2³² + a running number within the set. */
const SET_SPAN = 2 ** 32;
/** …and stays a safe JavaScript integer (better-sqlite3 reads integers as numbers). */
const MAX_SETS = 2 ** 21;

/**
 * SQLite: the next free full-text row ids of these facet sets (the highest one in use in
 * each set's range + 1, or its first), one statement for all.
 */
async function nextRowIds(db: Conn, sids: readonly number[]): Promise<Map<number, number>> {
  for (const sid of sids) {
    if (sid >= MAX_SETS) throw new Error(`search_facet_sets: Nummer ${sid} passt nicht mehr in die Zeilennummern`);
  }
  const values = sql.join(sids.map((sid) => sql`(${sid})`));
  const rows = await sql<{ sid: number; top: number | null }>`
    WITH s(sid) AS (VALUES ${values})
    SELECT s.sid, (SELECT max(rid) FROM search_fts_rows
                   WHERE rid BETWEEN s.sid * ${SET_SPAN} AND s.sid * ${SET_SPAN} + ${SET_SPAN - 1}) AS top
    FROM s`.execute(db);
  return new Map(rows.rows.map((r) => [r.sid, (r.top ?? r.sid * SET_SPAN) + 1]));
}

/** Stores entries with their full-text rows. */
export async function insertEntries(db: Conn, dialect: Dialect, entries: readonly SearchEntriesTable[]): Promise<void> {
  for (const chunk of chunks(entries, 100)) {
    const sets = await facetSetIds(db, chunk);
    const sidOf = (e: SearchEntriesTable) => sets.get(setKey(e.type, e.facets)) ?? 0;
    if (dialect === "postgres") {
      const rows = chunk.map((e) => ({
        ...e,
        set_id: sidOf(e),
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
      const next = await nextRowIds(db, [...new Set(chunk.map(sidOf))]);
      const rows = chunk.map((e) => {
        const sid = sidOf(e);
        const rid = next.get(sid) ?? 0;
        if (rid - sid * SET_SPAN >= SET_SPAN)
          throw new Error(`search_fts_rows: Satz ${sid} hat keine freie Nummer mehr`);
        next.set(sid, rid + 1);
        return { rid, entry: e };
      });
      await db
        .insertInto("search_fts_rows")
        .values(rows.map(({ rid, entry }) => ({ rid, entry_id: entry.id, sort_at: entry.sort_at })))
        .execute();
      const fts = rows.map(({ rid, entry }) => sql`(${rid}, ${entry.title_terms}, ${entry.body_terms})`);
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES ${sql.join(fts)}`.execute(db);
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
  /** The page's entries, best first. */
  page: PageRow[];
  /** Matches per type (the type filter left out). */
  types: Map<string, number>;
  /** Matches (of the chosen type) per "facet:value". */
  facets: Map<string, number>;
}

/** A LIKE pattern for one JSON-quoted "facet:value" inside the facets list ('!' escapes). */
const facetPattern = (facet: string, value: string) =>
  `%${JSON.stringify(`${facet}:${value}`).replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** The facet sets' lists, taken apart once each (the same few thousand lists come back with every search). */
const parsedLists = new Map<string, readonly string[]>();
function facetKeys(facets: string): readonly string[] {
  let keys = parsedLists.get(facets);
  if (!keys) {
    if (parsedLists.size >= 50_000) parsedLists.clear();
    keys = JSON.parse(facets) as string[];
    parsedLists.set(facets, keys);
  }
  return keys;
}

/**
 * The page and all counts of one search, in two queries that the database can each do
 * well: the page is the best few of the ranked matches, read with what a hit shows; the
 * counts group the matches by their facet set's number without ranking them (ranking every
 * one of thousands of matches only to count them, or grouping them by a JSON text, was
 * what made broad searches slow). Filters choose facet sets first (a few thousand rows),
 * the matches are then kept by their set's number. On PostgreSQL both queries run at once.
 */
export async function answer(
  db: Conn,
  dialect: Dialect,
  query: string | null,
  filters: Filters,
  type: SearchType | undefined,
  slice: { offset: number; limit: number },
  /** Where the counts come from: computed (the default), or kept for a while (counts-cache.ts). */
  countsVia: (compute: () => Promise<readonly CountRow[]>) => Promise<readonly CountRow[]> = (compute) => compute(),
): Promise<Answer> {
  const d = dialectSql(dialect);
  const conditions = (["area", "theme", "municipality"] as const)
    .filter((f) => filters[f] !== undefined)
    .map((f) => sql` AND facets LIKE ${facetPattern(f, filters[f] ?? "")} ESCAPE '!'`);
  const sets =
    conditions.length === 0
      ? null
      : await d.facetSets(
          db,
          sql<{ sid: number }>`SELECT sid FROM search_facet_sets WHERE 1 = 1${sql.join(conditions, sql``)}`,
        );
  const run = <R>(statement: RawBuilder<R>) =>
    d.indexOnly(query) && !db.isTransaction
      ? db.transaction().execute(async (trx) => {
          await sql`SET LOCAL enable_seqscan = off`.execute(trx);
          return statement.execute(trx);
        })
      : statement.execute(db);
  const [page, groups] = await Promise.all([
    run(d.page(query, { sets, type }, slice)),
    countsVia(async () => (await run(d.counts(query, { sets }))).rows),
  ]);
  const result: Answer = { page: page.rows, types: new Map(), facets: new Map() };
  for (const r of groups) {
    const n = Number(r.n);
    result.types.set(r.type, (result.types.get(r.type) ?? 0) + n);
    if (type !== undefined && r.type !== type) continue;
    for (const key of facetKeys(r.facets)) result.facets.set(key, (result.facets.get(key) ?? 0) + n);
  }
  return result;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
