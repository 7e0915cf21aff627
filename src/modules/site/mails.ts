import { translator } from "../../platform/i18n/i18n.js";

/** A barrier report as the education office reads it; "–" stands for what was left empty. */
interface FeedbackMailView {
  name?: string | undefined;
  email?: string | undefined;
  pageUrl?: string | undefined;
  message: string;
}

/** The office works in German, so the mail is German whatever the page's language was. */
export function feedbackMail(report: FeedbackMailView): { subject: string; text: string } {
  const t = translator("de");
  return {
    subject: t("a11y.mail.subject", { page: report.pageUrl ?? "–" }),
    text: [
      "Über die Erklärung zur Barrierefreiheit ist eine Meldung eingegangen.",
      "",
      `Name: ${report.name ?? "–"}`,
      `E-Mail: ${report.email ?? "–"}`,
      `Seite: ${report.pageUrl ?? "–"}`,
      "",
      report.message,
    ].join("\n"),
  };
}
