import { berlinDay } from "../../lib/berlin-time.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { fromDbBool, nowIso } from "../../platform/db/time.js";
import { NotFoundError, ValidationError } from "../../platform/http/errors.js";
import { pageSlice } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import {
  findPublishedOrganisation,
  getOrganisationSummaries,
  isMemberOf,
  organisationIdsOfMember,
} from "../directory/index.js";
import { type PostRef, requireAccess } from "./access.js";
import { isOfferOrRequest, type PostKind, type PostStatus, type Practice, practiceFields } from "./kinds.js";
import { tellAuthor } from "./mails.js";
import { renderMarkdown } from "./markdown.js";
import * as repo from "./posts.repo.js";
import type { PostInput } from "./schema.js";

// Posts of the Austausch: ideas, experience reports, practice examples, offers and
// requests. The Markdown is rendered and sanitised when it is written; every page and the
// API show the stored HTML. Members write in the name of an organisation they represent.

export const PAGE_SIZE = 20;

export interface PostView {
  id: string;
  kind: PostKind;
  title: string;
  body: string;
  bodyHtml: string;
  areas: string[];
  themes: string[];
  targetGroups: string[];
  practice: Practice | null;
  municipality: string | null;
  organisationId: string | null;
  organisationName: string | null;
  organisationSlug: string | null;
  authorId: string | null;
  status: PostStatus;
  hidden: boolean;
  hiddenReason: string | null;
  /** An offer or request that is published, not done and not past its date. */
  open: boolean;
  /** Past its date (offers and requests). */
  expired: boolean;
  validUntil: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** The page of the post, e.g. "/austausch/<id>". */
  url: string;
}

export const postPath = (id: string) => `/austausch/${id}`;
export const today = () => berlinDay(new Date());

const list = (json: string): string[] => {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
};

async function toViews(db: Conn, rows: repo.PostRow[]): Promise<PostView[]> {
  const orgs = await getOrganisationSummaries(
    db,
    rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : [])),
  );
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const day = today();
  return rows.map((r) => {
    const org = r.organisation_id ? byId.get(r.organisation_id) : undefined;
    const expired = Boolean(r.valid_until && r.valid_until < day);
    return {
      id: r.id,
      kind: r.kind as PostKind,
      title: r.title,
      body: r.body,
      bodyHtml: r.body_html,
      areas: list(r.areas),
      themes: list(r.themes),
      targetGroups: list(r.target_groups),
      practice: r.practice ? (JSON.parse(r.practice) as Practice) : null,
      municipality: r.municipality,
      organisationId: r.organisation_id,
      organisationName: org?.name ?? null,
      organisationSlug: org?.status === "published" ? org.slug : null,
      authorId: r.author_id,
      status: r.status as PostStatus,
      hidden: fromDbBool(r.hidden),
      hiddenReason: r.hidden_reason,
      open: isOfferOrRequest(r.kind) && r.status === "published" && !fromDbBool(r.hidden) && !expired,
      expired,
      validUntil: r.valid_until,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      publishedAt: r.published_at,
      url: postPath(r.id),
    };
  });
}

export async function toView(db: Conn, row: repo.PostRow): Promise<PostView> {
  const [view] = await toViews(db, [row]);
  return view!;
}

/** Whether everybody may read the post: published or done, and not hidden. */
export const isPublic = (row: Pick<repo.PostRow, "status" | "hidden">) =>
  (row.status === "published" || row.status === "done") && !fromDbBool(row.hidden);

/** The post as the policies see it: public, and whether it is the actor's own. */
export async function postRef(db: Conn, actor: Actor, row: repo.PostRow): Promise<PostRef> {
  let own = false;
  if (actor.kind === "user") {
    own =
      row.author_id === actor.id ||
      (row.organisation_id !== null && (await isMemberOf(db, actor.id, row.organisation_id)));
  }
  return { public: isPublic(row), own };
}

/** A post the actor may read (404 for one they may not even know of). */
export async function visiblePost(db: Conn, actor: Actor, id: string): Promise<{ row: repo.PostRow; ref: PostRef }> {
  const row = await repo.findPost(db, id);
  if (!row) throw new NotFoundError();
  const ref = await postRef(db, actor, row);
  requireAccess(actor, "post.see", ref, { hide: true });
  return { row, ref };
}

// --- lists ---------------------------------------------------------------------------------

export interface PostListFilter {
  kind?: PostKind | undefined;
  area?: string | undefined;
  theme?: string | undefined;
  municipality?: string | undefined;
  q?: string | undefined;
  open?: boolean | undefined;
}

/**
 * The published posts matching `filter`, newest first, without permission checks (they
 * are public): for search, matching and reports. Expired offers and requests leave the
 * open list by themselves (`open`), decided at query time with today's Berlin date.
 */
export async function listPublishedPosts(
  db: Conn,
  filter: PostListFilter & { organisationId?: string; limit?: number } = {},
): Promise<PostView[]> {
  const rows = await repo.listPublicPosts(
    db,
    { ...filter, today: today() },
    { offset: 0, limit: filter.limit ?? 1000 },
  );
  return toViews(db, rows);
}

/**
 * How many posts of each kind were made public in [from, to) (ISO UTC, by the day they were
 * first published) and are public still — published or "erledigt", not hidden; drafts and
 * archived posts do not count. What a reader can find in the Austausch: for the reports and
 * the start page's figures.
 */
export function postCounts(db: Conn, range: { from: string; to: string }): Promise<Record<string, number>> {
  return repo.countPublicPostsPublishedBetween(db, range.from, range.to);
}

/** Of the posts `postCounts` counts, the ids of the offers and requests: for the reports' matched count. */
export function offerRequestIds(db: Conn, range: { from: string; to: string }): Promise<string[]> {
  return repo.offerRequestIdsPublishedBetween(db, range.from, range.to);
}

/** Of the posts `postCounts` counts, the offers and requests marked "erledigt": for the reports. */
export function donePostCount(db: Conn, range: { from: string; to: string }): Promise<number> {
  return repo.countDonePublishedBetween(db, range.from, range.to);
}

/**
 * Id, title, kind, status and author of those of `ids` everybody may read (published or
 * "erledigt", not hidden; drafts, archived and hidden posts are left out), in no order: for
 * matching's Merkliste, its suggestion pages and its e-mails.
 */
export async function publicPostSummaries(
  db: Conn,
  ids: readonly string[],
): Promise<{ id: string; title: string; kind: string; status: string; authorId: string | null }[]> {
  const rows = await repo.publicPostsByIds(db, ids);
  return rows.map((r) => ({ id: r.id, title: r.title, kind: r.kind, status: r.status, authorId: r.author_id }));
}

/** One page of the public list at /austausch and in the API. */
export async function listPosts(
  platform: Platform,
  filter: PostListFilter,
  page: number,
): Promise<{ items: PostView[]; total: number; page: number; pageCount: number }> {
  const db = platform.db.kysely;
  const f = { ...filter, today: today() };
  const total = await repo.countPublicPosts(db, f);
  const slice = pageSlice(total, page, PAGE_SIZE);
  const rows = await repo.listPublicPosts(db, f, slice);
  return { items: await toViews(db, rows), total, page: slice.page, pageCount: slice.pageCount };
}

/** "Meine Beiträge": the actor's own posts and those of their organisations, drafts too. */
export async function listMyPosts(platform: Platform, actor: Actor): Promise<PostView[]> {
  requireAccess(actor, "post.create", undefined);
  if (actor.kind !== "user") return [];
  const db = platform.db.kysely;
  const orgs = await organisationIdsOfMember(db, actor.id);
  return toViews(db, await repo.listOwnPosts(db, actor.id, orgs));
}

// --- writing -------------------------------------------------------------------------------

/** The organisations the actor may post for (admins: none needed, any allowed). */
export async function postingOrganisations(platform: Platform, actor: Actor): Promise<{ id: string; name: string }[]> {
  requireAccess(actor, "post.create", undefined);
  if (actor.kind !== "user" || actor.role !== "member") return [];
  const db = platform.db.kysely;
  const ids = await organisationIdsOfMember(db, actor.id);
  // A member who represents no organisation has nobody to write for.
  requireAccess(actor, "post.postFor", { represents: ids.length > 0 });
  return (await getOrganisationSummaries(db, ids)).map((o) => ({ id: o.id, name: o.name }));
}

/**
 * The organisation a post is written for. A member names one they represent (another
 * organisation is 403), or none when they represent exactly one; an admin may name any
 * published organisation or none (then the post is the education office's).
 */
async function organisationFor(db: Conn, actor: Actor, organisationId: string | undefined): Promise<string | null> {
  if (actor.kind !== "user") return null;
  if (!organisationId) {
    if (actor.role === "admin") return null;
    const own = await organisationIdsOfMember(db, actor.id);
    if (own.length === 1) return own[0]!;
    if (own.length === 0) requireAccess(actor, "post.postFor", { represents: false });
    throw new ValidationError({ organisationId: "exchange.validation.organisationRequired" });
  }
  const represents = actor.role === "admin" || (await isMemberOf(db, actor.id, organisationId));
  requireAccess(actor, "post.postFor", { represents });
  if (actor.role === "admin" && !(await findPublishedOrganisation(db, organisationId))) {
    throw new ValidationError({ organisationId: "exchange.validation.organisationUnknown" });
  }
  return organisationId;
}

/** Rules across fields: a date only for offers and requests, never in the past; "done" only for them. */
function checkRules(input: { kind: string; status: string; validUntil: string | null }, dateChanged: boolean): void {
  const errors: Record<string, string> = {};
  if (input.validUntil && dateChanged && input.validUntil < today()) {
    errors.validUntil = "exchange.validation.validUntilPast";
  }
  if (input.status === "done" && !isOfferOrRequest(input.kind)) errors.status = "exchange.validation.doneOnlyOffers";
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

function practiceJson(kind: string, practice: Practice | null | undefined): string | null {
  if (kind !== "practice" || !practice) return null;
  const clean: Practice = {};
  for (const f of practiceFields) if (practice[f]?.trim()) clean[f] = practice[f]!.trim();
  return Object.keys(clean).length ? JSON.stringify(clean) : null;
}

export async function createPost(platform: Platform, actor: Actor, input: PostInput): Promise<PostView> {
  requireAccess(actor, "post.create", undefined);
  const db = platform.db.kysely;
  const organisationId = await organisationFor(db, actor, input.organisationId);
  if (input.status !== "draft" && input.status !== "published") {
    throw new ValidationError({ status: "exchange.validation.status" });
  }
  const validUntil = isOfferOrRequest(input.kind) ? (input.validUntil ?? null) : null;
  checkRules({ kind: input.kind, status: input.status, validUntil }, true);
  const now = nowIso();
  const row = {
    id: newId(),
    kind: input.kind,
    title: input.title,
    body: input.body,
    body_html: renderMarkdown(input.body),
    areas: JSON.stringify(input.areas),
    themes: JSON.stringify(input.themes),
    target_groups: JSON.stringify(input.targetGroups),
    practice: practiceJson(input.kind, input.practice),
    municipality: input.municipality ?? null,
    organisation_id: organisationId,
    author_id: actor.kind === "user" ? actor.id : null,
    status: input.status,
    hidden: 0,
    hidden_reason: null,
    valid_until: validUntil,
    created_at: now,
    updated_at: now,
    published_at: input.status === "published" ? now : null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertPost(trx, row);
    await platform.hooks.emit("exchange.postChanged", { postId: row.id, change: "created" }, { platform, db: trx });
  });
  return toView(db, row);
}

/** What a change may set; absent fields stay, null clears. */
export interface PostPatch {
  kind?: PostKind | undefined;
  title?: string | undefined;
  body?: string | undefined;
  areas?: string[] | undefined;
  themes?: string[] | undefined;
  targetGroups?: string[] | undefined;
  municipality?: string | null | undefined;
  organisationId?: string | null | undefined;
  validUntil?: string | null | undefined;
  status?: PostStatus | undefined;
  practice?: Practice | null | undefined;
  reason?: string | undefined;
}

/** The post for its edit form: only who may change it. */
export async function getPostForEdit(
  platform: Platform,
  actor: Actor,
  id: string,
): Promise<{ post: PostView; moderating: boolean }> {
  const db = platform.db.kysely;
  const { row, ref } = await visiblePost(db, actor, id);
  requireAccess(actor, "post.edit", ref);
  return { post: await toView(db, row), moderating: !ref.own };
}

/**
 * Changes a post. The text before the change goes into the edit history. A moderator who
 * changes somebody else's post gives a reason, which the author is told by e-mail.
 */
export async function updatePost(platform: Platform, actor: Actor, id: string, patch: PostPatch): Promise<PostView> {
  const db = platform.db.kysely;
  const { row, ref } = await visiblePost(db, actor, id);
  requireAccess(actor, "post.edit", ref);
  const moderating = !ref.own;
  if (moderating && !patch.reason) throw new ValidationError({ reason: "exchange.validation.reasonRequired" });
  let organisationId = row.organisation_id;
  if (patch.organisationId !== undefined && patch.organisationId !== row.organisation_id) {
    organisationId = patch.organisationId === null ? null : await organisationFor(db, actor, patch.organisationId);
    if (organisationId === null && actor.kind === "user" && actor.role !== "admin") {
      throw new ValidationError({ organisationId: "exchange.validation.organisationRequired" });
    }
  }
  const kind = patch.kind ?? (row.kind as PostKind);
  const status = patch.status ?? (row.status as PostStatus);
  const validUntil = isOfferOrRequest(kind)
    ? patch.validUntil === undefined
      ? row.valid_until
      : patch.validUntil
    : null;
  checkRules({ kind, status, validUntil }, validUntil !== row.valid_until);
  const title = patch.title ?? row.title;
  const body = patch.body ?? row.body;
  const now = nowIso();
  const fields = {
    kind,
    title,
    body,
    body_html: body === row.body ? row.body_html : renderMarkdown(body),
    areas: patch.areas ? JSON.stringify(patch.areas) : row.areas,
    themes: patch.themes ? JSON.stringify(patch.themes) : row.themes,
    target_groups: patch.targetGroups ? JSON.stringify(patch.targetGroups) : row.target_groups,
    practice:
      patch.practice === undefined ? (kind === "practice" ? row.practice : null) : practiceJson(kind, patch.practice),
    municipality: patch.municipality === undefined ? row.municipality : patch.municipality,
    organisation_id: organisationId,
    status,
    valid_until: validUntil,
    updated_at: now,
    published_at: row.published_at ?? (status === "published" ? now : null),
  };
  await db.transaction().execute(async (trx) => {
    if (title !== row.title || body !== row.body) {
      await repo.insertRevision(trx, {
        id: newId(),
        post_id: row.id,
        title: row.title,
        body: row.body,
        edited_by: actor.kind === "user" ? actor.id : null,
        reason: moderating ? (patch.reason ?? null) : null,
        created_at: now,
      });
    }
    await repo.updatePost(trx, row.id, fields);
    if (moderating) await tellAuthor(platform, trx, row, "edited", patch.reason ?? "");
    await platform.hooks.emit("exchange.postChanged", { postId: row.id, change: "updated" }, { platform, db: trx });
  });
  return toView(db, { ...row, ...fields });
}
