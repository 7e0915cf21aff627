import type { Actor } from "./auth/actor.js";
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
  /** The account's name at reading time; null for the system or an account since deleted. */
  actorName: string | null;
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
  return rows.map((r) => toRecord({ ...r, actor_name: null }));
}

const toRecord = (r: AuditLogTable & { actor_name: string | null }): AuditRecord => ({
  at: r.at,
  actor: r.actor,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

/**
 * The kinds of entry an admin can filter the log by: the first part of the action
 * ("retention.anonymised" is of kind "retention").
 */
export const auditKinds = ["retention", "participants", "privacy"] as const;
export type AuditKind = (typeof auditKinds)[number];

/** A page of the log, newest first, with the total; only entries of `kind` when given. */
export async function listAuditEntries(
  db: Conn,
  page: { limit: number; offset: number },
  kind?: AuditKind,
): Promise<{ total: number; entries: AuditRecord[] }> {
  const count = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .$if(kind !== undefined, (q) => q.where("action", "like", `${kind}.%`))
    .executeTakeFirst();
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor")
    .selectAll("audit_log")
    .select("users.name as actor_name")
    .$if(kind !== undefined, (q) => q.where("audit_log.action", "like", `${kind}.%`))
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(count?.n ?? 0), entries: rows.map(toRecord) };
}

/** What kind of participant list was looked at or taken away, and in which form. */
export interface ListAccess {
  /** "registrations", "checkin", "badges", "signatures", "certificates", "networking" … */
  list: string;
  /** "html" for a page, "api" for JSON, else the file type ("xlsx", "csv", "pdf"). */
  format: string;
  /** The Fachtag whose participants the list shows, or null for a list across Fachtage. */
  eventId: string | null;
}

/**
 * Records that somebody viewed (a page, the API) or exported (a file) a list of participants:
 * who, when, which list of which Fachtag — never who was on it. Call it after the access
 * check, once the list is about to go out.
 */
export async function recordListAccess(db: Conn, actor: Actor, access: ListAccess): Promise<void> {
  await recordAudit(db, {
    actor: actor.kind === "user" ? actor.id : "anonymous",
    action: access.format === "html" || access.format === "api" ? "participants.viewed" : "participants.exported",
    subject: access.eventId ? { type: "event", id: access.eventId } : { type: "list", id: access.list },
    details: { list: access.list, format: access.format },
  });
}
