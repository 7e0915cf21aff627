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
}

/** Nodes, edges and figures of the (filtered) network for the graph page. */
export async function getNetworkGraph(platform: Platform, filter: GraphFilter): Promise<GraphModel> {
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
  return { nodes, edges, analysis, municipalities };
}
