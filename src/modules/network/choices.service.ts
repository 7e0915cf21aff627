import type { Actor } from "../../platform/auth/actor.js";
import { DomainError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { listOrganisationsForNetwork } from "../directory/index.js";
import { listManagedEvents, listPublicEvents } from "../events/index.js";
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

/**
 * Fachtage a cooperation can name as its origin, latest first: the public ones, and
 * the drafts the actor manages (the events module decides which; none for members).
 */
export async function originEventOptions(platform: Platform, actor: Actor): Promise<EventChoice[]> {
  const events = await listPublicEvents(platform.db.kysely);
  let managed: typeof events = [];
  try {
    managed = (await listManagedEvents(platform, actor)).events;
  } catch (error) {
    // Not an organiser: only the public Fachtage.
    if (!(error instanceof DomainError)) throw error;
  }
  const known = new Set(events.map((e) => e.id));
  return [...events, ...managed.filter((e) => !known.has(e.id))]
    .map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt }))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}

/** How many matches the partner picker lists at most; a longer list asks for a narrower search. */
export const PICKER_LIMIT = 30;

/**
 * The partner picker of the cooperation form: the organisations chosen so far (always
 * listed, ticked), the actor's own organisations, and those matching the search.
 * Works without JavaScript: the search button sends the form back to be shown again.
 */
export interface PartnerPicker {
  search: string;
  chosen: OrganisationChoice[];
  /** The actor's own organisations that are not chosen yet. */
  own: OrganisationChoice[];
  matches: OrganisationChoice[];
  /** More organisations match than are listed. */
  more: boolean;
}

/** Lower case without accents, "ß" as "ss": "Müller" is found by "muller" and "Mueller"-less typing. */
const fold = (text: string) =>
  text.toLocaleLowerCase("de").normalize("NFKD").replace(/\p{M}/gu, "").replace(/ß/g, "ss");

export async function organisationPicker(
  platform: Platform,
  query: { search?: string | undefined; chosen: readonly string[]; own: readonly string[] },
): Promise<PartnerPicker> {
  const all = await organisationOptions(platform);
  const chosen = new Set(query.chosen);
  const own = new Set(query.own);
  const search = (query.search ?? "").trim().slice(0, 100);
  const words = fold(search).split(/\s+/).filter(Boolean);
  const found =
    words.length === 0
      ? []
      : all.filter((o) => {
          if (chosen.has(o.id)) return false;
          const text = fold(`${o.name} ${o.municipality}`);
          return words.every((w) => text.includes(w));
        });
  return {
    search,
    chosen: all.filter((o) => chosen.has(o.id)),
    own: all.filter((o) => own.has(o.id) && !chosen.has(o.id)),
    matches: found.slice(0, PICKER_LIMIT),
    more: found.length > PICKER_LIMIT,
  };
}
