// The directory as people use it: a Kita leader searches for Grundschulen in her
// municipality, opens one and sees its offers and contact; the map works with and
// without JavaScript and loads nothing from other hosts; the keeping pages of a
// member and the back office of the education office are accessible.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkAxe,
  checkPageBasics,
  closeBrowser,
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

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  if (htmlPages.length) {
    const problems = await validateHtml(htmlPages);
    expect(formatHtmlProblems(problems)).toBe("");
  }
  await closeBrowser();
  await server?.close();
});

describe("directory, signed out", () => {
  it.each(["/akteure", "/akteure?q=schule&gemeinde=Celle", "/angebote", "/akteure/vorschlagen", "/akteure/karte"])(
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

  it("a Kita leader finds the Grundschulen of Celle, opens one and sees offers and contact", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await page.goto("/akteure");
    // The filters are folded behind one control, so that the results come first.
    await page.locator("summary", { hasText: "Filter" }).click();
    await page.selectOption("#f-art", "grundschule");
    await page.selectOption("#f-gemeinde", "Celle");
    await Promise.all([
      page.waitForURL(/art=grundschule.*gemeinde=Celle/),
      page.getByRole("button", { name: "Anzeigen" }).click(),
    ]);
    const results = page.locator("main .directory-list h3 a");
    expect(await results.allInnerTexts()).toEqual(["Grundschule Am Beispielweg (fiktiv)"]);
    await Promise.all([page.waitForURL(/\/akteure\/grundschule-am-beispielweg/), results.first().click()]);
    const response = await page.reload();
    expect(await page.locator("h1").innerText()).toBe("Grundschule Am Beispielweg (fiktiv)");
    const main = await page.locator("main").innerText();
    expect(main).toContain("Schnupperstunde für Kita-Kinder");
    expect(main).toContain("Alex Beispiel");
    expect(formatAxe(await checkAxe(page))).toBe("");
    expect(await checkPageBasics(page)).toEqual([]);
    htmlPages.push({ url: page.url(), html: await response!.text() });

    // An offer of that school.
    await Promise.all([
      page.waitForURL(/\/angebote\/[0-9a-f-]{36}$/),
      page.getByRole("link", { name: "Schnupperstunde für Kita-Kinder" }).click(),
    ]);
    expect(await page.locator("h1").innerText()).toBe("Schnupperstunde für Kita-Kinder");
    expect(formatAxe(await checkAxe(page))).toBe("");
    await context.close();
  });

  it("the map draws the organisations with Leaflet from our own host and requests nothing elsewhere", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(server.baseUrl) && !request.url().startsWith("data:")) foreign.push(request.url());
    });
    await page.goto("/akteure/karte?gemeinde=Celle");
    await page.waitForSelector("#directory-map.leaflet-container");
    expect(await page.locator("#directory-map").isVisible()).toBe(true);
    expect(await page.locator("#directory-map path.leaflet-interactive").count()).toBeGreaterThan(3);
    expect(await page.locator("#directory-map img.leaflet-tile").count()).toBe(0);
    // The table stays as the accessible alternative.
    expect(await page.locator("main table caption").innerText()).toContain("Akteure mit Gemeinde und Lage");
    expect(formatAxe(await checkAxe(page))).toBe("");
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("without JavaScript the map page is the list, and its filter still works", async () => {
    const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/akteure/karte");
    expect(await page.locator("#directory-map").isVisible()).toBe(false);
    // A <details> opens without JavaScript.
    await page.locator("summary", { hasText: "Filter" }).click();
    await page.selectOption("#f-art", "kita");
    await Promise.all([page.waitForURL(/art=kita/), page.getByRole("button", { name: "Anzeigen" }).click()]);
    const kinds = await page.locator("main table tbody tr td:nth-child(2)").allInnerTexts();
    expect(kinds.length).toBeGreaterThan(3);
    for (const k of kinds) expect(k).toContain("Kita");
    await context.close();
  });
});

describe("keeping the directory", () => {
  it("a member edits the profile of their Kita; bad input shows German messages", async () => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, "member");
    await page.goto("/akteure/meine");
    expect(await page.locator("main").innerText()).toContain("Kita Sonnenblume (fiktiv)");
    expect(formatAxe(await checkAxe(page))).toBe("");
    const response = await page.goto("/akteure/kita-sonnenblume-fiktiv/bearbeiten");
    expect(formatAxe(await checkAxe(page))).toBe("");
    htmlPages.push({ url: "/akteure/kita-sonnenblume-fiktiv/bearbeiten", html: await response!.text() });
    await page.fill("#f-postalCode", "12");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.waitForSelector(".error-summary");
    expect(await page.locator(".error-summary").innerText()).toContain("fünfstellige Postleitzahl");
    expect(formatAxe(await checkAxe(page))).toBe("");
    await page.fill("#f-postalCode", "29221");
    await page.fill("#f-description", "Beschreibung aus dem Browsertest");
    await Promise.all([
      page.waitForURL(/\/akteure\/kita-sonnenblume-fiktiv$/),
      page.getByRole("button", { name: "Speichern" }).click(),
    ]);
    expect(await page.locator("main").innerText()).toContain("Beschreibung aus dem Browsertest");
    await context.close();
  });

  it.each([
    "/verwaltung/akteure",
    "/verwaltung/akteure/vorschlaege",
    "/verwaltung/akteure/aenderungen",
    "/verwaltung/akteure/import",
    "/verwaltung/akteure/arten",
    "/verwaltung/akteure/neu",
    "/akteure/kita-sonnenblume-fiktiv/kontakte",
    "/verwaltung/akteure/kita-sonnenblume-fiktiv/mitglieder",
  ])("back office page %s is accessible and valid", async (url) => {
    const context = await newContext(server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, "admin");
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(formatAxe(await checkAxe(page))).toBe("");
    expect(await checkPageBasics(page)).toEqual([]);
    htmlPages.push({ url, html: await response!.text() });
    await context.close();
  });
});
