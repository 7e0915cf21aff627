// iCalendar (RFC 5545) by hand: it is a small text format and a library would be
// heavier than the rules it implements. Times are written in UTC ("Z"), which
// every calendar converts to local time without a VTIMEZONE block.

import type { EventView, SessionView } from "./service.js";

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

export interface IcsOptions {
  baseUrl: string;
  calendarName: string;
  /** DTSTAMP; defaults to now. */
  now?: Date;
}

function location(event: EventView): string {
  return [event.venue.name, event.venue.room, event.venue.address].filter(Boolean).join(", ");
}

function description(event: EventView, sessions: SessionView[] | undefined, url: string): string {
  const lines: string[] = [];
  if (event.subtitle) lines.push(event.subtitle);
  if (event.description) lines.push("", event.description);
  if (sessions?.length) {
    lines.push("", "Programm:");
    for (const s of sessions) {
      const from = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", timeStyle: "short" });
      lines.push(`${from.format(new Date(s.startsAt))}–${from.format(new Date(s.endsAt))} ${s.title}`);
    }
  }
  lines.push("", url);
  return lines.join("\n").trim();
}

function vevent(event: EventView, options: IcsOptions, sessions?: SessionView[]): string[] {
  const host = new URL(options.baseUrl).host;
  const url = new URL(event.url, options.baseUrl).href;
  return [
    "BEGIN:VEVENT",
    `UID:${event.id}@${host}`,
    `DTSTAMP:${icsTime((options.now ?? new Date()).toISOString())}`,
    `LAST-MODIFIED:${icsTime(event.updatedAt)}`,
    `DTSTART:${icsTime(event.startsAt)}`,
    `DTEND:${icsTime(event.endsAt)}`,
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(description(event, sessions, url))}`,
    `LOCATION:${escapeText(location(event))}`,
    `URL:${url}`,
    `STATUS:${event.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    ...(event.contact.email
      ? [`ORGANIZER;CN=${quoteParam(event.contact.name ?? event.contact.email)}:mailto:${event.contact.email}`]
      : []),
    "END:VEVENT",
  ];
}

const quoteParam = (value: string) => `"${value.replace(/["\r\n]/g, "")}"`;

/** A whole VCALENDAR with one VEVENT per event; lines end in CRLF and are folded. */
export function toIcs(events: { event: EventView; sessions?: SessionView[] }[], options: IcsOptions): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Bildungsnetz//Fachtage//DE",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
    "X-WR-TIMEZONE:Europe/Berlin",
    ...events.flatMap(({ event, sessions }) => vevent(event, options, sessions)),
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
