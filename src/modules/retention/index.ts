import { formatDate } from "../../platform/i18n/i18n.js";
import type { AppModule } from "../../platform/module.js";
import { german, retentionMessages } from "./messages.js";
import { keepPastDemoFachtage } from "./retention.repo.js";
import { type RetentionReport, runRetention } from "./retention.service.js";
import { retentionRoutes } from "./routes.js";

/**
 * DSGVO retention: a Fachtag's personal data is removed when its retention period has
 * passed (a daily job, or `npm run cli -- retention:run`); the organiser is reminded two
 * weeks before. Modules keeping personal data answer the hook "retention.anonymiseEvent".
 */
export const retentionModule: AppModule = {
  name: "retention",
  messages: retentionMessages,
  adminLinks: [{ href: "/verwaltung/protokoll", label: "retention.audit.link", roles: ["admin"], order: 950 }],
  register: retentionRoutes,
  jobs: [{ name: "retention", everyMs: 24 * 3_600_000, run: async (platform) => void (await runRetention(platform)) }],
  seedDemo: ({ platform }) => keepPastDemoFachtage(platform.db.kysely, new Date().toISOString()),
};

/** The report as lines for the terminal, in German. */
export function retentionReportLines(report: RetentionReport): string[] {
  const lines = report.anonymised.map((a) =>
    german("retention.cli.anonymised", {
      event: a.title,
      registrations: a.counts.registrations ?? 0,
      internalFiles: a.counts.internalFiles ?? 0,
      mails: a.counts.mails ?? 0,
      certificates: a.counts.certificates ?? 0,
    }),
  );
  for (const r of report.reminded) {
    lines.push(
      german("retention.cli.reminded", { event: r.title, recipients: r.recipients, date: formatDate(r.dueAt, "de") }),
    );
  }
  return lines.length ? lines : [german("retention.cli.none")];
}

// The public API: the command line runs the job at once.
export { runRetention };
