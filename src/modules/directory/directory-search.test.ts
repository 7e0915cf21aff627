import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { searchDirectory } from "./listing.service.js";
import { createOffer, searchOfferList } from "./offers.service.js";
import { adminActor, makeOrg } from "./test-fixtures.js";

// The German search and the filters, on whichever database the suite runs against
// (SQLite by default, PostgreSQL with TEST_DATABASE_URL): both must answer the same.

let t: TestApp;
const names = async (q: string, extra: Record<string, string> = {}) =>
  (await searchDirectory(t.platform, { q, ...extra }, { pageSize: 100 })).items.map((o) => o.name);

beforeAll(async () => {
  t = await createTestApp();
  const admin = await adminActor(t.platform);
  await makeOrg(t.platform, admin, {
    name: "Grundschule Am Beispielweg",
    kind: "grundschule",
    areas: ["schule"],
    municipality: "Celle",
    themes: ["Lesen"],
    targetGroups: ["Schülerinnen und Schüler"],
    languages: ["Deutsch"],
  });
  await makeOrg(t.platform, admin, {
    name: "Kitas im Verbund Bergen",
    kind: "kita",
    areas: ["fruehkindlich"],
    municipality: "Bergen",
    themes: ["Sprachförderung"],
    targetGroups: ["Eltern"],
    languages: ["Deutsch", "Türkisch"],
  });
  await makeOrg(t.platform, admin, {
    name: "Über den Tellerrand e. V.",
    kind: "verein",
    areas: ["non_formal", "weiterbildung"],
    municipality: "Wietze",
    themes: ["Integration"],
    description: "Begegnungen über Grenzen hinweg",
  });
  await makeOrg(t.platform, admin, {
    name: "Straßenschule Südheide",
    kind: "jugendhilfe",
    areas: ["non_formal"],
    municipality: "Südheide",
    themes: ["Berufsorientierung"],
  });
  const vhs = await makeOrg(t.platform, admin, {
    name: "Volkshochschule Celle",
    kind: "erwachsenenbildung",
    areas: ["weiterbildung"],
    municipality: "Celle",
    description: "Sprachkurse für Erwachsene",
  });
  await createOffer(t.platform, admin, vhs.id, {
    title: "Deutsch für den Alltag",
    kind: "kurs",
    languages: ["Deutsch"],
    ongoing: true,
    description: "Übungen für Behördengänge",
    area: "weiterbildung",
  } as never);
});
afterAll(async () => t?.close());

describe("German substring search (same on SQLite and PostgreSQL)", () => {
  it("'Schule' finds Grundschule, Volkshochschule and Straßenschule", async () => {
    expect((await names("Schule")).sort()).toEqual(
      ["Grundschule Am Beispielweg", "Straßenschule Südheide", "Volkshochschule Celle"].sort(),
    );
  });

  it("'Kita' finds 'Kitas'; case does not matter", async () => {
    expect(await names("Kita")).toEqual(["Kitas im Verbund Bergen"]);
    expect(await names("KITA")).toEqual(["Kitas im Verbund Bergen"]);
  });

  it.each(["ueber", "über", "Uber", "ÜBER", "Ueber"])("'%s' finds 'Über den Tellerrand'", async (q) => {
    expect(await names(q)).toContain("Über den Tellerrand e. V.");
  });

  it("ß and ss are the same: 'strasse' and 'Straße' find Straßenschule", async () => {
    expect(await names("strasse")).toEqual(["Straßenschule Südheide"]);
    expect(await names("Straße")).toEqual(["Straßenschule Südheide"]);
  });

  it("finds by kind label, area label, theme, municipality and description", async () => {
    expect(await names("Erwachsenenbildung")).toEqual(["Volkshochschule Celle"]);
    expect(await names("frühkindliche")).toEqual(["Kitas im Verbund Bergen"]);
    expect(await names("sprachfoerderung")).toEqual(["Kitas im Verbund Bergen"]);
    expect(await names("suedheide")).toEqual(["Straßenschule Südheide"]);
    expect(await names("Grenzen")).toEqual(["Über den Tellerrand e. V."]);
  });

  it("needs every word: 'Schule Celle' narrows down", async () => {
    expect((await names("Schule Celle")).sort()).toEqual(["Grundschule Am Beispielweg", "Volkshochschule Celle"]);
    expect(await names("Schule Bergen")).toEqual([]);
  });

  it("treats LIKE wildcards in the query as plain text", async () => {
    expect(await names("%")).toHaveLength(5);
    expect(await names("_x_")).toEqual([]);
  });

  it("ranks names that start with the word first when searching", async () => {
    const result = await searchDirectory(t.platform, { q: "celle" }, { pageSize: 10 });
    expect(result.items[0]?.name).toBe("Volkshochschule Celle");
  });

  it("searches offers the same way", async () => {
    const result = await searchOfferList(
      t.platform,
      { q: "uebungen behoerde", art: undefined, bereich: undefined, gemeinde: undefined, seite: 1 },
      "de",
    );
    expect(result.items.map((o) => o.title)).toEqual(["Deutsch für den Alltag"]);
  });
});

describe("filters", () => {
  it("filters by kind, area, municipality, theme, target group and language", async () => {
    expect(await names("", { kind: "kita" })).toEqual(["Kitas im Verbund Bergen"]);
    expect((await names("", { area: "weiterbildung" })).sort()).toEqual([
      "Volkshochschule Celle",
      "Über den Tellerrand e. V.",
    ]);
    expect((await names("", { municipality: "Celle" })).sort()).toEqual([
      "Grundschule Am Beispielweg",
      "Volkshochschule Celle",
    ]);
    expect(await names("", { theme: "Lesen" })).toEqual(["Grundschule Am Beispielweg"]);
    expect(await names("", { targetGroup: "Eltern" })).toEqual(["Kitas im Verbund Bergen"]);
    expect(await names("", { language: "Türkisch" })).toEqual(["Kitas im Verbund Bergen"]);
  });

  it("combines filters with the search", async () => {
    expect(await names("schule", { municipality: "Celle", kind: "grundschule" })).toEqual([
      "Grundschule Am Beispielweg",
    ]);
  });

  it("sorts by name without a search, ignoring case and umlauts (ü as ue)", async () => {
    expect(await names("")).toEqual([
      "Grundschule Am Beispielweg",
      "Kitas im Verbund Bergen",
      "Straßenschule Südheide",
      "Über den Tellerrand e. V.",
      "Volkshochschule Celle",
    ]);
  });
});

describe("the list page", () => {
  it("keeps the filters in a shareable GET URL and shows them selected", async () => {
    const res = await t.app.inject("/akteure?q=schule&gemeinde=Celle&art=grundschule");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Grundschule Am Beispielweg");
    expect(res.body).not.toContain("Volkshochschule Celle</a>");
    expect(res.body).toContain('<option value="Celle" selected');
    expect(res.body).toContain('value="schule"');
    expect(res.body).toContain("1 Akteur gefunden.");
    expect(res.body).toContain('href="/akteure/karte?q=schule&amp;art=grundschule&amp;gemeinde=Celle"');
  });

  it("ignores unknown filter values instead of failing", async () => {
    const res = await t.app.inject(`/akteure?art=gibtsnicht&seite=abc&sortierung=zufall&q=${"x".repeat(500)}`);
    expect(res.statusCode).toBe(200);
  });

  it("paginates with the Pagination component, keeping the filters", async () => {
    const admin = await adminActor(t.platform);
    for (let i = 0; i < 22; i++) {
      await makeOrg(t.platform, admin, {
        name: `Paginierte Einrichtung ${String(i).padStart(2, "0")}`,
        municipality: "Eschede",
      });
    }
    const first = await t.app.inject("/akteure?gemeinde=Eschede");
    expect(first.body).toContain("22 Akteure gefunden.");
    expect(first.body).toContain("Seite 1 von 2");
    expect(first.body).toContain('href="/akteure?gemeinde=Eschede&amp;seite=2"');
    expect(first.body).toContain("Paginierte Einrichtung 19");
    expect(first.body).not.toContain("Paginierte Einrichtung 20");
    const second = await t.app.inject("/akteure?gemeinde=Eschede&seite=2");
    expect(second.body).toContain("Paginierte Einrichtung 21");
    expect(second.body).not.toContain("Paginierte Einrichtung 19");
  });
});

describe("synonyms of the district's everyday language", () => {
  beforeAll(async () => {
    const admin = await adminActor(t.platform);
    for (const name of [
      "VHS Außenstelle Faßberg",
      "Kindergarten Sonnenhügel",
      "Berufsbildende Schulen Wirtschaft",
      "BBS Technik",
      "Integrierte Gesamtschule am See",
      "OBS Lindenweg",
      "JUZ Wietze",
      "GS Waldblick",
      "Bildungsstätte Heide",
    ]) {
      await makeOrg(t.platform, admin, { name, kind: "sonstige", municipality: "Celle" });
    }
  });

  it.each([
    ["VHS", ["Volkshochschule Celle", "VHS Außenstelle Faßberg"]],
    ["Volkshochschulen", ["Volkshochschule Celle", "VHS Außenstelle Faßberg"]],
    ["Kita", ["Kindergarten Sonnenhügel", "Kitas im Verbund Bergen"]],
    ["Kindertagesstätte", ["Kindergarten Sonnenhügel", "Kitas im Verbund Bergen"]],
    ["BBS", ["Berufsbildende Schulen Wirtschaft", "BBS Technik"]],
    ["Berufsbildende Schule", ["Berufsbildende Schulen Wirtschaft", "BBS Technik"]],
    ["IGS", ["Integrierte Gesamtschule am See"]],
    ["Oberschule", ["OBS Lindenweg"]],
    ["Jugendzentrum", ["JUZ Wietze"]],
    ["Grundschule", ["Grundschule Am Beispielweg", "GS Waldblick"]],
  ])("%s finds %j", async (q, expected) => {
    const found = await names(q);
    for (const name of expected) expect(found).toContain(name);
  });

  it("matches a short abbreviation only as a whole word", async () => {
    // "gs" occurs inside "bildungsstaette"; only the GS itself is meant.
    expect(await names("GS")).not.toContain("Bildungsstätte Heide");
    expect(await names("GS")).toContain("GS Waldblick");
  });

  it("keeps the other words of the query as conditions", async () => {
    expect(await names("VHS Faßberg")).toEqual(["VHS Außenstelle Faßberg"]);
  });
});
