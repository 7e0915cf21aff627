import { type AuditKind, type AuditRecord, listAuditEntries } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Platform } from "../../platform/platform.js";
import { retentionAccess } from "./access.js";
import { eventTitles } from "./retention.repo.js";

export interface AuditLogPage {
  total: number;
  entries: (AuditRecord & { subjectTitle: string | null })[];
}

/** A page of the audit log (of one kind, if given), newest first, for admins; Fachtage named by their title. */
export async function auditLog(
  platform: Platform,
  actor: Actor,
  page: { limit: number; offset: number },
  kind?: AuditKind,
): Promise<AuditLogPage> {
  retentionAccess.requireAccess(actor, "audit.read", undefined);
  const db = platform.db.kysely;
  const { total, entries } = await listAuditEntries(db, page, kind);
  const titles = await eventTitles(
    db,
    entries.filter((e) => e.subjectType === "event").map((e) => e.subjectId),
  );
  return { total, entries: entries.map((e) => ({ ...e, subjectTitle: titles.get(e.subjectId) ?? null })) };
}
