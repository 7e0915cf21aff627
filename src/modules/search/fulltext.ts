import { type RawBuilder, sql } from "kysely";
import type { Conn, Dialect } from "../../platform/db/database.js";
import type { SearchType } from "./tables.js";
import type { Phrase, QueryTerm } from "./text.js";

// The one place where SQLite and PostgreSQL differ: how the prepared query terms (see
// text.ts) are written in each database's full-text query language (fullTextQuery), and
// the few SQL pieces around it (dialectSql). Both get the same
// logic: every term must match (AND), any alternative of a term may (OR), the words of an
// alternative follow each other, and a word of four letters or more also matches as the
// start of a longer word ("Sprachför" finds "Sprachförderung"); shorter words, mostly
// abbreviations ("VHS", "DaZ"), match only whole ("daz" does not find "dazu").

const PREFIX_FROM = 4;

/** Words are [a-z0-9] only (normalised in text.ts), so no quoting or escaping is needed beyond this. */
const safe = (word: string) => word.replace(/[^a-z0-9]/g, "");

function fts5Phrase(phrase: Phrase): string {
  const ws = phrase.map(safe).filter(Boolean);
  const last = ws[ws.length - 1] ?? "";
  return `"${ws.join(" ")}"${last.length >= PREFIX_FROM ? "*" : ""}`;
}

function tsqueryPhrase(phrase: Phrase): string {
  const ws = phrase.map(safe).filter(Boolean);
  const parts = ws.map((w, i) => (i === ws.length - 1 && w.length >= PREFIX_FROM ? `${w}:*` : w));
  return parts.length > 1 ? `(${parts.join(" <-> ")})` : (parts[0] ?? "");
}

/**
 * The full-text query for the terms: an FTS5 MATCH expression for SQLite, a `to_tsquery`
 * text for PostgreSQL (parsed with the German configuration, like the stored vector).
 * Returns null when nothing is left to search for.
 */
export function fullTextQuery(dialect: Dialect, terms: readonly QueryTerm[]): string | null {
  const phrase = dialect === "sqlite" ? fts5Phrase : tsqueryPhrase;
  const [and, or] = dialect === "sqlite" ? [" AND ", " OR "] : [" & ", " | "];
  const written = terms
    .map((term) => term.map(phrase).filter((p) => p.replace(/["*():<>\- ]/g, "") !== ""))
    .filter((alternatives) => alternatives.length > 0)
    .map((alternatives) => (alternatives.length > 1 ? `(${alternatives.join(or)})` : (alternatives[0] ?? "")));
  return written.length > 0 ? written.join(and) : null;
}

export interface Slice {
  offset: number;
  limit: number;
}

/** Which matches count: of these facet sets (area, theme, municipality filters), of this type. */
export interface Restriction {
  /** The facet sets the filters leave, as `facetSets` gave them; null: no facet filter. */
  sets: RawBuilder<unknown> | null;
  type?: SearchType | undefined;
}

export interface DialectSql {
  /**
   * The facet sets that a SELECT of search_facet_sets numbers chooses, in the form the
   * queries below take: on SQLite the SELECT itself (a subquery), on PostgreSQL its result
   * as a list (a subquery there, with sequential scans off, can make the planner scan the
   * matches once per set).
   */
  facetSets(db: Conn, select: RawBuilder<{ sid: number }>): Promise<RawBuilder<unknown>>;
  /**
   * One page of the matches, best first, with what a hit shows (id, type, ref_id, title,
   * body, url): ranked by bm25 on SQLite (title words ten times the body's) or ts_rank on
   * PostgreSQL (title words weight A), then newest, then id. Without a query (filters only),
   * newest first.
   */
  page(query: string | null, only: Restriction, slice: Slice): RawBuilder<PageRow>;
  /** The matches per facet set (type, facets, n): grouped by the set's number, not ranked. */
  counts(query: string | null, only: Restriction): RawBuilder<CountRow>;
  /**
   * True when the page and counts should be read with sequential scans turned off
   * (PostgreSQL with a query: its planner takes a scan of every row for cheaper than the GIN
   * index once a word matches a fifth of the entries, but testing each row's tsvector costs
   * several times the index).
   */
  indexOnly(query: string | null): boolean;
}

export interface PageRow {
  id: string;
  type: SearchType;
  ref_id: string;
  title: string;
  body: string;
  url: string;
}

export interface CountRow {
  type: SearchType;
  facets: string;
  n: number | string;
}

const shown = sql`e.id, e.type, e.ref_id, e.title, e.body, e.url`;

export function dialectSql(dialect: Dialect): DialectSql {
  if (dialect === "sqlite") {
    // The FTS5 rowid is the facet set's number × 2³² + a running number (search.repo.ts):
    // rowid >> 32 is the set, read without touching any other table.
    const only = (rowid: RawBuilder<unknown>, { sets, type }: Restriction) => {
      if (type === undefined) return sets === null ? sql`` : sql` AND ${rowid} >> 32 IN (${sets})`;
      const ofType = sql`SELECT sid FROM search_facet_sets WHERE type = ${type}`;
      return sql` AND ${rowid} >> 32 IN (${sets === null ? ofType : sql`${ofType} AND sid IN (${sets})`})`;
    };
    return {
      facetSets: async (_db, select) => select,
      // CROSS JOIN keeps the full-text table outside: SQLite must not scan the rows and ask
      // FTS5 for each. Only the page's few rows are then read from search_entries.
      page: (query, restriction, { offset, limit }) =>
        query === null
          ? sql<PageRow>`
            SELECT ${shown} FROM (
              SELECT entry_id AS id, sort_at FROM search_fts_rows WHERE 1 = 1${only(sql`rid`, restriction)}
              ORDER BY sort_at DESC, entry_id LIMIT ${limit} OFFSET ${offset}
            ) AS p CROSS JOIN search_entries e ON e.id = p.id
            ORDER BY p.sort_at DESC, p.id`
          : sql<PageRow>`
            SELECT ${shown} FROM (
              SELECT r.entry_id AS id, bm25(search_fts, 10.0, 1.0) AS rank, r.sort_at
              FROM search_fts CROSS JOIN search_fts_rows r ON r.rid = search_fts.rowid
              WHERE search_fts MATCH ${query}${only(sql`search_fts.rowid`, restriction)}
              ORDER BY rank, r.sort_at DESC, r.entry_id LIMIT ${limit} OFFSET ${offset}
            ) AS p CROSS JOIN search_entries e ON e.id = p.id
            ORDER BY p.rank, p.sort_at DESC, p.id`,
      counts: (query, restriction) => sql<CountRow>`
        SELECT s.type, s.facets, g.n FROM (
          ${
            query === null
              ? sql`SELECT rid >> 32 AS sid, COUNT(*) AS n FROM search_fts_rows
                WHERE 1 = 1${only(sql`rid`, restriction)} GROUP BY sid`
              : sql`SELECT search_fts.rowid >> 32 AS sid, COUNT(*) AS n FROM search_fts
                WHERE search_fts MATCH ${query}${only(sql`search_fts.rowid`, restriction)} GROUP BY sid`
          }
        ) AS g CROSS JOIN search_facet_sets s ON s.sid = g.sid`,
      indexOnly: () => false,
    };
  }
  const only = ({ sets, type }: Restriction) =>
    sql`${sets === null ? sql`` : sql` AND e.set_id = ANY(${sets})`}${type === undefined ? sql`` : sql` AND e.type = ${type}`}`;
  return {
    facetSets: async (db, select) => sql`${(await select.execute(db)).rows.map((r) => r.sid)}::int[]`,
    page: (query, restriction, { offset, limit }) =>
      query === null
        ? sql<PageRow>`
          SELECT ${shown} FROM search_entries e WHERE 1 = 1${only(restriction)}
          ORDER BY e.sort_at DESC, e.id LIMIT ${limit} OFFSET ${offset}`
        : sql<PageRow>`
          SELECT ${shown} FROM search_entries e, to_tsquery('german', ${query}) AS q(query)
          WHERE e.tsv @@ q.query${only(restriction)}
          ORDER BY ts_rank(e.tsv, q.query) DESC, e.sort_at DESC, e.id LIMIT ${limit} OFFSET ${offset}`,
    counts: (query, restriction) => sql<CountRow>`
      SELECT s.type, s.facets, g.n FROM (
        SELECT e.set_id AS sid, COUNT(*) AS n FROM search_entries e
        WHERE ${query === null ? sql`1 = 1` : sql`e.tsv @@ to_tsquery('german', ${query})`}${only(restriction)}
        GROUP BY e.set_id
      ) AS g JOIN search_facet_sets s ON s.sid = g.sid`,
    indexOnly: (query) => query !== null,
  };
}
