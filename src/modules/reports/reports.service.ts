import { berlinDay, berlinToUtc } from "../../lib/berlin-time.js";
import type { Actor } from "../../platform/auth/actor.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { firstWishCounts } from "../allocation/index.js";
import {
  currentMunicipality,
  educationAreas,
  formerMunicipalities,
  getOrganisationSummaries,
  municipalities,
} from "../directory/index.js";
import { donePostCount, offerRequestIds, postCounts, postKinds } from "../exchange/index.js";
import { surveyScores } from "../feedback/index.js";
import { matchedPostCount } from "../matching/index.js";
import {
  type CooperationStarts,
  cooperationStarts,
  getNetworkAnalysis,
  type NetworkAnalysis,
  type NetworkOnDay,
  networkOnDays,
} from "../network/index.js";
import { participantsGroupedBy, type RegistrationFilter, registrationCountsByEvent } from "../registrations/index.js";
import { reportsAccess } from "./access.js";
import { countedEvents, type ReportEventRow } from "./reports.repo.js";
import type { ReportQuery } from "./schema.js";

// Every figure of the dashboard, the PDF, the summary API and the public page. Each
// figure comes from the module that owns its rule: registrations (registered,
// confirmed, present, waitlist-only), allocation (first wishes), network (active
// cooperations, isolated actors, gaps, starts). This file only picks the Fachtage of
// the period and adds up.

/** "ohne Angabe": a participant or organisation without that field. */
export const NONE = "ohne_angabe";

export interface Period {
  /** Local dates (Europe/Berlin), inclusive. */
  from: string;
  to: string;
  kind: "year" | "quarter" | "range";
  year?: number;
  quarter?: number;
}

export interface ReportFilter {
  area?: string | undefined;
  municipality?: string | undefined;
  kind?: string | undefined;
}

export interface Count {
  key: string;
  count: number;
}

export interface RegistrationTotals {
  total: number;
  confirmed: number;
  present: number;
  /** Confirmed people of Fachtage that have begun who were not let in. */
  noShow: number;
  /** Confirmed people of Fachtage that have begun (the base of the no-show rate). */
  heldConfirmed: number;
  waitlistOnly: number;
  /** "Teilnehmende": present where the Fachtag checked people in, else confirmed (registrations' participantsOf). */
  participants: number;
}

export interface YearRow {
  year: number;
  events: number;
  confirmed: number;
  present: number;
  participants: number;
}

export interface EventFigures {
  events: number;
  registrations: RegistrationTotals;
  perYear: YearRow[];
  byKind: Count[];
  byRole: Count[];
  byArea: Count[];
  /** Every municipality of the district (also those with 0), then "other/none". */
  byMunicipality: Count[];
  firstWish: { placed: number; firstWish: number };
}

export interface NetworkFigures {
  asOf: string;
  organisations: number;
  active: number;
  byArea: NetworkAnalysis["byArea"];
  /** Every municipality of the district, also those without organisations. */
  byMunicipality: NetworkAnalysis["byMunicipality"];
  areaLinks: NetworkAnalysis["areaLinks"];
  isolated: number;
  gaps: { kitaWithoutPrimary: number; schoolWithoutTransition: number };
  starts: CooperationStarts;
  /** Isolated actors and gaps over time: the analysis at the end of each year (or quarter, month) of the period. */
  overTime: (NetworkOnDay & { label: string })[];
}

/** The Austausch in a period: posts made public per kind, offers/requests marked "erledigt". */
export interface ExchangeFigures {
  total: number;
  byKind: Count[];
  done: number;
  /** Offers and requests of the period the platform paired with a fitting counterpart. */
  matched: number;
}

/** A Fachtag's overall rating in its anonymous survey (1–5), for those with answers. */
export interface ScoreRow {
  eventId: string;
  title: string;
  startsAt: string;
  answers: number;
  overall: number | null;
}

export interface Report {
  period: Period;
  previous: Period;
  filter: ReportFilter;
  /** The admin's view of every Fachtag, or an editor's own. */
  allEvents: boolean;
  current: EventFigures;
  before: EventFigures;
  network: NetworkFigures;
  previousStarts: CooperationStarts;
  exchange: ExchangeFigures;
  scores: ScoreRow[];
}

// --- periods -----------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  return {
    kind: "quarter",
    year,
    quarter,
    from: `${year}-${pad(first)}-01`,
    to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
  };
}

const yearPeriod = (year: number): Period => ({ kind: "year", year, from: `${year}-01-01`, to: `${year}-12-31` });

/** The period asked for in the address: a custom range, a quarter, a year, or this year. */
export function resolvePeriod(
  q: Pick<ReportQuery, "year" | "quarter" | "from" | "to">,
  today = berlinDay(new Date()),
): Period {
  if (q.from && q.to) return { kind: "range", from: q.from, to: q.to };
  const year = q.year ?? Number(today.slice(0, 4));
  return q.quarter ? quarterPeriod(year, q.quarter) : yearPeriod(year);
}

/** The period before, of the same kind: the year before, the quarter before, or as many days right before. */
export function previousPeriod(p: Period): Period {
  if (p.kind === "year") return yearPeriod((p.year as number) - 1);
  if (p.kind === "quarter") {
    const q = p.quarter as number;
    return q === 1 ? quarterPeriod((p.year as number) - 1, 4) : quarterPeriod(p.year as number, q - 1);
  }
  const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000);
  const to = addDays(p.from, -1);
  return { kind: "range", from: addDays(to, -days), to };
}

/** Change against the period before in whole percent, or null when there was nothing before. */
export function change(now: number, before: number): number | null {
  if (before === 0) return null;
  return Math.round(((now - before) / before) * 100);
}

// --- figures -----------------------------------------------------------------------------

/** The names a municipality was stored under (itself and the former ones now part of it). */
const namesOf = (municipality: string) => [
  municipality,
  ...Object.entries(formerMunicipalities)
    .filter(([, now]) => now === municipality)
    .map(([old]) => old),
];

const inPeriod = (events: readonly ReportEventRow[], p: Period) =>
  events.filter((e) => {
    const d = berlinDay(e.startsAt);
    return d >= p.from && d <= p.to;
  });

const sorted = (map: Map<string, number>): Count[] =>
  [...map]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, "de"));

async function eventFigures(
  platform: Platform,
  events: readonly ReportEventRow[],
  period: Period,
  filter: ReportFilter,
): Promise<EventFigures> {
  const db = platform.db.kysely;
  const chosen = inPeriod(events, period);
  const ids = chosen.map((e) => e.id);
  const regFilter: RegistrationFilter = {
    organisationKind: filter.kind,
    municipalities: filter.municipality ? namesOf(filter.municipality) : undefined,
  };
  const now = nowIso();
  const begun = new Set(chosen.filter((e) => e.startsAt <= now).map((e) => e.id));
  const yearOf = new Map(chosen.map((e) => [e.id, Number(berlinDay(e.startsAt).slice(0, 4))]));

  const [counts, kinds, roles, places, orgs, firstWish] = await Promise.all([
    registrationCountsByEvent(db, ids, regFilter),
    participantsGroupedBy(db, ids, "organisation_kind", regFilter),
    participantsGroupedBy(db, ids, "role", regFilter),
    participantsGroupedBy(db, ids, "municipality", regFilter),
    participantsGroupedBy(db, ids, "organisation_id", regFilter),
    firstWishCounts(db, ids),
  ]);

  const registrations: RegistrationTotals = {
    total: 0,
    confirmed: 0,
    present: 0,
    noShow: 0,
    heldConfirmed: 0,
    waitlistOnly: 0,
    participants: 0,
  };
  const years = new Map<number, YearRow>();
  for (const e of chosen) {
    const y = yearOf.get(e.id) as number;
    const row = years.get(y) ?? { year: y, events: 0, confirmed: 0, present: 0, participants: 0 };
    row.events++;
    years.set(y, row);
  }
  for (const c of counts) {
    registrations.total += c.total;
    registrations.confirmed += c.confirmed;
    registrations.present += c.present;
    registrations.waitlistOnly += c.waitlistOnly;
    registrations.participants += c.participants;
    if (begun.has(c.eventId)) {
      registrations.heldConfirmed += c.confirmed;
      registrations.noShow += c.confirmed - c.present;
    }
    const row = years.get(yearOf.get(c.eventId) as number);
    if (row) {
      row.confirmed += c.confirmed;
      row.present += c.present;
      row.participants += c.participants;
    }
  }

  const byKind = new Map<string, number>();
  for (const k of kinds) byKind.set(k.key ?? NONE, (byKind.get(k.key ?? NONE) ?? 0) + k.count);
  const byRole = new Map<string, number>();
  for (const r of roles) {
    const key = r.key?.trim() ? r.key.trim() : NONE;
    byRole.set(key, (byRole.get(key) ?? 0) + r.count);
  }
  const byMunicipality = new Map<string, number>(municipalities.map((m) => [m, 0]));
  let otherPlaces = 0;
  for (const p of places) {
    const m = p.key ? currentMunicipality(p.key) : null;
    if (m && byMunicipality.has(m)) byMunicipality.set(m, (byMunicipality.get(m) ?? 0) + p.count);
    else otherPlaces += p.count;
  }
  // Areas come from the participant's organisation in the directory; one with two areas counts in both.
  const summaries = await getOrganisationSummaries(
    db,
    orgs.flatMap((o) => (o.key ? [o.key] : [])),
  );
  const areasOf = new Map(summaries.map((s) => [s.id, s.areas]));
  const byArea = new Map<string, number>(educationAreas.map((a) => [a.id, 0]));
  let noArea = 0;
  for (const o of orgs) {
    const areas = o.key ? (areasOf.get(o.key) ?? []) : [];
    if (areas.length === 0) noArea += o.count;
    for (const a of areas) byArea.set(a, (byArea.get(a) ?? 0) + o.count);
  }
  const areaRows = [...byArea].map(([key, count]) => ({ key, count }));
  if (noArea) areaRows.push({ key: NONE, count: noArea });

  return {
    events: chosen.length,
    registrations,
    perYear: [...years.values()].sort((a, b) => a.year - b.year),
    byKind: sorted(byKind),
    byRole: sorted(byRole),
    byArea: filter.area ? areaRows.filter((r) => r.key === filter.area) : areaRows,
    byMunicipality: [
      ...[...byMunicipality].map(([key, count]) => ({ key, count })),
      ...(otherPlaces ? [{ key: NONE, count: otherPlaces }] : []),
    ],
    firstWish,
  };
}

const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);

/** A part of the period whose network is shown "over time": its label and the days it spans. */
export interface TimePoint {
  label: string;
  from: string;
  to: string;
}

/**
 * The parts of a period the network is shown for over time: a year by quarters
 * ("2025-Q1"), a quarter by months ("2025-03"), a custom range by years when it
 * touches two or more calendar years, else by quarters — each cut to the period.
 */
export function timePoints(p: Pick<Period, "kind" | "from" | "to">): TimePoint[] {
  const fromYear = Number(p.from.slice(0, 4));
  const toYear = Number(p.to.slice(0, 4));
  const parts: TimePoint[] = [];
  if (p.kind === "range" && toYear > fromYear) {
    for (let y = fromYear; y <= toYear; y++) parts.push({ label: String(y), from: `${y}-01-01`, to: `${y}-12-31` });
  } else if (p.kind === "quarter") {
    const first = Number(p.from.slice(5, 7));
    for (let m = first; m < first + 3; m++)
      parts.push({
        label: `${fromYear}-${pad(m)}`,
        from: `${fromYear}-${pad(m)}-01`,
        to: `${fromYear}-${pad(m)}-${pad(lastDayOfMonth(fromYear, m))}`,
      });
  } else {
    for (let y = fromYear; y <= toYear; y++)
      for (let q = 1; q <= 4; q++) {
        const part = quarterPeriod(y, q);
        parts.push({ label: `${y}-Q${q}`, from: part.from, to: part.to });
      }
  }
  return parts
    .filter((x) => x.to >= p.from && x.from <= p.to)
    .map((x) => ({ label: x.label, from: maxDay(x.from, p.from), to: minDay(x.to, p.to) }));
}

async function networkFigures(
  platform: Platform,
  period: Period,
  filter: ReportFilter,
  withOverTime = true,
): Promise<NetworkFigures> {
  const asOf = minDay(period.to, berlinDay(new Date()));
  const analysis = await getNetworkAnalysis(platform, asOf);
  const starts = await cooperationStarts(platform, period.from, period.to);
  // Each part as of its last day, at most today; parts that have not begun yet are left out.
  const today = berlinDay(new Date());
  const parts = withOverTime ? timePoints(period).filter((x) => x.from <= today) : [];
  const days = await networkOnDays(
    platform,
    parts.map((x) => minDay(x.to, today)),
  );
  const overTime = days.map((d, i) => ({ ...d, label: (parts[i] as TimePoint).label }));
  const known = new Map(analysis.byMunicipality.map((r) => [r.key, r]));
  const byMunicipality = municipalities.map((m) => known.get(m) ?? { key: m, organisations: 0, cooperations: 0 });
  return {
    asOf,
    organisations: analysis.organisations,
    active: analysis.cooperations,
    byArea: filter.area ? analysis.byArea.filter((r) => r.key === filter.area) : analysis.byArea,
    byMunicipality: filter.municipality ? byMunicipality.filter((r) => r.key === filter.municipality) : byMunicipality,
    areaLinks: analysis.areaLinks,
    isolated: analysis.isolated.length,
    gaps: {
      kitaWithoutPrimary: analysis.gaps.filter((g) => g.kind === "kita_ohne_grundschule").length,
      schoolWithoutTransition: analysis.gaps.filter((g) => g.kind === "schule_ohne_uebergang_beruf").length,
    },
    starts,
    overTime,
  };
}

/** [from, to] as local days (Europe/Berlin) → the UTC instants [start of from, start of the day after to). */
function utcRange(p: Pick<Period, "from" | "to">): { from: string; to: string } {
  return { from: berlinToUtc(p.from, "00:00") as string, to: berlinToUtc(addDays(p.to, 1), "00:00") as string };
}

async function exchangeFigures(platform: Platform, period: Period): Promise<ExchangeFigures> {
  const db = platform.db.kysely;
  const range = utcRange(period);
  const [counts, done, ids] = await Promise.all([
    postCounts(db, range),
    donePostCount(db, range),
    offerRequestIds(db, range),
  ]);
  const byKind = postKinds.map((key) => ({ key, count: counts[key] ?? 0 }));
  const matched = await matchedPostCount(db, ids);
  return { total: byKind.reduce((sum, k) => sum + k.count, 0), byKind, done, matched };
}

/** The survey's overall rating of each Fachtag of the period that has answers, in date order. */
async function scoreRows(platform: Platform, events: readonly ReportEventRow[], period: Period): Promise<ScoreRow[]> {
  const chosen = inPeriod(events, period);
  const scores = new Map(
    (
      await surveyScores(
        platform.db.kysely,
        chosen.map((e) => e.id),
      )
    ).map((s) => [s.eventId, s]),
  );
  return chosen.flatMap((e) => {
    const s = scores.get(e.id);
    return s ? [{ eventId: e.id, title: e.title, startsAt: e.startsAt, answers: s.answers, overall: s.overall }] : [];
  });
}

/** The Fachtage the actor's report counts: all for admins, an editor's own. */
async function visibleEvents(platform: Platform, actor: Actor): Promise<{ events: ReportEventRow[]; all: boolean }> {
  const events = await countedEvents(platform.db.kysely);
  const all = actor.kind === "user" && actor.role === "admin";
  return { events: events.filter((e) => reportsAccess.can(actor, "reports.event", e)), all };
}

/** The dashboard: every figure for the period and filters, with the period before for comparison. */
export async function getReport(platform: Platform, actor: Actor, query: ReportQuery): Promise<Report> {
  reportsAccess.requireAccess(actor, "reports.view", undefined);
  const period = resolvePeriod(query);
  const previous = previousPeriod(period);
  const filter: ReportFilter = { area: query.area, municipality: query.municipality, kind: query.kind };
  const { events, all } = await visibleEvents(platform, actor);
  const [current, before, network, previousStarts, exchange, scores] = await Promise.all([
    eventFigures(platform, events, period, filter),
    eventFigures(platform, events, previous, filter),
    networkFigures(platform, period, filter),
    cooperationStarts(platform, previous.from, previous.to),
    exchangeFigures(platform, period),
    scoreRows(platform, events, period),
  ]);
  return { period, previous, filter, allEvents: all, current, before, network, previousStarts, exchange, scores };
}

export interface Summary {
  from: string;
  to: string;
  events: number;
  registrations: {
    total: number;
    confirmed: number;
    present: number;
    noShow: number;
    waitlistOnly: number;
    participants: number;
  };
  participantsByKind: Record<string, number>;
  participantsByMunicipality: Record<string, number>;
  organisations: number;
  cooperations: { active: number; started: number; startedAtFachtag: number };
  /**
   * The Austausch: posts made public in the period, per kind, offers/requests marked
   * "erledigt" and offers/requests paired with a fitting counterpart.
   */
  posts: { total: number; done: number; matched: number } & Record<string, number>;
}

/** The API's summary of a period (this year without from/to). */
export async function getSummary(
  platform: Platform,
  actor: Actor,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<Summary> {
  reportsAccess.requireAccess(actor, "reports.view", undefined);
  const today = berlinDay(new Date());
  const thisYear = resolvePeriod({}, today);
  const period: Period = { kind: "range", from: range.from ?? thisYear.from, to: range.to ?? thisYear.to };
  const { events } = await visibleEvents(platform, actor);
  const [f, network, exchange] = await Promise.all([
    eventFigures(platform, events, period, {}),
    networkFigures(platform, period, {}, false),
    exchangeFigures(platform, period),
  ]);
  const { heldConfirmed: _base, ...registrations } = f.registrations;
  return {
    from: period.from,
    to: period.to,
    events: f.events,
    registrations,
    participantsByKind: Object.fromEntries(f.byKind.map((c) => [c.key, c.count])),
    participantsByMunicipality: Object.fromEntries(f.byMunicipality.map((c) => [c.key, c.count])),
    organisations: network.organisations,
    cooperations: {
      active: network.active,
      started: network.starts.started,
      startedAtFachtag: network.starts.startedAtFachtag,
    },
    posts: {
      ...Object.fromEntries(exchange.byKind.map((k) => [k.key, k.count])),
      total: exchange.total,
      done: exchange.done,
      matched: exchange.matched,
    },
  };
}

// --- the public figures --------------------------------------------------------------------

/** A figure fit for the public: below 5 it could point at a person, so it is shown as "< 5". */
export type PublicFigure = number | "< 5";
export const suppress = (n: number): PublicFigure => (n < 5 ? "< 5" : n);

export interface PublicFigures {
  asOf: string;
  organisations: PublicFigure;
  cooperations: PublicFigure;
  organisationsByArea: { key: string; value: PublicFigure }[];
  cooperationsByArea: { key: string; value: PublicFigure }[];
  organisationsByMunicipality: { key: string; value: PublicFigure }[];
  years: { year: number; events: PublicFigure; participants: PublicFigure }[];
}

/** Key figures of the landscape for everybody: no names, nothing below 5. Fachtage up to today. */
export async function getPublicFigures(platform: Platform): Promise<PublicFigures> {
  const today = berlinDay(new Date());
  const analysis = await getNetworkAnalysis(platform, today);
  const now = nowIso();
  const events = (await countedEvents(platform.db.kysely)).filter((e) => e.startsAt <= now);
  const first = events[0] ? Number(berlinDay(events[0].startsAt).slice(0, 4)) : Number(today.slice(0, 4));
  const f = await eventFigures(platform, events, { kind: "range", from: `${first}-01-01`, to: today }, {});
  const areaRow = new Map(analysis.byArea.map((r) => [r.key, r]));
  const municipalityRow = new Map(analysis.byMunicipality.map((r) => [r.key, r]));
  return {
    asOf: today,
    organisations: suppress(analysis.organisations),
    cooperations: suppress(analysis.cooperations),
    organisationsByArea: educationAreas.map((a) => ({
      key: a.id,
      value: suppress(areaRow.get(a.id)?.organisations ?? 0),
    })),
    cooperationsByArea: educationAreas.map((a) => ({
      key: a.id,
      value: suppress(areaRow.get(a.id)?.cooperations ?? 0),
    })),
    organisationsByMunicipality: municipalities.map((m) => ({
      key: m,
      value: suppress(municipalityRow.get(m)?.organisations ?? 0),
    })),
    years: f.perYear.map((y) => ({ year: y.year, events: suppress(y.events), participants: suppress(y.participants) })),
  };
}
