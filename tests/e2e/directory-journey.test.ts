// The directory journey, "done when", tried as a new user would, in one browser journey:
// (1) a Kita leader (signed out) finds the Grundschulen of her municipality that already
//     cooperate with Kitas, opens one and sees its offers and its (consented) contact;
// (2) the education office imports 300 schools and Kitas from a CSV as German Excel writes
//     it (Windows-1252, ";", CRLF, German headers, umlauts) with preview and confirmation;
//     a second file with one bad row shows a German per-row error and imports nothing;
// (3) the office records cooperations started at the 2024 Fachtag with the HTML form;
// (4) the analysis page lists the Kitas still without Grundschule partner, and the API agrees.
import iconv from "iconv-lite";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkAxe,
  closeBrowser,
  formatAxe,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
} from "./helpers/index.js";

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

// --- the CSV files, as German Excel saves "CSV (Trennzeichen-getrennt)" ----------------------

const HEADER = [
  "Name",
  "Art",
  "Bildungsbereiche",
  "Gemeinde",
  "Straße",
  "PLZ",
  "Ort",
  "Webseite",
  "E-Mail",
  "Telefon",
  "Beschreibung",
  "Themen",
];

const places: [municipality: string, postalCode: string][] = [
  ["Faßberg", "29328"],
  ["Südheide", "29320"],
  ["Celle", "29221"],
  ["Bergen", "29303"],
  ["Hambühren", "29313"],
  ["Unterlüß", "29345"],
  ["Winsen (Aller)", "29308"],
  ["Wienhausen", "29342"],
  ["Eschede", "29348"],
  ["Bröckel", "29356"],
];
// The two umlaut examples occur once; the other names repeat words with umlauts too.
const kitaWords = ["Gänseblümchen", "Sonnenkäfer", "Märchenwald", "Rübezahl", "Hühnerhof", "Flußkiesel"];
const schoolWords = ["Am Mühlenteich", "Schäferweg", "Lüttje Heide", "Fährhaus", "Zur Großen Eiche"];

/** Excel quotes a cell with ";", '"' or a line break and doubles the quotes inside. */
const cell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

interface CsvOrg {
  name: string;
  kind: "kita" | "grundschule";
  municipality: string;
}

/** 300 fictitious organisations: 180 Kitas and 120 Grundschulen, as Excel writes them. */
function excelCsv(rows: string[][]): Buffer {
  const text = `${[HEADER, ...rows].map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
  return iconv.encode(text, "win1252");
}

function importRows(): { orgs: CsvOrg[]; rows: string[][] } {
  const orgs: CsvOrg[] = [];
  const rows: string[][] = [];
  const add = (name: string, kind: CsvOrg["kind"], placeIndex: number, i: number) => {
    const [municipality, postalCode] = places[placeIndex % places.length]!;
    const isKita = kind === "kita";
    orgs.push({ name, kind, municipality });
    rows.push([
      name,
      isKita ? "Kita" : "Grundschule",
      isKita ? "Frühkindliche Bildung" : "Schule",
      municipality,
      `Müllerstraße ${i + 1}`,
      postalCode,
      municipality,
      `https://www.example.org/import-${i + 1}`,
      `import${i + 1}@example.org`,
      `05141 9${String(i).padStart(4, "0")}`,
      isKita
        ? 'Kita mit "Bewegungsraum"; Betreuung ab 1 Jahr, Gruppen für Sprachförderung'
        : "Verlässliche Grundschule; Ganztag bis 15:30 Uhr",
      isKita ? "Übergang Kita–Grundschule, Sprachförderung" : "Übergang Kita–Grundschule",
    ]);
  };
  add("Kita Löwenzahn (fiktiv)", "kita", 1, 0);
  add("Grundschule Über den Höfen (fiktiv)", "grundschule", 0, 1);
  for (let i = 2; i < 300; i++) {
    const kita = i === 3 || i % 5 < 3; // 180 Kitas, 120 Grundschulen (row 1 is a school)
    const n = i;
    const name = kita
      ? `Kita ${kitaWords[n % kitaWords.length]} ${n} (fiktiv)`
      : `Grundschule ${schoolWords[n % schoolWords.length]} ${n} (fiktiv)`;
    add(name, kita ? "kita" : "grundschule", n, i);
  }
  return { orgs, rows };
}

// --- helpers --------------------------------------------------------------------------------

function expectNoAxe(problems: Awaited<ReturnType<typeof checkAxe>>) {
  expect(formatAxe(problems)).toBe("");
}

async function submit(page: Page, name: string, url?: RegExp) {
  await Promise.all([
    url ? page.waitForURL(url) : page.waitForLoadState("load"),
    // In <main>: the header has a "Suchen" button of its own (the site search).
    page.locator("main").getByRole("button", { name, exact: true }).click(),
  ]);
}

const { orgs, rows } = importRows();
const kitaNames = orgs.filter((o) => o.kind === "kita").map((o) => o.name);
const schoolNames = orgs.filter((o) => o.kind === "grundschule").map((o) => o.name);
/** The pairs the office links: the two umlaut examples and two more from the file. */
const linkedKitas = [kitaNames[0]!, kitaNames[40]!, kitaNames[120]!];
const linkedSchools = [schoolNames[0]!, schoolNames[30]!, schoolNames[90]!];

describe("done when: directory, import, cooperations, analysis", () => {
  it("fixture: 300 rows with the names the journey uses", () => {
    expect(rows).toHaveLength(300);
    expect(linkedKitas[0]).toBe("Kita Löwenzahn (fiktiv)");
    expect(linkedSchools[0]).toBe("Grundschule Über den Höfen (fiktiv)");
    expect(new Set(orgs.map((o) => o.name)).size).toBe(300);
    expect(orgs.filter((o) => o.kind === "kita")).toHaveLength(180);
  });

  it("(1) a Kita leader finds the Grundschulen of her municipality that cooperate with Kitas", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await page.goto("/akteure");
    // She works in Hermannsburg, part of the Gemeinde Südheide since 2015, and looks for
    // Grundschulen that already cooperate with Kitas. The filters are folded away first.
    await page.locator("summary", { hasText: "Filter" }).click();
    await field(page, "Art").selectOption({ label: "Grundschule" });
    await field(page, "Gemeinde").selectOption({ label: "Südheide" });
    await field(page, "Kooperiert mit").selectOption({ label: "Kita / Kindertagespflege" });
    await submit(page, "Anzeigen", /\/akteure\?.*art=grundschule/);
    const url = new URL(page.url());
    expect(url.searchParams.get("partnerart")).toBe("kita");
    expect(url.searchParams.get("gemeinde")).toBe("Südheide");
    // The form's empty fields do not end up in the address.
    expect([...url.searchParams.values()].filter((v) => v === "")).toEqual([]);
    const results = page.locator("main .directory-list h3 a");
    const names = await results.allInnerTexts();
    expect(names).toContain("Grundschule Heideblick (fiktiv)");
    for (const n of names) expect(n).toMatch(/^Grundschule/);
    expectNoAxe(await checkAxe(page)); // the list with filters set

    await Promise.all([
      page.waitForURL(/\/akteure\/grundschule-heideblick/),
      page.getByRole("link", { name: "Grundschule Heideblick (fiktiv)" }).click(),
    ]);
    expect(await page.locator("h1").innerText()).toBe("Grundschule Heideblick (fiktiv)");
    const main = page.locator("main");
    // Offers of the school.
    const offers = main.locator("section", { has: page.getByRole("heading", { name: "Angebote" }) });
    expect(await offers.innerText()).toContain("Schnupperstunde für Kita-Kinder");
    // It already cooperates with Kitas: the profile names them.
    const coops = main.locator("section", { has: page.getByRole("heading", { name: "Kooperationen" }) });
    expect(await coops.getByRole("link", { name: /^Kita / }).count()).toBeGreaterThan(0);
    // Contact: the organisation's public address; the contact person gave no consent
    // (demo data: every fourth person), so no person may be shown.
    expect(await main.innerText()).toContain("kontakt8@example.org");
    expect(await main.innerText()).not.toContain("Alex Beispiel 8");
    expect(await main.innerText()).toContain("Es sind keine Ansprechpersonen veröffentlicht.");
    expectNoAxe(await checkAxe(page));

    // A school whose contact person consented shows that person.
    await page.goto("/akteure?art=grundschule&gemeinde=Celle");
    await Promise.all([
      page.waitForURL(/\/akteure\/grundschule-am-beispielweg/),
      page.getByRole("link", { name: "Grundschule Am Beispielweg (fiktiv)" }).click(),
    ]);
    expect(await page.locator("main").innerText()).toContain("Alex Beispiel 7 (fiktiv)");
    await context.close();
  });

  it("(2)–(4) the education office imports 300 organisations, records Fachtag cooperations and sees the gaps", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, "admin");

    // (2) Import through the upload form: preview, then confirm.
    await page.goto("/verwaltung/akteure/import");
    await page.getByLabel("CSV-Datei").setInputFiles({
      name: "Akteure Landkreis.csv",
      mimeType: "text/csv",
      buffer: excelCsv(rows),
    });
    await submit(page, "Datei prüfen");
    const status = await page.locator("main [role=status]").innerText();
    expect(status).toContain("Windows-1252");
    expect(status).toContain("300");
    const previewRows = page.locator("main table tbody tr");
    expect(await previewRows.count()).toBe(300);
    expect(await previewRows.first().innerText()).toContain("Kita Löwenzahn (fiktiv)");
    expect(await previewRows.nth(1).innerText()).toContain("Grundschule Über den Höfen (fiktiv)");
    expect(await previewRows.nth(1).innerText()).toContain("Faßberg");
    expect(await main(page).locator("td", { hasText: "in Ordnung" }).count()).toBe(300);
    await submit(page, "Jetzt importieren", /\/verwaltung\/akteure$/);
    expect(await main(page).innerText()).toContain("300 Akteure wurden importiert.");

    // The organisations are in the public directory, umlauts intact.
    await page.goto("/akteure?q=Loewenzahn");
    expect(await page.locator("main .directory-list h3 a").allInnerTexts()).toContain("Kita Löwenzahn (fiktiv)");
    await page.goto("/akteure?q=ueber+den+hoefen&gemeinde=Fa%C3%9Fberg");
    const found = await page.locator("main .directory-list h3 a").allInnerTexts();
    expect(found).toContain("Grundschule Über den Höfen (fiktiv)");
    await Promise.all([
      page.waitForURL(/\/akteure\/[a-z0-9-]+$/),
      page.getByRole("link", { name: "Grundschule Über den Höfen (fiktiv)" }).click(),
    ]);
    const profile = await main(page).innerText();
    expect(profile).toContain("Müllerstraße 2");
    expect(profile).toContain("Faßberg");
    await page.goto("/akteure?art=kita&gemeinde=S%C3%BCdheide");
    expect(await main(page).innerText()).toMatch(/\d+ Akteure/);
    const api = await page.request.get("/api/v1/organisations?kind=kita&limit=500");
    const kitaList = (await api.json()) as { items: { id: string; name: string; municipality: string }[] };
    const importedKitas = kitaList.items.filter((o) => orgs.some((c) => c.name === o.name));
    expect(importedKitas).toHaveLength(180);
    expect(importedKitas.find((o) => o.name === "Kita Löwenzahn (fiktiv)")?.municipality).toBe("Südheide");

    // A second file with one bad row: German per-row error, nothing imported.
    const badRows = [
      ["Kita Kükennest (fiktiv)", "Kita", "Frühkindliche Bildung", "Südheide", "", "", "", "", "", "", "", ""],
      ["Kita Hafenkante (fiktiv)", "Kita", "Frühkindliche Bildung", "Hamburg", "", "", "", "", "", "", "", ""],
      ["Grundschule Zum Ährenfeld (fiktiv)", "Grundschule", "Schule", "Eschede", "", "", "", "", "", "", "", ""],
    ];
    await page.goto("/verwaltung/akteure/import");
    await page.getByLabel("CSV-Datei").setInputFiles({
      name: "Nachtrag.csv",
      mimeType: "text/csv",
      buffer: excelCsv(badRows),
    });
    await submit(page, "Datei prüfen");
    const badRow = main(page).locator("table tbody tr", { hasText: "Kita Hafenkante (fiktiv)" });
    expect(await badRow.innerText()).toContain("Gemeinde: „Hamburg“ ist keine Gemeinde des Landkreises.");
    expect(await badRow.locator("td").first().innerText()).toBe("3"); // line 3 of the file (header = 1)
    expect(await page.getByRole("button", { name: "Jetzt importieren" }).count()).toBe(0);
    expectNoAxe(await checkAxe(page)); // the import preview with errors
    const after = await page.request.get(`/api/v1/organisations?q=${encodeURIComponent("Kükennest")}`);
    expect(((await after.json()) as { total: number }).total).toBe(0);

    // (3) Cooperations started at the 2024 Fachtag, recorded with the HTML form.
    for (const [i, kita] of linkedKitas.entries()) {
      const school = linkedSchools[i]!;
      await page.goto("/kooperationen/neu");
      await page.getByLabel("Titel").fill(`Übergang gestalten: ${kita} und ${school}`);
      await field(page, "Art").selectOption({ label: "Übergangskooperation Kita–Grundschule" });
      // The partner picker works without JavaScript: search, the form comes back with the
      // matches as checkboxes ("Name (Gemeinde)"), everything typed so far kept.
      for (const name of [kita, school]) {
        await page.getByLabel("Organisation suchen").fill(name);
        await submit(page, "Suchen");
        await page
          .locator("fieldset.partner-picker")
          .getByLabel(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(`))
          .first()
          .check();
      }
      expect(await page.getByLabel("Titel").inputValue()).toBe(`Übergang gestalten: ${kita} und ${school}`);
      await page.getByLabel("Beginn").fill("2024-03-01");
      const fachtag = page.getByLabel("Entstanden beim Fachtag");
      const option = (await fachtag.locator("option").allInnerTexts()).find((o) =>
        o.startsWith("Migrationsbedingte Vielfalt in der Bildung"),
      );
      expect(option, "Fachtag 2024 als Herkunft wählbar").toBeDefined();
      await fachtag.selectOption({ label: option! });
      await submit(page, "Speichern", /\/kooperationen\/[0-9a-f-]{36}$/);
      const shown = await main(page).innerText();
      expect(shown).toContain("Migrationsbedingte Vielfalt in der Bildung");
      expect(shown).toContain(kita);
      expect(shown).toContain(school);
    }

    // (4) The analysis: the linked Kitas have a partner now, the other imported Kitas not.
    const idOf = (name: string) => importedKitas.find((o) => o.name === name)!.id;
    const analysisResponse = await page.request.get("/api/v1/network/analysis");
    expect(analysisResponse.status()).toBe(200);
    const analysis = (await analysisResponse.json()) as { gaps: { organisationId: string; kind: string }[] };
    const kitaGaps = new Set(
      analysis.gaps.filter((g) => g.kind === "kita_ohne_grundschule").map((g) => g.organisationId),
    );
    for (const name of linkedKitas) expect(kitaGaps.has(idOf(name)), name).toBe(false);
    const stillOpen = importedKitas.filter((o) => !linkedKitas.includes(o.name));
    for (const o of stillOpen) expect(kitaGaps.has(o.id), o.name).toBe(true);

    await page.goto("/netzwerk/analyse");
    const gapTable = main(page).locator("table", {
      has: page.locator("caption", { hasText: "Lücken an den Übergängen" }),
    });
    const gapRows = gapTable.locator("tbody tr", { hasText: "Kita ohne kooperierende Grundschule" });
    const listedNames = new Set(
      await gapRows.evaluateAll((trs) => trs.map((tr) => (tr.querySelector("a")?.textContent ?? "").trim())),
    );
    expect(listedNames.size).toBeGreaterThan(0);
    for (const name of linkedKitas) expect(listedNames.has(name), `${name} nicht mehr als Lücke`).toBe(false);
    // Every Kita still without a Grundschule partner is on the page (the API lists them all).
    const missing = stillOpen.filter((o) => !listedNames.has(o.name)).map((o) => o.name);
    expect(missing, "Kitas ohne Grundschul-Partner, die die Analyseseite nicht zeigt").toEqual([]);
    expectNoAxe(await checkAxe(page));
    await context.close();
  });
});

const main = (page: Page) => page.locator("main");

/** A form field by its visible label; optional fields read "<label> – optional". */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}( – optional)?$`));
