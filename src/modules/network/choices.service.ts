import type { Platform } from "../../platform/platform.js";
import { listOrganisationsForNetwork } from "../directory/index.js";
import { listPublicEvents } from "../events/index.js";
import { germanCollator } from "./analysis.js";

// What the cooperation and network forms (and the list filter) offer to choose from.
// Public data: published organisations and Fachtage that are not drafts.

export interface OrganisationChoice {
  id: string;
  name: string;
  municipality: string;
}

export interface EventChoice {
  id: string;
  title: string;
  startsAt: string;
}

/**
 * Published organisations, grouped by municipality and sorted by name: with hundreds
 * of organisations, equal names in different places stay apart.
 */
export async function organisationOptions(platform: Platform): Promise<OrganisationChoice[]> {
  const orgs = await listOrganisationsForNetwork(platform.db.kysely);
  return orgs
    .map((o) => ({ id: o.id, name: o.name, municipality: o.municipality }))
    .sort((a, b) => germanCollator.compare(a.municipality, b.municipality) || germanCollator.compare(a.name, b.name));
}

/** Fachtage a cooperation can name as its origin (public ones, latest first). */
export async function originEventOptions(platform: Platform): Promise<EventChoice[]> {
  const events = await listPublicEvents(platform.db.kysely);
  return events
    .map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt }))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}
