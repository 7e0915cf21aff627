import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ExpressionBuilder, Selectable } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { Database, OutboxTable } from "../db/schema.js";
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
    headers?: Record<string, string>;
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

type OutboxRow = Selectable<OutboxTable>;

/**
 * Takes up to `limit` due mails for this worker by setting their lease (locked_until).
 * PostgreSQL: one statement, `FOR UPDATE SKIP LOCKED`, so workers of several instances
 * take disjoint rows without waiting for each other. SQLite (one process, one writer):
 * read, then a conditional update per row — a row another worker took is skipped.
 */
async function claimDue(db: Db, now: string, lockedUntil: string, limit: number): Promise<OutboxRow[]> {
  const isDue = (eb: ExpressionBuilder<Database, "outbox">) =>
    eb.and([
      eb("status", "=", "pending"),
      eb("next_attempt_at", "<=", now),
      eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]),
    ]);
  if (db.dialect === "postgres") {
    const rows = await db.kysely
      .updateTable("outbox")
      .set({ locked_until: lockedUntil })
      .where("id", "in", (eb) =>
        eb.selectFrom("outbox").select("id").where(isDue).orderBy("created_at").limit(limit).forUpdate().skipLocked(),
      )
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
  }
  const candidates = await db.kysely
    .selectFrom("outbox")
    .selectAll()
    .where(isDue)
    .orderBy("created_at")
    .limit(limit)
    .execute();
  const claimed: OutboxRow[] = [];
  for (const row of candidates) {
    const claim = await db.kysely
      .updateTable("outbox")
      .set({ locked_until: lockedUntil })
      .where("id", "=", row.id)
      .where(isDue)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) === 1) claimed.push({ ...row, locked_until: lockedUntil });
  }
  return claimed;
}

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
  const due = await claimDue(db, now, new Date(Date.now() + LOCK_MS).toISOString(), limit);
  let sent = 0;
  const host = new URL(config.baseUrl).hostname;
  for (const row of due) {
    try {
      await transport.send({
        messageId: `<${row.idempotency_key.replace(/[^a-zA-Z0-9_.:-]/g, "_")}@${host}>`,
        from: config.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body ? { html: row.html_body } : {}),
        ...(row.attachments ? { attachments: JSON.parse(row.attachments) as MailAttachment[] } : {}),
        ...(row.headers ? { headers: JSON.parse(row.headers) as Record<string, string> } : {}),
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

/**
 * One tick of the mail job: batches of `batch` until fewer are due (or `maxBatches`), so a
 * registration rush's 2,000 confirmation mails leave within seconds rather than at 20 every
 * tick. Returns the number of mails sent.
 */
export async function drainOutbox(
  db: Db,
  config: Pick<Config, "mailFrom" | "baseUrl">,
  transport: MailTransport,
  { batch = 20, maxBatches = 25 }: { batch?: number; maxBatches?: number } = {},
): Promise<number> {
  let sent = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await deliverDueMail(db, config, transport, batch);
    sent += n;
    if (n < batch) break;
  }
  return sent;
}
