import { type RawBuilder, sql } from "kysely";
import type { Dialect } from "../../platform/db/database.js";
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

export interface DialectSql {
  /**
   * The matching entries as rows (id, type, facets, sort_at, rank; smaller rank is better):
   * the FTS5 table with bm25 (title words ten times the body's) or the tsvector with ts_rank.
   */
  matches(query: string, where: RawBuilder<unknown>): RawBuilder<unknown>;
  /** The same matches for counting only (type, facets): no rank is computed for them. */
  counted(query: string, where: RawBuilder<unknown>): RawBuilder<unknown>;
}

export function dialectSql(dialect: Dialect): DialectSql {
  if (dialect === "sqlite") {
    return {
      matches: (query, where) => sql`
        SELECT r.entry_id AS id, r.type, r.facets, r.sort_at, bm25(search_fts, 10.0, 1.0) AS rank
        -- CROSS JOIN keeps the full-text table outside: SQLite must not scan the rows and ask FTS5 for each.
        FROM search_fts CROSS JOIN search_fts_rows r ON r.rid = search_fts.rowid
        WHERE search_fts MATCH ${query}${where}`,
      counted: (query, where) => sql`
        SELECT r.type, r.facets
        FROM search_fts CROSS JOIN search_fts_rows r ON r.rid = search_fts.rowid
        WHERE search_fts MATCH ${query}${where}`,
    };
  }
  return {
    matches: (query, where) => sql`
      SELECT e.id, e.type, e.facets, e.sort_at, -ts_rank(e.tsv, q.query) AS rank
      FROM search_entries e, to_tsquery('german', ${query}) AS q(query)
      WHERE e.tsv @@ q.query${where}`,
    counted: (query, where) => sql`
      SELECT e.type, e.facets FROM search_entries e WHERE e.tsv @@ to_tsquery('german', ${query})${where}`,
  };
}
