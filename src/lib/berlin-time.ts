// Fachtage happen in Celle: organisers type local times (Europe/Berlin), the
// database keeps UTC. Intl knows the daylight-saving rules, so no table is kept here.

const ZONE = "Europe/Berlin";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function berlinParts(ms: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(new Date(ms))) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return out;
}

/** Minutes Berlin is ahead of UTC at this instant: 60 in winter, 120 in summer. */
export function berlinOffsetMinutes(value: string | Date | number): number {
  const ms = new Date(value).getTime();
  const p = berlinParts(ms);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * "2025-03-28" + "09:30" in Berlin → "2025-03-28T08:30:00.000Z".
 * A time that does not exist (the hour skipped in spring) is read with the
 * offset before the change, i.e. moved one hour on; the repeated autumn hour
 * is read as its first (summer-time) occurrence. Returns null for bad input.
 */
export function berlinToUtc(date: string, time: string): string | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const naive = Date.UTC(year, month - 1, day, Number(t[1]), Number(t[2]));
  const check = new Date(naive);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // Try the summer offset first so the ambiguous autumn hour resolves to its first occurrence.
  for (const offset of [120, 60]) {
    const candidate = naive - offset * 60_000;
    if (berlinOffsetMinutes(candidate) === offset) return new Date(candidate).toISOString();
  }
  // Spring gap: the wall time never occurs; use the winter offset (02:30 → 03:30 CEST).
  return new Date(naive - 60 * 60_000).toISOString();
}

/** UTC instant → the Berlin wall-clock date ("2025-03-28") and time ("09:30"). */
export function utcToBerlin(value: string | Date): { date: string; time: string } {
  const p = berlinParts(new Date(value).getTime());
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** ISO 8601 with the Berlin offset: "2025-03-28T09:30:00+01:00" (for the API and feeds). */
export function toBerlinIso(value: string | Date): string {
  const offset = berlinOffsetMinutes(value);
  const { date, time } = utcToBerlin(value);
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const seconds = String(new Date(value).getUTCSeconds()).padStart(2, "0");
  return `${date}T${time}:${seconds}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The Berlin calendar day of an instant, for "is this session on the event's day?". */
export const berlinDay = (value: string | Date): string => utcToBerlin(value).date;

/**
 * How the end of a period reads to people: a window that ends at midnight (Berlin) is
 * shown as 23:59 of the day before — the organiser typed a date and meant the whole of it.
 */
export function shownEnd(value: string | Date): Date {
  const at = new Date(value);
  return utcToBerlin(at).time === "00:00" ? new Date(at.getTime() - 60_000) : at;
}
