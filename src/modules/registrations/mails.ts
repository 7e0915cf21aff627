import { translator } from "../../platform/i18n/i18n.js";
import type { OutgoingMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, eventIcs, type SessionView } from "../events/index.js";
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
  | "eventCancelled"
  | "alreadyRegistered"
  | "manageLink"
  | "workshopsChanged";

/** Who a mail goes to. */
export interface MailRecipient {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

export interface MailContext {
  platform: Platform;
  event: EventView;
  registration: MailRecipient;
  /** Workshops this person holds (titles and times). */
  workshops: SessionView[];
  /** All sessions of the event, for the programme summary. */
  programme?: SessionView[];
  confirmToken?: string;
  /** The manage token when the caller has it already (saves deriving it again). */
  manageToken?: string;
  waitlistPosition?: number;
  droppedWorkshops?: string[];
  changes?: { time?: boolean; venue?: boolean };
  /** Key suffix for mails that may happen more than once (change notices). */
  occasion?: string;
  /** Preference mode before the allocation: the wishes per slot (titles in rank order). */
  wishes?: { startsAt: string; endsAt: string; titles: string[] }[];
}

const t = translator("de");

// Formatters (formatting only, no conversion) are built once: creating an
// Intl.DateTimeFormat costs more than a registration's SQL, and platform/i18n builds one per call.
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

/** The participant's private manage link (for other modules' mails about the registration). */
export const manageUrl = (platform: Platform, registrationId: string) =>
  `${platform.config.baseUrl}/anmeldung/${manageTokenFor(platform.config.sessionSecret, registrationId)}`;

const manageLinkOf = (ctx: MailContext) =>
  ctx.manageToken
    ? `${ctx.platform.config.baseUrl}/anmeldung/${ctx.manageToken}`
    : manageUrl(ctx.platform, ctx.registration.id);

function venueLine(event: EventView): string {
  return [event.venue.name, event.venue.room, event.venue.address].filter(Boolean).join(", ");
}

function when(event: EventView): string {
  return t("registrations.mail.when", {
    date: formatDate(event.startsAt, "de"),
    from: formatTime(event.startsAt, "de"),
    to: formatTime(event.endsAt, "de"),
  });
}

function workshopLines(workshops: SessionView[]): string[] {
  if (workshops.length === 0) return [];
  return [
    t("registrations.mail.yourWorkshops"),
    ...workshops.map((w) => `– ${formatTime(w.startsAt, "de")}–${formatTime(w.endsAt, "de")} ${w.title}`),
    "",
  ];
}

/** The wishes per slot and what happens next: workshops are allocated and e-mailed later. */
function wishLines(ctx: MailContext): string[] {
  if (!ctx.wishes) return [];
  const given = ctx.wishes.filter((w) => w.titles.length);
  return [
    ...(given.length
      ? [
          t("registrations.mail.yourWishes"),
          ...given.map((w) =>
            t("registrations.mail.wishSlot", {
              from: formatTime(w.startsAt, "de"),
              to: formatTime(w.endsAt, "de"),
              wishes: w.titles.map((title, i) => `${i + 1}. ${title}`).join(", "),
            }),
          ),
        ]
      : [t("registrations.mail.noWishes")]),
    "",
    t("registrations.mail.wishesNext"),
    "",
  ];
}

function programmeLines(programme: SessionView[] | undefined): string[] {
  if (!programme?.length) return [];
  return [
    t("registrations.mail.programme"),
    ...programme.map((s) => `${formatTime(s.startsAt, "de")}–${formatTime(s.endsAt, "de")}  ${s.title}`),
    "",
  ];
}

/**
 * The Fachtag's calendar entry from the events module's one writer: the same UID as
 * the page's .ics and the feed, so the participant's calendar keeps one entry and a
 * cancellation (METHOD:CANCEL) removes it.
 */
function icsAttachment(ctx: MailContext) {
  const { event } = ctx;
  const description = [...workshopLines(ctx.workshops), t("registrations.mail.manageLink"), manageLinkOf(ctx)];
  const file = eventIcs({ event, description: description.join("\n") }, { baseUrl: ctx.platform.config.baseUrl });
  return {
    filename: `${event.slug}.ics`,
    contentType: `text/calendar; charset=utf-8; method=${file.method}`,
    content: file.content,
  };
}

export function buildMail(kind: MailKind, ctx: MailContext): OutgoingMail {
  const { event, registration: r, platform } = ctx;
  const name = `${r.firstName} ${r.lastName}`;
  const params = { event: event.title, name, date: formatDate(event.startsAt, "de") };
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
        t("registrations.mail.confirmRequest.action", { hours: event.holdHours }),
        `${platform.config.baseUrl}/anmeldung/bestaetigen/${ctx.confirmToken ?? ""}`,
        "",
        t("registrations.mail.confirmRequest.hold"),
        "",
        ...facts,
        ...workshopLines(ctx.workshops),
        ...wishLines(ctx),
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
        ...wishLines(ctx),
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
        t(event.confirmByEmail ? "registrations.mail.waitlisted.nextConfirm" : "registrations.mail.waitlisted.next"),
        "",
        ...facts,
        ...wishLines(ctx),
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
              t("registrations.mail.confirmRequest.action", { hours: event.holdHours }),
              `${platform.config.baseUrl}/anmeldung/bestaetigen/${ctx.confirmToken}`,
              "",
              t("registrations.mail.confirmRequest.hold"),
              "",
            ]
          : []),
        ...facts,
        ...workshopLines(ctx.workshops),
        ...wishLines(ctx),
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
        ...(event.venue.directions ? [event.venue.directions, ""] : []),
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
    case "alreadyRegistered":
      subject = t("registrations.mail.alreadyRegistered.subject", params);
      body = [
        t("registrations.mail.alreadyRegistered.intro", params),
        "",
        ...facts,
        ...manage,
        t("registrations.mail.alreadyRegistered.ignore"),
      ];
      break;
    case "manageLink":
      subject = t("registrations.mail.manageLinkMail.subject", params);
      body = [
        t("registrations.mail.manageLinkMail.intro", params),
        "",
        ...(ctx.confirmToken
          ? [
              t("registrations.mail.confirmRequest.action", { hours: event.holdHours }),
              `${platform.config.baseUrl}/anmeldung/bestaetigen/${ctx.confirmToken}`,
              "",
            ]
          : []),
        ...manage,
        ...facts,
        t("registrations.mail.manageLinkMail.ignore"),
      ];
      break;
    case "workshopsChanged":
      subject = t("registrations.mail.workshopsChanged.subject", params);
      body = [
        t("registrations.mail.workshopsChanged.intro", params),
        "",
        ...(ctx.workshops.length ? workshopLines(ctx.workshops) : [t("registrations.mail.workshopsChanged.none"), ""]),
        ...facts,
        ...manage,
      ];
      break;
    case "eventCancelled":
      subject = t("registrations.mail.eventCancelled.subject", params);
      body = [t("registrations.mail.eventCancelled.intro", params), "", t("registrations.mail.eventCancelled.sorry")];
      attachments = [icsAttachment(ctx)];
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
  event: EventView,
  r: MailRecipient,
  subject: string,
  text: string,
  occasion: string,
): OutgoingMail {
  return {
    to: r.email,
    subject: `${subject} – ${event.title}`,
    text: [
      t("registrations.mail.greeting", { name: `${r.firstName} ${r.lastName}` }),
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
