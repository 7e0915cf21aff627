import { z } from "zod";
import { berlinToUtc } from "../../lib/berlin-time.js";

// The one parser for dates and times typed into forms and sent to the API. Browsers'
// date inputs send "2025-03-28"; a hand-typed "28.03.2025" is read too. Impossible
// dates ("2026-02-30", "2026-13-01") and times ("25:00") are refused with a German
// message instead of rolling over or reaching `new Date()` as a RangeError, and every
// date lies in a range the district can mean (2000–2100), on create and on update alike.

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})$/;

export type DateProblem = "validation.dateFormat" | "validation.dateImpossible" | "validation.dateRange";

/** "2025-03-28" or "28.03.2025" → "2025-03-28", or the reason it is not a usable date. */
export function parseLocalDate(input: string): { ok: true; date: string } | { ok: false; problem: DateProblem } {
  const text = input.trim();
  const iso = ISO_DATE.exec(text);
  const german = iso ? null : GERMAN_DATE.exec(text);
  if (!iso && !german) return { ok: false, problem: "validation.dateFormat" };
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [Number(german?.[3]), Number(german?.[2]), Number(german?.[1])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { ok: false, problem: "validation.dateImpossible" };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, problem: "validation.dateRange" };
  const pad = (n: number) => String(n).padStart(2, "0");
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}

/** "9:30" or "09:30" → "09:30"; null for anything that is no time of day. */
export function parseLocalTime(input: string): string | null {
  const m = TIME.exec(input.trim());
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${m[2]}`;
}

const rangeParams = `|min=01.01.${MIN_YEAR}|max=31.12.${MAX_YEAR}`;
const messageOf = (problem: DateProblem) => (problem === "validation.dateRange" ? problem + rangeParams : problem);

/** A required calendar day (Europe/Berlin), as "YYYY-MM-DD". */
export const localDate = () =>
  z.string({ error: "validation.required" }).transform((value, ctx) => {
    if (value.trim() === "") {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return z.NEVER;
    }
    const parsed = parseLocalDate(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: messageOf(parsed.problem) });
      return z.NEVER;
    }
    return parsed.date;
  });

/** An optional calendar day: empty means "not given". */
export const optionalLocalDate = () =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), localDate().optional());

/** A required time of day, as "HH:MM". */
export const localTime = () =>
  z.string({ error: "validation.required" }).transform((value, ctx) => {
    const time = parseLocalTime(value);
    if (!time) {
      ctx.addIssue({ code: "custom", message: value.trim() === "" ? "validation.required" : "validation.time" });
      return z.NEVER;
    }
    return time;
  });

/**
 * A date and time typed in Berlin ("2025-03-28T09:30", as `<input type="datetime-local">`
 * sends it, or "28.03.2025 09:30") → the instant as ISO UTC, daylight saving included.
 */
export const localDateTime = () =>
  z.string({ error: "validation.required" }).transform((value, ctx) => {
    const [datePart = "", timePart = ""] = value.trim().split(/[T\s]+|,\s*/);
    if (value.trim() === "") {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return z.NEVER;
    }
    const date = parseLocalDate(datePart);
    if (!date.ok) {
      ctx.addIssue({ code: "custom", message: messageOf(date.problem) });
      return z.NEVER;
    }
    const time = parseLocalTime(timePart.replace(/\s*Uhr$/, ""));
    const utc = time ? berlinToUtc(date.date, time) : null;
    if (!utc) {
      ctx.addIssue({ code: "custom", message: timePart ? "validation.time" : "validation.dateTime" });
      return z.NEVER;
    }
    return utc;
  });
