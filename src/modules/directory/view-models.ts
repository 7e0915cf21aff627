import { pageSlice } from "../../platform/http/forms.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { ContactsTable, OffersTable, OrganisationStatus, OrganisationsTable } from "./tables.js";
import { type CarrierTypeId, currentMunicipality, educationAreas, labelOf, offerKinds } from "./vocab.js";

// What leaves the directory's services: plain view models for the views, the API and
// other modules, and the one mapping from each table row to its view model.

/** German and English label of every organisation kind, by id. */
export type KindLabels = Map<string, { de: string; en: string }>;

export interface OrganisationView {
  id: string;
  slug: string;
  name: string;
  kind: string;
  kindLabel: string;
  carrierType: CarrierTypeId | undefined;
  carrierName: string | undefined;
  areas: string[];
  municipality: string;
  street: string | undefined;
  postalCode: string | undefined;
  city: string | undefined;
  lat: number | undefined;
  lon: number | undefined;
  website: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  description: string | undefined;
  targetGroups: string[];
  themes: string[];
  languages: string[];
  accessibility: string | undefined;
  status: OrganisationStatus;
  proposerName: string | undefined;
  proposerEmail: string | undefined;
  proposalNote: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface OfferView {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationSlug: string;
  municipality: string;
  title: string;
  kind: OffersTable["kind"];
  kindLabel: string;
  description: string | undefined;
  targetGroup: string | undefined;
  ageFrom: number | undefined;
  ageTo: number | undefined;
  area: string | undefined;
  cost: string | undefined;
  accessRequirements: string | undefined;
  languages: string[];
  ongoing: boolean;
  startsOn: string | undefined;
  endsOn: string | undefined;
  schedule: string | undefined;
  place: string | undefined;
  contact: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface ContactView {
  id: string;
  name: string;
  function: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  publicConsent: boolean;
  consentDate: string | undefined;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  since: string;
}

export interface ChangeView {
  id: string;
  entity: string;
  action: string;
  organisationId: string;
  organisationName: string | undefined;
  organisationSlug: string | undefined;
  userName: string | undefined;
  userRole: string | undefined;
  changedAt: string;
  changes: { field: string; from: string; to: string }[];
  reviewed: boolean;
}

/** One page of a list. */
export interface SearchResult<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

export const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
export const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

export function organisationToView(
  row: OrganisationsTable,
  areas: string[],
  labels: KindLabels,
  locale: Locale,
): OrganisationView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    kindLabel: labels.get(row.kind)?.[locale] ?? row.kind,
    carrierType: opt(row.carrier_type),
    carrierName: opt(row.carrier_name),
    areas: [...areas].sort((a, b) => areaIndex(a) - areaIndex(b)),
    municipality: currentMunicipality(row.municipality),
    street: opt(row.street),
    postalCode: opt(row.postal_code),
    city: opt(row.city),
    lat: opt(row.lat),
    lon: opt(row.lon),
    website: opt(row.website),
    email: opt(row.email),
    phone: opt(row.phone),
    description: opt(row.description),
    targetGroups: parseList(row.target_groups),
    themes: parseList(row.themes),
    languages: parseList(row.languages),
    accessibility: opt(row.accessibility),
    status: row.status,
    proposerName: opt(row.proposer_name),
    proposerEmail: opt(row.proposer_email),
    proposalNote: opt(row.proposal_note),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const areaIndex = (id: string) => {
  const i = educationAreas.findIndex((a) => a.id === id);
  return i < 0 ? 99 : i;
};

export function offerToView(
  row: OffersTable,
  org: { name: string; slug: string; municipality: string },
  locale: Locale,
): OfferView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: org.name,
    organisationSlug: org.slug,
    municipality: currentMunicipality(org.municipality),
    title: row.title,
    kind: row.kind,
    kindLabel: labelOf(offerKinds, row.kind, locale),
    description: opt(row.description),
    targetGroup: opt(row.target_group),
    ageFrom: opt(row.age_from),
    ageTo: opt(row.age_to),
    area: opt(row.area),
    cost: opt(row.cost),
    accessRequirements: opt(row.access_requirements),
    languages: parseList(row.languages),
    ongoing: Boolean(row.ongoing),
    startsOn: opt(row.starts_on),
    endsOn: opt(row.ends_on),
    schedule: opt(row.schedule),
    place: opt(row.place),
    contact: opt(row.contact),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const contactToView = (row: ContactsTable): ContactView => ({
  id: row.id,
  name: row.name,
  function: opt(row.function),
  email: opt(row.email),
  phone: opt(row.phone),
  publicConsent: Boolean(row.public_consent),
  consentDate: opt(row.consent_date),
});

/** DSGVO: a person is shown publicly only with recorded consent (flag and date). */
export const isPublicContact = (c: Pick<ContactView, "publicConsent" | "consentDate">): boolean =>
  c.publicConsent && Boolean(c.consentDate);

/** A list page with its page count (a page past the end stays empty, its number kept). */
export function resultPage<T>(items: T[], total: number, page: number, pageSize: number): SearchResult<T> {
  return { items, total, page, pageCount: pageSlice(total, page, pageSize).pageCount };
}
