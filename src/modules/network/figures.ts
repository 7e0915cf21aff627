import type { Platform } from "../../platform/platform.js";
import type { NetworkCooperation } from "./analysis.js";
import { loadNetworkInputs } from "./analysis.service.js";

// Cooperation figures for reports, on the same cached inputs as the network analysis.
// A cooperation has "started" in a period when it became a real one (every partner
// confirmed, at least two partners, not merely proposed) and its start date lies in
// the period; it "started at a Fachtag" when it came out of a Fachtag's agreements
// (origin_event_id). "Active" stays the analysis' rule: isCountedOn.

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
