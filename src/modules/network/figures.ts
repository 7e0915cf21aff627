import type { Platform } from "../../platform/platform.js";
import { gapKindOf, isCountedOn, membersOf, type NetworkCooperation, type NetworkOrganisation } from "./analysis.js";
import { loadNetworkInputs } from "./analysis.service.js";

// Cooperation figures for reports, on the same cached inputs as the network analysis.
// A cooperation has "started" in a period when it became a real one (every partner
// confirmed, at least two partners, not merely proposed) and its start date lies in
// the period; it "started at a Fachtag" when it came out of a Fachtag's agreements
// (origin_event_id). "Active" stays the analysis' rule: isCountedOn. Isolated actors and
// transition gaps over time follow the analysis' rules too (networkOn).

export interface CooperationStarts {
  started: number;
  startedAtFachtag: number;
  /** Per quarter of the period ("2025-Q3"), only quarters with starts. */
  perQuarter: { quarter: string; started: number; atFachtag: number }[];
}

const isReal = (c: NetworkCooperation) => c.confirmed && c.status !== "proposed" && c.organisationIds.length >= 2;
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** Cooperations started between two local dates (inclusive, "YYYY-MM-DD"). */
export async function cooperationStarts(platform: Platform, from: string, to: string): Promise<CooperationStarts> {
  const { cooperations } = await loadNetworkInputs(platform);
  const fromFachtag = new Set(
    (
      await platform.db.kysely
        .selectFrom("cooperations")
        .select("id")
        .where("origin_event_id", "is not", null)
        .where("starts_on", ">=", from)
        .where("starts_on", "<=", to)
        .execute()
    ).map((r) => r.id),
  );
  const quarters = new Map<string, { started: number; atFachtag: number }>();
  let started = 0;
  let startedAtFachtag = 0;
  for (const c of cooperations) {
    if (!isReal(c) || c.startsOn < from || c.startsOn > to) continue;
    const atFachtag = fromFachtag.has(c.id);
    started++;
    if (atFachtag) startedAtFachtag++;
    const q = quarterOf(c.startsOn);
    const row = quarters.get(q) ?? { started: 0, atFachtag: 0 };
    row.started++;
    if (atFachtag) row.atFachtag++;
    quarters.set(q, row);
  }
  const perQuarter = [...quarters].sort(([a], [b]) => (a < b ? -1 : 1)).map(([quarter, r]) => ({ quarter, ...r }));
  return { started, startedAtFachtag, perQuarter };
}

/** The network as of one day: active cooperations, isolated actors and gaps, by the analysis' rules. */
export interface NetworkOnDay {
  day: string;
  organisations: number;
  active: number;
  isolated: number;
  kitaWithoutPrimary: number;
  schoolWithoutTransition: number;
}

/**
 * The figures of the network analysis that reports show over time, as of one day,
 * by the analysis' own rules (isCountedOn, membersOf, gapKindOf) without building the
 * whole graph: which cooperations were running then follows from their start and end
 * dates; the organisations are the directory's of today (it keeps no record of when one
 * joined). The test checks it against analyseNetwork on every day.
 */
export function networkOn(
  organisations: readonly NetworkOrganisation[],
  cooperations: readonly NetworkCooperation[],
  day: string,
): NetworkOnDay {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const known = (id: string) => byId.has(id);
  const partners = new Map<string, Set<string>>();
  let active = 0;
  for (const c of cooperations) {
    if (!isCountedOn(c, day)) continue;
    const members = membersOf(c, known);
    if (members.length < 2) continue;
    active++;
    for (const a of members) {
      const set = partners.get(a) ?? new Set<string>();
      partners.set(a, set);
      for (const b of members) if (b !== a) set.add(b);
    }
  }
  let isolated = 0;
  let kitaWithoutPrimary = 0;
  let schoolWithoutTransition = 0;
  for (const o of organisations) {
    const own = partners.get(o.id);
    if (!own) isolated++;
    const gap = gapKindOf(o, () => (own ? [...own].map((id) => byId.get(id) as NetworkOrganisation) : []));
    if (gap === "kita_ohne_grundschule") kitaWithoutPrimary++;
    else if (gap === "schule_ohne_uebergang_beruf") schoolWithoutTransition++;
  }
  return { day, organisations: byId.size, active, isolated, kitaWithoutPrimary, schoolWithoutTransition };
}

/** Days already counted, per inputs object: the analysis cache hands out a new one when the network changed. */
const counted = new WeakMap<object, Map<string, NetworkOnDay>>();
const MAX_CACHED_DAYS = 64;

/** networkOn for each of the given days ("YYYY-MM-DD"), on the network's cached inputs; each day counted once. */
export async function networkOnDays(platform: Platform, days: readonly string[]): Promise<NetworkOnDay[]> {
  const inputs = await loadNetworkInputs(platform);
  let known = counted.get(inputs);
  if (!known) {
    known = new Map();
    counted.set(inputs, known);
  }
  const cache = known;
  return days.map((day) => {
    const hit = cache.get(day);
    if (hit) return hit;
    const figures = networkOn(inputs.organisations, inputs.cooperations, day);
    if (cache.size >= MAX_CACHED_DAYS) cache.delete(cache.keys().next().value as string);
    cache.set(day, figures);
    return figures;
  });
}
