import type { Conn } from "../../platform/db/database.js";
import type { BookmarksTable } from "./tables.js";

// All SQL of matching and bookmarks. Posts are read through the Austausch's index.ts; two reads
// go to other modules' tables that their public API does not offer: the coordinates of
// organisations (directory) and the name and e-mail of an author (accounts) — read-only, in
// the caller's transaction (see README, "Seams").

export async function coordinatesOf(
  db: Conn,
  organisationIds: readonly string[],
): Promise<Map<string, { lat: number; lon: number }>> {
  if (organisationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("organisations")
    .select(["id", "lat", "lon"])
    .where("id", "in", [...new Set(organisationIds)])
    .execute();
  const out = new Map<string, { lat: number; lon: number }>();
  for (const r of rows) if (r.lat != null && r.lon != null) out.set(r.id, { lat: Number(r.lat), lon: Number(r.lon) });
  return out;
}

export function userContact(db: Conn, id: string): Promise<{ name: string; email: string } | undefined> {
  return db.selectFrom("users").select(["name", "email"]).where("id", "=", id).executeTakeFirst();
}

// --- pairs ---------------------------------------------------------------------------------

export async function knownPairs(db: Conn, postId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("post_matches")
    .select(["offer_id", "request_id"])
    .where((eb) => eb.or([eb("offer_id", "=", postId), eb("request_id", "=", postId)]))
    .execute();
  return new Set(rows.map((r) => `${r.offer_id}|${r.request_id}`));
}

/** Of these posts, the ones that are one side of a pair the platform suggested (at any time). */
export async function postsWithPairs(db: Conn, ids: readonly string[]): Promise<number> {
  let found = 0;
  // In chunks: a year of a big district has thousands of offers and requests.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom("post_matches")
      .select(["offer_id", "request_id"])
      .where((eb) => eb.or([eb("offer_id", "in", chunk), eb("request_id", "in", chunk)]))
      .execute();
    const wanted = new Set(chunk);
    const paired = new Set(rows.flatMap((r) => [r.offer_id, r.request_id]).filter((id) => wanted.has(id)));
    found += paired.size;
  }
  return found;
}

export async function insertPair(
  db: Conn,
  row: { id: string; offer_id: string; request_id: string; reasons: string; created_at: string },
): Promise<void> {
  await db
    .insertInto("post_matches")
    .values(row)
    .onConflict((oc) => oc.columns(["offer_id", "request_id"]).doNothing())
    .execute();
}

// --- settings ------------------------------------------------------------------------------

export async function notifyOf(db: Conn, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("matching_settings")
    .select("notify")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.notify === 1;
}

export async function setNotify(db: Conn, userId: string, notify: boolean, now: string): Promise<void> {
  await db
    .insertInto("matching_settings")
    .values({ user_id: userId, notify: notify ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ notify: notify ? 1 : 0, updated_at: now }))
    .execute();
}

// --- bookmarks -----------------------------------------------------------------------------

export function bookmarksOf(db: Conn, userId: string): Promise<BookmarksTable[]> {
  return db
    .selectFrom("bookmarks")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

export async function hasBookmark(db: Conn, userId: string, type: string, refId: string): Promise<boolean> {
  const row = await db
    .selectFrom("bookmarks")
    .select("id")
    .where("user_id", "=", userId)
    .where("type", "=", type)
    .where("ref_id", "=", refId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertBookmark(db: Conn, row: BookmarksTable): Promise<void> {
  await db
    .insertInto("bookmarks")
    .values(row)
    .onConflict((oc) => oc.columns(["user_id", "type", "ref_id"]).doNothing())
    .execute();
}

export async function deleteBookmark(db: Conn, userId: string, type: string, refId: string): Promise<void> {
  await db
    .deleteFrom("bookmarks")
    .where("user_id", "=", userId)
    .where("type", "=", type)
    .where("ref_id", "=", refId)
    .execute();
}
