import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { insertFeedback } from "./feedback.repo.js";
import { feedbackMail } from "./mails.js";
import type { FeedbackInput } from "./schema.js";

/**
 * Stores a barrier report and mails it to the education office, in one
 * transaction: the report is never stored without its mail, nor mailed unsaved.
 * Open to everybody, so there is no access check: BITV 2.0 § 7 requires a
 * feedback mechanism without sign-in.
 */
export async function submitAccessibilityFeedback(platform: Platform, input: FeedbackInput): Promise<void> {
  const id = newId();
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
      ...feedbackMail(input),
    });
  });
}
