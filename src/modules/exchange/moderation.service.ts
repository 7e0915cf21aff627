import type { Actor } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { fromDbBool, nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { can, requireAccess } from "./access.js";
import { type AttachmentView, attachmentKeys, listAttachments } from "./attachments.service.js";
import { tellAuthor } from "./mails.js";
import { renderMarkdown } from "./markdown.js";
import * as repo from "./posts.repo.js";
import { type PostView, toView, visiblePost } from "./posts.service.js";

// One post's page with its comments, commenting, reporting ("Melden") and the
// moderators' work: hide, show again, delete (the author is told why), the reports queue
// and the edit history.

export interface CommentView {
  id: string;
  authorName: string;
  bodyHtml: string;
  hidden: boolean;
  createdAt: string;
}

export interface RevisionView {
  id: string;
  title: string;
  body: string;
  editorName: string | null;
  reason: string | null;
  createdAt: string;
}

export interface PostPage {
  post: PostView;
  attachments: AttachmentView[];
  comments: CommentView[];
  /** The edit history, newest first: moderators only (empty for everybody else). */
  revisions: RevisionView[];
  canEdit: boolean;
  canModerate: boolean;
  canComment: boolean;
  signedIn: boolean;
}

export async function getPostPage(platform: Platform, actor: Actor, id: string): Promise<PostPage> {
  const db = platform.db.kysely;
  const { row, ref } = await visiblePost(db, actor, id);
  const canModerate = can(actor, "post.moderate", undefined);
  const comments = await repo.listComments(db, row.id, { hidden: canModerate });
  const revisions = canModerate ? await repo.listRevisions(db, row.id) : [];
  return {
    post: await toView(db, row),
    attachments: await listAttachments(db, row.id),
    comments: comments.map((c) => ({
      id: c.id,
      authorName: c.author_name ?? "–",
      bodyHtml: c.body_html,
      hidden: fromDbBool(c.hidden),
      createdAt: c.created_at,
    })),
    revisions: revisions.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      editorName: r.editor_name,
      reason: r.reason,
      createdAt: r.created_at,
    })),
    canEdit: can(actor, "post.edit", ref),
    canModerate,
    canComment: can(actor, "comment.add", ref),
    signedIn: actor.kind === "user",
  };
}

// --- comments ------------------------------------------------------------------------------

export async function addComment(platform: Platform, actor: Actor, postId: string, body: string): Promise<CommentView> {
  const db = platform.db.kysely;
  const { row, ref } = await visiblePost(db, actor, postId);
  requireAccess(actor, "comment.add", ref);
  const comment = {
    id: newId(),
    post_id: row.id,
    author_id: actor.kind === "user" ? actor.id : null,
    body,
    body_html: renderMarkdown(body),
    hidden: 0,
    created_at: nowIso(),
  };
  await repo.insertComment(db, comment);
  return {
    id: comment.id,
    authorName: actor.kind === "user" ? actor.name : "–",
    bodyHtml: comment.body_html,
    hidden: false,
    createdAt: comment.created_at,
  };
}

/** Hide a comment, show it again, or delete it: moderators, with a reason the author is told. */
export async function moderateComment(
  platform: Platform,
  actor: Actor,
  postId: string,
  commentId: string,
  action: "hide" | "show" | "delete",
  reason: string,
): Promise<void> {
  requireAccess(actor, "post.moderate", undefined);
  const db = platform.db.kysely;
  const post = await repo.findPost(db, postId);
  const comment = post ? await repo.findComment(db, post.id, commentId) : undefined;
  if (!post || !comment) throw new NotFoundError();
  await db.transaction().execute(async (trx) => {
    if (action === "delete") await repo.deleteComment(trx, comment.id);
    else await repo.setCommentHidden(trx, comment.id, action === "hide");
    if (action !== "show") {
      await repo.closeReports(trx, { commentId: comment.id }, actor.kind === "user" ? actor.id : null, nowIso());
      await tellAuthor(
        platform,
        trx,
        { id: post.id, title: post.title, author_id: comment.author_id },
        action === "delete" ? "commentDeleted" : "commentHidden",
        reason,
      );
    }
  });
}

// --- reports ("Melden") ---------------------------------------------------------------------

/** Anybody may report a post or one of its comments; the report goes into the moderators' queue. */
export async function reportContent(
  platform: Platform,
  actor: Actor,
  postId: string,
  input: { reason: string; commentId?: string | undefined },
): Promise<void> {
  requireAccess(actor, "report.submit", undefined);
  const db = platform.db.kysely;
  const { row } = await visiblePost(db, actor, postId);
  if (input.commentId && !(await repo.findComment(db, row.id, input.commentId))) throw new NotFoundError();
  await repo.insertReport(db, {
    id: newId(),
    post_id: row.id,
    comment_id: input.commentId ?? null,
    reason: input.reason,
    reporter_id: actor.kind === "user" ? actor.id : null,
    status: "open",
    created_at: nowIso(),
    closed_at: null,
    closed_by: null,
  });
}

export interface ReportView {
  id: string;
  postId: string;
  postTitle: string;
  postHidden: boolean;
  commentId: string | null;
  commentBody: string | null;
  commentHidden: boolean;
  reason: string;
  createdAt: string;
}

/** The back office: open reports, oldest first, and the hidden posts. */
export async function getModerationQueue(
  platform: Platform,
  actor: Actor,
): Promise<{ reports: ReportView[]; hidden: PostView[] }> {
  requireAccess(actor, "post.moderate", undefined);
  const db = platform.db.kysely;
  const reports = await repo.listOpenReports(db);
  const hidden = await repo.listHiddenPosts(db);
  return {
    reports: reports.map((r) => ({
      id: r.id,
      postId: r.post_id,
      postTitle: r.post_title,
      postHidden: fromDbBool(r.post_hidden),
      commentId: r.comment_id,
      commentBody: r.comment_body,
      commentHidden: fromDbBool(r.comment_hidden),
      reason: r.reason,
      createdAt: r.created_at,
    })),
    hidden: await Promise.all(hidden.map((h) => toView(db, h))),
  };
}

/** A report needs no action (or was dealt with otherwise): out of the queue. */
export async function closeReport(platform: Platform, actor: Actor, reportId: string): Promise<void> {
  requireAccess(actor, "post.moderate", undefined);
  const db = platform.db.kysely;
  if (!(await repo.findReport(db, reportId))) throw new NotFoundError();
  await repo.closeReports(db, { reportId }, actor.kind === "user" ? actor.id : null, nowIso());
}

// --- posts ---------------------------------------------------------------------------------

/** Hide a post, show it again, or delete it for good: moderators, with a reason the author is told. */
export async function moderatePost(
  platform: Platform,
  actor: Actor,
  postId: string,
  action: "hide" | "show" | "delete",
  reason: string,
): Promise<void> {
  requireAccess(actor, "post.moderate", undefined);
  const db = platform.db.kysely;
  const post = await repo.findPost(db, postId);
  if (!post) throw new NotFoundError();
  const by = actor.kind === "user" ? actor.id : null;
  const now = nowIso();
  const files = action === "delete" ? await attachmentKeys(db, post.id) : [];
  await db.transaction().execute(async (trx) => {
    if (action === "delete") {
      await tellAuthor(platform, trx, post, "deleted", reason);
      await repo.deletePost(trx, post.id);
    } else {
      await repo.updatePost(trx, post.id, {
        hidden: action === "hide" ? 1 : 0,
        hidden_reason: action === "hide" ? reason : null,
        updated_at: now,
      });
      if (action === "hide") await repo.closeReports(trx, { postId: post.id }, by, now);
      await tellAuthor(platform, trx, post, action === "hide" ? "hidden" : "shown", reason);
    }
    const change = action === "delete" ? "deleted" : action === "hide" ? "hidden" : "shown";
    await platform.hooks.emit("exchange.postChanged", { postId: post.id, change }, { platform, db: trx });
  });
  // The rows are gone with the post; their files go after the commit.
  for (const key of files) await platform.storage.delete(key);
}
