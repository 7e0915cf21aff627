import type { Generated } from "kysely";

// The search module's tables (see migrations/). The index holds only what everybody may
// see: an entry exists while its source is published and public, and goes with it.

export type SearchType = "organisation" | "offer" | "post" | "event";
export type SearchFacet = "area" | "theme" | "municipality";

export interface SearchEntriesTable {
  /** `${type}:${ref_id}`. */
  id: string;
  type: SearchType;
  /** The id of the organisation, offer, post or Fachtag. */
  ref_id: string;
  /**
   * The id whose change re-indexes this entry: the organisation for itself and its offers,
   * the Fachtag, the post.
   */
  source_id: string;
  title: string;
  /** The readable text a snippet is cut from. */
  body: string;
  /** Normalised, stemmed, decompounded text of title and body (text.ts): what is searched. */
  title_terms: string;
  body_terms: string;
  /** Where the result links to (a path on this site). */
  url: string;
  /**
   * Its areas, themes and municipality as a JSON list of "facet:value" texts: read with
   * every match, so filters and their counts come from the same query.
   */
  facets: string;
  /** For sorting when there is no query: the Fachtag's date, else the update time. */
  sort_at: string;
  indexed_at: string;
}

/**
 * SQLite only: per full-text row (rid = the FTS5 rowid) what the counts read of each match.
 * PostgreSQL reads the same from search_entries, whose tsvector column it searches.
 */
export interface SearchFtsRowsTable {
  rid: Generated<number>;
  entry_id: string;
  type: SearchType;
  facets: string;
  sort_at: string;
}

export interface SearchTables {
  search_entries: SearchEntriesTable;
  search_fts_rows: SearchFtsRowsTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends SearchTables {}
}
