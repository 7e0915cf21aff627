import type { HookHandler, HookResult } from "../../platform/hooks.js";

// Matching's part of a data subject request: the Merkliste and the match e-mail setting.
// Both are the person's alone and go on erasure (the matches between posts stay: they
// belong to the posts, not to a person).

export const exportMatching: HookHandler<"privacy.exportPerson"> = async ({ userId }, { db }) => {
  if (!userId) return null;
  const bookmarks = await db
    .selectFrom("bookmarks")
    .select(["type", "ref_id as refId", "created_at as createdAt"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  const setting = await db
    .selectFrom("matching_settings")
    .select(["notify", "updated_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!bookmarks.length && !setting) return null;
  return {
    part: "matching",
    counts: { bookmarks: bookmarks.length },
    data: {
      bookmarks,
      matchMails: setting ? { on: Number(setting.notify) === 1, updatedAt: setting.updated_at } : null,
    },
  };
};

export const eraseMatching: HookHandler<"privacy.erasePerson"> = async (
  { userId },
  { db },
): Promise<HookResult<"privacy.erasePerson">> => {
  if (!userId) return { part: "matching", removed: {}, kept: {} };
  const bookmarks = await db.deleteFrom("bookmarks").where("user_id", "=", userId).executeTakeFirst();
  await db.deleteFrom("matching_settings").where("user_id", "=", userId).execute();
  const n = Number(bookmarks.numDeletedRows);
  return { part: "matching", removed: n ? { bookmarks: n } : {}, kept: {} };
};
