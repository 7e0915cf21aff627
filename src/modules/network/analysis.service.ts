import type { Conn, Db } from "../../platform/db/database.js";
import type { Locale, Translate } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { getOrganisationSummaries, listOrganisationsForNetwork } from "../directory/index.js";
import {
  analyseNetwork,
  buildCooperationGraph,
  type NetworkAnalysis,
  type NetworkCooperation,
  type NetworkOrganisation,
  todayInBerlin,
} from "./analysis.js";
import { cooperationsForAnalysis, networkFingerprint } from "./analysis.repo.js";
import { analysisCsv } from "./analysis-csv.js";
import type { CooperationStatus } from "./constants.js";
import type { OrgRef } from "./views/analysis.js";

// The analysis of the whole network (public data) and the cache that keeps it cheap:
// the analysis page, its CSV, the API, the graph page and the directory's
// "Kooperiert mit" filter all read the same cached inputs.

export interface NetworkInputs {
  organisations: NetworkOrganisation[];
  cooperations: NetworkCooperation[];
}

async function readNetworkInputs(db: Conn): Promise<NetworkInputs> {
  const organisations = await listOrganisationsForNetwork(db);
  const { cooperations, partners } = await cooperationsForAnalysis(db);
  const byCoop = new Map<string, { ids: string[]; confirmed: boolean }>();
  for (const p of partners) {
    let entry = byCoop.get(p.cooperation_id);
    if (!entry) {
      entry = { ids: [], confirmed: true };
      byCoop.set(p.cooperation_id, entry);
    }
    entry.ids.push(p.organisation_id);
    if (p.confirmed_at === null) entry.confirmed = false;
  }
  return {
    organisations,
    cooperations: cooperations.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: c.status as CooperationStatus,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      organisationIds: byCoop.get(c.id)?.ids ?? [],
      confirmed: byCoop.get(c.id)?.confirmed ?? false,
    })),
  };
}

interface CacheEntry {
  fingerprint: string;
  inputs: Promise<NetworkInputs>;
  analyses: Map<string, NetworkAnalysis>;
  /** "asOf|kind" → organisations cooperating with that kind (the directory's filter). */
  partners: Map<string, Set<string>>;
}

/**
 * The network's inputs and analyses, kept per database while nothing changed. A
 * cheap fingerprint (counts and latest change times of organisations, their areas,
 * cooperations and confirmations) is checked on every call, so a change made by
 * another module or another app instance invalidates the cache at once. Concurrent
 * callers share one computation.
 */
const cache = new WeakMap<object, CacheEntry>();
const MAX_CACHED_DAYS = 8;

async function cached(db: Db): Promise<CacheEntry> {
  const fingerprint = await networkFingerprint(db.kysely);
  const hit = cache.get(db);
  if (hit && hit.fingerprint === fingerprint) return hit;
  const entry: CacheEntry = {
    fingerprint,
    inputs: readNetworkInputs(db.kysely),
    analyses: new Map(),
    partners: new Map(),
  };
  cache.set(db, entry);
  entry.inputs.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return entry;
}

/** Organisations and cooperations of the whole network, from the cache. */
export async function loadNetworkInputs(platform: Platform): Promise<NetworkInputs> {
  return (await cached(platform.db)).inputs;
}

/** Without any cache: what one change of the network costs (for the benchmark). */
export async function computeNetworkAnalysis(platform: Platform, asOf = todayInBerlin()): Promise<NetworkAnalysis> {
  const inputs = await readNetworkInputs(platform.db.kysely);
  return analyseNetwork(inputs.organisations, inputs.cooperations, { asOf });
}

/** The analysis of the whole network as of today (Europe/Berlin). Public data. */
export async function getNetworkAnalysis(platform: Platform, asOf = todayInBerlin()): Promise<NetworkAnalysis> {
  const entry = await cached(platform.db);
  const inputs = await entry.inputs;
  let analysis = entry.analyses.get(asOf);
  if (!analysis) {
    analysis = analyseNetwork(inputs.organisations, inputs.cooperations, { asOf });
    // A few days are kept (today, and the ends of the periods reports look at), oldest out first.
    if (entry.analyses.size >= MAX_CACHED_DAYS) entry.analyses.delete(entry.analyses.keys().next().value as string);
    entry.analyses.set(asOf, analysis);
  }
  return analysis;
}

/**
 * Recomputes the cached analysis when the network changed (a periodic job), so
 * visitors rarely wait for a cold computation.
 */
export async function warmNetworkAnalysis(platform: Platform): Promise<void> {
  await getNetworkAnalysis(platform);
}

/** The analysis page: the figures and the organisations its lists name (the first 200 of each). */
export async function getAnalysisPage(
  platform: Platform,
): Promise<{ analysis: NetworkAnalysis; organisations: Map<string, OrgRef> }> {
  const analysis = await getNetworkAnalysis(platform);
  const referenced = [
    ...new Set([...analysis.isolated.slice(0, 200), ...analysis.gaps.slice(0, 200).map((g) => g.organisationId)]),
  ];
  const organisations = new Map(
    (await getOrganisationSummaries(platform.db.kysely, referenced)).map((s) => [
      s.id,
      { name: s.name, slug: s.slug, municipality: s.municipality },
    ]),
  );
  return { analysis, organisations };
}

/** The analysis as a CSV file for Excel, with its file name. */
export async function exportAnalysisCsv(
  platform: Platform,
  t: Translate,
  locale: Locale,
): Promise<{ filename: string; csv: string }> {
  const analysis = await getNetworkAnalysis(platform);
  const { organisations } = await loadNetworkInputs(platform);
  const names = new Map(organisations.map((o) => [o.id, { name: o.name, municipality: o.municipality }]));
  return { filename: `Netzwerkanalyse ${analysis.asOf}.csv`, csv: analysisCsv(analysis, names, t, locale) };
}

/**
 * Organisations that have at least one confirmed, running cooperation with an
 * organisation of the given kind (e.g. Grundschulen that cooperate with Kitas).
 * Read from the cached network, so the directory can filter by it cheaply.
 */
export async function organisationsCooperatingWithKind(
  platform: Platform,
  partnerKind: string,
  asOf = todayInBerlin(),
): Promise<ReadonlySet<string>> {
  const entry = await cached(platform.db);
  const key = `${asOf}|${partnerKind}`;
  const hit = entry.partners.get(key);
  if (hit) return hit;
  const inputs = await entry.inputs;
  const { graph } = buildCooperationGraph(inputs.organisations, inputs.cooperations, { asOf });
  const result = new Set<string>();
  graph.forEachEdge((_edge, _attr, a, b, aAttr, bAttr) => {
    if (bAttr.kind === partnerKind) result.add(a);
    if (aAttr.kind === partnerKind) result.add(b);
  });
  entry.partners.set(key, result);
  return result;
}
