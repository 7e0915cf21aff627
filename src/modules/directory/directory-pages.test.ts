import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createCooperation } from "../network/index.js";
import { addContact } from "./contacts.service.js";
import { createOffer } from "./offers.service.js";
import { adminActor, makeOrg } from "./test-fixtures.js";

// Profile, offers and the map page (with and without a tile server).

describe("without a tile server", () => {
  let t: TestApp;
  let slug: string;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminActor(t.platform);
    const org = await makeOrg(t.platform, admin, {
      name: "Kita Karte (Test)",
      kind: "kita",
      areas: ["fruehkindlich"],
      municipality: "Lachendorf",
      lat: 52.618,
      lon: 10.247,
      website: "https://kita.example.org",
      street: "Am Markt 1",
      postalCode: "29331",
      city: "Lachendorf",
      themes: ["Sprachförderung"],
      languages: ["Deutsch", "Polnisch"],
    });
    slug = org.slug;
    const school = await makeOrg(t.platform, admin, {
      name: "Grundschule Partner (Test)",
      kind: "grundschule",
      areas: ["schule"],
      municipality: "Eschede",
    });
    await createCooperation(t.platform, admin, {
      title: "Brückenjahr (Test)",
      kind: "uebergang_kita_grundschule",
      organisationIds: [org.id, school.id],
      startsOn: "2024-03-01",
    });
    await makeOrg(t.platform, admin, { name: "Ohne Lage (Test)", municipality: "Lachendorf" });
    await createOffer(t.platform, admin, org.id, {
      title: "Krabbelgruppe",
      kind: "programm",
      languages: [],
      ongoing: true,
      targetGroup: "Eltern mit Kindern unter 3",
      ageFrom: 0,
      ageTo: 3,
    } as never);
    await addContact(t.platform, admin, org.id, {
      name: "Erika Beispiel",
      function: "Leitung",
      email: "erika@example.org",
      publicConsent: true,
      consentDate: "2026-01-15",
    } as never);
  });
  afterAll(async () => t?.close());

  it("shows the profile with offers, consented contact and a map link", async () => {
    const res = await t.app.inject(`/akteure/${slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h1");
    expect(res.body).toContain("Kita Karte (Test)");
    expect(res.body).toContain("Krabbelgruppe");
    expect(res.body).toContain("Erika Beispiel");
    expect(res.body).toContain("Am Markt 1, 29331 Lachendorf");
    expect(res.body).toContain(`href="/akteure/karte?gemeinde=Lachendorf#akteur-${slug}"`);
    expect(res.body).toContain('href="geo:52.618,10.247"');
    expect(res.body).toContain('href="https://kita.example.org"');
    expect(res.body).not.toContain("Profil bearbeiten");
  });

  it("lists the organisation's cooperations with links to the partners", async () => {
    const res = await t.app.inject(`/akteure/${slug}`);
    expect(res.body).toContain("Kooperationen</h2>");
    expect(res.body).toContain("Brückenjahr (Test)");
    expect(res.body).toContain("Übergangskooperation Kita–Grundschule · seit 01.03.2024");
    expect(res.body).toContain('href="/akteure/grundschule-partner-test"');
  });

  it("shows an offer with its provider and age range", async () => {
    const list = await t.app.inject("/angebote?q=krabbel");
    const id = /href="\/angebote\/([0-9a-f-]+)"/.exec(list.body)?.[1];
    const res = await t.app.inject(`/angebote/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("0 bis 3 Jahre");
    expect(res.body).toContain(`href="/akteure/${slug}"`);
    expect(res.body).toContain("laufendes Angebot");
  });

  it("speaks English when the visitor switched the language", async () => {
    const res = await t.app.inject({ url: "/akteure?art=kita", cookies: { bn_lang: "en" } });
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain("Actors</h1>");
    expect(res.body).toContain("1 actor found.");
    expect(res.body).toContain("Day care centre · Lachendorf");
  });

  it("answers unknown profiles and offers with the German 404 page", async () => {
    const res = await t.app.inject("/akteure/gibt-es-nicht");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Seite nicht gefunden");
    expect((await t.app.inject("/angebote/gibt-es-nicht")).statusCode).toBe(404);
  });

  it("renders the map page as a table fallback and loads nothing from outside", async () => {
    const res = await t.app.inject("/akteure/karte?gemeinde=Lachendorf");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<caption");
    expect(res.body).toContain("Kita Karte (Test)");
    expect(res.body).toContain("Ohne Lage (Test)");
    expect(res.body).toContain("1 von 2 Akteuren hat eine Lage auf der Karte.");
    expect(res.body).toContain("Es ist kein Kartendienst eingerichtet");
    expect(res.body).not.toMatch(/data-tile-url="[^"]/);
    expect(res.body).toContain('<script type="module" src="/assets/directory-map.js');
    expect(res.body).toContain('href="/assets/leaflet/leaflet.css');
    // Everything the page loads is same-origin.
    for (const m of res.body.matchAll(/(?:src|href)="(https?:[^"]+)"/g)) {
      expect(m[1]).not.toMatch(/^https?:/);
    }
    expect(String(res.headers["content-security-policy"])).toContain("img-src 'self' data:;");
    expect(res.body).not.toMatch(/<script>|style="/);
  });

  it("serves Leaflet and the map script from our own host", async () => {
    expect((await t.app.inject("/assets/leaflet/leaflet-src.esm.js")).statusCode).toBe(200);
    expect((await t.app.inject("/assets/leaflet/leaflet.css")).statusCode).toBe(200);
    const script = await t.app.inject("/assets/directory-map.js");
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('from "/assets/leaflet/leaflet-src.esm.js');
  });
});

describe("with a tile server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      MAP_TILE_URL: "https://tiles.example.org/{z}/{x}/{y}.png",
      MAP_ATTRIBUTION: "© Beispiel",
    });
  });
  afterAll(async () => t?.close());

  it("passes the tile URL to the map script and allows only that host for images", async () => {
    const res = await t.app.inject("/akteure/karte");
    expect(res.body).toContain('data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"');
    expect(res.body).toContain('data-attribution="© Beispiel"');
    expect(res.body).not.toContain("Es ist kein Kartendienst eingerichtet");
    expect(String(res.headers["content-security-policy"])).toContain("img-src 'self' data: https://tiles.example.org");
  });
});
