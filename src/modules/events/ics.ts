// iCalendar (RFC 5545) by hand: it is a small text format and a library would be
// heavier than the rules it implements. Times are written in UTC ("Z"), which
// every calendar converts to local time without a VTIMEZONE block.
//
// The one writer for every calendar file of a Fachtag: the page's .ics, the feed and
// the registrations module's mail attachments. A Fachtag has one UID everywhere, so a
// calendar keeps one entry for it; SEQUENCE (raised on each change of time or venue
// and on cancellation) lets the calendar replace that entry with the newer one.

import { formatTime } from "../../platform/i18n/i18n.js";
import type { EventView, SessionView } from "./event-views.js";

/** Escapes TEXT values (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r?\n|\r/g, "\\n");
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // continuation lines start with a space, which counts towards their 75 octets
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** "2025-03-28T08:00:00.000Z" → "20250328T080000Z" */
export const icsTime = (iso: string): string =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** The Fachtag's one calendar identity: "<eventId>@<host name of BASE_URL>". */
export const icsUid = (eventId: string, baseUrl: string): string => `${eventId}@${new URL(baseUrl).hostname}`;

interface IcsOptions {
  baseUrl: string;
  /** X-WR-CALNAME, for files a person subscribes to or imports as a calendar. */
  calendarName?: string;
  /** DTSTAMP; defaults to now. */
  now?: Date;
}

interface IcsEntry {
  event: EventView;
  /** The programme, listed in the description. */
  sessions?: SessionView[];
  /** Replaces the default description (e.g. a participant's workshops and manage link). */
  description?: string;
}

function location(event: EventView): string {
  return [event.venue.name, event.venue.room, event.venue.address].filter(Boolean).join(", ");
}

function defaultDescription(event: EventView, sessions: SessionView[] | undefined, url: string): string {
  const lines: string[] = [];
  if (event.subtitle) lines.push(event.subtitle);
  if (event.description) lines.push("", event.description);
  if (sessions?.length) {
    lines.push("", "Programm:");
    for (const s of sessions) lines.push(`${formatTime(s.startsAt, "de")}–${formatTime(s.endsAt, "de")} ${s.title}`);
  }
  lines.push("", url);
  return lines.join("\n").trim();
}

const quoteParam = (value: string) => `"${value.replace(/["\r\n]/g, "")}"`;

function vevent(entry: IcsEntry, options: IcsOptions): string[] {
  const { event } = entry;
  const url = new URL(event.url, options.baseUrl).href;
  return [
    "BEGIN:VEVENT",
    `UID:${icsUid(event.id, options.baseUrl)}`,
    `SEQUENCE:${event.icsSequence}`,
    `DTSTAMP:${icsTime((options.now ?? new Date()).toISOString())}`,
    `LAST-MODIFIED:${icsTime(event.updatedAt)}`,
    `DTSTART:${icsTime(event.startsAt)}`,
    `DTEND:${icsTime(event.endsAt)}`,
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(entry.description ?? defaultDescription(event, entry.sessions, url))}`,
    `LOCATION:${escapeText(location(event))}`,
    `URL:${url}`,
    `STATUS:${event.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    ...(event.contact.email
      ? [`ORGANIZER;CN=${quoteParam(event.contact.name ?? event.contact.email)}:mailto:${event.contact.email}`]
      : []),
    "END:VEVENT",
  ];
}

export type IcsMethod = "PUBLISH" | "CANCEL";

function calendar(entries: IcsEntry[], options: IcsOptions, method: IcsMethod): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Bildungsnetz//Fachtage//DE",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    ...(options.calendarName ? [`X-WR-CALNAME:${escapeText(options.calendarName)}`] : []),
    "X-WR-TIMEZONE:Europe/Berlin",
    ...entries.flatMap((entry) => vevent(entry, options)),
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

/** The subscribed feed: every public Fachtag, cancelled ones marked STATUS:CANCELLED. */
export function feedIcs(entries: IcsEntry[], options: IcsOptions): string {
  return calendar(entries, options, "PUBLISH");
}

/**
 * The file of one Fachtag (page download, mail attachment): METHOD:CANCEL for a
 * cancelled Fachtag, so a calendar removes the entry it imported earlier.
 */
export function eventIcs(entry: IcsEntry, options: IcsOptions): { method: IcsMethod; content: string } {
  const method: IcsMethod = entry.event.status === "cancelled" ? "CANCEL" : "PUBLISH";
  return { method, content: calendar([entry], options, method) };
}
