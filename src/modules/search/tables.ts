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
   * Its areas, themes and municipality as a JSON list of "facet:value" texts. With the type
   * it is one row of search_facet_sets, which the filters and counts read. (On PostgreSQL
   * the row also has `tsv`, the tsvector, and `set_id`, that row's number: written and read
   * in raw SQL only, see search.repo.ts.)
   */
  facets: string;
  /** For sorting when there is no query: the Fachtag's date, else the update time. */
  sort_at: string;
  indexed_at: string;
}

/**
 * One distinct pair of type and facet list (search_facet_sets): the counts of a search group
 * the matches by its number. Kept for good; a number is never given twice.
 */
export interface SearchFacetSetsTable {
  sid: Generated<number>;
  type: SearchType;
  facets: string;
}

/**
 * SQLite only: per full-text row what the page's order needs of each match. rid is the FTS5
 * rowid: the number of the entry's facet set × 2³² + a running number (see search.repo.ts).
 * PostgreSQL reads the same from search_entries, whose tsvector column it searches.
 */
export interface SearchFtsRowsTable {
  rid: number;
  entry_id: string;
  sort_at: string;
}

export interface SearchTables {
  search_entries: SearchEntriesTable;
  search_facet_sets: SearchFacetSetsTable;
  search_fts_rows: SearchFtsRowsTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends SearchTables {}
}
