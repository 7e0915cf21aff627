// Stable identifiers of the network module. They are part of the API contract
// (listed in the OpenAPI document); labels come from messages.ts.

export const cooperationKinds = [
  "vereinbarung",
  "projekt",
  "uebergang_kita_grundschule",
  "schule_unternehmen",
  "netzwerk",
  "sonstige",
] as const;
export type CooperationKind = (typeof cooperationKinds)[number];

export const cooperationStatuses = ["proposed", "active", "ended"] as const;
export type CooperationStatus = (typeof cooperationStatuses)[number];

export const gapKinds = ["kita_ohne_grundschule", "schule_ohne_uebergang_beruf"] as const;
export type GapKind = (typeof gapKinds)[number];

export const networkVisibilities = ["public", "internal"] as const;
export type NetworkVisibility = (typeof networkVisibilities)[number];

/** Schools of the Sekundarbereich: they should have a partner for the step into work. */
export const secondarySchoolKinds = ["oberschule", "gymnasium", "gesamtschule", "foerderschule"] as const;
/** Areas that count as a partner for the transition from school to work. */
export const transitionAreas = ["uebergang_schule_beruf", "beruflich"] as const;

/**
 * Education areas along the life course, in this order in every table and the
 * legend. Kept here as the analysis order; the directory owns the labels.
 */
export const areaOrder = [
  "fruehkindlich",
  "schule",
  "uebergang_schule_beruf",
  "beruflich",
  "hochschule",
  "weiterbildung",
  "non_formal",
] as const;

/** Allowed minutes documents for network meetings: PDF, DOCX, ODT. */
export const minutesTypes = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.oasis.opendocument.text",
] as const;
