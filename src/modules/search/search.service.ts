import { pageSlice } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { cachedCounts } from "./counts-cache.js";
import { type CountRow, fullTextQuery } from "./fulltext.js";
import type { SearchTypeId } from "./schema.js";
import * as repo from "./search.repo.js";
import type { SearchFacet } from "./tables.js";
import { highlightStems, queryTerms, type SnippetPart, snippet } from "./text.js";

// The one search over the site. Reading needs no permission: the index holds nothing but
// what everybody may see (see sources/), so every visitor gets the same answer.

export const PAGE_SIZE = 20;

export interface SearchInput {
  q?: string | undefined;
  type?: SearchTypeId | undefined;
  area?: string | undefined;
  theme?: string | undefined;
  municipality?: string | undefined;
  page?: number | undefined;
}

export interface SearchHit {
  type: SearchTypeId;
  id: string;
  title: string;
  snippet: SnippetPart[];
  url: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchOutcome {
  /** False when there was nothing to search for (no words, no filter). */
  searched: boolean;
  hits: SearchHit[];
  total: number;
  page: number;
  pageCount: number;
  /** Results per type for the query and the other filters (the type filter left out). */
  types: Record<SearchTypeId, number>;
  /** Areas, themes and municipalities of the results, most frequent first. */
  facets: Record<SearchFacet, FacetCount[]>;
}

const countsOf = (facets: Map<string, number>, facet: SearchFacet): FacetCount[] =>
  [...facets.entries()]
    .filter(([key]) => key.startsWith(`${facet}:`))
    .map(([key, count]) => ({ value: key.slice(facet.length + 1), count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "de"));

export async function search(platform: Platform, input: SearchInput): Promise<SearchOutcome> {
  const { kysely, dialect } = platform.db;
  const terms = queryTerms(input.q);
  const query = fullTextQuery(dialect, terms);
  const filters = { area: input.area, theme: input.theme, municipality: input.municipality };
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const types: Record<SearchTypeId, number> = { organisation: 0, offer: 0, post: 0, event: 0 };
  if (query === null && !filtered) {
    const facets = { area: [], theme: [], municipality: [] };
    return { searched: false, hits: [], total: 0, page: 1, pageCount: 1, types, facets };
  }
  // The page asked for is cut at once; one beyond the last is asked again as the last.
  const requested = Math.max(1, Math.trunc(input.page ?? 1));
  // The counts leave the type and the page out: the same for every page and type of this search.
  const counts = (compute: () => Promise<readonly CountRow[]>) =>
    cachedCounts(kysely, JSON.stringify([query, filters.area, filters.theme, filters.municipality]), compute);
  let found = await repo.answer(
    kysely,
    dialect,
    query,
    filters,
    input.type,
    { offset: (requested - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    counts,
  );
  for (const [type, n] of found.types) if (type in types) types[type as SearchTypeId] = n;
  const total = input.type ? types[input.type] : Object.values(types).reduce((a, b) => a + b, 0);
  const slice = pageSlice(total, requested, PAGE_SIZE);
  if (slice.page !== requested) {
    found = await repo.answer(kysely, dialect, query, filters, input.type, slice, counts);
  }
  const stems = highlightStems(terms);
  const hits = found.page.map((row) => ({
    type: row.type,
    id: row.ref_id,
    title: row.title,
    snippet: snippet(row.body, stems),
    url: row.url,
  }));
  const facets = {
    area: countsOf(found.facets, "area"),
    theme: countsOf(found.facets, "theme"),
    municipality: countsOf(found.facets, "municipality"),
  };
  return { searched: true, hits, total, page: slice.page, pageCount: slice.pageCount, types, facets };
}

/** A snippet as plain text (the API's form). */
export const snippetText = (parts: readonly SnippetPart[]): string => parts.map((p) => p.text).join("");
