import type { Flat } from "./change-log.service.js";
import type { ApiOrganisationCreate, ApiOrganisationPatch, OrganisationInput } from "./schema.js";
import { searchText, sortKey } from "./search.js";
import type { OrganisationsTable } from "./tables.js";
import type { KindLabels, OrganisationView } from "./view-models.js";
import { parseList } from "./view-models.js";
import { currentMunicipality, educationAreas, labelOf } from "./vocab.js";

// An organisation's editable input and how it becomes columns, search text and the
// change log's flat record. No I/O here.

/** The editable input of an existing organisation (to pre-fill forms and merge API patches). */
export function inputOf(view: OrganisationView): OrganisationInput {
  return {
    name: view.name,
    kind: view.kind,
    carrierType: view.carrierType,
    carrierName: view.carrierName,
    areas: view.areas,
    municipality: view.municipality,
    street: view.street,
    postalCode: view.postalCode,
    city: view.city,
    lat: view.lat,
    lon: view.lon,
    website: view.website,
    email: view.email,
    phone: view.phone,
    description: view.description,
    targetGroups: view.targetGroups,
    themes: view.themes,
    languages: view.languages,
    accessibility: view.accessibility,
  };
}

/** API create body → service input. */
export function inputFromApi(body: ApiOrganisationCreate): OrganisationInput {
  return {
    name: body.name,
    kind: body.kind,
    carrierType: body.carrierType,
    carrierName: body.carrierName,
    areas: [...new Set(body.areas)],
    municipality: currentMunicipality(body.municipality),
    street: body.address?.street || undefined,
    postalCode: body.address?.postalCode || undefined,
    city: body.address?.city || undefined,
    lat: body.geo?.lat,
    lon: body.geo?.lon,
    website: body.website,
    email: body.email?.toLowerCase(),
    phone: body.phone,
    description: body.description || undefined,
    targetGroups: body.targetGroups ?? [],
    themes: body.themes ?? [],
    languages: body.languages ?? [],
    accessibility: body.accessibility || undefined,
  };
}

/** An API PATCH applied to the current input: fields present replace, null clears, absent stay. */
export function applyPatch(current: OrganisationInput, patch: ApiOrganisationPatch): OrganisationInput {
  const has = (k: keyof ApiOrganisationPatch) => Object.hasOwn(patch, k);
  const next: OrganisationInput = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.areas !== undefined ? { areas: [...new Set(patch.areas)] } : {}),
    ...(patch.municipality !== undefined ? { municipality: currentMunicipality(patch.municipality) } : {}),
    ...(patch.themes !== undefined ? { themes: patch.themes } : {}),
    ...(patch.targetGroups !== undefined ? { targetGroups: patch.targetGroups } : {}),
    ...(patch.languages !== undefined ? { languages: patch.languages } : {}),
  };
  if (has("address")) {
    next.street = patch.address?.street || undefined;
    next.postalCode = patch.address?.postalCode || undefined;
    next.city = patch.address?.city || undefined;
  }
  if (has("geo")) {
    next.lat = patch.geo?.lat;
    next.lon = patch.geo?.lon;
  }
  for (const key of ["website", "phone", "description", "carrierName", "accessibility"] as const) {
    if (has(key)) next[key] = patch[key] || undefined;
  }
  if (has("email")) next.email = patch.email?.toLowerCase() || undefined;
  if (has("carrierType")) next.carrierType = patch.carrierType ?? undefined;
  return next;
}

function organisationSearchText(input: OrganisationInput, labels: KindLabels): string {
  const kind = labels.get(input.kind);
  return searchText([
    input.name,
    kind?.de,
    kind?.en,
    input.kind,
    ...input.areas.map((a) => labelOf(educationAreas, a, "de")),
    ...input.themes,
    ...input.targetGroups,
    ...input.languages,
    input.municipality,
    input.city,
    input.carrierName,
    input.description,
  ]);
}

export function organisationColumns(input: OrganisationInput, labels: KindLabels) {
  return {
    name: input.name,
    kind: input.kind,
    carrier_type: input.carrierType ?? null,
    carrier_name: input.carrierName ?? null,
    municipality: currentMunicipality(input.municipality),
    street: input.street ?? null,
    postal_code: input.postalCode ?? null,
    city: input.city ?? null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    website: input.website ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    description: input.description ?? null,
    target_groups: JSON.stringify(input.targetGroups),
    themes: JSON.stringify(input.themes),
    languages: JSON.stringify(input.languages),
    accessibility: input.accessibility ?? null,
    search_text: organisationSearchText(input, labels),
    sort_name: sortKey(input.name),
  };
}

export const tagsFor = (input: OrganisationInput) => [
  ...input.themes.map((value) => ({ facet: "theme" as const, value })),
  ...input.targetGroups.map((value) => ({ facet: "target_group" as const, value })),
  ...input.languages.map((value) => ({ facet: "language" as const, value })),
];

export const flatOrganisation = (
  row: Omit<OrganisationsTable, "search_text" | "sort_name">,
  areas: string[],
): Flat => ({
  name: row.name,
  kind: row.kind,
  carrierType: row.carrier_type,
  carrierName: row.carrier_name,
  areas: [...areas].sort().join(", "),
  municipality: row.municipality,
  street: row.street,
  postalCode: row.postal_code,
  city: row.city,
  lat: row.lat,
  lon: row.lon,
  website: row.website,
  email: row.email,
  phone: row.phone,
  description: row.description,
  targetGroups: parseList(row.target_groups).join(", "),
  themes: parseList(row.themes).join(", "),
  languages: parseList(row.languages).join(", "),
  accessibility: row.accessibility,
  status: row.status,
});
