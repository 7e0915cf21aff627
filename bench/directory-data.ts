/**
 * Test data for the directory and network benchmarks: 5,000 organisations (with
 * areas and tags), 10,000 offers and 20,000 cooperations (about a fifth of them with
 * three partners), written in batches inside one transaction per table group.
 *
 *   DATABASE_URL=sqlite:./data/bench.db npx tsx bench/directory-data.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx bench/directory-data.ts
 *
 * Deterministic (seeded), fictitious names; safe to run against an empty database only.
 */

import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import pino from "pino";
import { searchText, sortKey } from "../src/modules/directory/search.js";
import { educationAreas, municipalities, organisationKinds } from "../src/modules/directory/vocab.js";
import { modules } from "../src/modules/index.js";
import { cooperationKinds } from "../src/modules/network/constants.js";
import { seededRandom } from "../src/modules/network/demo.js";
import { createPlatform } from "../src/platform/bootstrap.js";
import { loadConfig } from "../src/platform/config.js";
import type { Database } from "../src/platform/db/schema.js";

export interface GenerateOptions {
  organisations?: number;
  offers?: number;
  cooperations?: number;
  seed?: number;
}

export interface Generated {
  organisations: number;
  offers: number;
  cooperations: number;
  partners: number;
  ms: number;
}

/** Areas that fit each kind, so the gap analysis has realistic work to do. */
const areasByKind: Record<string, string[]> = {
  kita: ["fruehkindlich"],
  grundschule: ["schule"],
  oberschule: ["schule"],
  gymnasium: ["schule"],
  gesamtschule: ["schule"],
  foerderschule: ["schule"],
  berufsbildende_schule: ["beruflich", "uebergang_schule_beruf"],
  hochschule: ["hochschule"],
  erwachsenenbildung: ["weiterbildung"],
  jugendhilfe: ["non_formal", "uebergang_schule_beruf"],
  beratungsstelle: ["uebergang_schule_beruf", "weiterbildung"],
  integration: ["non_formal", "weiterbildung"],
  bibliothek_kultur: ["non_formal"],
  verein: ["non_formal"],
  unternehmen: ["beruflich"],
  verwaltung: ["non_formal"],
  gesundheit: ["fruehkindlich"],
  sonstige: ["non_formal"],
};

const themes = [
  "Sprachförderung",
  "Elternarbeit",
  "Übergang",
  "Inklusion",
  "Digitalisierung",
  "Berufsorientierung",
  "Migration",
  "Lesen",
];
const targetGroups = ["Kinder", "Jugendliche", "Eltern", "Fachkräfte", "Zugewanderte", "Erwachsene"];
const languages = ["Deutsch", "Englisch", "Arabisch", "Türkisch", "Ukrainisch", "Russisch"];
const words = [
  "Sonnenschein",
  "Regenbogen",
  "Am Park",
  "Lindenhof",
  "Schlossgarten",
  "Allerwiesen",
  "Heideblick",
  "Neustadt",
  "Waldweg",
  "Mühlenbach",
];
const offerKinds = ["kurs", "beratung", "programm", "lernort", "projekt"] as const;

async function batches<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function generateDirectoryData(db: Kysely<Database>, options: GenerateOptions = {}): Promise<Generated> {
  const started = performance.now();
  const nOrgs = options.organisations ?? 5000;
  const nOffers = options.offers ?? 10_000;
  const nCoops = options.cooperations ?? 20_000;
  const random = seededRandom(options.seed ?? 11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const now = new Date().toISOString();
  const id = (prefix: string, i: number) => `${prefix}-${String(i).padStart(6, "0")}-bench`;
  const kindIds = organisationKinds.map((k) => k.id);
  const areaLabel = (a: string) => educationAreas.find((x) => x.id === a)?.de ?? a;

  const orgs = Array.from({ length: nOrgs }, (_, i) => {
    const kind = pick(kindIds);
    const label = organisationKinds.find((k) => k.id === kind)!.de.split(" /")[0]!;
    const name = `${label} ${pick(words)} ${i + 1}`;
    const municipality = pick(municipalities);
    const areas = areasByKind[kind] ?? ["non_formal"];
    const orgThemes = [pick(themes), pick(themes)].filter((v, k, a) => a.indexOf(v) === k);
    const orgGroups = [pick(targetGroups)];
    const orgLanguages = ["Deutsch", pick(languages)].filter((v, k, a) => a.indexOf(v) === k);
    return {
      row: {
        id: id("org", i),
        slug: `bench-${i}`,
        name,
        kind,
        carrier_type: pick(["oeffentlich", "frei_gemeinnuetzig", "privat"] as const),
        carrier_name: null,
        municipality,
        street: `${pick(words)}straße ${1 + (i % 90)}`,
        postal_code: "29221",
        city: municipality,
        lat: 52.62 + random() * 0.3,
        lon: 10.08 + random() * 0.3,
        website: null,
        email: null,
        phone: null,
        description: `Fiktive Organisation für Lasttests (${label}).`,
        target_groups: JSON.stringify(orgGroups),
        themes: JSON.stringify(orgThemes),
        languages: JSON.stringify(orgLanguages),
        accessibility: null,
        status: "published" as const,
        proposer_name: null,
        proposer_email: null,
        proposal_note: null,
        search_text: searchText([
          name,
          label,
          kind,
          ...areas.map(areaLabel),
          ...orgThemes,
          ...orgGroups,
          ...orgLanguages,
          municipality,
        ]),
        sort_name: sortKey(name),
        created_by: null,
        created_at: now,
        updated_at: now,
      },
      areas,
      tags: [
        ...orgThemes.map((value) => ({ facet: "theme" as const, value })),
        ...orgGroups.map((value) => ({ facet: "target_group" as const, value })),
        ...orgLanguages.map((value) => ({ facet: "language" as const, value })),
      ],
    };
  });

  const offers = Array.from({ length: nOffers }, (_, i) => {
    const org = orgs[Math.floor(random() * orgs.length)]!;
    const kind = pick(offerKinds);
    const title = `${pick(["Kurs", "Beratung", "Sprachcafé", "Werkstatt", "Lernort", "Projekt"])} ${pick(themes)} ${i + 1}`;
    return {
      id: id("offer", i),
      organisation_id: org.row.id,
      title,
      kind,
      description: "Fiktives Angebot für Lasttests.",
      target_group: pick(targetGroups),
      age_from: null,
      age_to: null,
      area: org.areas[0] ?? null,
      cost: null,
      access_requirements: null,
      languages: JSON.stringify(["Deutsch"]),
      ongoing: 1,
      starts_on: null,
      ends_on: null,
      schedule: null,
      place: org.row.municipality,
      contact: null,
      search_text: searchText([title, kind, org.row.name, org.row.municipality]),
      sort_name: sortKey(title),
      created_by: null,
      created_at: now,
      updated_at: now,
    };
  });

  const coops: Database["cooperations"][] = [];
  const partners: Database["cooperation_partners"][] = [];
  for (let i = 0; i < nCoops; i++) {
    const cid = id("coop", i);
    const size = random() < 0.2 ? 3 : 2;
    const members = new Set<string>();
    // Partners mostly in the same municipality: a realistic, clustered network.
    const first = orgs[Math.floor(random() * orgs.length)]!;
    members.add(first.row.id);
    while (members.size < size) {
      const other = orgs[Math.floor(random() * orgs.length)]!;
      if (other.row.municipality === first.row.municipality || random() < 0.3) members.add(other.row.id);
    }
    const start = new Date(Date.UTC(2016, 0, 1) + random() * 9.5 * 365 * 86_400_000).toISOString().slice(0, 10);
    const ended = random() < 0.1;
    coops.push({
      id: cid,
      title: `Kooperation ${i + 1}`,
      kind: pick(cooperationKinds),
      description: null,
      starts_on: start,
      ends_on: ended ? "2025-06-30" : null,
      status: ended ? "ended" : random() < 0.03 ? "proposed" : "active",
      themes: "[]",
      origin: null,
      origin_event_id: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    const pending = random() < 0.05;
    [...members].forEach((organisation_id, k) => {
      partners.push({
        cooperation_id: cid,
        organisation_id,
        confirmed_at: pending && k > 0 ? null : now,
        confirmed_by: null,
      });
    });
  }

  await db.transaction().execute(async (trx) => {
    await batches(orgs, 200, (chunk) =>
      trx
        .insertInto("organisations")
        .values(chunk.map((o) => o.row))
        .execute(),
    );
    await batches(
      orgs.flatMap((o) => o.areas.map((area) => ({ organisation_id: o.row.id, area }))),
      1000,
      (chunk) => trx.insertInto("organisation_areas").values(chunk).execute(),
    );
    await batches(
      orgs.flatMap((o) => o.tags.map((t) => ({ organisation_id: o.row.id, ...t }))),
      1000,
      (chunk) => trx.insertInto("organisation_tags").values(chunk).execute(),
    );
    await batches(offers, 300, (chunk) => trx.insertInto("offers").values(chunk).execute());
    await batches(coops, 500, (chunk) => trx.insertInto("cooperations").values(chunk).execute());
    await batches(partners, 1000, (chunk) => trx.insertInto("cooperation_partners").values(chunk).execute());
  });
  return {
    organisations: orgs.length,
    offers: offers.length,
    cooperations: coops.length,
    partners: partners.length,
    ms: Math.round(performance.now() - started),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const config = loadConfig({ ...process.env, SEED_DEMO: "false", LOG_LEVEL: "warn" } as Record<string, string>);
  const platform = await createPlatform(config, modules, { logger: pino({ level: "warn" }) });
  const result = await generateDirectoryData(platform.db.kysely);
  console.log(
    `${result.organisations} Organisationen, ${result.offers} Angebote, ${result.cooperations} Kooperationen (${result.partners} Beteiligungen) in ${result.ms} ms`,
  );
  await platform.db.close();
}
