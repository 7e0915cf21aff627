import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { fromDbBool, nowIso, toDbBool } from "../../platform/db/time.js";
import { DomainError, NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type CheckedFile, checkUpload } from "../../platform/storage/storage.js";
import {
  type EventDownload,
  type EventView,
  getEventForRegistration,
  getVisibleEvent,
  listSessions,
  type SessionView,
} from "../events/index.js";
import { documentsAccess } from "./access.js";
import * as repo from "./documents.repo.js";
import { UploadError } from "./errors.js";
import { acceptedTypes, type DocumentKind, formatName, isImage } from "./kinds.js";
import type { DocumentInput } from "./schema.js";

// A Fachtag's documents: the documentation, the press release, slides of a talk, photos
// of a graphic recording. Public ones are anybody's to download; internal ones only the
// organisers'. The type is decided by the bytes; HTML and SVG are never accepted.

export interface DocumentView {
  id: string;
  eventId: string;
  sessionId: string | null;
  sessionTitle: string | null;
  kind: DocumentKind;
  title: string;
  altText: string | null;
  public: boolean;
  contentType: string;
  /** "PDF", "PPTX" … */
  format: string;
  isImage: boolean;
  size: number;
  /** The name the file is downloaded with: the uploaded name with the extension of its real type. */
  filename: string;
  /** Path of the download, e.g. "/fachtage/<slug>/dokumente/<id>/Dokumentation.pdf". */
  url: string;
  createdAt: string;
}

export interface UploadedFile {
  data: Buffer;
  filename: string;
}

function toView(row: repo.DocumentRow, event: { slug: string }, sessions: SessionView[]): DocumentView {
  return {
    id: row.id,
    eventId: row.event_id,
    sessionId: row.session_id,
    sessionTitle: sessions.find((s) => s.id === row.session_id)?.title ?? null,
    kind: row.kind as DocumentKind,
    title: row.title,
    altText: row.alt_text,
    public: fromDbBool(row.public),
    contentType: row.content_type,
    format: formatName(row.content_type),
    isImage: isImage(row.content_type),
    size: row.size_bytes,
    filename: row.original_name,
    url: `/fachtage/${event.slug}/dokumente/${row.id}/${encodeURIComponent(row.original_name)}`,
    createdAt: row.created_at,
  };
}

/** The uploaded name, cleaned, with the extension of the type the bytes really are. */
function downloadName(uploaded: string, checked: CheckedFile, title: string): string {
  const base =
    uploaded
      .replace(/\.[^.]*$/, "")
      .replace(/[\\/:*?"<>|#%]+/g, "_")
      .trim()
      .slice(0, 150) ||
    title.replace(/[\\/:*?"<>|#%]+/g, "_").slice(0, 150) ||
    "Dokument";
  return `${base}.${checked.extension}`;
}

async function managedEvent(platform: Platform, actor: Actor, eventId: string): Promise<EventView> {
  const event = await getEventForRegistration(platform.db.kysely, eventId);
  if (!event) throw new NotFoundError();
  documentsAccess.requireAccess(actor, "documents.manage", event);
  return event;
}

/** Images need words for people who cannot see them; a programme item must be this Fachtag's. */
function checkRelations(input: DocumentInput, contentType: string, sessions: SessionView[]): void {
  if (isImage(contentType) && !input.altText) {
    throw new UploadError("alt_text_required", "altText", "documents.error.altText");
  }
  if (input.sessionId && !sessions.some((s) => s.id === input.sessionId)) {
    throw new UploadError("session_unknown", "sessionId", "documents.error.session");
  }
}

/** The organiser page: the Fachtag, its programme items and all its documents. */
export async function getDocumentsPage(
  platform: Platform,
  actor: Actor,
  eventId: string,
): Promise<{ event: EventView; sessions: SessionView[]; documents: DocumentView[] }> {
  const event = await managedEvent(platform, actor, eventId);
  const sessions = await listSessions(platform.db.kysely, event.id);
  const rows = await repo.listDocuments(platform.db.kysely, event.id, { all: true });
  return { event, sessions, documents: rows.map((r) => toView(r, event, sessions)) };
}

/**
 * Stores an upload. The file is checked by its content (type, size) before anything is
 * written; it is stored first and removed again if the database write fails.
 */
export async function uploadDocument(
  platform: Platform,
  actor: Actor,
  eventId: string,
  input: DocumentInput,
  file: UploadedFile | undefined,
): Promise<DocumentView> {
  const event = await managedEvent(platform, actor, eventId);
  if (!file) throw new UploadError("file_missing", "file", "documents.error.fileMissing");
  let checked: CheckedFile;
  try {
    checked = await checkUpload(file.data, { maxBytes: platform.config.uploadMaxBytes, allowed: acceptedTypes });
  } catch (error) {
    if (error instanceof DomainError) {
      const key =
        error.code === "file_too_large"
          ? "documents.error.tooLarge"
          : error.code === "file_empty"
            ? "documents.error.empty"
            : "documents.error.type";
      throw new UploadError(error.code, "file", key);
    }
    throw error;
  }
  const db = platform.db.kysely;
  const sessions = await listSessions(db, event.id);
  checkRelations(input, checked.contentType, sessions);
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    event_id: event.id,
    session_id: input.sessionId ?? null,
    kind: input.kind,
    title: input.title,
    alt_text: input.altText ?? null,
    public: toDbBool(input.public),
    storage_key: `documents/${event.id}/${id}.${checked.extension}`,
    content_type: checked.contentType,
    size_bytes: checked.size,
    sha256: checked.sha256,
    original_name: downloadName(file.filename, checked, input.title),
    uploaded_by: actor.kind === "user" ? actor.id : null,
    created_at: now,
    updated_at: now,
  };
  await platform.storage.put(row.storage_key, file.data);
  try {
    await repo.insertDocument(db, row);
  } catch (error) {
    await platform.storage.delete(row.storage_key);
    throw error;
  }
  await platform.hooks.emit("documents.changed", { eventId: event.id }, { platform, db });
  return toView(row, event, sessions);
}

/** One document for its edit form. */
export async function getDocumentForEdit(
  platform: Platform,
  actor: Actor,
  eventId: string,
  documentId: string,
): Promise<{ event: EventView; sessions: SessionView[]; document: DocumentView }> {
  const event = await managedEvent(platform, actor, eventId);
  const row = await repo.findDocument(platform.db.kysely, event.id, documentId);
  if (!row) throw new NotFoundError();
  const sessions = await listSessions(platform.db.kysely, event.id);
  return { event, sessions, document: toView(row, event, sessions) };
}

/** Changes title, kind, visibility, alt text or programme item; the file stays. */
export async function updateDocument(
  platform: Platform,
  actor: Actor,
  eventId: string,
  documentId: string,
  input: DocumentInput,
): Promise<void> {
  const event = await managedEvent(platform, actor, eventId);
  const db = platform.db.kysely;
  const row = await repo.findDocument(db, event.id, documentId);
  if (!row) throw new NotFoundError();
  checkRelations(input, row.content_type, await listSessions(db, event.id));
  await repo.updateDocument(db, event.id, documentId, {
    kind: input.kind,
    title: input.title,
    public: toDbBool(input.public),
    alt_text: input.altText ?? null,
    session_id: input.sessionId ?? null,
    updated_at: nowIso(),
  });
  await platform.hooks.emit("documents.changed", { eventId: event.id }, { platform, db });
}

/** Deletes a document and its file. The row goes first: a file left over is harmless, a row without one is not. */
export async function deleteDocument(
  platform: Platform,
  actor: Actor,
  eventId: string,
  documentId: string,
): Promise<DocumentView> {
  const event = await managedEvent(platform, actor, eventId);
  const db = platform.db.kysely;
  const row = await repo.findDocument(db, event.id, documentId);
  if (!row) throw new NotFoundError();
  await repo.deleteDocument(db, event.id, documentId);
  await platform.hooks.emit("documents.changed", { eventId: event.id }, { platform, db });
  await platform.storage.delete(row.storage_key);
  return toView(row, event, []);
}

/** The API's list: public documents for everybody who may see the Fachtag, all for its organisers. */
export async function listEventDocuments(platform: Platform, actor: Actor, eventIdOrSlug: string) {
  const event = await getVisibleEvent(platform, actor, eventIdOrSlug);
  const db = platform.db.kysely;
  const all = documentsAccess.can(actor, "documents.manage", event);
  const [rows, sessions] = await Promise.all([repo.listDocuments(db, event.id, { all }), listSessions(db, event.id)]);
  return rows.map((r) => toView(r, event, sessions));
}

/** The public documents of a Fachtag the page already showed (its visibility was checked there). */
export async function publicDocuments(db: Conn, event: EventView, sessions: SessionView[]): Promise<DocumentView[]> {
  const rows = await repo.listDocuments(db, event.id, { all: false });
  return rows.map((r) => toView(r, event, sessions));
}

/** What events shows beside a programme item and in the archive: the public downloads. */
export async function publicDownloads(
  db: Conn,
  events: { id: string; slug: string }[],
  describe: (d: DocumentView) => string,
): Promise<EventDownload[]> {
  const rows = await repo.listPublicDocumentsOf(
    db,
    events.map((e) => e.id),
  );
  const slugs = new Map(events.map((e) => [e.id, e.slug]));
  return rows.map((row) => {
    const view = toView(row, { slug: slugs.get(row.event_id) ?? "" }, []);
    return {
      eventId: row.event_id,
      sessionId: row.session_id,
      href: view.url,
      title: view.title,
      details: describe(view),
    };
  });
}

/**
 * A draft Fachtag is deleted: its documents' files go with it (the rows cascade). Runs in the
 * deleting transaction; should that fail after all, the rows stay and their downloads are 404.
 */
export async function deleteFilesOfEvent(platform: Platform, db: Conn, eventId: string): Promise<void> {
  const rows = await repo.listDocuments(db, eventId, { all: true });
  for (const row of rows) await platform.storage.delete(row.storage_key);
}

/**
 * The Fachtag's retention period has passed: its internal documents (signature lists, lists
 * of names, photos for the organisers) are deleted, rows and stored files; public ones stay
 * (the documentation is meant to be public). Runs in the retention's transaction.
 */
export async function deleteInternalDocumentsOfEvent(
  platform: Platform,
  db: Conn,
  eventId: string,
): Promise<{ internalFiles: number }> {
  const keys = await repo.deleteInternalDocuments(db, eventId);
  for (const key of keys) await platform.storage.delete(key);
  return { internalFiles: keys.length };
}

export interface Download {
  data: Buffer;
  filename: string;
  contentType: string;
  sha256: string;
  /** Whether a shared cache may keep it: a public document of a public Fachtag. */
  shareable: boolean;
}

/** A file to download. Internal documents and those of a draft are unknown (404) to all but its organisers. */
export async function getDownload(
  platform: Platform,
  actor: Actor,
  slug: string,
  documentId: string,
): Promise<Download> {
  const event = await getVisibleEvent(platform, actor, slug);
  if (event.slug !== slug) throw new NotFoundError();
  const row = await repo.findDocument(platform.db.kysely, event.id, documentId);
  if (!row) throw new NotFoundError();
  const isPublic = fromDbBool(row.public);
  if (!isPublic) documentsAccess.requireAccess(actor, "documents.manage", event, { hide: true });
  const data = await platform.storage.get(row.storage_key);
  if (!data) throw new NotFoundError();
  return {
    data,
    filename: row.original_name,
    contentType: row.content_type,
    sha256: row.sha256,
    shareable: isPublic && event.status !== "draft",
  };
}
