import type { Selectable } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { DomainError, NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type CheckedFile, checkUpload, documentTypes } from "../../platform/storage/storage.js";
import { requireAccess } from "./access.js";
import { visiblePost } from "./posts.service.js";
import type { ExchangeAttachmentsTable } from "./tables.js";

// Files and pictures of a post: uploaded by who may change the post, checked by their
// bytes (PDF, Office, OpenDocument, PNG, JPEG, WebP; never HTML or SVG), pictures only with
// alt text. Served to whoever may read the post, always as an attachment with nosniff; a
// picture is shown on the page by an <img> of the same address.

type AttachmentRow = Selectable<ExchangeAttachmentsTable>;

export interface AttachmentView {
  id: string;
  title: string;
  altText: string | null;
  isImage: boolean;
  contentType: string;
  size: number;
  filename: string;
  url: string;
}

export interface UploadedFile {
  data: Buffer;
  filename: string;
}

/** An upload problem, with its message beside the field it concerns. */
class AttachmentError extends DomainError {
  constructor(code: string, field: "file" | "altText", messageKey: string) {
    super(422, code, messageKey, {}, { [field]: messageKey });
  }
}

const toView = (r: AttachmentRow): AttachmentView => ({
  id: r.id,
  title: r.title,
  altText: r.alt_text,
  isImage: r.content_type.startsWith("image/"),
  contentType: r.content_type,
  size: r.size_bytes,
  filename: r.original_name,
  url: `/austausch/${r.post_id}/anhaenge/${r.id}/${encodeURIComponent(r.original_name)}`,
});

export async function listAttachments(db: Conn, postId: string): Promise<AttachmentView[]> {
  const rows = await db
    .selectFrom("exchange_attachments")
    .selectAll()
    .where("post_id", "=", postId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toView);
}

function downloadName(uploaded: string, checked: CheckedFile, title: string): string {
  const clean = (text: string) =>
    text
      .replace(/[\\/:*?"<>|#%]+/g, "_")
      .trim()
      .slice(0, 150);
  return `${clean(uploaded.replace(/\.[^.]*$/, "")) || clean(title) || "Anhang"}.${checked.extension}`;
}

export async function addAttachment(
  platform: Platform,
  actor: Actor,
  postId: string,
  input: { title: string; altText?: string | undefined },
  file: UploadedFile | undefined,
): Promise<AttachmentView> {
  const db = platform.db.kysely;
  const { row: post, ref } = await visiblePost(db, actor, postId);
  requireAccess(actor, "post.edit", ref);
  if (!file) throw new AttachmentError("file_missing", "file", "exchange.attachment.fileMissing");
  let checked: CheckedFile;
  try {
    checked = await checkUpload(file.data, { maxBytes: platform.config.uploadMaxBytes, allowed: documentTypes });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const key = error.code === "file_too_large" ? "exchange.attachment.tooLarge" : "exchange.attachment.type";
    throw new AttachmentError(error.code, "file", key);
  }
  if (checked.contentType.startsWith("image/") && !input.altText) {
    throw new AttachmentError("alt_text_required", "altText", "exchange.attachment.altTextMissing");
  }
  const id = newId();
  const row: AttachmentRow = {
    id,
    post_id: post.id,
    title: input.title,
    alt_text: input.altText ?? null,
    storage_key: `exchange/${post.id}/${id}.${checked.extension}`,
    content_type: checked.contentType,
    size_bytes: checked.size,
    sha256: checked.sha256,
    original_name: downloadName(file.filename, checked, input.title),
    uploaded_by: actor.kind === "user" ? actor.id : null,
    created_at: nowIso(),
  };
  await platform.storage.put(row.storage_key, file.data);
  try {
    await db.insertInto("exchange_attachments").values(row).execute();
  } catch (error) {
    await platform.storage.delete(row.storage_key);
    throw error;
  }
  return toView(row);
}

export async function deleteAttachment(
  platform: Platform,
  actor: Actor,
  postId: string,
  attachmentId: string,
): Promise<void> {
  const db = platform.db.kysely;
  const { row: post, ref } = await visiblePost(db, actor, postId);
  requireAccess(actor, "post.edit", ref);
  const row = await db
    .selectFrom("exchange_attachments")
    .selectAll()
    .where("post_id", "=", post.id)
    .where("id", "=", attachmentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  await db.deleteFrom("exchange_attachments").where("id", "=", row.id).execute();
  await platform.storage.delete(row.storage_key);
}

/** The bytes of an attachment, for whoever may read its post (404 otherwise). */
export async function getAttachmentFile(
  platform: Platform,
  actor: Actor,
  postId: string,
  attachmentId: string,
): Promise<{ data: Buffer; contentType: string; filename: string; sha256: string; shareable: boolean }> {
  const db = platform.db.kysely;
  const { row: post, ref } = await visiblePost(db, actor, postId);
  const row = await db
    .selectFrom("exchange_attachments")
    .selectAll()
    .where("post_id", "=", post.id)
    .where("id", "=", attachmentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  const data = await platform.storage.get(row.storage_key);
  if (!data) throw new NotFoundError();
  return {
    data,
    contentType: row.content_type,
    filename: row.original_name,
    sha256: row.sha256,
    shareable: ref.public,
  };
}

/** The stored files of a post, to remove after the post is deleted. */
export async function attachmentKeys(db: Conn, postId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("exchange_attachments")
    .select("storage_key")
    .where("post_id", "=", postId)
    .execute();
  return rows.map((r) => r.storage_key);
}
