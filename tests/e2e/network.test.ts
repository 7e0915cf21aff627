// The cooperation network as people use it: the graph with its table and summary,
// the analysis page, cooperations and networks; axe-clean, valid HTML, keyboard and
// no-JavaScript use; an admin records a cooperation through the form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation, inputFromApi, listOrganisationsForNetwork } from "../../src/modules/directory/index.js";
import { seedNetworkDemo } from "../../src/modules/network/demo.js";
import type { UserActor } from "../../src/platform/auth/actor.js";
import {
  checkAxe,
  checkPageBasics,
  closeBrowser,
  demoAccounts,
  formatAxe,
  formatHtmlProblems,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;
const htmlPages: { url: string; html: string }[] = [];

/** Without the directory's demo data (module not loaded), a small fictitious landscape. */
async function ensureOrganisations() {
  const platform = server.platform;
  if ((await listOrganisationsForNetwork(platform.db.kysely)).length >= 8) return;
  const admin = await platform.db.kysely
    .selectFrom("users")
    .select(["id", "email", "name"])
    .where("email", "=", demoAccounts.admin.email)
    .executeTakeFirstOrThrow();
  const actor: UserActor = {
    kind: "user",
    id: admin.id,
    email: admin.email,
    name: admin.name,
    role: "admin",
    via: "session",
  };
  const orgs: [string, string, string[], string][] = [
    ["Kita Allerwiesen", "kita", ["fruehkindlich"], "Celle"],
    ["Kita Heideblick", "kita", ["fruehkindlich"], "Bergen"],
    ["Kita Mühlenbach", "kita", ["fruehkindlich"], "Celle"],
    ["Kita Schlossgarten", "kita", ["fruehkindlich"], "Celle"],
    ["Kita Waldweg", "kita", ["fruehkindlich"], "Hermannsburg"],
    ["Grundschule Neustadt", "grundschule", ["schule"], "Celle"],
    ["Grundschule Bergen", "grundschule", ["schule"], "Bergen"],
    ["Oberschule Celle", "oberschule", ["schule"], "Celle"],
    ["Gymnasium Ernestinum", "gymnasium", ["schule"], "Celle"],
    ["BBS II Celle", "berufsbildende_schule", ["beruflich", "uebergang_schule_beruf"], "Celle"],
    ["VHS Celle", "erwachsenenbildung", ["weiterbildung"], "Celle"],
    ["Jugendwerkstatt Celle", "jugendhilfe", ["uebergang_schule_beruf", "non_formal"], "Celle"],
    ["Stadtbibliothek Celle", "bibliothek_kultur", ["non_formal"], "Celle"],
    ["Handwerksbetrieb Muster", "unternehmen", ["beruflich"], "Bergen"],
    ["Bildungsbüro Landkreis Celle", "verwaltung", ["non_formal"], "Celle"],
  ];
  for (const [name, kind, areas, municipality] of orgs) {
    await createOrganisation(
      platform,
      actor,
      inputFromApi({ name, kind, areas, municipality } as Parameters<typeof inputFromApi>[0]),
    );
  }
  await platform.db.kysely.deleteFrom("cooperations").execute();
  await seedNetworkDemo({ platform, announce: () => undefined });
}

beforeAll(async () => {
  server = await startServer();
  await ensureOrganisations();
});

afterAll(async () => {
  if (htmlPages.length) {
    const problems = await validateHtml(htmlPages);
    expect(formatHtmlProblems(problems)).toBe("");
  }
  await closeBrowser();
  await server?.close();
});

describe("network pages, signed out", () => {
  it.each(["/netzwerk", "/netzwerk/analyse", "/kooperationen", "/netzwerke"])(
    "%s is accessible and valid",
    async (url) => {
      const context = await newContext(server.baseUrl);
      const page = await context.newPage();
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(formatAxe(await checkAxe(page))).toBe("");
      expect(await checkPageBasics(page)).toEqual([]);
      htmlPages.push({ url, html: await response!.text() });
      await context.close();
    },
  );

  it("shows the graph with legend, the same data as a table and a text summary", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await page.goto("/netzwerk");
    const summary = await page.locator("#zusammenfassung").innerText();
    expect(summary).toMatch(/\d+ Organisationen, \d+ Kooperationen, \d+ ohne Kooperation/);
    const nodes = await page.locator("svg.network-graph a.node").count();
    const rows = await page.locator("#tabelle tbody tr").count();
    expect(nodes).toBeGreaterThanOrEqual(8);
    expect(rows).toBe(nodes);
    expect(await page.locator("#tabelle caption").innerText()).toContain("Kooperationspartner");
    expect(await page.locator(".network-legend li").count()).toBeGreaterThan(1);
    // Every node is a link to the organisation's profile.
    const href = await page.locator("svg.network-graph a.node").first().getAttribute("href");
    expect(href).toMatch(/^\/akteure\//);
    await context.close();
  });

  it("highlights an organisation's partners when it gets keyboard focus, and zooms", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await page.goto("/netzwerk");
    const connected = page.locator('svg.network-graph a.node:not([data-neighbours=""])').first();
    await connected.focus();
    await expect.poll(() => page.locator("svg.network-graph.has-focus").count()).toBe(1);
    expect(await page.locator("svg.network-graph .edge.is-active").count()).toBeGreaterThan(0);
    const before = await page.locator("svg.network-graph").getAttribute("viewBox");
    await page.getByRole("button", { name: "Vergrößern" }).click();
    expect(await page.locator("svg.network-graph").getAttribute("viewBox")).not.toBe(before);
    expect(formatAxe(await checkAxe(page))).toBe("");
    await context.close();
  });

  it("filters the graph without JavaScript", async () => {
    const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/netzwerk");
    await page.selectOption("#f-bereich", "fruehkindlich");
    await Promise.all([
      page.waitForURL(/bereich=fruehkindlich/),
      page.getByRole("button", { name: "Anzeigen" }).click(),
    ]);
    const areas = await page.locator("#tabelle tbody tr td:nth-child(2)").allInnerTexts();
    expect(areas.length).toBeGreaterThan(0);
    for (const a of areas) expect(a).toContain("Frühkindliche Bildung");
    await context.close();
  });

  it("shows the Kitas without Grundschule partner on the analysis page", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await page.goto("/netzwerk/analyse");
    const gaps = page.locator("table", { has: page.locator("caption", { hasText: "Lücken an den Übergängen" }) });
    expect(await gaps.locator("tbody tr", { hasText: "Kita ohne kooperierende Grundschule" }).count()).toBeGreaterThan(
      0,
    );
    expect(await page.locator("table.network-matrix tbody th[scope=row]").count()).toBe(7);
    await context.close();
  });
});

describe("recording a cooperation", () => {
  it("an admin records a cooperation with the form and finds it in the list", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, "admin");
    const response = await page.goto("/kooperationen/neu");
    expect(formatAxe(await checkAxe(page))).toBe("");
    htmlPages.push({ url: "/kooperationen/neu", html: await response!.text() });

    // Submitting empty shows the error summary and messages beside the fields.
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.waitForSelector(".error-summary");
    expect(await page.locator(".kern-error").count()).toBeGreaterThanOrEqual(3);
    expect(formatAxe(await checkAxe(page))).toBe("");

    await page.fill("#f-title", "Sprachbrücke Kita und Grundschule (E2E)");
    await page.selectOption("#f-kind", "uebergang_kita_grundschule");
    // The partner picker: search, tick a match, search again; what was typed stays.
    const search = async (text: string) => {
      await page.fill("#f-suche", text);
      await Promise.all([
        page.waitForLoadState("load"),
        page.locator("main").getByRole("button", { name: "Suchen" }).click(),
      ]);
    };
    await search("Kita");
    expect(formatAxe(await checkAxe(page))).toBe("");
    htmlPages.push({ url: "/kooperationen/neu (Suche)", html: await page.content() });
    await page.locator('#f-organisationIds input[type="checkbox"]:not(:checked)').first().check();
    await search("Grundschule");
    expect(await page.inputValue("#f-title")).toBe("Sprachbrücke Kita und Grundschule (E2E)");
    expect(await page.locator('#f-organisationIds input[type="checkbox"]:checked').count()).toBe(1);
    await page.locator('#f-organisationIds input[type="checkbox"]:not(:checked)').first().check();
    await page.fill("#f-startsOn", "2024-03-01");
    await page.fill("#f-origin", "Fachtag Migrationsbedingte Vielfalt in der Bildung (23.02.2024)");
    await Promise.all([
      page.waitForURL(/\/kooperationen\/[0-9a-f-]{36}$/),
      page.getByRole("button", { name: "Speichern" }).click(),
    ]);
    expect(await page.locator("h1").innerText()).toBe("Sprachbrücke Kita und Grundschule (E2E)");
    expect(formatAxe(await checkAxe(page))).toBe("");
    await page.goto("/kooperationen?art=uebergang_kita_grundschule");
    expect(await page.locator("main").innerText()).toContain("Sprachbrücke Kita und Grundschule (E2E)");
    await context.close();
  });

  it("a network page with meetings and minutes is accessible", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await page.goto("/netzwerke");
    const first = page.locator("main .card-grid a").first();
    await Promise.all([page.waitForURL(/\/netzwerke\/[a-z0-9-]+$/), first.click()]);
    expect(formatAxe(await checkAxe(page))).toBe("");
    const minutes = page.locator('a[href$="/protokoll"]').first();
    if ((await minutes.count()) > 0) {
      const res = await page.request.get((await minutes.getAttribute("href"))!);
      expect(res.headers()["content-type"]).toBe("application/pdf");
    }
    await context.close();
  });
});
