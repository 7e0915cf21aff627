import type { SeedContext } from "../../platform/module.js";
import { addContact } from "./contacts.service.js";
import * as members from "./members.repo.js";
import { createOffer } from "./offers.service.js";
import { anyOrganisationExists } from "./organisations.repo.js";
import { createOrganisation } from "./organisations.service.js";
import type { OfferInput, OrganisationInput } from "./schema.js";
import type { OfferKindId } from "./vocab.js";
import { currentMunicipality, municipalityCentres } from "./vocab.js";

// About forty clearly fictional organisations across the district, with offers and
// consented demo contacts. Every name ends in "(fiktiv)"; addresses use example streets.

type DemoOrg = [
  name: string,
  kind: string,
  areas: string[],
  /** The place: a municipality, or a village of one (Hermannsburg lies in Südheide). */
  place: string,
  themes: string[],
  targetGroups: string[],
  description: string,
];

const orgs: DemoOrg[] = [
  [
    "Kita Sonnenblume (fiktiv)",
    "kita",
    ["fruehkindlich"],
    "Celle",
    ["Sprachförderung", "Übergang Kita–Grundschule"],
    ["Kinder bis 6 Jahre", "Eltern"],
    "Städtische Kita mit vier Gruppen und einem Schwerpunkt auf alltagsintegrierter Sprachbildung.",
  ],
  [
    "Kita Regenbogen (fiktiv)",
    "kita",
    ["fruehkindlich"],
    "Bergen",
    ["Naturpädagogik"],
    ["Kinder bis 6 Jahre"],
    "Kita in freier Trägerschaft mit Waldgruppe.",
  ],
  [
    "Kita Pusteblume (fiktiv)",
    "kita",
    ["fruehkindlich"],
    "Hermannsburg",
    ["Sprachförderung", "Inklusion"],
    ["Kinder bis 6 Jahre", "Eltern"],
    "Integrative Kita mit Krippe und Familienzentrum.",
  ],
  [
    "Kita Kleine Entdecker (fiktiv)",
    "kita",
    ["fruehkindlich"],
    "Wietze",
    ["MINT", "Übergang Kita–Grundschule"],
    ["Kinder bis 6 Jahre"],
    "Haus der kleinen Forscher – Experimente gehören zum Alltag.",
  ],
  [
    "Kita Am Mühlenbach (fiktiv)",
    "kita",
    ["fruehkindlich"],
    "Lachendorf",
    ["Bewegung"],
    ["Kinder bis 6 Jahre"],
    "Bewegungskita mit großem Außengelände.",
  ],
  [
    "Kita Wirbelwind (fiktiv)",
    "kita",
    ["fruehkindlich"],
    "Faßberg",
    ["Sprachförderung"],
    ["Kinder bis 6 Jahre", "Familien mit Zuwanderungsgeschichte"],
    "Kita mit Sprach-Kita-Fachkraft und mehrsprachigem Team.",
  ],
  [
    "Grundschule Am Beispielweg (fiktiv)",
    "grundschule",
    ["schule"],
    "Celle",
    ["Übergang Kita–Grundschule", "Lesen"],
    ["Schülerinnen und Schüler"],
    "Offene Ganztagsschule mit Lesepatenschaften.",
  ],
  [
    "Grundschule Heideblick (fiktiv)",
    "grundschule",
    ["schule"],
    "Hermannsburg",
    ["Inklusion", "Übergang Kita–Grundschule"],
    ["Schülerinnen und Schüler"],
    "Inklusive Grundschule mit enger Zusammenarbeit mit den Kitas im Ort.",
  ],
  [
    "Grundschule Allerwiesen (fiktiv)",
    "grundschule",
    ["schule"],
    "Winsen (Aller)",
    ["MINT"],
    ["Schülerinnen und Schüler"],
    "Grundschule mit Schulgarten und Forscherwerkstatt.",
  ],
  [
    "Grundschule Lindenhof (fiktiv)",
    "grundschule",
    ["schule"],
    "Hambühren",
    ["Lesen", "Sprachförderung"],
    ["Schülerinnen und Schüler", "Eltern"],
    "Verlässliche Grundschule mit Sprachlernklasse.",
  ],
  [
    "Grundschule Unter den Eichen (fiktiv)",
    "grundschule",
    ["schule"],
    "Eschede",
    ["Bewegung"],
    ["Schülerinnen und Schüler"],
    "Sportfreundliche Grundschule.",
  ],
  [
    "Grundschule Wathlingen-Süd (fiktiv)",
    "grundschule",
    ["schule"],
    "Wathlingen",
    ["Übergang Kita–Grundschule"],
    ["Schülerinnen und Schüler"],
    "Kleine Grundschule mit jahrgangsübergreifendem Unterricht.",
  ],
  [
    "Oberschule Südheide (fiktiv)",
    "oberschule",
    ["schule", "uebergang_schule_beruf"],
    "Unterlüß",
    ["Berufsorientierung"],
    ["Jugendliche"],
    "Oberschule mit Praxistagen in Betrieben der Region.",
  ],
  [
    "Oberschule Bergen (fiktiv)",
    "oberschule",
    ["schule"],
    "Bergen",
    ["Demokratiebildung"],
    ["Jugendliche"],
    "Oberschule mit Schülerfirma.",
  ],
  [
    "Gymnasium Musterstadt Celle (fiktiv)",
    "gymnasium",
    ["schule"],
    "Celle",
    ["MINT", "Demokratiebildung"],
    ["Jugendliche"],
    "Gymnasium mit bilingualem Zweig.",
  ],
  [
    "Integrierte Gesamtschule Allertal (fiktiv)",
    "gesamtschule",
    ["schule", "uebergang_schule_beruf"],
    "Winsen (Aller)",
    ["Berufsorientierung", "Inklusion"],
    ["Jugendliche"],
    "Gesamtschule mit Berufsorientierungsbüro.",
  ],
  [
    "Förderschule Am Wiesengrund (fiktiv)",
    "foerderschule",
    ["schule"],
    "Celle",
    ["Inklusion"],
    ["Kinder und Jugendliche mit Förderbedarf"],
    "Förderschule mit Schwerpunkt geistige Entwicklung.",
  ],
  [
    "Berufsbildende Schulen Beispielstadt (fiktiv)",
    "berufsbildende_schule",
    ["beruflich", "uebergang_schule_beruf"],
    "Celle",
    ["Berufsorientierung", "Ausbildung"],
    ["Jugendliche", "Auszubildende"],
    "Berufsbildende Schulen mit Berufseinstiegsschule und Fachschulen.",
  ],
  [
    "Hochschulstandort Celle (fiktiv)",
    "hochschule",
    ["hochschule", "weiterbildung"],
    "Celle",
    ["Digitalisierung"],
    ["Studierende", "Berufstätige"],
    "Außenstelle einer Hochschule mit berufsbegleitenden Studiengängen.",
  ],
  [
    "Volkshochschule Heide-Aller (fiktiv)",
    "erwachsenenbildung",
    ["weiterbildung", "non_formal"],
    "Celle",
    ["Sprachkurse", "Grundbildung", "Digitalisierung"],
    ["Erwachsene", "Familien mit Zuwanderungsgeschichte"],
    "Volkshochschule mit Integrations- und Grundbildungskursen.",
  ],
  [
    "Familienbildungsstätte Lachendorf (fiktiv)",
    "erwachsenenbildung",
    ["weiterbildung", "fruehkindlich"],
    "Lachendorf",
    ["Elternbildung"],
    ["Eltern", "Familien"],
    "Kurse rund um Familie, Erziehung und Gesundheit.",
  ],
  [
    "Jugendzentrum Bahnhof (fiktiv)",
    "jugendhilfe",
    ["non_formal"],
    "Celle",
    ["Demokratiebildung", "Medienbildung"],
    ["Jugendliche"],
    "Offene Jugendarbeit mit Medienwerkstatt.",
  ],
  [
    "Jugendhilfe Südheide e. V. (fiktiv)",
    "jugendhilfe",
    ["non_formal", "uebergang_schule_beruf"],
    "Hermannsburg",
    ["Berufsorientierung"],
    ["Jugendliche", "Junge Erwachsene"],
    "Jugendberufshilfe und Schulsozialarbeit.",
  ],
  [
    "Erziehungsberatungsstelle Celle (fiktiv)",
    "beratungsstelle",
    ["non_formal"],
    "Celle",
    ["Elternbildung"],
    ["Eltern", "Familien"],
    "Beratung für Eltern, Kinder und Jugendliche.",
  ],
  [
    "Bildungsberatung Aller-Leine (fiktiv)",
    "beratungsstelle",
    ["weiterbildung"],
    "Wietze",
    ["Weiterbildung", "Anerkennung"],
    ["Erwachsene"],
    "Kostenlose Beratung zu Weiterbildung und Anerkennung ausländischer Abschlüsse.",
  ],
  [
    "Interkultureller Treffpunkt Celle (fiktiv)",
    "integration",
    ["non_formal", "weiterbildung"],
    "Celle",
    ["Sprachkurse", "Integration"],
    ["Familien mit Zuwanderungsgeschichte"],
    "Migrantenorganisation mit Sprachcafé und Lotsenprojekt.",
  ],
  [
    "Stadtbibliothek Beispielhausen (fiktiv)",
    "bibliothek_kultur",
    ["non_formal"],
    "Celle",
    ["Lesen", "Medienbildung"],
    ["Kinder", "Jugendliche", "Erwachsene"],
    "Bibliothek mit Leseförderung und Makerspace.",
  ],
  [
    "Gemeindebücherei Faßberg (fiktiv)",
    "bibliothek_kultur",
    ["non_formal"],
    "Faßberg",
    ["Lesen"],
    ["Kinder", "Familien"],
    "Ehrenamtlich geführte Gemeindebücherei.",
  ],
  [
    "Musikschule Heidekreis-Celle (fiktiv)",
    "bibliothek_kultur",
    ["non_formal"],
    "Bergen",
    ["Kulturelle Bildung"],
    ["Kinder", "Jugendliche"],
    "Musikschule mit Angeboten in Kitas und Grundschulen.",
  ],
  [
    "Sportverein Eintracht Eschede (fiktiv)",
    "verein",
    ["non_formal"],
    "Eschede",
    ["Bewegung"],
    ["Kinder", "Jugendliche"],
    "Sportverein mit Kooperationen im Ganztag.",
  ],
  [
    "Heimatverein Wietze (fiktiv)",
    "verein",
    ["non_formal"],
    "Wietze",
    ["Kulturelle Bildung"],
    ["Kinder", "Erwachsene"],
    "Verein mit Museumspädagogik rund um das Erdöl.",
  ],
  [
    "Naturschutzbund Aller-Gruppe (fiktiv)",
    "verein",
    ["non_formal"],
    "Winsen (Aller)",
    ["Umweltbildung"],
    ["Kinder", "Familien"],
    "Naturerlebnisangebote an der Aller.",
  ],
  [
    "Maschinenbau Musterfirma GmbH (fiktiv)",
    "unternehmen",
    ["beruflich", "uebergang_schule_beruf"],
    "Celle",
    ["Ausbildung", "Berufsorientierung"],
    ["Jugendliche", "Auszubildende"],
    "Ausbildungsbetrieb mit Schülerpraktika und Bildungspartnerschaften.",
  ],
  [
    "Handwerksbetrieb Beispiel & Söhne (fiktiv)",
    "unternehmen",
    ["beruflich"],
    "Nienhagen",
    ["Ausbildung"],
    ["Auszubildende"],
    "Tischlerei mit Praktikumsplätzen.",
  ],
  [
    "Kammer-Bildungszentrum Celle (fiktiv)",
    "unternehmen",
    ["beruflich", "weiterbildung"],
    "Celle",
    ["Ausbildung", "Weiterbildung"],
    ["Auszubildende", "Berufstätige"],
    "Überbetriebliche Ausbildung und Meisterkurse.",
  ],
  [
    "Bildungsbüro Landkreis Celle (Demo)",
    "verwaltung",
    ["fruehkindlich", "schule", "uebergang_schule_beruf", "weiterbildung"],
    "Celle",
    ["Bildungsmonitoring", "Übergang Kita–Grundschule"],
    ["Fachkräfte"],
    "Koordiniert die kommunale Bildungslandschaft und die Fachtage.",
  ],
  [
    "Gemeindeverwaltung Hambühren (fiktiv)",
    "verwaltung",
    ["fruehkindlich"],
    "Hambühren",
    ["Kita-Planung"],
    ["Familien"],
    "Fachbereich Kinder, Jugend und Familie.",
  ],
  [
    "Jugendärztlicher Dienst Celle (fiktiv)",
    "gesundheit",
    ["fruehkindlich", "schule"],
    "Celle",
    ["Gesundheit", "Übergang Kita–Grundschule"],
    ["Kinder", "Eltern"],
    "Schuleingangsuntersuchungen und Beratung zur Entwicklung.",
  ],
  [
    "Frühförderstelle Wathlingen (fiktiv)",
    "gesundheit",
    ["fruehkindlich"],
    "Wathlingen",
    ["Inklusion"],
    ["Kinder bis 6 Jahre", "Eltern"],
    "Heilpädagogische Frühförderung.",
  ],
  [
    "Lernwerkstatt Eicklingen (fiktiv)",
    "sonstige",
    ["non_formal"],
    "Eicklingen",
    ["MINT"],
    ["Kinder"],
    "Offene Lernwerkstatt in einem alten Bahnhofsgebäude.",
  ],
];

const offerTemplates: Record<string, [string, OfferKindId, string][]> = {
  kita: [
    ["Vorlesestunde für Familien", "programm", "Eltern"],
    ["Schnuppertag vor dem Schulstart", "projekt", "Kinder im letzten Kita-Jahr"],
  ],
  grundschule: [
    ["Schnupperstunde für Kita-Kinder", "projekt", "Kinder im letzten Kita-Jahr"],
    ["Hausaufgabenhilfe", "programm", "Schülerinnen und Schüler"],
  ],
  oberschule: [["Praxistage in Betrieben", "programm", "Jugendliche"]],
  gymnasium: [["Debattierclub", "kurs", "Jugendliche"]],
  gesamtschule: [["Bewerbungstraining", "kurs", "Jugendliche"]],
  foerderschule: [["Beratung zu inklusiver Beschulung", "beratung", "Eltern"]],
  berufsbildende_schule: [
    ["Tag der offenen Werkstatt", "projekt", "Jugendliche"],
    ["Berufseinstiegsschule", "programm", "Jugendliche ohne Abschluss"],
  ],
  hochschule: [["Schnupperstudium", "programm", "Schülerinnen und Schüler"]],
  erwachsenenbildung: [
    ["Deutsch im Alltag (A2)", "kurs", "Erwachsene"],
    ["Lesen und Schreiben lernen", "kurs", "Erwachsene"],
  ],
  jugendhilfe: [["Medienwerkstatt", "lernort", "Jugendliche"]],
  beratungsstelle: [["Offene Sprechstunde", "beratung", "Eltern"]],
  integration: [["Sprachcafé", "lernort", "Erwachsene"]],
  bibliothek_kultur: [["Lesesommer", "programm", "Kinder"]],
  verein: [["Schnupperangebot im Ganztag", "projekt", "Kinder"]],
  unternehmen: [["Schülerpraktikum", "programm", "Jugendliche"]],
  verwaltung: [["Beratung für Bildungsträger", "beratung", "Fachkräfte"]],
  gesundheit: [["Elternsprechstunde Entwicklung", "beratung", "Eltern"]],
  sonstige: [["Forscherwerkstatt am Nachmittag", "lernort", "Kinder"]],
};

const languagesFor = (i: number): string[] =>
  i % 5 === 0 ? ["Deutsch", "Englisch", "Türkisch"] : i % 3 === 0 ? ["Deutsch", "Arabisch"] : ["Deutsch"];

/** Villages the demo names that are no municipality of their own. */
const placeCentres: Record<string, [number, number]> = {
  Hermannsburg: [52.8316, 10.0891],
  Unterlüß: [52.8392, 10.2883],
};

/** Deterministic small offsets so positions differ but stay within the municipality. */
const jitter = (i: number, axis: number) => (((i * 7919 + axis * 104729) % 200) - 100) / 10_000;

export async function seedDirectoryDemo({ platform, announce }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  if (await anyOrganisationExists(db)) return;
  // The demo admin acts as the seeder, so the change log names a real account.
  const admin = await members.findAnyAdmin(db);
  if (!admin) {
    announce("Verzeichnis: keine Demo-Akteure, weil kein Administrationskonto existiert.");
    return;
  }
  const actor = { kind: "user" as const, ...admin, role: "admin" as const, via: "session" as const };

  const created: { id: string; slug: string; kind: string }[] = [];
  for (const [i, [name, kind, areas, place, themes, targetGroups, description]] of orgs.entries()) {
    const municipality = currentMunicipality(place);
    const centre = placeCentres[place] ?? municipalityCentres[municipality] ?? [52.62, 10.08];
    const input: OrganisationInput = {
      name,
      kind,
      carrierType: kind === "unternehmen" ? "privat" : i % 3 === 1 ? "frei_gemeinnuetzig" : "oeffentlich",
      carrierName:
        kind === "unternehmen"
          ? undefined
          : i % 3 === 1
            ? "Beispiel-Trägerverein e. V. (fiktiv)"
            : `Gemeinde ${municipality}`,
      areas,
      municipality,
      street: `Beispielstraße ${i + 1}`,
      postalCode: String(29221 + (i % 9) * 10),
      city: place,
      lat: Number((centre[0] + jitter(i, 1)).toFixed(5)),
      lon: Number((centre[1] + jitter(i, 2)).toFixed(5)),
      website: `https://www.example.org/${name
        .toLowerCase()
        .replace(/[^a-z]+/g, "-")
        .replace(/^-|-$/g, "")}`,
      email: `kontakt${i + 1}@example.org`,
      phone: `05141 000-${String(100 + i)}`,
      description,
      targetGroups,
      themes,
      languages: languagesFor(i),
      accessibility: i % 2 === 0 ? "Stufenloser Zugang, barrierefreies WC" : undefined,
    };
    const org = await createOrganisation(platform, actor, input);
    created.push({ id: org.id, slug: org.slug, kind });
    for (const [j, [title, offerKind, group]] of (offerTemplates[kind] ?? []).entries()) {
      const offer: OfferInput = {
        title,
        kind: offerKind,
        description: `${title} – ein fiktives Demo-Angebot von ${name}.`,
        targetGroup: group,
        ageFrom: undefined,
        ageTo: undefined,
        area: areas[0] as OfferInput["area"],
        cost: j === 0 ? "kostenlos" : "nach Absprache",
        accessRequirements: undefined,
        languages: languagesFor(i),
        ongoing: j === 0,
        startsOn: j === 0 ? undefined : "2027-02-01",
        endsOn: j === 0 ? undefined : "2027-06-30",
        schedule: j === 0 ? "nach Vereinbarung" : "mittwochs 15–16:30 Uhr",
        place: `${municipality}, Beispielstraße ${i + 1}`,
        contact: `kontakt${i + 1}@example.org`,
      };
      await createOffer(platform, actor, org.id, offer);
    }
    await addContact(platform, actor, org.id, {
      name: `Alex Beispiel ${i + 1} (fiktiv)`,
      function: kind === "kita" ? "Kita-Leitung" : kind.includes("schule") ? "Schulleitung" : "Ansprechperson",
      email: `person${i + 1}@example.org`,
      phone: undefined,
      publicConsent: i % 4 !== 3,
      consentDate: i % 4 !== 3 ? "2026-09-01" : undefined,
    });
  }

  const member = await members.findUserByEmail(db, "mitglied@bildungsnetz.example");
  if (member) {
    const now = new Date().toISOString();
    for (const o of created
      .filter((c) => c.kind === "kita")
      .slice(0, 1)
      .concat(created.filter((c) => c.kind === "grundschule").slice(0, 1))) {
      await members.insertMember(db, o.id, member.id, now);
    }
    announce("Demo-Mitglied mitglied@bildungsnetz.example pflegt Kita Sonnenblume und Grundschule Am Beispielweg.");
  }
  announce(`Verzeichnis: ${created.length} fiktive Akteure angelegt.`);
}
