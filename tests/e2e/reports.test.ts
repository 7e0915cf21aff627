// The education office reads its reports: from the back office to the dashboard (the pages
// load no script), a period and a municipality chosen by keyboard land in the address, the
// figures, charts and tables show, the print layout hides the controls; the public page
// /zahlen is reached from the main navigation; isolated organisations and gaps over time
// show as chart and table. Axe-clean, Nu-valid, 1280 and 390 px.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
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
const shots = process.env.SCREENSHOT_DIR ?? "/tmp/shots";

beforeAll(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function checked(page: Page, html: { url: string; html: string }[]) {
  expect(formatAxe(await checkAxe(page))).toBe("");
  expect(await checkPageBasics(page)).toEqual([]);
  html.push({ url: page.url(), html: await page.content() });
}

it("the office opens the dashboard, filters by keyboard, prints; everybody sees /zahlen", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl, {
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "admin");

  await page.goto("/verwaltung");
  await page.getByRole("link", { name: "Berichte und Kennzahlen" }).click();
  await page.waitForURL(/\/verwaltung\/berichte$/);
  expect(await page.locator("h1").textContent()).toBe("Berichte");
  await checked(page, html);

  // Year and municipality by keyboard, then "Anzeigen": the choice stands in the address.
  await page.locator("#f-year").focus();
  await page.keyboard.press("ArrowDown");
  await page.locator("#f-municipality").selectOption("Celle");
  await page.getByRole("button", { name: "Anzeigen" }).press("Enter");
  await page.waitForURL(/municipality=Celle/);
  const year = new URL(page.url()).searchParams.get("year");
  expect(year).toMatch(/^\d{4}$/);
  expect(await page.locator(".report-period").textContent()).toContain(`Jahr ${year}`);
  await checked(page, html);

  // A bookmark of a past year: figures, comparison, charts and the table of municipalities.
  await page.goto("/verwaltung/berichte?year=2025");
  await checked(page, html);
  expect(await page.locator(".key-figure").count()).toBeGreaterThan(5);
  expect(await page.locator("svg.bar-chart").count()).toBeGreaterThan(2);
  expect(await page.locator("main").textContent()).toContain("gegenüber Jahr 2024");
  expect(await page.locator("main").textContent()).toContain("Wienhausen");
  expect(await noSideways(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${shots}/reports-dashboard-1280.png`, fullPage: true });
  // Isolated organisations and gaps over time: 2025 by quarters, a chart with its title and the table beside.
  const overTime = page.locator("section.report-table", {
    has: page.getByRole("heading", { name: "Einrichtungen ohne Kooperation und Lücken im Zeitverlauf" }),
  });
  expect(await overTime.locator("tbody tr").count()).toBe(4);
  expect(await overTime.locator("tbody").textContent()).toContain("2025-Q4");
  expect(await overTime.locator("svg.bar-chart title").textContent()).toContain("im Zeitverlauf");
  expect(await overTime.getByRole("link", { name: /im Zeitverlauf als Excel/ }).getAttribute("href")).toBe(
    "/verwaltung/berichte/tabelle/netzwerk-zeitverlauf.xlsx?year=2025",
  );
  await overTime.screenshot({ path: `${shots}/reports-over-time-1280.png` });

  // Printed: no filter form, no download links, the figures and tables stay.
  await page.emulateMedia({ media: "print" });
  expect(await page.locator(".report-filters").isVisible()).toBe(false);
  expect(await page.locator(".report-exports").first().isVisible()).toBe(false);
  expect(await page.locator(".key-figures").isVisible()).toBe(true);
  await page.screenshot({ path: `${shots}/reports-dashboard-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/verwaltung/berichte?year=2025");
  expect(await noSideways(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${shots}/reports-dashboard-390.png`, fullPage: true });
  await overTime.screenshot({ path: `${shots}/reports-over-time-390.png` });
  await context.close();

  // The public page, from the main navigation, signed out.
  const visitor = await newContext(server.baseUrl, {
    viewport: { width: 1280, height: 900 },
  });
  const pub = await visitor.newPage();
  await pub.goto("/");
  await pub.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Zahlen" }).click();
  await pub.waitForURL(/\/zahlen$/);
  expect(await pub.locator("h1").textContent()).toBe("Zahlen zur Bildungslandschaft");
  await checked(pub, html);
  expect(await pub.locator("main").textContent()).toContain("Teilnehmende: die beim Einlass als anwesend Erfassten");
  const cells = await pub.locator("td.kern-table__cell--numeric").allTextContents();
  for (const cell of cells) expect(cell === "< 5" || Number(cell) >= 5).toBe(true);
  expect(await noSideways(pub)).toBeLessThanOrEqual(0);
  await pub.screenshot({ path: `${shots}/reports-zahlen-1280.png`, fullPage: true });
  await pub.setViewportSize({ width: 390, height: 844 });
  await pub.reload();
  expect(await noSideways(pub)).toBeLessThanOrEqual(0);
  await pub.screenshot({ path: `${shots}/reports-zahlen-390.png`, fullPage: true });
  await visitor.close();

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
}, 180_000);
