import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../db/time.js";
import type { MailAttachment } from "./outbox.js";

const MAX_ATTEMPTS = 10;
const LOCK_MS = 2 * 60_000;

/** 30 s, 1 min, 2 min, … capped at 6 h. */
export const backoffMs = (attempts: number): number => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);

export interface MailTransport {
  send(message: {
    messageId: string;
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    attachments?: MailAttachment[];
  }): Promise<void>;
}

/** Without SMTP_URL every mail is written as an .eml file to DATA_DIR/mail (development, tests). */
export function createTransport(config: Pick<Config, "smtpUrl" | "dataDir">): MailTransport {
  if (config.smtpUrl) {
    const smtp: Transporter = nodemailer.createTransport(config.smtpUrl);
    return {
      async send(message) {
        await smtp.sendMail({ ...message, attachments: message.attachments?.map(toNodemailer) });
      },
    };
  }
  const folder = join(config.dataDir, "mail");
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await stream.sendMail({ ...message, attachments: message.attachments?.map(toNodemailer) });
      await mkdir(folder, { recursive: true });
      const safeId = message.messageId.replace(/[^a-zA-Z0-9_.-]/g, "_");
      await writeFile(
        join(folder, `${new Date().toISOString().replace(/[:.]/g, "-")}-${safeId}.eml`),
        info.message as Buffer,
      );
    },
  };
}

const toNodemailer = (a: MailAttachment) => ({
  filename: a.filename,
  contentType: a.contentType,
  content: a.content,
  encoding: a.encoding ?? "utf8",
  ...(a.cid ? { cid: a.cid, contentDisposition: "inline" as const } : {}),
});

/**
 * Sends due mails from the outbox, at least once. Each row is claimed with a
 * lease (locked_until), so several app instances can run the worker at once.
 * The Message-ID is derived from the idempotency key, so a mail sent twice
 * after a crash is recognisable as the same message by the receiving server.
 */
export async function deliverDueMail(
  db: Db,
  config: Pick<Config, "mailFrom" | "baseUrl">,
  transport: MailTransport,
  limit = 20,
): Promise<number> {
  const now = nowIso();
  const due = await db.kysely
    .selectFrom("outbox")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
    .orderBy("created_at")
    .limit(limit)
    .execute();
  let sent = 0;
  const host = new URL(config.baseUrl).hostname;
  for (const row of due) {
    const lockedUntil = new Date(Date.now() + LOCK_MS).toISOString();
    const claim = await db.kysely
      .updateTable("outbox")
      .set({ locked_until: lockedUntil })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another instance took it
    try {
      await transport.send({
        messageId: `<${row.idempotency_key.replace(/[^a-zA-Z0-9_.:-]/g, "_")}@${host}>`,
        from: config.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body ? { html: row.html_body } : {}),
        ...(row.attachments ? { attachments: JSON.parse(row.attachments) as MailAttachment[] } : {}),
      });
      await db.kysely
        .updateTable("outbox")
        .set({ status: "sent", sent_at: nowIso(), locked_until: null, last_error: null, attempts: row.attempts + 1 })
        .where("id", "=", row.id)
        .execute();
      sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      await db.kysely
        .updateTable("outbox")
        .set({
          attempts,
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          next_attempt_at: new Date(Date.now() + backoffMs(attempts)).toISOString(),
          locked_until: null,
          last_error: String((error as Error).message ?? error).slice(0, 500),
        })
        .where("id", "=", row.id)
        .execute();
    }
  }
  return sent;
}
