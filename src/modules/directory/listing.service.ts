import type { Actor } from "../../platform/auth/actor.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess } from "./access.js";
import { cached } from "./directory-cache.js";
import * as kinds from "./kinds.repo.js";
import * as organisations from "./organisations.repo.js";
import { organisationViews } from "./organisations.service.js";
import type { DirectoryQuery } from "./schema.js";
import { searchTerms } from "./search.js";
import type { OrganisationStatus } from "./tables.js";
import { type OrganisationView, resultPage, type SearchResult } from "./view-models.js";
import { currentMunicipality, educationAreas, municipalityOptions } from "./vocab.js";

// The directory's list, map and back-office list: filters, search, pagination and the
// "Kooperiert mit" filter, which the directory asks of other modules by a hook.

const PAGE_SIZE = 20;

export interface DirectoryFilters {
  q?: string | undefined;
  kind?: string | undefined;
  area?: string | undefined;
  municipality?: string | undefined;
  theme?: string | undefined;
  targetGroup?: string | undefined;
  language?: string | undefined;
  /** Only organisations cooperating with an organisation of this kind. */
  partnerKind?: string | undefined;
  sort?: "relevance" | "name" | undefined;
}

export const filtersFromQuery = (q: DirectoryQuery): DirectoryFilters => ({
  q: q.q,
  kind: q.art,
  area: q.bereich,
  // An old bookmark with a former municipality finds its successor.
  municipality: q.gemeinde ? currentMunicipality(q.gemeinde) : undefined,
  theme: q.thema,
  targetGroup: q.zielgruppe,
  language: q.sprache,
  partnerKind: q.partnerart,
  sort: q.sortierung === "name" ? "name" : q.sortierung === "relevanz" ? "relevance" : undefined,
});

function toRepoFilter(
  f: DirectoryFilters,
  statuses: OrganisationStatus[] = ["published"],
): organisations.OrganisationFilter {
  return {
    statuses,
    terms: searchTerms(f.q),
    kind: f.kind,
    area: f.area,
    municipality: f.municipality,
    theme: f.theme,
    targetGroup: f.targetGroup,
    language: f.language,
  };
}

/**
 * The organisations cooperating with one of this kind, as the subscribers of the hook
 * answer (the network module knows the cooperations). Every answer narrows the set;
 * with nobody answering, the filter finds nothing.
 */
async function cooperatingWithKind(platform: Platform, kind: string): Promise<string[]> {
  const answers = await platform.hooks.emit(
    "directory.organisationsCooperatingWithKind",
    { kind },
    { platform, db: platform.db.kysely },
  );
  const [first, ...rest] = answers;
  if (!first) return [];
  return [...first].filter((id) => rest.every((answer) => answer.has(id)));
}

/** The public directory: published organisations, filtered, searched and paginated. */
export async function searchDirectory(
  platform: Platform,
  filters: DirectoryFilters,
  options: {
    page?: number | undefined;
    pageSize?: number;
    offset?: number;
    locale?: Locale;
    withPosition?: boolean;
  } = {},
): Promise<SearchResult<OrganisationView>> {
  const db = platform.db.kysely;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  const f = {
    ...toRepoFilter(filters),
    withPosition: options.withPosition ?? false,
    ...(filters.partnerKind ? { ids: await cooperatingWithKind(platform, filters.partnerKind) } : {}),
  };
  const sort = filters.sort ?? (f.terms.length > 0 ? "relevance" : "name");
  const { rows, total } = await organisations.searchOrganisations(db, f, {
    sort,
    limit: pageSize,
    offset: options.offset ?? (page - 1) * pageSize,
  });
  return resultPage(await organisationViews(db, rows, options.locale ?? "de"), total, page, pageSize);
}

export interface Facets {
  kinds: { id: string; label: string }[];
  areas: { id: string; label: string }[];
  municipalities: { value: string; label: string }[];
  themes: string[];
  targetGroups: string[];
  languages: string[];
}

/** The options of the filter form. */
export async function directoryFacets(platform: Platform, locale: Locale): Promise<Facets> {
  const [kindRows, tags] = await Promise.all([
    kinds.listKinds(platform.db.kysely),
    cached(platform, "facets", () => organisations.facetValues(platform.db.kysely)),
  ]);
  return {
    kinds: kindRows.map((k) => ({ id: k.id, label: locale === "en" ? k.label_en : k.label_de })),
    areas: educationAreas.map((a) => ({ id: a.id, label: a[locale] })),
    municipalities: municipalityOptions(),
    themes: tags.theme,
    targetGroups: tags.target_group,
    languages: tags.language,
  };
}

/** Every organisation for the back office, any status, searched like the public list; with the open proposals. */
export async function searchAllForAdmin(
  platform: Platform,
  actor: Actor,
  filters: DirectoryFilters & { status?: OrganisationStatus | undefined },
  page: number,
  locale: Locale,
): Promise<{ result: SearchResult<OrganisationView>; openProposals: number }> {
  directoryAccess.requireAccess(actor, "organisation.listAll", undefined);
  const db = platform.db.kysely;
  const f = toRepoFilter(filters, filters.status ? [filters.status] : ["published", "proposed", "rejected"]);
  const [{ rows, total }, openProposals] = await Promise.all([
    organisations.searchOrganisations(db, f, {
      sort: f.terms.length > 0 ? "relevance" : "name",
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    organisations.countByStatus(db, "proposed"),
  ]);
  return { result: resultPage(await organisationViews(db, rows, locale), total, page, PAGE_SIZE), openProposals };
}
