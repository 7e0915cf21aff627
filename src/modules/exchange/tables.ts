// The Austausch's tables (see migrations/). Times are ISO UTC strings, days "YYYY-MM-DD",
// lists JSON text, booleans 0/1.

export interface ExchangePostsTable {
  id: string;
  /** idea | experience | practice | offer | request */
  kind: string;
  title: string;
  /** The Markdown the author wrote, kept for editing. */
  body: string;
  /** That Markdown rendered and sanitised when it was written: what every page shows. */
  body_html: string;
  /** JSON arrays: education area ids, free themes, free target groups. */
  areas: string;
  themes: string;
  target_groups: string;
  /** A practice example's fields (goal, target group, actors …) as JSON, else null. */
  practice: string | null;
  municipality: string | null;
  organisation_id: string | null;
  author_id: string | null;
  /** draft | published | archived | done ("erledigt", offers and requests only) */
  status: string;
  /** 1 = hidden by a moderator: shown to moderators only. */
  hidden: number;
  hidden_reason: string | null;
  /** Offers and requests: the last day they are open (Europe/Berlin), else null. */
  valid_until: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** The text of a post as it was before each edit: the history moderators see. */
export interface ExchangePostRevisionsTable {
  id: string;
  post_id: string;
  title: string;
  body: string;
  edited_by: string | null;
  /** A moderator's reason for the edit; null for the author's own edits. */
  reason: string | null;
  created_at: string;
}

export interface ExchangeCommentsTable {
  id: string;
  post_id: string;
  author_id: string | null;
  body: string;
  body_html: string;
  hidden: number;
  created_at: string;
}

/** "Melden": a report about a post or one of its comments, by anybody. */
export interface ExchangeReportsTable {
  id: string;
  post_id: string;
  comment_id: string | null;
  reason: string;
  reporter_id: string | null;
  /** open | closed */
  status: string;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

/** A file or picture attached to a post; pictures carry the words for people who cannot see them. */
export interface ExchangeAttachmentsTable {
  id: string;
  post_id: string;
  title: string;
  /** Required for images. */
  alt_text: string | null;
  storage_key: string;
  /** Decided by the bytes (checkUpload), never by the name or type a browser sent. */
  content_type: string;
  size_bytes: number;
  sha256: string;
  original_name: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface ExchangeTables {
  exchange_attachments: ExchangeAttachmentsTable;
  exchange_posts: ExchangePostsTable;
  exchange_post_revisions: ExchangePostRevisionsTable;
  exchange_comments: ExchangeCommentsTable;
  exchange_reports: ExchangeReportsTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends ExchangeTables {}
}
