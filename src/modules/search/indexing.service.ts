import type { Conn, Dialect } from "../../platform/db/database.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { forgetCounts } from "./counts-cache.js";
import * as repo from "./search.repo.js";
import { type SourceName, sources } from "./sources/all.js";
import type { SourceEntry } from "./sources/source.js";
import type { SearchEntriesTable } from "./tables.js";
import { indexText } from "./text.js";

// Keeping the index in step: a source's change re-indexes its items inside the transaction
// of the change (the modules emit hooks, see index.ts); a rebuild reads everything again.

function toRow(e: SourceEntry, now: string): SearchEntriesTable {
  return {
    id: `${e.type}:${e.refId}`,
    type: e.type,
    ref_id: e.refId,
    source_id: e.sourceId,
    title: e.title,
    body: e.body,
    title_terms: indexText([e.title]),
    body_terms: indexText([e.body, ...e.keywords]),
    url: e.url,
    facets: JSON.stringify([...new Set(e.facets.map(([f, v]) => `${f}:${v}`))]),
    sort_at: e.sortAt,
    indexed_at: now,
  };
}

/**
 * Replaces what the index holds for these items of one source by what they are now: a
 * published item is (re-)entered, a draft, hidden or deleted one disappears. Run it in the
 * transaction of the change.
 */
export async function reindex(db: Conn, dialect: Dialect, source: SourceName, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const s = sources[source];
  const entries = await s.entries(db, unique);
  await repo.deleteEntries(db, dialect, s.types, unique);
  const now = nowIso();
  await repo.insertEntries(
    db,
    dialect,
    entries.map((e) => toRow(e, now)),
  );
}

/** Reads every source again into an emptied index, in one transaction. Returns the number of entries. */
export async function rebuildIndex(platform: Platform): Promise<number> {
  const { kysely, dialect } = platform.db;
  forgetCounts(kysely);
  const total = await kysely.transaction().execute(async (trx) => {
    let total = 0;
    const now = nowIso();
    for (const s of Object.values(sources)) {
      const entries = await s.entries(trx);
      await repo.deleteEntries(trx, dialect, s.types);
      await repo.insertEntries(
        trx,
        dialect,
        entries.map((e) => toRow(e, now)),
      );
      total += entries.length;
    }
    return total;
  });
  // Again once the new index is visible: a search during the rebuild may have counted the old one.
  forgetCounts(kysely);
  return total;
}

/** At start: an empty index (new database, or just migrated) is filled from the sources. */
export async function rebuildIfEmpty(platform: Platform): Promise<void> {
  if ((await repo.countEntries(platform.db.kysely)) > 0) return;
  try {
    const n = await rebuildIndex(platform);
    if (n > 0) platform.logger.info({ entries: n }, "search index rebuilt");
  } catch (error) {
    // Two instances starting at once both find the index empty; the second one's rebuild
    // collides with the first one's rows. The first one's index serves both: start anyway.
    platform.logger.warn({ err: error }, "search index not rebuilt at start");
  }
}
