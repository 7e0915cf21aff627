// Tables owned by the directory module (see migrations/). Times are ISO UTC strings,
// booleans 0/1, lists of free words JSON text.

export type CarrierType = "oeffentlich" | "frei_gemeinnuetzig" | "privat";
export type OrganisationStatus = "published" | "proposed" | "rejected";
export type OfferKind = "kurs" | "beratung" | "programm" | "lernort" | "projekt";

/** The admin-extensible list of organisation kinds (ids are stable, lowercase). */
export interface OrganisationKindsTable {
  id: string;
  label_de: string;
  label_en: string;
  position: number;
  created_at: string;
}

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  kind: string;
  carrier_type: CarrierType | null;
  carrier_name: string | null;
  municipality: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  description: string | null;
  /** JSON arrays of strings. */
  target_groups: string;
  themes: string;
  languages: string;
  accessibility: string | null;
  status: OrganisationStatus;
  /** Who proposed it through the public form (only for proposals). */
  proposer_name: string | null;
  proposer_email: string | null;
  proposal_note: string | null;
  /** Normalised text for German substring search (see search.ts). */
  search_text: string;
  /** Normalised name: sort key and relevance. */
  sort_name: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganisationAreasTable {
  organisation_id: string;
  area: string;
}

/** One row per theme / target group / language of an organisation: what the filters match. */
export interface OrganisationTagsTable {
  organisation_id: string;
  facet: "theme" | "target_group" | "language";
  value: string;
}

export interface OffersTable {
  id: string;
  organisation_id: string;
  title: string;
  kind: OfferKind;
  description: string | null;
  target_group: string | null;
  age_from: number | null;
  age_to: number | null;
  area: string | null;
  cost: string | null;
  access_requirements: string | null;
  /** JSON array of strings. */
  languages: string;
  ongoing: number;
  /** ISO dates (YYYY-MM-DD) when not ongoing. */
  starts_on: string | null;
  ends_on: string | null;
  schedule: string | null;
  place: string | null;
  contact: string | null;
  search_text: string;
  sort_name: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  created_at: string;
}

export interface ContactsTable {
  id: string;
  organisation_id: string;
  name: string;
  function: string | null;
  email: string | null;
  phone: string | null;
  /** 1 when the person agreed to be shown publicly; consent_date records when. */
  public_consent: number;
  consent_date: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface DirectoryChangesTable {
  id: string;
  entity: "organisation" | "offer" | "contact" | "member";
  entity_id: string;
  organisation_id: string;
  action: "create" | "update" | "delete";
  user_id: string | null;
  user_name: string | null;
  user_role: string | null;
  /** JSON object: field → { from, to }. */
  changes: string;
  changed_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

export interface DirectoryTables {
  organisation_kinds: OrganisationKindsTable;
  organisations: OrganisationsTable;
  organisation_areas: OrganisationAreasTable;
  organisation_tags: OrganisationTagsTable;
  offers: OffersTable;
  organisation_members: OrganisationMembersTable;
  contacts: ContactsTable;
  directory_changes: DirectoryChangesTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends DirectoryTables {}
}
