import type { Kysely, Transaction } from "kysely";
import { newId } from "../db/ids.js";
import type { Database } from "../db/schema.js";
import { nowIso } from "../db/time.js";

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text content (e.g. an .ics file) or base64 for binaries. */
  content: string;
  encoding?: "utf8" | "base64";
  /**
   * Content-ID of an inline image: the HTML body shows it with `<img src="cid:…">`
   * (a ticket's QR code), so it is part of the message rather than a file to open.
   */
  cid?: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /**
   * Identifies this one message: enqueuing the same key twice keeps one row,
   * so a retried request never sends the same mail twice.
   */
  idempotencyKey: string;
  /** Extra header lines, e.g. List-Unsubscribe of a digest (RFC 8058). */
  headers?: Record<string, string>;
}

/**
 * Writes an e-mail to the outbox. Call it with the transaction that makes the
 * change the mail is about: both are stored, or neither.
 */
export async function enqueueMail(db: Kysely<Database> | Transaction<Database>, mail: OutgoingMail): Promise<void> {
  const now = nowIso();
  await db
    .insertInto("outbox")
    .values({
      id: newId(),
      idempotency_key: mail.idempotencyKey,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
      ...(mail.headers ? { headers: JSON.stringify(mail.headers) } : {}),
      status: "pending",
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .execute();
}
