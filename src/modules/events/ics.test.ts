import { describe, expect, it } from "vitest";
import type { EventView } from "./event-views.js";
import { escapeText, eventIcs, feedIcs, foldLine, icsTime, icsUid } from "./ics.js";
import { parseIcs } from "./test-ics.js";

const event = (over: Partial<EventView> = {}) =>
  ({
    id: "e1",
    url: "/fachtage/x",
    title: "Fachtag",
    subtitle: null,
    description: null,
    startsAt: "2027-03-12T08:00:00.000Z",
    endsAt: "2027-03-12T14:00:00.000Z",
    updatedAt: "2026-11-27T10:00:00.000Z",
    venue: { name: "Kreishaus", room: null, address: null, accessibility: null, directions: null },
    contact: { name: "Bildungsbüro", email: "bildung@example.org", phone: null },
    status: "published",
    icsSequence: 0,
    ...over,
  }) as unknown as EventView;

describe("iCalendar text rules (RFC 5545)", () => {
  it("escapes backslash, semicolon, comma and line breaks", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds lines at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"Schätze statt Schwächen – Übergänge ".repeat(6)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(folded).not.toContain("\uFFFD");
  });

  it("leaves short lines alone and writes UTC times", () => {
    expect(foldLine("VERSION:2.0")).toBe("VERSION:2.0");
    expect(icsTime("2025-03-28T08:00:00.000Z")).toBe("20250328T080000Z");
  });
});

describe("one calendar entry per Fachtag", () => {
  const options = { baseUrl: "https://bildung.example:8443", calendarName: "Fachtage" };

  it("uses one UID, the host name of BASE_URL, and the stored SEQUENCE", () => {
    const file = parseIcs(eventIcs({ event: event({ icsSequence: 3 }) }, options).content);
    expect(file.get("UID")).toEqual(["e1@bildung.example"]);
    expect(icsUid("e1", options.baseUrl)).toBe("e1@bildung.example");
    expect(file.get("SEQUENCE")).toEqual(["3"]);
    expect(file.get("METHOD")).toEqual(["PUBLISH"]);
    expect(file.get("STATUS")).toEqual(["CONFIRMED"]);
  });

  it("cancels a cancelled Fachtag: METHOD:CANCEL and STATUS:CANCELLED in its own file", () => {
    const cancelled = event({ status: "cancelled", icsSequence: 1 });
    const single = eventIcs({ event: cancelled }, options);
    expect(single.method).toBe("CANCEL");
    const file = parseIcs(single.content);
    expect(file.get("METHOD")).toEqual(["CANCEL"]);
    expect(file.get("STATUS")).toEqual(["CANCELLED"]);
    expect(file.get("URL")).toEqual(["https://bildung.example:8443/fachtage/x"]);
  });

  it("publishes the feed, with cancelled Fachtage marked inside it", () => {
    const feed = parseIcs(feedIcs([{ event: event() }, { event: event({ id: "e2", status: "cancelled" }) }], options));
    expect(feed.get("METHOD")).toEqual(["PUBLISH"]);
    expect(feed.get("UID")).toEqual(["e1@bildung.example", "e2@bildung.example"]);
    expect(feed.get("STATUS")).toEqual(["CONFIRMED", "CANCELLED"]);
  });
});
