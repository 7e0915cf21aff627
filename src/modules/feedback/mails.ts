import { formatDate, translator } from "../../platform/i18n/i18n.js";
import type { OutgoingMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import type { EventView } from "../events/index.js";
import type { AttendanceRow } from "../registrations/index.js";

const t = translator("de");

/**
 * The token travels in the query string: the request log keeps the path only, so no log
 * line holds it (platform/logger.ts). The answer form then posts it in the body.
 */
export const surveyUrl = (platform: Platform, token: string) =>
  `${platform.config.baseUrl}/umfrage?t=${encodeURIComponent(token)}`;

export function surveyMail(
  platform: Platform,
  event: EventView,
  person: Pick<AttendanceRow, "id" | "firstName" | "lastName" | "email">,
  token: string,
): OutgoingMail {
  const params = { event: event.title, date: formatDate(event.startsAt, "de") };
  return {
    to: person.email,
    subject: t("feedback.mail.subject", params),
    text: [
      t("feedback.mail.greeting", { name: `${person.firstName} ${person.lastName}` }),
      "",
      t("feedback.mail.intro", params),
      "",
      surveyUrl(platform, token),
      "",
      t("feedback.mail.anonymous"),
      "",
      t("feedback.mail.closing"),
      platform.config.district.office,
    ].join("\n"),
    idempotencyKey: `feedback:survey:${event.id}:${person.id}`,
  };
}
