// A teacher types "Sprachförderung" into the search field in the header of the start page
// — without JavaScript — and finds, in one ranked list, the Austausch's practice example,
// a Kita's offer, the organisations working on it and the 2024 Fachtag in the archive; the
// matches are marked; the counts per type are links, the filters a plain GET form. An
// administrator rebuilds the index. Every page axe-clean, Nu-valid, looked at at 1280 and
// 390 px (screenshots in SCREENSHOT_DIR or /tmp/shots).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  closeBrowser,
  formatHtmlProblems,
  lookAt,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

/** The page's address opened in a second window with JavaScript on, there lookAt (axe, page basics, 1280 and 390 px). */
async function look(page: Page, name: string, viewer: Page) {
  await viewer.goto(page.url());
  await lookAt(viewer, `search-${name}`);
}

it("the header search finds the post, the Kita's offer, the organisations and the 2024 Fachtag", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl, {
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const seeing = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const viewer = await seeing.newPage();
  viewer.setDefaultTimeout(20_000);

  await page.goto("/");
  await look(page, "header", viewer);
  const field = page.getByRole("searchbox", { name: "Suche auf der ganzen Seite" });
  await field.fill("Sprachförderung");
  await field.press("Enter");
  await page.waitForURL(/\/suche\?q=Sprachf/);
  expect(await page.title()).toContain("Suche: Sprachförderung");
  const main = page.locator("main");
  expect(await page.getByRole("status").textContent()).toMatch(/\d+ Treffer/);
  const results = page.locator("main ol.search-list");
  await expect.poll(() => results.locator("li").count()).toBeGreaterThan(5);
  expect(await results.locator("mark").first().textContent()).toMatch(/Sprach/i);
  expect(
    await page
      .locator("main")
      .getByRole("searchbox", { name: /Suchbegriffe/ })
      .inputValue(),
  ).toBe("Sprachförderung");
  await look(page, "results", viewer);
  html.push({ url: "results", html: await page.content() });

  // Each type by its count link.
  const types = page.getByRole("navigation", { name: "Nach Art" });
  const expectations: [RegExp, RegExp][] = [
    [/^Beiträge \(\d+\)$/, /Sprachförderung für neu zugewanderte Kinder/],
    [/^Angebote \(\d+\)$/, /Kita/],
    [/^Akteure \(\d+\)$/, /Kita /],
    [/^Fachtage \(\d+\)$/, /Migrationsbedingte Vielfalt in der Bildung/],
  ];
  for (const [link, found] of expectations) {
    await page.goto("/suche?q=Sprachf%C3%B6rderung");
    await types.getByRole("link", { name: link }).click();
    await page.waitForURL(/typ=/);
    expect(await main.locator("ol.search-list").textContent()).toMatch(found);
  }
  // The Fachtag is the one of 2024, in the archive.
  const event = main.locator("ol.search-list a", { hasText: "Migrationsbedingte Vielfalt in der Bildung" });
  expect(await event.getAttribute("href")).toMatch(/^\/fachtage\/2024-02-23-/);

  // A filter by municipality through the GET form, without JavaScript.
  await page.goto("/suche?q=Kita");
  await page.getByLabel(/^Gemeinde/).selectOption("Celle");
  await page.locator("main fieldset").getByRole("button", { name: "Suchen" }).click();
  await page.waitForURL(/gemeinde=Celle/);
  expect(await page.getByRole("status").textContent()).toMatch(/Treffer/);
  expect(await page.getByLabel(/^Gemeinde/).inputValue()).toBe("Celle");
  await look(page, "filtered", viewer);
  html.push({ url: "filtered", html: await page.content() });

  // Nothing found, and the empty page.
  await page.goto("/suche?q=Quantenchromodynamik");
  expect(await page.getByRole("status").textContent()).toBe("Keine Treffer");
  await look(page, "none", viewer);
  html.push({ url: "none", html: await page.content() });
  await page.goto("/suche");
  expect(await main.textContent()).toContain("Geben Sie oben einen Suchbegriff ein");
  html.push({ url: "empty", html: await page.content() });
  await context.close();
  await seeing.close();

  // The administrator's index page.
  const admin = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const a = await admin.newPage();
  a.setDefaultTimeout(20_000);
  await signInAs(a, "admin");
  await a.goto("/verwaltung/suche");
  expect(await a.locator("main").textContent()).toMatch(/Einträge im Index: [\d.]+/);
  await a.getByRole("button", { name: "Suchindex neu aufbauen" }).click();
  await a.waitForURL(/\/verwaltung\/suche$/);
  expect(await a.locator("main").textContent()).toMatch(/Der Suchindex wurde neu aufgebaut: \d+ Einträge\./);
  // The admin's session lives in this context: axe on a second page of it (JavaScript is off here).
  const adminSeeing = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const av = await adminSeeing.newPage();
  await signInAs(av, "admin");
  await look(a, "admin", av);
  await adminSeeing.close();
  html.push({ url: "admin", html: await a.content() });
  await admin.close();

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
}, 180_000);

it("the search field is reached by keyboard right after the skip link and the brand", async () => {
  const context = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/akteure");
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab"); // brand
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("site-search-q");
  await page.keyboard.type("VHS");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/suche\?q=VHS/);
  expect(await page.locator("main ol.search-list").textContent()).toMatch(/Volkshochschule/);
  await context.close();
}, 60_000);
