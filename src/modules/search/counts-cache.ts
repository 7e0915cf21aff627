import type { CountRow } from "./fulltext.js";

// The counts of recent searches, kept for a few seconds: paging through a search or
// switching its type asks for the same counts again (they leave the type filter out), and
// counting thousands of matches is half the work of a broad search. Every change to the
// index forgets them at once (index.ts, indexing.service.ts); a change made by another
// process (the CLI's rebuild, a second app instance on PostgreSQL) shows in the counts at
// the latest after TTL_MS. The page of results itself is always read fresh.

export const TTL_MS = 5_000;
const MAX_ENTRIES = 200;

interface Cache {
  /** Raised by every change: counts computed across a change are not kept. */
  generation: number;
  entries: Map<string, { at: number; rows: readonly CountRow[] }>;
}

// One cache per database (the platform's Kysely instance), so tests' databases never mix.
const caches = new WeakMap<object, Cache>();

function cacheOf(owner: object): Cache {
  let cache = caches.get(owner);
  if (!cache) {
    cache = { generation: 0, entries: new Map() };
    caches.set(owner, cache);
  }
  return cache;
}

/** Forgets every count of this database's searches (the index is changing). */
export function forgetCounts(owner: object): void {
  const cache = cacheOf(owner);
  cache.generation += 1;
  cache.entries.clear();
}

/** The counts for `key` from the last few seconds, or computed now (and kept, unless the index changed meanwhile). */
export async function cachedCounts(
  owner: object,
  key: string,
  compute: () => Promise<readonly CountRow[]>,
): Promise<readonly CountRow[]> {
  const cache = cacheOf(owner);
  const started = Date.now();
  const kept = cache.entries.get(key);
  if (kept && started - kept.at < TTL_MS) return kept.rows;
  const generation = cache.generation;
  const rows = await compute();
  if (cache.generation === generation) {
    cache.entries.delete(key);
    cache.entries.set(key, { at: started, rows });
    if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value ?? "");
  }
  return rows;
}
