import { UndirectedGraph } from "graphology";
import { connectedComponents } from "graphology-components";
import { undirectedDensity } from "graphology-metrics/graph/density.js";
import { areaOrder, type CooperationStatus, type GapKind, secondarySchoolKinds, transitionAreas } from "./constants.js";

// The network analysis works on plain inputs (no database), so the figures can be
// checked by hand on small networks. graphology does the graph work.

export interface NetworkOrganisation {
  id: string;
  name: string;
  kind: string;
  areas: string[];
  municipality: string | null;
}

export interface NetworkCooperation {
  id: string;
  kind: string;
  status: CooperationStatus;
  startsOn: string;
  endsOn: string | null;
  organisationIds: string[];
  /** Every participating organisation has confirmed its part. */
  confirmed: boolean;
}

export interface AreaLink {
  from: string;
  to: string;
  count: number;
}

export interface Gap {
  organisationId: string;
  kind: GapKind;
}

export interface CountRow {
  key: string;
  organisations: number;
  cooperations: number;
}

export interface QuarterRow {
  /** "2024-Q1" */
  quarter: string;
  active: number;
}

export interface NetworkAnalysis {
  asOf: string;
  organisations: number;
  cooperations: number;
  /** Distinct pairs of organisations linked by at least one counted cooperation. */
  edges: number;
  density: number;
  components: number;
  /** Sizes of the connected components, largest first. */
  componentSizes: number[];
  isolated: string[];
  areaLinks: AreaLink[];
  gaps: Gap[];
  byArea: CountRow[];
  byMunicipality: CountRow[];
  growth: QuarterRow[];
  /** Number of distinct partners per organisation id. */
  degree: Record<string, number>;
}

export interface NodeAttributes {
  name: string;
  kind: string;
  areas: string[];
  municipality: string | null;
}

export interface EdgeAttributes {
  cooperationIds: string[];
  kinds: string[];
}

export type CooperationGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

/** "YYYY-MM-DD" of today in Europe/Berlin: cooperations start and end on local dates. */
export function todayInBerlin(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(now);
}

/**
 * A cooperation counts for the network when every partner has confirmed it, its
 * status is active and the given day lies between its start and its end.
 */
export function isCountedOn(cooperation: NetworkCooperation, day: string): boolean {
  return (
    cooperation.confirmed &&
    cooperation.status === "active" &&
    cooperation.startsOn <= day &&
    (cooperation.endsOn === null || cooperation.endsOn >= day)
  );
}

/**
 * The distinct organisations of a cooperation that are in the network (`known`); a
 * cooperation links them only when there are at least two (else: none).
 */
export function membersOf(cooperation: NetworkCooperation, known: (id: string) => boolean): readonly string[] {
  const ids = cooperation.organisationIds;
  // Most cooperations have two partners: no Set needed for them.
  if (ids.length === 2) return ids[0] !== ids[1] && known(ids[0]!) && known(ids[1]!) ? ids : [];
  const members = [...new Set(ids)].filter(known);
  return members.length < 2 ? [] : members;
}

/**
 * The transition gap of one organisation, given its partners (asked for only when its
 * kind can have one): a Kita without a Grundschule among them, a secondary school
 * without a partner in a transition area.
 */
export function gapKindOf(
  node: { kind: string },
  partners: () => readonly { kind: string; areas: readonly string[] }[],
): GapKind | null {
  if (node.kind === "kita") return partners().some((p) => p.kind === "grundschule") ? null : "kita_ohne_grundschule";
  if ((secondarySchoolKinds as readonly string[]).includes(node.kind)) {
    const transition = partners().some((p) => p.areas.some((a) => (transitionAreas as readonly string[]).includes(a)));
    return transition ? null : "schule_ohne_uebergang_beruf";
  }
  return null;
}

/**
 * The undirected simple graph of the given organisations and the counted
 * cooperations among them: a cooperation of three organisations links each pair,
 * parallel cooperations between the same pair are one edge (with both ids kept).
 */
export function buildCooperationGraph(
  organisations: NetworkOrganisation[],
  cooperations: NetworkCooperation[],
  options: { asOf: string; kind?: string | undefined },
): { graph: CooperationGraph; counted: NetworkCooperation[] } {
  const graph: CooperationGraph = new UndirectedGraph<NodeAttributes, EdgeAttributes>();
  for (const o of organisations) {
    graph.addNode(o.id, { name: o.name, kind: o.kind, areas: o.areas, municipality: o.municipality });
  }
  const counted: NetworkCooperation[] = [];
  for (const c of cooperations) {
    if (!isCountedOn(c, options.asOf)) continue;
    if (options.kind && c.kind !== options.kind) continue;
    const members = membersOf(c, (id) => graph.hasNode(id));
    if (members.length < 2) continue;
    counted.push(c);
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        const edge = graph.edge(a, b);
        if (edge === undefined) {
          graph.addEdge(a, b, { cooperationIds: [c.id], kinds: [c.kind] });
        } else {
          const attr = graph.getEdgeAttributes(edge);
          attr.cooperationIds.push(c.id);
          if (!attr.kinds.includes(c.kind)) attr.kinds.push(c.kind);
        }
      }
    }
  }
  return { graph, counted };
}

/** One collator for all sorting: String#localeCompare with a locale builds a new one per call. */
export const germanCollator = new Intl.Collator("de");

const areaRank = (area: string): number => {
  const index = (areaOrder as readonly string[]).indexOf(area);
  return index < 0 ? areaOrder.length : index;
};

/** Areas in life-course order; unknown areas after, alphabetically. */
export function compareAreas(a: string, b: string): number {
  return areaRank(a) - areaRank(b) || a.localeCompare(b);
}

/**
 * All figures of the analysis page and the API. `isolated` and the gaps are
 * sorted by organisation name so the output is stable.
 */
export function analyseNetwork(
  organisations: NetworkOrganisation[],
  cooperations: NetworkCooperation[],
  options: { asOf: string; kind?: string | undefined },
): NetworkAnalysis {
  const { graph, counted } = buildCooperationGraph(organisations, cooperations, options);
  // Sort once by name; afterwards lists are ordered by this rank.
  const sortedIds = organisations
    .filter((o) => graph.hasNode(o.id))
    .sort((a, b) => germanCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((o) => o.id);
  const rank = new Map(sortedIds.map((id, i) => [id, i]));
  const byName = (a: string, b: string) => rank.get(a)! - rank.get(b)!;

  const n = graph.order;
  const density = n < 2 ? 0 : undirectedDensity(graph);
  const components = connectedComponents(graph);
  const degree: Record<string, number> = {};
  const isolated: string[] = [];
  graph.forEachNode((id) => {
    degree[id] = graph.degree(id);
    if (degree[id] === 0) isolated.push(id);
  });
  isolated.sort(byName);

  // Links between areas: each edge counts once for every (unordered) pair of areas it connects.
  const links = new Map<string, number>();
  graph.forEachEdge((_edge, _attr, _source, _target, sourceAttr, targetAttr) => {
    const pairs = new Set<string>();
    for (const a of sourceAttr.areas) {
      for (const b of targetAttr.areas) {
        const [from, to] = compareAreas(a, b) <= 0 ? [a, b] : [b, a];
        pairs.add(`${from}\u0000${to}`);
      }
    }
    for (const key of pairs) links.set(key, (links.get(key) ?? 0) + 1);
  });
  const areaLinks: AreaLink[] = [...links]
    .map(([key, count]) => {
      const [from, to] = key.split("\u0000") as [string, string];
      return { from, to, count };
    })
    .sort((x, y) => compareAreas(x.from, y.from) || compareAreas(x.to, y.to));

  const gaps: Gap[] = [];
  const neighbours = (id: string) => graph.neighbors(id).map((other) => graph.getNodeAttributes(other));
  for (const id of new Set(sortedIds)) {
    const kind = gapKindOf(graph.getNodeAttributes(id), () => neighbours(id));
    if (kind) gaps.push({ organisationId: id, kind });
  }

  return {
    asOf: options.asOf,
    organisations: n,
    cooperations: counted.length,
    edges: graph.size,
    density,
    components: components.length,
    componentSizes: components.map((c) => c.length).sort((a, b) => b - a),
    isolated,
    areaLinks,
    gaps,
    byArea: countBy(graph, counted, (node) => node.areas, compareAreas),
    byMunicipality: countBy(
      graph,
      counted,
      (node) => (node.municipality ? [node.municipality] : []),
      germanCollator.compare,
    ),
    growth: activePerQuarter(
      options.kind ? cooperations.filter((c) => c.kind === options.kind) : cooperations,
      options.asOf,
    ),
    degree,
  };
}

/** Organisations per key, and counted cooperations with at least one partner under that key. */
function countBy(
  graph: CooperationGraph,
  counted: NetworkCooperation[],
  keysOf: (node: NodeAttributes) => string[],
  compare: (a: string, b: string) => number,
): CountRow[] {
  const rows = new Map<string, CountRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = { key, organisations: 0, cooperations: 0 };
      rows.set(key, r);
    }
    return r;
  };
  const keysById = new Map<string, string[]>();
  graph.forEachNode((id, attr) => {
    const keys = [...new Set(keysOf(attr))];
    keysById.set(id, keys);
    for (const key of keys) row(key).organisations++;
  });
  for (const c of counted) {
    const keys = new Set<string>();
    for (const id of c.organisationIds) for (const key of keysById.get(id) ?? []) keys.add(key);
    for (const key of keys) row(key).cooperations++;
  }
  return [...rows.values()].sort((a, b) => compare(a.key, b.key));
}

/** Quarters counted from year 0: 2024-Q1 → 2024 * 4. */
const quarterIndex = (day: string): number =>
  Number(day.slice(0, 4)) * 4 + Math.floor((Number(day.slice(5, 7)) - 1) / 3);

/**
 * Confirmed cooperations (active or ended, not merely proposed) that were running
 * at some time in each quarter, from the quarter of the first start up to the
 * quarter of `asOf` (at most the last 40 quarters). One pass with a difference
 * array: O(cooperations + quarters).
 */
export function activePerQuarter(cooperations: NetworkCooperation[], asOf: string, maxQuarters = 40): QuarterRow[] {
  const last = quarterIndex(asOf);
  let first = last;
  const spans: [number, number][] = [];
  for (const c of cooperations) {
    if (!c.confirmed || c.status === "proposed" || c.organisationIds.length < 2 || c.startsOn > asOf) continue;
    if (c.endsOn === null && c.status !== "active") continue;
    const start = quarterIndex(c.startsOn);
    const end = c.endsOn === null ? last : Math.min(quarterIndex(c.endsOn), last);
    if (end < start) continue;
    spans.push([start, end]);
    if (start < first) first = start;
  }
  if (spans.length === 0) return [];
  first = Math.max(first, last - maxQuarters + 1);
  const diff = new Array<number>(last - first + 2).fill(0);
  for (const [start, end] of spans) {
    if (end < first) continue;
    diff[Math.max(start, first) - first]!++;
    diff[end - first + 1]!--;
  }
  const rows: QuarterRow[] = [];
  let running = 0;
  for (let q = first; q <= last; q++) {
    running += diff[q - first]!;
    rows.push({ quarter: `${Math.floor(q / 4)}-Q${(q % 4) + 1}`, active: running });
  }
  return rows;
}
