import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { translator } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { insertFeedback } from "./repo.js";
import type { FeedbackInput } from "./schema.js";

/**
 * Stores a barrier report and mails it to the education office, in one
 * transaction: the report is never stored without its mail, nor mailed unsaved.
 * Open to everybody (BITV 2.0 § 7 requires a feedback mechanism without sign-in).
 */
export async function submitAccessibilityFeedback(platform: Platform, input: FeedbackInput): Promise<void> {
  const id = newId();
  const t = translator("de");
  await platform.db.kysely.transaction().execute(async (trx) => {
    await insertFeedback(trx, {
      id,
      name: input.name ?? null,
      email: input.email ?? null,
      page_url: input.pageUrl ?? null,
      message: input.message,
      created_at: nowIso(),
    });
    await enqueueMail(trx, {
      idempotencyKey: `a11y-feedback:${id}`,
      to: platform.config.district.email,
      subject: t("a11y.mail.subject", { page: input.pageUrl ?? "–" }),
      text: [
        "Über die Erklärung zur Barrierefreiheit ist eine Meldung eingegangen.",
        "",
        `Name: ${input.name ?? "–"}`,
        `E-Mail: ${input.email ?? "–"}`,
        `Seite: ${input.pageUrl ?? "–"}`,
        "",
        input.message,
      ].join("\n"),
    });
  });
}
