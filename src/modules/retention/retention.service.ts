import { sql } from "kysely";
import { recordAudit } from "../../platform/audit.js";
import { formatDate } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { listEventsWithPersonalData, markPersonalDataRemoved, personalDataDueAt } from "../events/index.js";
import type { RetentionCounts } from "./hooks.js";
import { german } from "./messages.js";
import { organisersToRemind } from "./retention.repo.js";

// DSGVO retention: when a Fachtag's period has passed (retentionMonths after its end), its
// participants' personal data goes — one transaction per Fachtag, in which every module that
// keeps some answers "retention.anonymiseEvent" — and the audit log records what was done,
// in counts. Two weeks before, the organiser is reminded, with the link to the export.

const REMIND_DAYS = 14;
const DAY_MS = 86_400_000;
/** The shortest period is one month: a Fachtag that ended less than 28 days ago is never due. */
const MIN_PERIOD_MS = 28 * DAY_MS;

export interface AnonymisedEvent {
  eventId: string;
  title: string;
  dueAt: string;
  counts: RetentionCounts;
}

export interface RetentionReport {
  anonymised: AnonymisedEvent[];
  reminded: { eventId: string; title: string; dueAt: string; recipients: number }[];
}

/**
 * Runs the retention as if the time were `now`: anonymises every Fachtag whose period has
 * passed, reminds the organisers of those due within two weeks. Running it twice does
 * nothing the second time (the Fachtag is marked; reminders are one mail per due date).
 * The caller is the system (daily job, command line): there is no person to check.
 */
export async function runRetention(platform: Platform, now: Date = new Date()): Promise<RetentionReport> {
  const db = platform.db.kysely;
  const nowIso = now.toISOString();
  const report: RetentionReport = { anonymised: [], reminded: [] };
  const candidates = await listEventsWithPersonalData(
    db,
    new Date(now.getTime() + REMIND_DAYS * DAY_MS - MIN_PERIOD_MS).toISOString(),
  );
  for (const event of candidates) {
    const dueAt = personalDataDueAt(event.endsAt, event.retentionMonths);
    if (dueAt <= nowIso) {
      const counts = await db.transaction().execute(async (trx) => {
        // The marker first: of two runs at once, the second waits here and then finds it set.
        if (!(await markPersonalDataRemoved(trx, event.id, nowIso))) return null;
        const answers = await platform.hooks.emit(
          "retention.anonymiseEvent",
          { eventId: event.id },
          { platform, db: trx },
        );
        const counts = mergeCounts(answers);
        await recordAudit(trx, {
          actor: "system",
          action: "retention.anonymised",
          subject: { type: "event", id: event.id },
          details: { dueAt, retentionMonths: event.retentionMonths, ...counts },
          at: nowIso,
        });
        return counts;
      });
      if (counts) report.anonymised.push({ eventId: event.id, title: event.title, dueAt, counts });
    } else if (Date.parse(dueAt) - now.getTime() <= REMIND_DAYS * DAY_MS && event.status !== "draft") {
      const recipients = await remind(platform, event, dueAt, nowIso);
      if (recipients > 0) report.reminded.push({ eventId: event.id, title: event.title, dueAt, recipients });
    }
  }
  if (report.anonymised.length) await overwriteFreedSpace(platform);
  return report;
}

function mergeCounts(answers: RetentionCounts[]): RetentionCounts {
  const counts: RetentionCounts = {};
  for (const answer of answers) {
    for (const [key, n] of Object.entries(answer)) counts[key] = (counts[key] ?? 0) + n;
  }
  return counts;
}

/**
 * SQLite keeps old page images in the write-ahead log until a checkpoint; with
 * `secure_delete` (set where the database is opened) the freed space in the file is
 * zeroed, and a truncating checkpoint empties the log — so the names are gone from the
 * disk, not only from the rows. PostgreSQL's dead rows go with (auto)vacuum.
 */
async function overwriteFreedSpace(platform: Platform): Promise<void> {
  if (platform.db.dialect !== "sqlite") return;
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(platform.db.kysely);
}

/** One mail per organiser and due date (the idempotency key): a rerun or a second instance sends none. */
async function remind(
  platform: Platform,
  event: { id: string; title: string; createdBy: string | null },
  dueAt: string,
  nowIso: string,
): Promise<number> {
  const db = platform.db.kysely;
  const recipients = await organisersToRemind(db, event.createdBy);
  if (!recipients.length) return 0;
  const desk = `${platform.config.baseUrl}/verwaltung/fachtage/${event.id}/anmeldungen`;
  const params = { event: event.title, date: formatDate(dueAt, "de") };
  let queued = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of recipients) {
      const key = `retention:reminder:${event.id}:${dueAt}:${r.id}`;
      const before = await trx.selectFrom("outbox").select("id").where("idempotency_key", "=", key).executeTakeFirst();
      if (before) continue;
      await enqueueMail(trx, {
        to: r.email,
        subject: german("retention.mail.subject", params),
        text: [
          german("retention.mail.greeting", { name: r.name }),
          "",
          german("retention.mail.intro", params),
          "",
          german("retention.mail.export"),
          `${desk}/export.xlsx`,
          `${desk}/export.csv`,
          "",
          german("retention.mail.kept"),
          "",
          german("retention.mail.period"),
          `${platform.config.baseUrl}/verwaltung/fachtage/${event.id}`,
          "",
          platform.config.district.office,
        ].join("\n"),
        idempotencyKey: key,
      });
      queued++;
    }
    if (queued) {
      await recordAudit(trx, {
        actor: "system",
        action: "retention.reminded",
        subject: { type: "event", id: event.id },
        details: { dueAt, recipients: queued },
        at: nowIso,
      });
    }
  });
  return queued;
}
