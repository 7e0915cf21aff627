import type { Conn } from "../../platform/db/database.js";
import type { Platform } from "../../platform/platform.js";
import { cached } from "./directory-cache.js";
import * as organisations from "./organisations.repo.js";
import { sortKey } from "./search.js";

// Picking an organisation in another module's form (a Fachtag registration): the
// choices a form offers, and the organisation a typed name denotes. Only published
// organisations, which everybody may see.

export interface OrganisationChoice {
  id: string;
  name: string;
  municipality: string;
  kind: string;
  /** What the form offers: the name, with the municipality where names repeat. */
  label: string;
}

/** More published organisations than this are not listed in a form (the page would grow). */
export const MAX_FORM_CHOICES = 500;

/**
 * The published organisations a form may offer to pick from (a `<datalist>`, which
 * works without JavaScript), in name order; `undefined` when there are more than
 * MAX_FORM_CHOICES — the field then stays free text, resolved by findOrganisationByLabel.
 */
export function organisationChoices(platform: Platform): Promise<OrganisationChoice[] | undefined> {
  return cached(platform, "choices", async () => {
    const rows = await organisations.listPublishedChoices(platform.db.kysely, MAX_FORM_CHOICES + 1);
    if (rows.length > MAX_FORM_CHOICES) return undefined;
    const count = new Map<string, number>();
    for (const r of rows) count.set(sortKey(r.name), (count.get(sortKey(r.name)) ?? 0) + 1);
    return rows.map((r) => ({
      ...r,
      label: (count.get(sortKey(r.name)) ?? 0) > 1 ? `${r.name} (${r.municipality})` : r.name,
    }));
  });
}

/**
 * The published organisation a typed name denotes — exactly, up to case, umlaut spelling
 * and punctuation — or a label "Name (Gemeinde)" from organisationChoices. Undefined when
 * nothing or more than one organisation matches (then the text stays free text).
 * Reads in the caller's connection, also a transaction.
 */
export async function findOrganisationByLabel(
  db: Conn,
  text: string,
): Promise<Omit<OrganisationChoice, "label"> | undefined> {
  if (!sortKey(text)) return undefined;
  const exact = await organisations.findPublishedBySortName(db, sortKey(text));
  if (exact.length === 1) return exact[0];
  const labelled = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(text);
  if (!labelled) return undefined;
  const [, name = "", municipality = ""] = labelled;
  const inPlace = (await organisations.findPublishedBySortName(db, sortKey(name))).filter(
    (r) => sortKey(r.municipality) === sortKey(municipality),
  );
  return inPlace.length === 1 ? inPlace[0] : undefined;
}

/** A published organisation by id (for a form or API field that names one). */
export async function findPublishedOrganisation(
  db: Conn,
  id: string,
): Promise<Omit<OrganisationChoice, "label"> | undefined> {
  return organisations.findPublishedChoice(db, id);
}
