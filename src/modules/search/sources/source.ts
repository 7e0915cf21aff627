import type { Conn } from "../../../platform/db/database.js";
import type { SearchFacet, SearchType } from "../tables.js";

/**
 * What one kind of content gives the site search. A source is a small adapter: it reads
 * its module's published, public items and says how each is found and shown. Adding one
 * (the Austausch's posts, say) is a file here, one line in sources/index.ts and a hook
 * subscription in the module's manifest that calls `reindex(…, "<source>", ids)`.
 */
export interface SearchSource {
  name: string;
  /** The entry types this source fills; its entries are replaced as a whole per source id. */
  types: readonly SearchType[];
  /**
   * The entries for these source ids (all when undefined). Only what everybody may see:
   * an id whose item is a draft, hidden, internal or gone simply yields nothing.
   */
  entries(db: Conn, sourceIds?: readonly string[]): Promise<SourceEntry[]>;
}

export interface SourceEntry {
  type: SearchType;
  refId: string;
  /** The id whose change re-indexes this entry (see SearchEntriesTable.source_id). */
  sourceId: string;
  title: string;
  /** The readable text shown as the snippet (plain text). */
  body: string;
  /** Further words to find it by that the snippet need not show (kind, themes, target groups). */
  keywords: readonly (string | null | undefined)[];
  url: string;
  sortAt: string;
  facets: readonly (readonly [SearchFacet, string])[];
}

/** A JSON list stored as text, as the modules keep them; anything else counts as empty. */
export function jsonList(text: string | null | undefined): unknown[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

export const strings = (text: string | null | undefined): string[] =>
  jsonList(text).filter((v): v is string => typeof v === "string" && v.trim() !== "");

/** Plain text of several parts, empty ones left out; a part ending in a full stop gets no second one. */
export function joinText(parts: readonly (string | null | undefined)[], separator = " · "): string {
  const kept = parts.map((p) => p?.trim()).filter((p): p is string => Boolean(p));
  const stop = separator.trimEnd();
  return kept
    .map((p, i) => (i === kept.length - 1 ? p : stop && p.endsWith(stop) ? `${p} ` : `${p}${separator}`))
    .join("");
}

export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export function chunked<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
