import type { Conn } from "../../platform/db/database.js";
import * as organisations from "./organisations.repo.js";

// What other modules read about organisations they refer to (the network's
// cooperations and graph, the registrations' organisation column). These read in the
// caller's connection, so a caller inside a transaction passes it.

export interface NetworkOrganisation {
  id: string;
  name: string;
  kind: string;
  areas: string[];
  municipality: string;
}

/** Every published organisation with its areas: the nodes of the network graph. */
export async function listOrganisationsForNetwork(db: Conn): Promise<NetworkOrganisation[]> {
  const rows = await organisations.listPublished(db);
  const areas = await organisations.areasOfPublished(db);
  return rows.map((r) => ({ ...r, areas: (areas.get(r.id) ?? []).sort() }));
}

export interface OrganisationSummary extends NetworkOrganisation {
  slug: string;
  status: string;
}

/** Name, slug, kind, areas and municipality of the given organisations (any status), in input order. */
export async function getOrganisationSummaries(db: Conn, ids: readonly string[]): Promise<OrganisationSummary[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const rows = await organisations.summariesOf(db, unique);
  const areas = await organisations.areasOf(db, unique);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.flatMap((id) => {
    const s = byId.get(id);
    return s ? [{ ...s, areas: [...(areas.get(id) ?? [])].sort() }] : [];
  });
}
