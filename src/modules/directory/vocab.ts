// Stable ids of the directory's vocabularies, with their German and English labels.
// Ids are part of the API contract: never rename one, only add.

export interface Term {
  id: string;
  de: string;
  en: string;
}

/** The base organisation kinds (seeded into organisation_kinds; admins may add more). */
export const organisationKinds = [
  { id: "kita", de: "Kita / Kindertagespflege", en: "Day care centre" },
  { id: "grundschule", de: "Grundschule", en: "Primary school" },
  { id: "oberschule", de: "Oberschule / Haupt- und Realschule", en: "Secondary school (Oberschule)" },
  { id: "gymnasium", de: "Gymnasium", en: "Grammar school" },
  { id: "gesamtschule", de: "Gesamtschule", en: "Comprehensive school" },
  { id: "foerderschule", de: "Förderschule", en: "Special needs school" },
  { id: "berufsbildende_schule", de: "Berufsbildende Schule", en: "Vocational school" },
  { id: "hochschule", de: "Hochschule", en: "University" },
  { id: "erwachsenenbildung", de: "Volkshochschule / Erwachsenenbildung", en: "Adult education centre" },
  { id: "jugendhilfe", de: "Jugendhilfe / soziale Einrichtung", en: "Youth welfare / social institution" },
  { id: "beratungsstelle", de: "Beratungsstelle", en: "Counselling service" },
  { id: "integration", de: "Integrations- / Migrantenorganisation", en: "Integration / migrant organisation" },
  { id: "bibliothek_kultur", de: "Bibliothek / Kultur", en: "Library / culture" },
  { id: "verein", de: "Verein", en: "Association" },
  { id: "unternehmen", de: "Unternehmen / Kammer", en: "Company / chamber" },
  { id: "verwaltung", de: "Kommunalverwaltung", en: "Local administration" },
  { id: "gesundheit", de: "Gesundheitsdienst", en: "Health service" },
  { id: "sonstige", de: "Sonstige", en: "Other" },
] as const satisfies readonly Term[];

export type BaseOrganisationKind = (typeof organisationKinds)[number]["id"];
export const baseKindIds = organisationKinds.map((k) => k.id) as [BaseOrganisationKind, ...BaseOrganisationKind[]];

/** Education areas along the life course. */
export const educationAreas = [
  { id: "fruehkindlich", de: "Frühkindliche Bildung", en: "Early childhood education" },
  { id: "schule", de: "Schule", en: "School" },
  { id: "uebergang_schule_beruf", de: "Übergang Schule–Beruf", en: "Transition school to work" },
  { id: "beruflich", de: "Berufliche Bildung", en: "Vocational education" },
  { id: "hochschule", de: "Hochschule", en: "Higher education" },
  { id: "weiterbildung", de: "Erwachsenen-/Weiterbildung", en: "Adult and continuing education" },
  { id: "non_formal", de: "Non-formale Bildung", en: "Non-formal education" },
] as const satisfies readonly Term[];

export type EducationArea = (typeof educationAreas)[number]["id"];
export const areaIds = educationAreas.map((a) => a.id) as [EducationArea, ...EducationArea[]];

export const carrierTypes = [
  { id: "oeffentlich", de: "Öffentlich", en: "Public" },
  { id: "frei_gemeinnuetzig", de: "Frei-gemeinnützig", en: "Non-profit" },
  { id: "privat", de: "Privat", en: "Private" },
] as const satisfies readonly Term[];
export type CarrierTypeId = (typeof carrierTypes)[number]["id"];
export const carrierIds = carrierTypes.map((c) => c.id) as [CarrierTypeId, ...CarrierTypeId[]];

export const offerKinds = [
  { id: "kurs", de: "Kurs", en: "Course" },
  { id: "beratung", de: "Beratung", en: "Counselling" },
  { id: "programm", de: "Programm", en: "Programme" },
  { id: "lernort", de: "Lernort", en: "Place to learn" },
  { id: "projekt", de: "Projekt", en: "Project" },
] as const satisfies readonly Term[];
export type OfferKindId = (typeof offerKinds)[number]["id"];
export const offerKindIds = offerKinds.map((k) => k.id) as [OfferKindId, ...OfferKindId[]];

/**
 * The municipalities (Gemeinden) of the district, as people name them. Hermannsburg and
 * Unterlüß form the Gemeinde Südheide; they stay listed because people search for them.
 */
export const municipalities = [
  "Celle",
  "Adelheidsdorf",
  "Ahnsbeck",
  "Beedenbostel",
  "Bergen",
  "Bröckel",
  "Eicklingen",
  "Eldingen",
  "Eschede",
  "Faßberg",
  "Hambühren",
  "Hermannsburg",
  "Hohne",
  "Lachendorf",
  "Langlingen",
  "Nienhagen",
  "Südheide",
  "Unterlüß",
  "Wathlingen",
  "Wienhausen",
  "Wietze",
  "Winsen (Aller)",
] as const;

/** Approximate centres, for demo positions and the map's start view. */
export const municipalityCentres: Record<string, [number, number]> = {
  Celle: [52.6226, 10.0805],
  Adelheidsdorf: [52.5805, 10.0436],
  Ahnsbeck: [52.6046, 10.3044],
  Beedenbostel: [52.6453, 10.2439],
  Bergen: [52.8103, 9.9615],
  Bröckel: [52.5191, 10.2114],
  Eicklingen: [52.5437, 10.1903],
  Eldingen: [52.6839, 10.3397],
  Eschede: [52.7346, 10.2339],
  Faßberg: [52.9032, 10.1663],
  Hambühren: [52.6333, 9.9833],
  Hermannsburg: [52.8316, 10.0891],
  Hohne: [52.5886, 10.3744],
  Lachendorf: [52.6183, 10.2475],
  Langlingen: [52.5569, 10.2828],
  Nienhagen: [52.5594, 10.1014],
  Südheide: [52.8316, 10.0891],
  Unterlüß: [52.8392, 10.2883],
  Wathlingen: [52.5372, 10.1522],
  Wienhausen: [52.5808, 10.1842],
  Wietze: [52.65, 9.8333],
  "Winsen (Aller)": [52.6761, 9.9097],
};

export const districtCentre: [number, number] = [52.7, 10.1];

export const labelOf = (terms: readonly Term[], id: string, locale: "de" | "en" = "de"): string =>
  terms.find((t) => t.id === id)?.[locale] ?? id;
