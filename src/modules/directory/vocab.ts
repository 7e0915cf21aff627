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
 * How a municipality of the district is organised: a town (Stadt), a single municipality
 * (Einheitsgemeinde), a member of a Samtgemeinde, or the unincorporated but inhabited
 * Lohheide (gemeindefreier Bezirk around the Bergen-Hohne training area).
 */
export type MunicipalityType = "stadt" | "gemeinde" | "mitgliedsgemeinde" | "gemeindefrei";

export interface Municipality {
  name: string;
  type: MunicipalityType;
  /** The Samtgemeinde a member municipality belongs to. */
  samtgemeinde?: string;
  /** Approximate centre, for demo positions and labels on the schematic map. */
  centre: [number, number];
}

/**
 * The municipalities of the Landkreis Celle as they are since 1 January 2015, when
 * Hermannsburg and Unterlüß merged into the Gemeinde Südheide. The one list every form,
 * filter, import and the API use; `formerMunicipalities` maps older names onto it.
 */
export const municipalityList = [
  { name: "Celle", type: "stadt", centre: [52.6226, 10.0805] },
  { name: "Bergen", type: "stadt", centre: [52.8103, 9.9615] },
  { name: "Eschede", type: "gemeinde", centre: [52.7346, 10.2339] },
  { name: "Faßberg", type: "gemeinde", centre: [52.9032, 10.1663] },
  { name: "Hambühren", type: "gemeinde", centre: [52.6333, 9.9833] },
  { name: "Südheide", type: "gemeinde", centre: [52.8316, 10.0891] },
  { name: "Wietze", type: "gemeinde", centre: [52.65, 9.8333] },
  { name: "Winsen (Aller)", type: "gemeinde", centre: [52.6761, 9.9097] },
  { name: "Lohheide", type: "gemeindefrei", centre: [52.8411, 9.9353] },
  { name: "Bröckel", type: "mitgliedsgemeinde", samtgemeinde: "Flotwedel", centre: [52.5191, 10.2114] },
  { name: "Eicklingen", type: "mitgliedsgemeinde", samtgemeinde: "Flotwedel", centre: [52.5437, 10.1903] },
  { name: "Langlingen", type: "mitgliedsgemeinde", samtgemeinde: "Flotwedel", centre: [52.5569, 10.2828] },
  { name: "Wienhausen", type: "mitgliedsgemeinde", samtgemeinde: "Flotwedel", centre: [52.5808, 10.1842] },
  { name: "Ahnsbeck", type: "mitgliedsgemeinde", samtgemeinde: "Lachendorf", centre: [52.6046, 10.3044] },
  { name: "Beedenbostel", type: "mitgliedsgemeinde", samtgemeinde: "Lachendorf", centre: [52.6453, 10.2439] },
  { name: "Eldingen", type: "mitgliedsgemeinde", samtgemeinde: "Lachendorf", centre: [52.6839, 10.3397] },
  { name: "Hohne", type: "mitgliedsgemeinde", samtgemeinde: "Lachendorf", centre: [52.5886, 10.3744] },
  { name: "Lachendorf", type: "mitgliedsgemeinde", samtgemeinde: "Lachendorf", centre: [52.6183, 10.2475] },
  { name: "Adelheidsdorf", type: "mitgliedsgemeinde", samtgemeinde: "Wathlingen", centre: [52.5805, 10.0436] },
  { name: "Nienhagen", type: "mitgliedsgemeinde", samtgemeinde: "Wathlingen", centre: [52.5594, 10.1014] },
  { name: "Wathlingen", type: "mitgliedsgemeinde", samtgemeinde: "Wathlingen", centre: [52.5372, 10.1522] },
] as const satisfies readonly Municipality[];

export type MunicipalityName = (typeof municipalityList)[number]["name"];

/** The names as a select offers them: the district town first, then alphabetically. */
export const municipalities = [
  "Celle",
  ...municipalityList
    .map((m) => m.name)
    .filter((n) => n !== "Celle")
    .sort((a, b) => a.localeCompare(b, "de")),
] as [MunicipalityName, ...MunicipalityName[]];

/** Names that were municipalities before and are now part of one (older data, habits of speech). */
export const formerMunicipalities: Readonly<Record<string, MunicipalityName>> = {
  Hermannsburg: "Südheide",
  Unterlüß: "Südheide",
};

/** Today's name of a municipality: former names map onto their successor, others stay as given. */
export const currentMunicipality = (name: string): string => formerMunicipalities[name] ?? name;

/** Choices of a municipality select: the name as value, the label saying where it belongs. */
export function municipalityOptions(): { value: MunicipalityName; label: string }[] {
  return municipalities.map((name) => {
    const m = (municipalityList as readonly Municipality[]).find((x) => x.name === name);
    const label = m?.samtgemeinde
      ? `${name} (Samtgemeinde ${m.samtgemeinde})`
      : m?.type === "gemeindefrei"
        ? `${name} (gemeindefreier Bezirk)`
        : name;
    return { value: name, label };
  });
}

/** Approximate centres, for demo positions and the map's start view. */
export const municipalityCentres: Record<string, [number, number]> = Object.fromEntries(
  (municipalityList as readonly Municipality[]).map((m) => [m.name, m.centre]),
);

export const districtCentre: [number, number] = [52.7, 10.1];

export const labelOf = (terms: readonly Term[], id: string, locale: "de" | "en" = "de"): string =>
  terms.find((t) => t.id === id)?.[locale] ?? id;
