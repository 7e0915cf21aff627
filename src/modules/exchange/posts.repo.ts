import { type Selectable, sql } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type {
  ExchangeCommentsTable,
  ExchangePostRevisionsTable,
  ExchangePostsTable,
  ExchangeReportsTable,
} from "./tables.js";

// All SQL of the Austausch: posts, their edit history, comments and reports.

export type PostRow = Selectable<ExchangePostsTable>;
export type CommentRow = Selectable<ExchangeCommentsTable> & { author_name: string | null };
export type RevisionRow = Selectable<ExchangePostRevisionsTable> & { editor_name: string | null };

/** Filters of the public lists. `today` (Europe/Berlin) decides which offers are still open. */
export interface PostFilter {
  kind?: string | undefined;
  area?: string | undefined;
  theme?: string | undefined;
  municipality?: string | undefined;
  q?: string | undefined;
  /** Only offers and requests that are published, not done and not past their date. */
  open?: boolean | undefined;
  organisationId?: string | undefined;
  today: string;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Whether a JSON list column holds `value` (same case), on both databases. */
const listHolds = (column: "areas" | "themes" | "target_groups", value: string) =>
  sql<boolean>`${sql.ref(column)} like ${`%${likeEscape(JSON.stringify(value))}%`} escape '\\'`;

/** Readable by everybody: published or done, and not hidden by a moderator. */
function publicPosts(db: Conn, filter: PostFilter) {
  let query = db.selectFrom("exchange_posts").where("hidden", "=", 0).where("status", "in", ["published", "done"]);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.municipality) query = query.where("municipality", "=", filter.municipality);
  if (filter.organisationId) query = query.where("organisation_id", "=", filter.organisationId);
  if (filter.area) query = query.where(listHolds("areas", filter.area));
  if (filter.theme) query = query.where(listHolds("themes", filter.theme));
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(title) like ${pattern} escape '\\'`,
        sql<boolean>`lower(body) like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (filter.open) {
    query = query
      .where("kind", "in", ["offer", "request"])
      .where("status", "=", "published")
      .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">=", filter.today)]));
  }
  return query;
}

export async function countPublicPosts(db: Conn, filter: PostFilter): Promise<number> {
  const row = await publicPosts(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Newest first. */
export async function listPublicPosts(
  db: Conn,
  filter: PostFilter,
  slice: { offset: number; limit: number },
): Promise<PostRow[]> {
  return publicPosts(db, filter)
    .selectAll()
    .orderBy("published_at", "desc")
    .orderBy("id")
    .offset(slice.offset)
    .limit(slice.limit)
    .execute();
}

/** Drafts, archived and hidden posts of these authors or organisations ("Meine Beiträge"). */
export async function listOwnPosts(db: Conn, authorId: string, organisationIds: string[]): Promise<PostRow[]> {
  return db
    .selectFrom("exchange_posts")
    .selectAll()
    .where((eb) =>
      organisationIds.length
        ? eb.or([eb("author_id", "=", authorId), eb("organisation_id", "in", organisationIds)])
        : eb("author_id", "=", authorId),
    )
    .orderBy("updated_at", "desc")
    .limit(200)
    .execute();
}

// The figures of reports and the start page count what a reader finds in the Austausch: posts
// made public (first published) in the period that are still public — published or
// "erledigt", not hidden by a moderator. Drafts, archived and hidden posts are not counted.
function publicPostsPublishedBetween(db: Conn, from: string, to: string) {
  return db
    .selectFrom("exchange_posts")
    .where("published_at", ">=", from)
    .where("published_at", "<", to)
    .where("status", "in", ["published", "done"])
    .where("hidden", "=", 0);
}

export async function countPublicPostsPublishedBetween(
  db: Conn,
  from: string,
  to: string,
): Promise<Record<string, number>> {
  const rows = await publicPostsPublishedBetween(db, from, to)
    .select(["kind", (eb) => eb.fn.countAll<number | string>().as("n")])
    .groupBy("kind")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Of those, the offers and requests their authors have since marked "erledigt". */
export async function countDonePublishedBetween(db: Conn, from: string, to: string): Promise<number> {
  const row = await publicPostsPublishedBetween(db, from, to)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("status", "=", "done")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Of those, the ids of the offers and requests (for the reports' "how many found a match"). */
export async function offerRequestIdsPublishedBetween(db: Conn, from: string, to: string): Promise<string[]> {
  const rows = await publicPostsPublishedBetween(db, from, to)
    .select("id")
    .where("kind", "in", ["offer", "request"])
    .execute();
  return rows.map((r) => r.id);
}

/** The posts among these ids that everybody may read (published or "erledigt", not hidden). */
export function publicPostsByIds(
  db: Conn,
  ids: readonly string[],
): Promise<Pick<PostRow, "id" | "title" | "kind" | "status" | "author_id">[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("exchange_posts")
    .select(["id", "title", "kind", "status", "author_id"])
    .where("id", "in", [...new Set(ids)])
    .where("status", "in", ["published", "done"])
    .where("hidden", "=", 0)
    .execute();
}

export async function findPost(db: Conn, id: string): Promise<PostRow | undefined> {
  return db.selectFrom("exchange_posts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertPost(db: Conn, row: ExchangePostsTable): Promise<void> {
  await db.insertInto("exchange_posts").values(row).execute();
}

export async function updatePost(
  db: Conn,
  id: string,
  fields: Partial<Omit<ExchangePostsTable, "id" | "created_at">>,
): Promise<void> {
  await db.updateTable("exchange_posts").set(fields).where("id", "=", id).execute();
}

export async function deletePost(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("exchange_reports").where("post_id", "=", id).execute();
  await db.deleteFrom("exchange_comments").where("post_id", "=", id).execute();
  await db.deleteFrom("exchange_post_revisions").where("post_id", "=", id).execute();
  await db.deleteFrom("exchange_attachments").where("post_id", "=", id).execute();
  await db.deleteFrom("exchange_posts").where("id", "=", id).execute();
}

export async function userName(db: Conn, id: string | null): Promise<{ name: string; email: string } | undefined> {
  if (!id) return undefined;
  return db.selectFrom("users").select(["name", "email"]).where("id", "=", id).executeTakeFirst();
}

// --- edit history ---------------------------------------------------------------------------

export async function insertRevision(db: Conn, row: ExchangePostRevisionsTable): Promise<void> {
  await db.insertInto("exchange_post_revisions").values(row).execute();
}

export async function listRevisions(db: Conn, postId: string): Promise<RevisionRow[]> {
  return db
    .selectFrom("exchange_post_revisions as r")
    .leftJoin("users as u", "u.id", "r.edited_by")
    .selectAll("r")
    .select("u.name as editor_name")
    .where("r.post_id", "=", postId)
    .orderBy("r.created_at", "desc")
    .orderBy("r.id")
    .execute();
}

// --- comments --------------------------------------------------------------------------------

export async function insertComment(db: Conn, row: ExchangeCommentsTable): Promise<void> {
  await db.insertInto("exchange_comments").values(row).execute();
}

export async function listComments(db: Conn, postId: string, options: { hidden: boolean }): Promise<CommentRow[]> {
  let query = db
    .selectFrom("exchange_comments as c")
    .leftJoin("users as u", "u.id", "c.author_id")
    .selectAll("c")
    .select("u.name as author_name")
    .where("c.post_id", "=", postId);
  if (!options.hidden) query = query.where("c.hidden", "=", 0);
  return query.orderBy("c.created_at").orderBy("c.id").execute();
}

export async function findComment(
  db: Conn,
  postId: string,
  id: string,
): Promise<Selectable<ExchangeCommentsTable> | undefined> {
  return db
    .selectFrom("exchange_comments")
    .selectAll()
    .where("post_id", "=", postId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function setCommentHidden(db: Conn, id: string, hidden: boolean): Promise<void> {
  await db
    .updateTable("exchange_comments")
    .set({ hidden: hidden ? 1 : 0 })
    .where("id", "=", id)
    .execute();
}

export async function deleteComment(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("exchange_reports").where("comment_id", "=", id).execute();
  await db.deleteFrom("exchange_comments").where("id", "=", id).execute();
}

// --- reports ---------------------------------------------------------------------------------

export async function insertReport(db: Conn, row: ExchangeReportsTable): Promise<void> {
  await db.insertInto("exchange_reports").values(row).execute();
}

export type OpenReportRow = Selectable<ExchangeReportsTable> & {
  post_title: string;
  post_hidden: number;
  comment_body: string | null;
  comment_hidden: number | null;
};

export async function listOpenReports(db: Conn): Promise<OpenReportRow[]> {
  return db
    .selectFrom("exchange_reports as r")
    .innerJoin("exchange_posts as p", "p.id", "r.post_id")
    .leftJoin("exchange_comments as c", "c.id", "r.comment_id")
    .selectAll("r")
    .select([
      "p.title as post_title",
      "p.hidden as post_hidden",
      "c.body as comment_body",
      "c.hidden as comment_hidden",
    ])
    .where("r.status", "=", "open")
    .orderBy("r.created_at")
    .orderBy("r.id")
    .limit(500)
    .execute();
}

export async function listHiddenPosts(db: Conn): Promise<PostRow[]> {
  return db
    .selectFrom("exchange_posts")
    .selectAll()
    .where("hidden", "=", 1)
    .orderBy("updated_at", "desc")
    .limit(200)
    .execute();
}

export async function findReport(db: Conn, id: string): Promise<Selectable<ExchangeReportsTable> | undefined> {
  return db.selectFrom("exchange_reports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function closeReports(
  db: Conn,
  where: { reportId?: string; postId?: string; commentId?: string },
  by: string | null,
  at: string,
): Promise<void> {
  let query = db
    .updateTable("exchange_reports")
    .set({ status: "closed", closed_at: at, closed_by: by })
    .where("status", "=", "open");
  if (where.reportId) query = query.where("id", "=", where.reportId);
  if (where.postId) query = query.where("post_id", "=", where.postId);
  if (where.commentId) query = query.where("comment_id", "=", where.commentId);
  await query.execute();
}
