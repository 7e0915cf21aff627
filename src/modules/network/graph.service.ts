import type { Platform } from "../../platform/platform.js";
import { getOrganisationSummaries } from "../directory/index.js";
import {
  analyseNetwork,
  buildCooperationGraph,
  germanCollator,
  type NetworkAnalysis,
  todayInBerlin,
} from "./analysis.js";
import { loadNetworkInputs } from "./analysis.service.js";
import { areaOrder } from "./constants.js";
import {
  computeForceLayout,
  computeLayout,
  type Layout,
  type LayoutKind,
  NONE_GROUP,
  type PlacedLabel,
  placeLabels,
} from "./layout.js";

// The network graph page (/netzwerk): nodes, edges and figures of the filtered network.
// Public data, read from the analysis cache.

export interface GraphFilter {
  area?: string | undefined;
  kind?: string | undefined;
  municipality?: string | undefined;
}

export interface GraphNode {
  id: string;
  name: string;
  slug: string | null;
  kind: string;
  areas: string[];
  municipality: string | null;
  partners: { id: string; name: string; slug: string | null }[];
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: { source: string; target: string; kinds: string[]; count: number }[];
  analysis: NetworkAnalysis;
  municipalities: string[];
  /** Positions of the drawn nodes; null when there are too many to draw. */
  layout: Layout | null;
  /** Labels shown without hovering, placed so that none overlaps another. */
  labels: Map<string, PlacedLabel>;
}

/** Above this many organisations the page shows the table only. */
export const GRAPH_MAX_NODES = 300;

/** The area a node is drawn in: its first along the life course. */
export const primaryArea = (areas: string[]) =>
  areaOrder.find((a) => areas.includes(a)) ?? (areas[0] !== undefined ? areas[0] : NONE_GROUP);

/** Nodes, edges and figures of the (filtered) network for the graph page. */
export async function getNetworkGraph(
  platform: Platform,
  filter: GraphFilter,
  layoutKind: LayoutKind = "bereiche",
): Promise<GraphModel> {
  const { organisations, cooperations } = await loadNetworkInputs(platform);
  const municipalities = [...new Set(organisations.map((o) => o.municipality).filter((m): m is string => !!m))].sort(
    (a, b) => germanCollator.compare(a, b),
  );
  const selected = organisations.filter(
    (o) =>
      (!filter.area || o.areas.includes(filter.area)) &&
      (!filter.municipality || o.municipality === filter.municipality),
  );
  const asOf = todayInBerlin();
  const kindFilter = filter.kind ? { kind: filter.kind } : {};
  const analysis = analyseNetwork(selected, cooperations, { asOf, ...kindFilter });
  const { graph } = buildCooperationGraph(selected, cooperations, { asOf, ...kindFilter });
  const summaries = new Map(
    (
      await getOrganisationSummaries(
        platform.db.kysely,
        selected.map((o) => o.id),
      )
    ).map((s) => [s.id, s]),
  );
  const nodes: GraphNode[] = selected
    .map((o) => ({
      id: o.id,
      name: o.name,
      slug: summaries.get(o.id)?.slug ?? null,
      kind: o.kind,
      areas: o.areas,
      municipality: o.municipality,
      partners: graph
        .neighbors(o.id)
        .map((p) => ({ id: p, name: graph.getNodeAttribute(p, "name"), slug: summaries.get(p)?.slug ?? null }))
        .sort((a, b) => germanCollator.compare(a.name, b.name)),
    }))
    .sort((a, b) => germanCollator.compare(a.name, b.name));
  const edges = graph.mapEdges((_e, attr, source, target) => ({
    source,
    target,
    kinds: attr.kinds,
    count: attr.cooperationIds.length,
  }));
  if (nodes.length === 0 || nodes.length > GRAPH_MAX_NODES) {
    return { nodes, edges, analysis, municipalities, layout: null, labels: new Map() };
  }
  const input = nodes.map((n) => ({ id: n.id, name: n.name, group: primaryArea(n.areas), degree: n.partners.length }));
  const computed = layoutKind === "kraefte" ? computeForceLayout(input, edges) : computeLayout(input);
  const { labels, viewBox } = placeLabels(input, computed);
  return { nodes, edges, analysis, municipalities, layout: { ...computed, viewBox }, labels };
}
