import { describe, expect, it } from "vitest";
import { escapeText, foldLine, icsTime, toIcs } from "./ics.js";
import type { EventView } from "./service.js";

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

  it("marks cancelled events as CANCELLED", () => {
    const event = {
      id: "e1",
      url: "/fachtage/x",
      title: "Abgesagt",
      subtitle: null,
      description: null,
      startsAt: "2027-03-12T08:00:00.000Z",
      endsAt: "2027-03-12T14:00:00.000Z",
      updatedAt: "2026-11-27T10:00:00.000Z",
      venue: { name: "Kreishaus", room: null, address: null, accessibility: null, directions: null },
      contact: { name: null, email: null, phone: null },
      status: "cancelled",
    } as unknown as EventView;
    const ics = toIcs([{ event }], { baseUrl: "https://bildung.example", calendarName: "Fachtage" });
    expect(ics).toContain("STATUS:CANCELLED\r\n");
    expect(ics).toContain("UID:e1@bildung.example\r\n");
    expect(ics).toContain("URL:https://bildung.example/fachtage/x\r\n");
  });
});
