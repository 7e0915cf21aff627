import { translator } from "../../platform/i18n/i18n.js";
import type { OutgoingMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { eventIcs } from "./ics.js";
import type { EventRow, RegistrationRow, SessionRow } from "./repo.js";
import { manageTokenFor } from "./tokens.js";

// The e-mails of the registrations module. German: participants of a district's
// Fachtag are addressed in German (texts in messages.ts, keys registrations.mail.*).

export type MailKind =
  | "confirmRequest"
  | "confirmed"
  | "waitlisted"
  | "promoted"
  | "cancelled"
  | "reminder"
  | "changed"
  | "eventCancelled";

export interface MailContext {
  platform: Platform;
  event: EventRow;
  registration: RegistrationRow;
  /** Workshops this person holds (titles and times). */
  workshops: SessionRow[];
  /** All sessions of the event, for the programme summary. */
  programme?: SessionRow[];
  confirmToken?: string;
  /** The manage token when the caller has it already (saves deriving it again). */
  manageToken?: string;
  waitlistPosition?: number;
  droppedWorkshops?: string[];
  changes?: { time?: boolean; venue?: boolean };
  /** Key suffix for mails that may happen more than once (change notices). */
  occasion?: string;
}

const t = translator("de");

// Formatters are built once: creating an Intl.DateTimeFormat costs more than a registration's SQL.
const dateFormat = new Intl.DateTimeFormat("de-DE", {
  timeZone: "Europe/Berlin",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const timeFormat = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });
const formatDate = (iso: string, _locale: "de") => dateFormat.format(new Date(iso));
const formatTime = (iso: string, _locale: "de") => timeFormat.format(new Date(iso));

export const manageUrl = (platform: Platform, registrationId: string) =>
  `${platform.config.baseUrl}/anmeldung/${manageTokenFor(platform.config.sessionSecret, registrationId)}`;

const manageLinkOf = (ctx: MailContext) =>
  ctx.manageToken
    ? `${ctx.platform.config.baseUrl}/anmeldung/${ctx.manageToken}`
    : manageUrl(ctx.platform, ctx.registration.id);

export const eventUrl = (platform: Platform, event: EventRow) => `${platform.config.baseUrl}/fachtage/${event.slug}`;

function venueLine(event: EventRow): string {
  return [event.venue_name, event.venue_room, event.venue_address].filter(Boolean).join(", ");
}

function when(event: EventRow): string {
  return t("registrations.mail.when", {
    date: formatDate(event.starts_at, "de"),
    from: formatTime(event.starts_at, "de"),
    to: formatTime(event.ends_at, "de"),
  });
}

function workshopLines(workshops: SessionRow[]): string[] {
  if (workshops.length === 0) return [];
  return [
    t("registrations.mail.yourWorkshops"),
    ...workshops.map((w) => `– ${formatTime(w.starts_at, "de")}–${formatTime(w.ends_at, "de")} ${w.title}`),
    "",
  ];
}

function programmeLines(programme: SessionRow[] | undefined): string[] {
  if (!programme?.length) return [];
  return [
    t("registrations.mail.programme"),
    ...programme.map((s) => `${formatTime(s.starts_at, "de")}–${formatTime(s.ends_at, "de")}  ${s.title}`),
    "",
  ];
}

function icsAttachment(ctx: MailContext, cancelled = false) {
  const { event } = ctx;
  return {
    filename: `${event.slug}.ics`,
    contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    content: eventIcs({
      id: event.id,
      title: event.title,
      startsAt: event.starts_at,
      endsAt: event.ends_at,
      location: venueLine(event),
      description: [...workshopLines(ctx.workshops), t("registrations.mail.manageLink"), manageLinkOf(ctx)].join("\n"),
      url: eventUrl(ctx.platform, event),
      status: cancelled ? "CANCELLED" : "CONFIRMED",
    }),
  };
}

export function buildMail(kind: MailKind, ctx: MailContext): OutgoingMail {
  const { event, registration: r, platform } = ctx;
  const name = `${r.first_name} ${r.last_name}`;
  const params = { event: event.title, name, date: formatDate(event.starts_at, "de") };
  const signature = [
    "",
    t("registrations.mail.regards"),
    platform.config.district.office,
    platform.config.district.name,
  ];
  const head = [t("registrations.mail.greeting", { name }), ""];
  const facts = [when(event), t("registrations.mail.where", { venue: venueLine(event) }), ""];
  const manage = [t("registrations.mail.manageLink"), manageLinkOf(ctx), ""];
  let subject: string;
  let body: string[];
  let attachments: OutgoingMail["attachments"];
  switch (kind) {
    case "confirmRequest":
      subject = t("registrations.mail.confirmRequest.subject", params);
      body = [
        t("registrations.mail.confirmRequest.intro", params),
        "",
        t("registrations.mail.confirmRequest.action", { hours: event.hold_hours }),
        `${platform.config.baseUrl}/anmeldung/bestaetigen/${ctx.confirmToken ?? ""}`,
        "",
        t("registrations.mail.confirmRequest.hold"),
        "",
        ...facts,
        ...workshopLines(ctx.workshops),
        ...manage,
        t("registrations.mail.confirmRequest.ignore"),
      ];
      break;
    case "confirmed":
      subject = t("registrations.mail.confirmed.subject", params);
      body = [
        t("registrations.mail.confirmed.intro", params),
        "",
        ...facts,
        ...workshopLines(ctx.workshops),
        ...programmeLines(ctx.programme),
        t("registrations.mail.ics"),
        "",
        ...manage,
      ];
      attachments = [icsAttachment(ctx)];
      break;
    case "waitlisted":
      subject = t("registrations.mail.waitlisted.subject", params);
      body = [
        t("registrations.mail.waitlisted.intro", { ...params, position: ctx.waitlistPosition ?? "?" }),
        "",
        t(event.confirm_by_email ? "registrations.mail.waitlisted.nextConfirm" : "registrations.mail.waitlisted.next"),
        "",
        ...facts,
        ...manage,
      ];
      break;
    case "promoted":
      subject = t("registrations.mail.promoted.subject", params);
      body = [
        t(ctx.confirmToken ? "registrations.mail.promoted.introConfirm" : "registrations.mail.promoted.intro", params),
        "",
        ...(ctx.confirmToken
          ? [
              t("registrations.mail.confirmRequest.action", { hours: event.hold_hours }),
              `${platform.config.baseUrl}/anmeldung/bestaetigen/${ctx.confirmToken}`,
              "",
              t("registrations.mail.confirmRequest.hold"),
              "",
            ]
          : []),
        ...facts,
        ...workshopLines(ctx.workshops),
        ...(ctx.droppedWorkshops?.length
          ? [t("registrations.mail.promoted.dropped", { titles: ctx.droppedWorkshops.join(", ") }), ""]
          : []),
        ...programmeLines(ctx.programme),
        t("registrations.mail.promoted.cantCome"),
        "",
        ...manage,
      ];
      // The calendar file comes with the confirmation once the address is confirmed.
      if (!ctx.confirmToken) attachments = [icsAttachment(ctx)];
      break;
    case "cancelled":
      subject = t("registrations.mail.cancelled.subject", params);
      body = [t("registrations.mail.cancelled.intro", params), "", t("registrations.mail.cancelled.again")];
      break;
    case "reminder":
      subject = t("registrations.mail.reminder.subject", params);
      body = [
        t("registrations.mail.reminder.intro", params),
        "",
        ...facts,
        ...(event.venue_directions ? [event.venue_directions, ""] : []),
        ...workshopLines(ctx.workshops),
        t("registrations.mail.reminder.cantCome"),
        "",
        ...manage,
      ];
      break;
    case "changed":
      subject = t("registrations.mail.changed.subject", params);
      body = [
        t("registrations.mail.changed.intro", params),
        "",
        ...(ctx.changes?.time ? [t("registrations.mail.changed.time"), when(event), ""] : []),
        ...(ctx.changes?.venue
          ? [t("registrations.mail.changed.venue"), t("registrations.mail.where", { venue: venueLine(event) }), ""]
          : []),
        t("registrations.mail.changed.stillValid"),
        "",
        ...manage,
      ];
      attachments = ctx.changes?.time || ctx.changes?.venue ? [icsAttachment(ctx)] : undefined;
      break;
    case "eventCancelled":
      subject = t("registrations.mail.eventCancelled.subject", params);
      body = [t("registrations.mail.eventCancelled.intro", params), "", t("registrations.mail.eventCancelled.sorry")];
      attachments = [icsAttachment(ctx, true)];
      break;
  }
  return {
    to: r.email,
    subject,
    text: [...head, ...body, ...signature].join("\n"),
    ...(attachments ? { attachments } : {}),
    idempotencyKey: `registrations:${kind}:${r.id}${ctx.occasion ? `:${ctx.occasion}` : ""}`,
  };
}

/** A free message from the organiser to a group of participants. */
export function organiserMail(
  platform: Platform,
  event: EventRow,
  r: RegistrationRow,
  subject: string,
  text: string,
  occasion: string,
): OutgoingMail {
  return {
    to: r.email,
    subject: `${subject} – ${event.title}`,
    text: [
      t("registrations.mail.greeting", { name: `${r.first_name} ${r.last_name}` }),
      "",
      text,
      "",
      "—",
      t("registrations.mail.organiserFooter", { event: event.title }),
      t("registrations.mail.manageLink"),
      manageUrl(platform, r.id),
    ].join("\n"),
    idempotencyKey: `registrations:message:${r.id}:${occasion}`,
  };
}
