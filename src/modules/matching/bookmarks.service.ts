import type { Actor } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { findPublishedOrganisation, getOrganisationSummaries } from "../directory/index.js";
import { getVisibleEvent } from "../events/index.js";
import { publicPostSummaries } from "../exchange/index.js";
import { matchingAccess } from "./access.js";
import * as repo from "./matching.repo.js";

// "Merken": a signed-in person keeps posts, organisations and Fachtage on their Merkliste.
// Only what everybody may see can be kept; what is no longer public drops out of the list.

export const bookmarkTypes = ["post", "organisation", "event"] as const;
export type BookmarkType = (typeof bookmarkTypes)[number];

export interface MerklisteItem {
  type: BookmarkType;
  id: string;
  title: string;
  url: string;
  /** Offers and requests: their page of suggestions. */
  matchesUrl?: string;
}

export interface Merkliste {
  posts: MerklisteItem[];
  organisations: MerklisteItem[];
  events: MerklisteItem[];
  notify: boolean;
}

const userOf = (actor: Actor, permission: "bookmark.keep" | "matching.settings") => {
  matchingAccess.requireAccess(actor, permission, undefined);
  if (actor.kind !== "user") throw new NotFoundError();
  return actor;
};

/** Throws 404 when the thing does not exist or is not public. */
async function requireVisible(platform: Platform, actor: Actor, type: BookmarkType, id: string): Promise<void> {
  const db = platform.db.kysely;
  if (type === "post") {
    if ((await publicPostSummaries(db, [id])).length === 0) throw new NotFoundError("matching.error.notFound");
  } else if (type === "organisation") {
    if (!(await findPublishedOrganisation(db, id))) throw new NotFoundError("matching.error.notFound");
  } else {
    await getVisibleEvent(platform, actor, id);
  }
}

export async function addBookmark(platform: Platform, actor: Actor, type: BookmarkType, id: string): Promise<void> {
  const user = userOf(actor, "bookmark.keep");
  await requireVisible(platform, actor, type, id);
  await repo.insertBookmark(platform.db.kysely, {
    id: newId(),
    user_id: user.id,
    type,
    ref_id: id,
    created_at: nowIso(),
  });
}

export async function removeBookmark(platform: Platform, actor: Actor, type: BookmarkType, id: string): Promise<void> {
  const user = userOf(actor, "bookmark.keep");
  await repo.deleteBookmark(platform.db.kysely, user.id, type, id);
}

/** Whether the actor keeps this thing, and whether they could (signed in). */
export async function bookmarkState(
  platform: Platform,
  actor: Actor,
  type: BookmarkType,
  id: string,
): Promise<{ canKeep: boolean; kept: boolean }> {
  if (!matchingAccess.can(actor, "bookmark.keep", undefined) || actor.kind !== "user") {
    return { canKeep: false, kept: false };
  }
  return { canKeep: true, kept: await repo.hasBookmark(platform.db.kysely, actor.id, type, id) };
}

/** The actor's Merkliste: newest first, only what is still public. */
export async function getMerkliste(platform: Platform, actor: Actor): Promise<Merkliste> {
  const user = userOf(actor, "bookmark.keep");
  const db = platform.db.kysely;
  const rows = await repo.bookmarksOf(db, user.id);
  const ids = (type: BookmarkType) => rows.filter((r) => r.type === type).map((r) => r.ref_id);

  const postRows = new Map((await publicPostSummaries(db, ids("post"))).map((p) => [p.id, p]));
  const posts = ids("post").flatMap((id) => {
    const p = postRows.get(id);
    if (!p) return [];
    const url = `/austausch/${id}`;
    return [
      {
        type: "post" as const,
        id,
        title: p.title,
        url,
        ...(p.kind === "offer" || p.kind === "request" ? { matchesUrl: `${url}/passend` } : {}),
      },
    ];
  });

  const orgs = new Map(
    (await getOrganisationSummaries(db, ids("organisation")))
      .filter((o) => o.status === "published")
      .map((o) => [o.id, o]),
  );
  const organisations = ids("organisation").flatMap((id) => {
    const o = orgs.get(id);
    return o ? [{ type: "organisation" as const, id, title: o.name, url: `/akteure/${o.slug}` }] : [];
  });

  const events: MerklisteItem[] = [];
  for (const id of ids("event")) {
    try {
      const e = await getVisibleEvent(platform, actor, id);
      events.push({ type: "event", id, title: e.title, url: e.url });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return { posts, organisations, events, notify: await repo.notifyOf(db, user.id) };
}

/** "E-Mail bei neuen passenden Beiträgen": on or off (off until chosen). */
export async function setMatchMails(platform: Platform, actor: Actor, notify: boolean): Promise<void> {
  const user = userOf(actor, "matching.settings");
  await repo.setNotify(platform.db.kysely, user.id, notify, nowIso());
}
