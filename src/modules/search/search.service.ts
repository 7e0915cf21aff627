import { pageSlice } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { fullTextQuery } from "./fulltext.js";
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

const facetsOf = (text: string): [SearchFacet, string][] =>
  text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(":");
      return [line.slice(0, at) as SearchFacet, line.slice(at + 1)];
    });

const countsOf = (map: Map<string, number>): FacetCount[] =>
  [...map.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "de"));

export async function search(platform: Platform, input: SearchInput): Promise<SearchOutcome> {
  const { kysely, dialect } = platform.db;
  const terms = queryTerms(input.q);
  const query = fullTextQuery(dialect, terms);
  const filtered = input.area !== undefined || input.theme !== undefined || input.municipality !== undefined;
  const types = { organisation: 0, offer: 0, post: 0, event: 0 };
  const facets: Record<SearchFacet, FacetCount[]> = { area: [], theme: [], municipality: [] };
  if (query === null && !filtered) {
    return { searched: false, hits: [], total: 0, page: 1, pageCount: 1, types, facets };
  }
  const wanted: [SearchFacet, string | undefined][] = [
    ["area", input.area],
    ["theme", input.theme],
    ["municipality", input.municipality],
  ];
  const matches = (await repo.matchingEntries(kysely, dialect, query))
    .map((m) => ({ ...m, facetList: facetsOf(m.facets) }))
    .filter((m) => wanted.every(([f, v]) => v === undefined || m.facetList.some(([mf, mv]) => mf === f && mv === v)));
  for (const m of matches) types[m.type] += 1;
  const shown = input.type ? matches.filter((m) => m.type === input.type) : matches;
  const counters: Record<SearchFacet, Map<string, number>> = {
    area: new Map(),
    theme: new Map(),
    municipality: new Map(),
  };
  for (const m of shown) {
    for (const [f, v] of m.facetList) counters[f].set(v, (counters[f].get(v) ?? 0) + 1);
  }
  for (const f of Object.keys(counters) as SearchFacet[]) facets[f] = countsOf(counters[f]);
  const slice = pageSlice(shown.length, input.page ?? 1, PAGE_SIZE);
  const pageIds = shown.slice(slice.offset, slice.offset + slice.limit).map((m) => m.id);
  const rows = new Map((await repo.entriesByIds(kysely, pageIds)).map((r) => [r.id, r]));
  const stems = highlightStems(terms);
  const hits = pageIds.flatMap((id) => {
    const row = rows.get(id);
    if (!row) return [];
    return [{ type: row.type, id: row.ref_id, title: row.title, snippet: snippet(row.body, stems), url: row.url }];
  });
  return { searched: true, hits, total: shown.length, page: slice.page, pageCount: slice.pageCount, types, facets };
}

/** A snippet as plain text (the API's form). */
export const snippetText = (parts: readonly SnippetPart[]): string => parts.map((p) => p.text).join("");
