import { escapeHtml } from "../../lib/html.js";
import { qrPng } from "../../lib/qr.js";
import { translator } from "../../platform/i18n/i18n.js";
import type { OutgoingMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import type { MailKind } from "./mails.js";
import type { RegistrationRow } from "./registrations.repo.js";
import { manageTokenFor } from "./tokens.js";

// The ticket in the mail that makes a place certain (confirmed, or moved up from the
// waitlist without a further confirmation) and in the reminder: the code in words, a link to the PDF and
// the QR code as an inline image. Added to the built mail rather than written into
// each mail text, so the mails stay one list of lines and the ticket one block.
// Pending and waiting people get no ticket: their place is not theirs yet.

const t = translator("de");

/** Content-ID of the QR image; the HTML body refers to it as cid:… */
const QR_CID = "ticket-qr@bildungsnetz";

/** The reminder carries it again: it is the mail people look for on the morning of the Fachtag. */
const ticketKinds = new Set<MailKind>(["confirmed", "promoted", "reminder"]);

const carriesTicket = (kind: MailKind, registration: RegistrationRow) =>
  registration.status === "confirmed" && ticketKinds.has(kind);

/** Plain text as HTML: lines kept, links clickable, the QR code below the line with the code. */
function htmlOf(lines: string[], codeLine: number): string {
  const body = lines
    .map((line, i) => {
      const html = escapeHtml(line).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
      return i === codeLine
        ? `${html}<br><img src="cid:${QR_CID}" alt="${escapeHtml(t("registrations.mail.ticket.qrAlt"))}" width="200" height="200">`
        : html;
    })
    .join("<br>\n");
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;line-height:1.5">${body}</body></html>`;
}

export function withTicket(
  mail: OutgoingMail,
  kind: MailKind,
  ctx: { platform: Platform; registration: RegistrationRow; manageToken?: string | undefined },
): OutgoingMail {
  const { platform, registration } = ctx;
  if (!carriesTicket(kind, registration)) return mail;
  const token = ctx.manageToken ?? manageTokenFor(platform.config.sessionSecret, registration.id);
  const lines = mail.text.split("\n");
  // The code after the greeting and the first paragraph (the ticket is what the mail is
  // about); the PDF link after the manage link, which stays the first link of the mail.
  const pdf = [t("registrations.mail.ticket.pdf"), `${platform.config.baseUrl}/anmeldung/${token}/ticket.pdf`, ""];
  const regards = lines.lastIndexOf(t("registrations.mail.regards"));
  lines.splice(regards > 0 ? regards - 1 : lines.length, 0, ...pdf);
  const at = lines.indexOf("", 2) + 1 || lines.length;
  lines.splice(
    at,
    0,
    t("registrations.mail.ticket.intro"),
    t("registrations.mail.ticket.code", { code: registration.ticket_code }),
    "",
  );
  return {
    ...mail,
    text: lines.join("\n"),
    html: htmlOf(lines, at + 1),
    attachments: [
      ...(mail.attachments ?? []),
      {
        filename: "ticket-qr-code.png",
        contentType: "image/png",
        content: qrPng(registration.ticket_code, 6).toString("base64"),
        encoding: "base64",
        cid: QR_CID,
      },
    ],
  };
}
