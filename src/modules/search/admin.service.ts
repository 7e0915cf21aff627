import type { Actor } from "../../platform/auth/actor.js";
import type { Platform } from "../../platform/platform.js";
import { searchAccess } from "./access.js";
import { rebuildIndex } from "./indexing.service.js";
import { countEntries } from "./search.repo.js";

/** The back-office page: how many entries the index holds. */
export async function getIndexStatus(platform: Platform, actor: Actor): Promise<{ count: number }> {
  searchAccess.requireAccess(actor, "search.rebuild", undefined);
  return { count: await countEntries(platform.db.kysely) };
}

/** Reads every source again (after an edited synonym list, an import past the application). */
export async function rebuildSearchIndex(platform: Platform, actor: Actor): Promise<number> {
  searchAccess.requireAccess(actor, "search.rebuild", undefined);
  return rebuildIndex(platform);
}
