import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testDatabase } from "../../../tests/helpers/test-app.js";
import { anonymous, type UserActor } from "../../platform/auth/actor.js";
import { createOffer, deleteOffer } from "../directory/offers.service.js";
import { updateOrganisation } from "../directory/organisations.service.js";
import { decideProposal, proposeOrganisation } from "../directory/proposals.service.js";
import type { ProposalInput } from "../directory/schema.js";
import { adminActor, makeOrg, orgInput } from "../directory/test-fixtures.js";
import { deleteDocument, uploadDocument } from "../documents/documents.service.js";
import { samplePdf } from "../documents/test-fixtures.js";
import { createEvent, updateEvent } from "../events/events.service.js";
import { addSession } from "../events/programme.service.js";
import { rebuildIndex } from "./indexing.service.js";
import { search } from "./search.service.js";

// The site search on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): the
// German cases of the directory, synonyms, what must never be found, and that the index
// follows every change through the sources' own services.

let t: TestApp;
let admin: UserActor;

const titles = async (q: string, extra: Parameters<typeof search>[1] = {}) =>
  (await search(t.platform, { q, ...extra })).hits.map((h) => h.title);

const offer = (title: string, description: string) =>
  ({ title, kind: "programm", description, languages: [], ongoing: true }) as never;

const eventInput = (title: string, day: string, extra: object = {}) => ({
  title,
  startsAt: `${day}T08:00:00.000Z`,
  endsAt: `${day}T14:00:00.000Z`,
  venue: { name: "Kreishaus Celle" },
  capacity: 50,
  ...extra,
});

let kitaId = "";
let draftEventId = "";
let pdf: Buffer;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  admin = await adminActor(t.platform);
  pdf = await samplePdf("Suche");
  const kita = await makeOrg(t.platform, admin, {
    name: "Kindertagesstätte Sonnenschein",
    kind: "kita",
    areas: ["fruehkindlich"],
    municipality: "Wietze",
    themes: ["Sprachförderung"],
    description: "Vier Gruppen, ein Garten und viel Bewegung.",
  });
  kitaId = kita.id;
  await createOffer(t.platform, admin, kita.id, offer("Vorlesestunde für Familien", "Jeden Dienstag."));
  await makeOrg(t.platform, admin, {
    name: "Grundschule Am Fluß",
    kind: "grundschule",
    areas: ["schule"],
    municipality: "Celle",
    description: "Verlässliche Grundschule mit Sprachlernklasse und DaZ-Förderunterricht.",
  });
  await makeOrg(t.platform, admin, {
    name: "Volkshochschule Celle",
    kind: "erwachsenenbildung",
    areas: ["weiterbildung"],
    municipality: "Celle",
    description: "Kurse in Deutsch als Zweitsprache, dazu Integrationskurse.",
  });
  await makeOrg(t.platform, admin, {
    name: "Sportverein Blau-Weiß",
    kind: "verein",
    areas: ["non_formal"],
    municipality: "Bergen",
    description: "Wir sind dazu da, Kinder zu bewegen.",
  });
  await makeOrg(t.platform, admin, {
    name: "Kindergarten Regenbogen",
    kind: "kita",
    areas: ["fruehkindlich"],
    municipality: "Celle",
  });
  const archived = await createEvent(
    t.platform,
    admin,
    eventInput("Migrationsbedingte Vielfalt in der Bildung", "2024-02-23", { themes: ["Migration"] }),
  );
  await updateEvent(t.platform, admin, archived.id, { status: "published" });
  await addSession(t.platform, admin, archived.id, {
    kind: "workshop",
    title: "Alltagsintegrierte Sprachförderung",
    startsAt: "2024-02-23T09:00:00.000Z",
    endsAt: "2024-02-23T10:00:00.000Z",
  });
  await uploadDocument(
    t.platform,
    admin,
    archived.id,
    { kind: "documentation", title: "Fotoprotokoll Zukunftswerkstatt", public: true },
    { data: pdf, filename: "a.pdf" },
  );
  await uploadDocument(
    t.platform,
    admin,
    archived.id,
    { kind: "other", title: "Interne Teilnehmerliste Kassenbuch", public: false },
    { data: pdf, filename: "b.pdf" },
  );
  draftEventId = (await createEvent(t.platform, admin, eventInput("Geheimer Entwurf Zirkuspädagogik", "2027-05-07")))
    .id;
});
afterAll(async () => t?.close());

describe(`German search (${testDatabase})`, () => {
  it('"Schule" finds the Grundschule and the Volkshochschule; plural and case do not matter', async () => {
    for (const q of ["Schule", "schulen", "SCHULE"]) {
      expect(await titles(q)).toEqual(expect.arrayContaining(["Grundschule Am Fluß", "Volkshochschule Celle"]));
    }
  });

  it("umlauts and ß in any spelling", async () => {
    for (const q of ["Fluß", "Fluss", "fluss"]) expect(await titles(q)).toEqual(["Grundschule Am Fluß"]);
    for (const q of ["Sprachförderung", "Sprachfoerderung", "SPRACHFÖRDERUNG"]) {
      expect(await titles(q)).toEqual(expect.arrayContaining(["Kindertagesstätte Sonnenschein"]));
    }
    expect(await titles("Blau-Weiss")).toEqual(["Sportverein Blau-Weiß"]);
  });

  it("a part of a compound finds the compound", async () => {
    expect(await titles("Förderung")).toEqual(expect.arrayContaining(["Kindertagesstätte Sonnenschein"]));
  });

  it("Kita = Kindertagesstätte = Kindergarten", async () => {
    for (const q of ["Kita", "Kitas", "Kindertagesstätte", "Kindergarten"]) {
      expect(await titles(q, { type: "organisation" })).toEqual(
        expect.arrayContaining(["Kindertagesstätte Sonnenschein", "Kindergarten Regenbogen"]),
      );
    }
  });

  it("VHS = Volkshochschule, DaZ = Deutsch als Zweitsprache, and 'daz' is not 'dazu'", async () => {
    expect(await titles("VHS")).toEqual(["Volkshochschule Celle"]);
    const daz = await titles("DaZ");
    expect(daz).toEqual(expect.arrayContaining(["Volkshochschule Celle", "Grundschule Am Fluß"]));
    expect(daz).not.toContain("Sportverein Blau-Weiß");
    expect(await titles("Deutsch als Zweitsprache")).toEqual(expect.arrayContaining(["Grundschule Am Fluß"]));
  });

  it('"Sprachförderung" finds the organisation, its offer and the archived Fachtag by its programme', async () => {
    const outcome = await search(t.platform, { q: "Sprachförderung" });
    const found = outcome.hits.map((h) => `${h.type}: ${h.title}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "organisation: Kindertagesstätte Sonnenschein",
        "offer: Vorlesestunde für Familien",
        "event: Migrationsbedingte Vielfalt in der Bildung",
      ]),
    );
    const event = outcome.hits.find((h) => h.type === "event");
    expect(event?.url).toMatch(/^\/fachtage\/2024-02-23-/);
    expect(event?.snippet.filter((p) => p.mark).map((p) => p.text)).toContain("Sprachförderung");
  });

  it("public document titles count, internal ones never", async () => {
    expect(await titles("Zukunftswerkstatt")).toEqual(["Migrationsbedingte Vielfalt in der Bildung"]);
    expect(await titles("Kassenbuch")).toEqual([]);
  });

  it("filters by type, area and municipality, with counts", async () => {
    const outcome = await search(t.platform, { q: "Kita" });
    expect(outcome.types.organisation).toBe(2);
    expect(outcome.facets.municipality).toEqual(
      expect.arrayContaining([
        { value: "Wietze", count: expect.any(Number) },
        { value: "Celle", count: 1 },
      ]),
    );
    expect(await titles("Kita", { municipality: "Celle" })).toEqual(["Kindergarten Regenbogen"]);
    expect(await titles("Schule", { area: "weiterbildung" })).toEqual(["Volkshochschule Celle"]);
    expect(await titles("Sprachförderung", { type: "offer" })).toEqual(["Vorlesestunde für Familien"]);
    expect((await search(t.platform, { municipality: "Bergen" })).hits.map((h) => h.title)).toEqual([
      "Sportverein Blau-Weiß",
    ]);
    expect((await search(t.platform, {})).searched).toBe(false);
  });
});

describe(`what is never found (${testDatabase})`, () => {
  it("a proposal only once it is approved", async () => {
    const input = {
      ...orgInput({ name: "Zauberschule Vorschlag" }),
      proposerName: "P",
      proposerEmail: "p@example.org",
    };
    const id = (await proposeOrganisation(t.platform, anonymous, input as ProposalInput)) as string;
    expect(await titles("Zauberschule")).toEqual([]);
    await decideProposal(t.platform, admin, id, "approve");
    expect(await titles("Zauberschule")).toEqual(["Zauberschule Vorschlag"]);
  });

  it("a draft Fachtag only once published; a cancelled one no more", async () => {
    expect(await titles("Zirkuspädagogik")).toEqual([]);
    await updateEvent(t.platform, admin, draftEventId, { status: "published" });
    expect(await titles("Zirkuspädagogik")).toEqual(["Geheimer Entwurf Zirkuspädagogik"]);
    await updateEvent(t.platform, admin, draftEventId, { status: "cancelled" });
    expect(await titles("Zirkuspädagogik")).toEqual([]);
  });
});

describe(`the index follows every change (${testDatabase})`, () => {
  it("a renamed organisation, a deleted offer, a deleted document", async () => {
    await updateOrganisation(t.platform, admin, kitaId, {
      ...orgInput({
        name: "Kita Sonnenschein Wietze",
        kind: "kita",
        areas: ["fruehkindlich"],
        municipality: "Wietze",
        themes: ["Sprachförderung"],
      }),
    });
    expect(await titles("Sonnenschein", { type: "organisation" })).toEqual(["Kita Sonnenschein Wietze"]);
    expect(await titles("Kindertagesstätte Sonnenschein", { type: "organisation" })).toEqual([
      "Kita Sonnenschein Wietze",
    ]);
    const extra = await createOffer(t.platform, admin, kitaId, offer("Waldtag mit Eltern", "Einmal im Monat."));
    expect(await titles("Waldtag")).toEqual(["Waldtag mit Eltern"]);
    await deleteOffer(t.platform, admin, extra.id);
    expect(await titles("Waldtag")).toEqual([]);
    const event = (await search(t.platform, { q: "Zukunftswerkstatt" })).hits[0];
    const doc = await t.platform.db.kysely
      .selectFrom("event_documents")
      .select("id")
      .where("title", "=", "Fotoprotokoll Zukunftswerkstatt")
      .executeTakeFirstOrThrow();
    await deleteDocument(t.platform, admin, event?.id ?? "", doc.id);
    expect(await titles("Zukunftswerkstatt")).toEqual([]);
  });

  it("an organisation that moves is counted and filtered where it is now", async () => {
    const input = { name: "Musikschule Klangwelt", kind: "verein", areas: ["non_formal"], municipality: "Eschede" };
    const org = await makeOrg(t.platform, admin, input);
    const counted = async () => {
      const { facets, types } = await search(t.platform, { q: "Klangwelt" });
      return { municipality: facets.municipality, area: facets.area, organisations: types.organisation };
    };
    expect(await counted()).toEqual({
      municipality: [{ value: "Eschede", count: 1 }],
      area: [{ value: "non_formal", count: 1 }],
      organisations: 1,
    });
    await updateOrganisation(t.platform, admin, org.id, {
      ...orgInput({ ...input, areas: ["weiterbildung"], municipality: "Faßberg" }),
    });
    expect(await counted()).toEqual({
      municipality: [{ value: "Faßberg", count: 1 }],
      area: [{ value: "weiterbildung", count: 1 }],
      organisations: 1,
    });
    expect(await titles("Klangwelt", { municipality: "Eschede" })).toEqual([]);
    expect(await titles("Klangwelt", { municipality: "Faßberg", area: "weiterbildung" })).toEqual([
      "Musikschule Klangwelt",
    ]);
    expect((await search(t.platform, { municipality: "Faßberg", area: "weiterbildung" })).total).toBe(1);
  });

  it("a rebuild gives the same answers", async () => {
    const before = await titles("Sprachförderung");
    expect(await rebuildIndex(t.platform)).toBeGreaterThan(5);
    expect(await titles("Sprachförderung")).toEqual(before);
  });
});

describe(`page and API (${testDatabase})`, () => {
  it("GET /api/v1/search keeps the contract", async () => {
    const res = await t.app.inject("/api/v1/search?q=VHS");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(["results", "total"]);
    expect(body.total).toBe(1);
    expect(body.results[0]).toEqual({
      type: "organisation",
      id: expect.any(String),
      title: "Volkshochschule Celle",
      snippet: expect.stringContaining("Zweitsprache"),
      url: expect.stringMatching(/^\/akteure\/volkshochschule-celle/),
    });
    const offers = (await t.app.inject("/api/v1/search?q=Sprachf%C3%B6rderung&type=offer")).json();
    expect(offers.results.map((r: { type: string }) => r.type)).toEqual(["offer"]);
    expect((await t.app.inject("/api/v1/search?q=x&type=banana")).statusCode).toBe(422);
    expect((await t.app.inject(`/api/v1/search?q=${"a".repeat(201)}`)).statusCode).toBe(422);
  });

  it("/suche shows the results with the matches marked, the counts and filters; bad values fall back", async () => {
    const res = await t.app.inject("/suche?q=Sprachf%C3%B6rderung");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<mark>Sprachförderung");
    expect(res.body).toContain('href="/suche?q=Sprachf%C3%B6rderung&amp;typ=fachtag"');
    expect(res.body).toMatch(/Fachtage \(1\)/);
    expect(res.body).toContain("Bildungsbereich");
    const odd = await t.app.inject("/suche?q=Kita&typ=banane&seite=-3&gemeinde=");
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain("Kindergarten Regenbogen");
  });

  it("every page has the search field in its header, a plain GET form", async () => {
    const home = (await t.app.inject("/")).body;
    expect(home).toMatch(/<search class="site-search"><form action="\/suche" method="get"/);
    expect(home).toContain('<label class="visually-hidden" for="site-search-q">Suche auf der ganzen Seite</label>');
  });
});
