import type { HookHandler, HookResult } from "../../platform/hooks.js";

// The Austausch's part of a data subject request. Art. 15: the person's posts (with their
// earlier versions), comments, reports ("Melden") and attachments. Art. 17: the author is
// removed from all of them, the texts stay — other people's comments and the matches hang
// on the posts, the reports count them — and show no author; a text itself that
// has to go is hidden or deleted by the moderation (decision 0018).

export const exportExchange: HookHandler<"privacy.exportPerson"> = async ({ userId }, { db }) => {
  if (!userId) return null;
  const posts = await db
    .selectFrom("exchange_posts")
    .select([
      "id",
      "kind",
      "title",
      "body",
      "status",
      "municipality",
      "valid_until as validUntil",
      "created_at as createdAt",
      "published_at as publishedAt",
    ])
    .where("author_id", "=", userId)
    .orderBy("created_at")
    .execute();
  const revisions = await db
    .selectFrom("exchange_post_revisions")
    .select(["post_id as postId", "title", "body", "reason", "created_at as createdAt"])
    .where("edited_by", "=", userId)
    .orderBy("created_at")
    .execute();
  const comments = await db
    .selectFrom("exchange_comments")
    .select(["id", "post_id as postId", "body", "created_at as createdAt"])
    .where("author_id", "=", userId)
    .orderBy("created_at")
    .execute();
  const reports = await db
    .selectFrom("exchange_reports")
    .select(["post_id as postId", "comment_id as commentId", "reason", "status", "created_at as createdAt"])
    .where("reporter_id", "=", userId)
    .orderBy("created_at")
    .execute();
  const attachments = await db
    .selectFrom("exchange_attachments")
    .select([
      "post_id as postId",
      "title",
      "original_name as fileName",
      "content_type as contentType",
      "size_bytes as sizeBytes",
      "created_at as createdAt",
    ])
    .where("uploaded_by", "=", userId)
    .execute();
  if (!posts.length && !comments.length && !reports.length && !revisions.length && !attachments.length) return null;
  return {
    part: "exchange",
    counts: { posts: posts.length, comments: comments.length, reports: reports.length },
    data: { posts, revisions, comments, reports, attachments },
  };
};

export const removeExchangeAuthor: HookHandler<"privacy.erasePerson"> = async (
  { userId },
  { db },
): Promise<HookResult<"privacy.erasePerson">> => {
  if (!userId) return { part: "exchange", removed: {}, kept: {} };
  const posts = await db
    .updateTable("exchange_posts")
    .set({ author_id: null })
    .where("author_id", "=", userId)
    .executeTakeFirst();
  const comments = await db
    .updateTable("exchange_comments")
    .set({ author_id: null })
    .where("author_id", "=", userId)
    .executeTakeFirst();
  const reports = await db
    .updateTable("exchange_reports")
    .set({ reporter_id: null })
    .where("reporter_id", "=", userId)
    .executeTakeFirst();
  await db.updateTable("exchange_reports").set({ closed_by: null }).where("closed_by", "=", userId).execute();
  await db.updateTable("exchange_post_revisions").set({ edited_by: null }).where("edited_by", "=", userId).execute();
  await db.updateTable("exchange_attachments").set({ uploaded_by: null }).where("uploaded_by", "=", userId).execute();
  const kept = {
    posts: Number(posts.numUpdatedRows),
    comments: Number(comments.numUpdatedRows),
    reports: Number(reports.numUpdatedRows),
  };
  return { part: "exchange", removed: {}, kept: Object.fromEntries(Object.entries(kept).filter(([, n]) => n > 0)) };
};
