import type { Platform } from "../../platform/platform.js";

// The filter options and the form choices change rarely but cost a scan of all
// organisations: each instance keeps them for a short while. A write in this instance
// clears them at once; other instances catch up within TTL_MS (a new theme appears in
// the filter list a little later, no harm).

const TTL_MS = 30_000;
const caches = new WeakMap<Platform, Map<string, { at: number; value: Promise<unknown> }>>();

/** The cached value of `key`, loaded again when older than TTL_MS or after a failed load. */
export function cached<T>(platform: Platform, key: string, load: () => Promise<T>): Promise<T> {
  const entries = caches.get(platform) ?? new Map<string, { at: number; value: Promise<unknown> }>();
  caches.set(platform, entries);
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load();
  value.catch(() => entries.delete(key));
  entries.set(key, { at: Date.now(), value });
  return value;
}

/** Forgets everything cached (after any change to organisations). */
export function invalidateDirectoryCaches(platform: Platform): void {
  caches.delete(platform);
}
