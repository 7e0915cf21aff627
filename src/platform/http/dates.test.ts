import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registerMessages, translator } from "../i18n/i18n.js";
import { platformMessages } from "../i18n/messages.js";
import { localDate, localDateTime, localTime, parseLocalDate } from "./dates.js";
import { parseForm } from "./forms.js";

registerMessages(platformMessages);
const t = translator("de");
const form = z.object({ day: localDate(), at: localDateTime(), time: localTime() });
const check = (body: Record<string, string>) => parseForm(form, body, t, "de");

describe("dates and times from forms", () => {
  it("reads the browser's and the German way of writing a date", () => {
    expect(parseLocalDate("2025-03-28")).toEqual({ ok: true, date: "2025-03-28" });
    expect(parseLocalDate("28.3.2025")).toEqual({ ok: true, date: "2025-03-28" });
  });

  it.each([
    ["2026-02-30", "Dieses Datum gibt es nicht"],
    ["2026-13-01", "Dieses Datum gibt es nicht"],
    ["0001-05-01", "zwischen 01.01.2000 und 31.12.2100"],
    ["2200-01-01", "zwischen 01.01.2000 und 31.12.2100"],
    ["morgen", "Format TT.MM.JJJJ"],
  ])("refuses the date %s with a German message", (day, message) => {
    const result = check({ day, at: "2025-03-28T09:30", time: "09:30" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.day).toContain(message);
  });

  it.each(["2026-13-01T10:00", "2026-01-01T25:00", "2026-02-30T10:00", "2026-01-01"])(
    "refuses the date and time %s, never a RangeError",
    (at) => {
      const result = check({ day: "2025-03-28", at, time: "09:30" });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.at).toMatch(/Datum|Uhrzeit/);
    },
  );

  it("converts Berlin local time with daylight saving to UTC", () => {
    const winter = check({ day: "2025-03-28", at: "2025-01-15T09:30", time: "9:30" });
    const summer = check({ day: "2025-03-28", at: "2025-07-15T09:30", time: "09:30" });
    expect(winter.ok && winter.data.at).toBe("2025-01-15T08:30:00.000Z");
    expect(summer.ok && summer.data.at).toBe("2025-07-15T07:30:00.000Z");
    expect(winter.ok && winter.data.time).toBe("09:30");
  });

  it("refuses 24:00 and 12:60 as times of day", () => {
    for (const time of ["24:00", "12:60", "noon"]) {
      const result = check({ day: "2025-03-28", at: "2025-03-28T09:30", time });
      expect(result.ok).toBe(false);
    }
  });
});
