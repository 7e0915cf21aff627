import type { Platform } from "../../platform/platform.js";
import type { NetworkCooperation } from "./analysis.js";
import { getNetworkAnalysis, loadNetworkInputs } from "./analysis.service.js";

// Cooperation figures for reports, on the same cached inputs as the network analysis.
// A cooperation has "started" in a period when it became a real one (every partner
// confirmed, at least two partners, not merely proposed) and its start date lies in
// the period; it "started at a Fachtag" when it came out of a Fachtag's agreements
// (origin_event_id). "Active" stays the analysis' rule: isCountedOn. Isolated actors and
// transition gaps over time are the analysis itself, run as of each day asked for.

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

/** The network as of one day: the analysis' own counts of active cooperations, isolated actors and gaps. */
export interface NetworkOnDay {
  day: string;
  organisations: number;
  active: number;
  isolated: number;
  kitaWithoutPrimary: number;
  schoolWithoutTransition: number;
}

/**
 * The network analysis (getNetworkAnalysis, the same one the analysis page shows) as of
 * each of the given days ("YYYY-MM-DD"): which cooperations were running then follows
 * from their start and end dates; the organisations are the directory's of today (it
 * keeps no record of when one joined). Days are computed one after the other, so a few
 * cold ones do not hold both cores; each stays in the analysis cache until the network changes.
 */
export async function networkOnDays(platform: Platform, days: readonly string[]): Promise<NetworkOnDay[]> {
  const out: NetworkOnDay[] = [];
  for (const day of days) {
    const a = await getNetworkAnalysis(platform, day);
    let kitaWithoutPrimary = 0;
    let schoolWithoutTransition = 0;
    for (const g of a.gaps) {
      if (g.kind === "kita_ohne_grundschule") kitaWithoutPrimary++;
      else if (g.kind === "schule_ohne_uebergang_beruf") schoolWithoutTransition++;
    }
    out.push({
      day,
      organisations: a.organisations,
      active: a.cooperations,
      isolated: a.isolated.length,
      kitaWithoutPrimary,
      schoolWithoutTransition,
    });
  }
  return out;
}
