import { formatDate, translator } from "../../platform/i18n/i18n.js";
import type { OutgoingMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import type { EventView } from "../events/index.js";
import { type AttendanceRow, manageUrl } from "../registrations/index.js";

// The mail after the Fachtag: a link to the certificate through the person's manage link
// (no attachment: the PDF is made when it is opened, and the link stays valid).

const t = translator("de");

export const certificateUrl = (platform: Platform, registrationId: string) =>
  `${manageUrl(platform, registrationId)}/bescheinigung.pdf`;

export function certificateMail(
  platform: Platform,
  event: EventView,
  person: Pick<AttendanceRow, "id" | "firstName" | "lastName" | "email">,
  code: string,
): OutgoingMail {
  const params = { event: event.title, date: formatDate(event.startsAt, "de") };
  return {
    to: person.email,
    subject: t("certificates.mail.subject", params),
    text: [
      t("certificates.mail.greeting", { name: `${person.firstName} ${person.lastName}` }),
      "",
      t("certificates.mail.intro", params),
      "",
      certificateUrl(platform, person.id),
      "",
      t("certificates.mail.code", { code }),
      `${platform.config.baseUrl}/bescheinigung/pruefen`,
      "",
      t("certificates.mail.closing"),
      platform.config.district.office,
    ].join("\n"),
    idempotencyKey: `certificates:mail:${person.id}`,
  };
}
