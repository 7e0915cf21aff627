import { sql } from "kysely";
import { recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { DomainError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { accountIdForEmail } from "../accounts/index.js";
import { privacyAccess } from "./access.js";
import type { ErasedPart, PersonPart, PersonRef } from "./hooks.js";
import { accessibilityFeedbackFrom, clearAccessibilityFeedbackSender, deleteMailsTo, mailsTo } from "./privacy.repo.js";

// Data subject requests (Art. 15 and 17 DSGVO) for one e-mail address: every module that
// keeps personal data answers the hooks of hooks.ts with its own part; this service adds
// the platform's (outbox, accessibility feedback), writes the audit log and keeps the
// erasure in one transaction. What stays and why: docs/decisions/0018-data-subject-requests.md.

/** What the platform holds about one address, as the admin page and the export show it. */
export interface PersonOverview {
  email: string;
  hasAccount: boolean;
  parts: PersonPart[];
  /** The sum of every count: 0 means nothing is kept about the address. */
  total: number;
}

/** The Art. 15 document: one key per module with its data, and when it was made. */
export interface PersonExport {
  exportedAt: string;
  email: string;
  parts: Record<string, { counts: Record<string, number>; data: Record<string, unknown> }>;
}

export interface ErasureReport {
  email: string;
  /** Merged over the modules: what was deleted or anonymised, in counts. */
  removed: Record<string, number>;
  /** What stays and why (the keys name the reason in the messages), in counts. */
  kept: Record<string, number>;
}

const normalised = (email: string) => email.trim().toLowerCase();

async function personRef(platform: Platform, email: string): Promise<PersonRef> {
  const address = normalised(email);
  return { email: address, userId: await accountIdForEmail(platform.db.kysely, address) };
}

/** Every module's part about the address (no permission check: the command line and the checked functions below). */
export async function collectPerson(platform: Platform, email: string): Promise<PersonOverview> {
  const db = platform.db.kysely;
  const ref = await personRef(platform, email);
  const answers = await platform.hooks.emit("privacy.exportPerson", ref, { platform, db });
  const parts = answers.filter((p): p is PersonPart => p !== null);
  const mails = await mailsTo(db, ref.email);
  const feedback = await accessibilityFeedbackFrom(db, ref.email);
  if (mails.length) parts.push({ part: "mails", counts: { mails: mails.length }, data: { mails } });
  if (feedback.length) {
    parts.push({ part: "accessibility", counts: { feedback: feedback.length }, data: { feedback } });
  }
  const total = parts.reduce((sum, p) => sum + Object.values(p.counts).reduce((a, n) => a + n, 0), 0);
  return { email: ref.email, hasAccount: ref.userId !== null, parts, total };
}

/** The overview of one address for the admin page. */
export async function lookUpPerson(platform: Platform, actor: Actor, email: string): Promise<PersonOverview> {
  privacyAccess.requireAccess(actor, "person.export", undefined);
  return collectPerson(platform, email);
}

/** The export for the command line (the operator asks: no person to check), logged with actor "cli". */
export async function exportPersonData(platform: Platform, email: string, actorId = "cli"): Promise<PersonExport> {
  const overview = await collectPerson(platform, email);
  const exportedAt = nowIso();
  await recordAudit(platform.db.kysely, {
    actor: actorId,
    action: "privacy.exported",
    subject: { type: "person", id: newId() },
    details: prefixed("exported", Object.fromEntries(overview.parts.flatMap((p) => Object.entries(p.counts)))),
    at: exportedAt,
  });
  return {
    exportedAt,
    email: overview.email,
    parts: Object.fromEntries(overview.parts.map((p) => [p.part, { counts: p.counts, data: p.data }])),
  };
}

/** Art. 15: everything about the address as one JSON document, for an admin; the audit log notes that it left. */
export async function exportPerson(platform: Platform, actor: Actor, email: string): Promise<PersonExport> {
  privacyAccess.requireAccess(actor, "person.export", undefined);
  return exportPersonData(platform, email, actor.kind === "user" ? actor.id : "cli");
}

function merge(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [key, n] of Object.entries(counts)) if (n > 0) into[key] = (into[key] ?? 0) + n;
}

/**
 * Art. 17 for the command line and the checked function below: one transaction in which
 * every module removes its part (first what points to the person, then what identifies
 * them), the platform's mails go and the audit log records who, when, why and how much —
 * never the address. Either all of it commits or none.
 */
export async function erasePersonData(
  platform: Platform,
  input: { email: string; reason: string },
  actorId = "cli",
): Promise<ErasureReport> {
  const before = await collectPerson(platform, input.email);
  if (before.total === 0)
    throw new DomainError(404, "person_unknown", "dsr.erase.nothing", {}, { email: "dsr.erase.nothing" });
  const ref = await personRef(platform, input.email);
  const report: ErasureReport = { email: ref.email, removed: {}, kept: {} };
  await platform.db.kysely.transaction().execute(async (trx) => {
    const ctx = { platform, db: trx };
    const parts: ErasedPart[] = [
      ...(await platform.hooks.emit("privacy.erasePerson", ref, ctx)),
      ...(await platform.hooks.emit("privacy.eraseIdentity", ref, ctx)),
    ];
    for (const part of parts) {
      merge(report.removed, part.removed);
      merge(report.kept, part.kept);
    }
    merge(report.removed, { mails: await deleteMailsTo(trx, ref.email) });
    const feedback = await clearAccessibilityFeedbackSender(trx, ref.email);
    merge(report.removed, { feedbackSenders: feedback });
    merge(report.kept, { feedback });
    await recordAudit(trx, {
      actor: actorId,
      action: "privacy.erased",
      subject: { type: "person", id: newId() },
      details: { reason: input.reason, ...prefixed("removed", report.removed), ...prefixed("kept", report.kept) },
    });
  });
  // As after the retention: SQLite's freed pages are zeroed (secure_delete) and the log emptied.
  if (platform.db.dialect === "sqlite") await sql`pragma wal_checkpoint(TRUNCATE)`.execute(platform.db.kysely);
  return report;
}

const prefixed = (prefix: string, counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).map(([k, n]) => [`${prefix}.${k}`, n]));

/** Art. 17 for an admin; nobody erases their own account here (the office must not lock itself out). */
export async function erasePerson(
  platform: Platform,
  actor: Actor,
  input: { email: string; reason: string },
): Promise<ErasureReport> {
  privacyAccess.requireAccess(actor, "person.erase", undefined);
  if (actor.kind === "user" && normalised(actor.email) === normalised(input.email)) {
    throw new DomainError(409, "own_account", "dsr.erase.own", {}, { email: "dsr.erase.own" });
  }
  return erasePersonData(platform, input, actor.kind === "user" ? actor.id : "cli");
}

/** The admin page itself (nothing looked up yet): admins only. */
export function requirePrivacyDesk(actor: Actor): void {
  privacyAccess.requireAccess(actor, "person.export", undefined);
}
