import type { Conn } from "./db/database.js";
import { newId } from "./db/ids.js";
import { nowIso } from "./db/time.js";

// The audit log (see migrations/2026-12-04-0300-audit-log.ts): one row per thing done to
// data that must be accountable later — above all deletions. Details carry counts and
// ids, never names or addresses: the log outlives what it records.

export interface AuditLogTable {
  id: string;
  at: string;
  /** A user id, or "system" for scheduled jobs and the command line. */
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON object without personal data. */
  details: string;
}

declare module "./db/schema.js" {
  interface Database {
    audit_log: AuditLogTable;
  }
}

export interface AuditEntry {
  actor: string;
  action: string;
  subject: { type: string; id: string };
  details?: Record<string, unknown>;
  /** ISO UTC; defaults to now. */
  at?: string;
}

/** Writes one entry; call it with the transaction of the change so both commit or neither. */
export async function recordAudit(db: Conn, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      at: entry.at ?? nowIso(),
      actor: entry.actor,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

/** The entries about one subject, oldest first. */
export async function auditEntriesFor(db: Conn, subjectType: string, subjectId: string): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom("audit_log")
    .selectAll()
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map(toRecord);
}

const toRecord = (r: AuditLogTable): AuditRecord => ({
  at: r.at,
  actor: r.actor,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

/** A page of the log, newest first, with the total. */
export async function listAuditEntries(
  db: Conn,
  page: { limit: number; offset: number },
): Promise<{ total: number; entries: AuditRecord[] }> {
  const count = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  const rows = await db
    .selectFrom("audit_log")
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(count?.n ?? 0), entries: rows.map(toRecord) };
}
