// The directory on a phone and on a desktop, looked at: the list with its filters folded
// away, the map without a tile server (district outline and municipalities behind the
// points, a click on the form's map fills the position), and the import preview with a
// possible duplicate, a bad web address and the choice to take only the good rows.
// Screenshots at 1280 and 390 px go to test-results/screenshots/ for a person to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkAxe,
  closeBrowser,
  formatAxe,
  formatHtmlProblems,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
  validateHtml,
} from "./helpers/index.js";

const OUT = join(process.cwd(), "test-results", "screenshots");
const widths = [1280, 390] as const;
let server: StartedServer;
const htmlPages: { url: string; html: string }[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startServer();
});

afterAll(async () => {
  if (htmlPages.length) expect(formatHtmlProblems(await validateHtml(htmlPages))).toBe("");
  await closeBrowser();
  await server?.close();
});

const viewport = (width: number) => ({ width, height: width < 600 ? 844 : 900 });

async function shot(page: Page, name: string, width: number) {
  await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
}

describe("/akteure with the filters folded", () => {
  it.each(widths)("at %i px the first results are on the first screen", async (width) => {
    const context = await newContext(server.baseUrl, { viewport: viewport(width) });
    const page = await context.newPage();
    const response = await page.goto("/akteure");
    const details = page.locator("details.directory-filter__more");
    expect(await details.getAttribute("open")).toBeNull();
    expect(await page.locator("#f-art").isVisible()).toBe(false);
    // The results start within the first screen, also on a phone (the header and the
    // demo notice take their share there); on a desktop the first card shows.
    await shot(page, "akteure-gefaltet", width);
    const top = async (selector: string) =>
      (await page.locator(selector).first().boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    // The site's header and the demo notice alone take some 340 px of a phone's screen.
    const screens = width === 1280 ? 1 : 1.25;
    expect(await top("#results-heading")).toBeLessThan(viewport(width).height * screens);
    if (width === 1280) expect(await top("main .directory-list > li")).toBeLessThan(viewport(width).height);
    const folded = (await page.locator("form.directory-filter").boundingBox())?.height ?? 0;
    expect(folded).toBeLessThan(420);
    expect(formatAxe(await checkAxe(page))).toBe("");
    if (width === 390) htmlPages.push({ url: "/akteure", html: (await response?.text()) ?? "" });

    // By keyboard: the summary opens with Enter and the filters appear.
    await page.locator("details.directory-filter__more > summary").focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("#f-art").isVisible()).toBe(true);
    // Unfolded, the filters would push the results far down: that is what folding saves.
    const unfolded = (await page.locator("form.directory-filter").boundingBox())?.height ?? 0;
    expect(unfolded - folded).toBeGreaterThan(width === 1280 ? 150 : 500);
    await shot(page, "akteure-filter-offen", width);
    await context.close();
  });

  it("the filter form leads to a clean address, and VHS finds the Volkshochschule", async () => {
    const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/akteure");
    await page.getByLabel(/^Suchbegriff/).fill("VHS");
    await Promise.all([page.waitForURL(/\/akteure\?q=VHS$/), page.getByRole("button", { name: "Anzeigen" }).click()]);
    const names = await page.locator("main .directory-list h3 a").allInnerTexts();
    expect(names.some((n) => n.startsWith("Volkshochschule"))).toBe(true);
    await context.close();
  });
});

describe("/akteure/karte without a tile server", () => {
  it.each(widths)("at %i px draws the district's outline and labelled municipalities", async (width) => {
    const context = await newContext(server.baseUrl, { viewport: viewport(width) });
    const page = await context.newPage();
    const response = await page.goto("/akteure/karte");
    await page.waitForSelector("#directory-map .directory-map__label-text");
    expect(await page.locator("#directory-map .leaflet-outline-pane path").count()).toBeGreaterThan(0);
    // Every municipality has its label; those that would overlap a larger one's are hidden.
    const labels = await page.locator("#directory-map .directory-map__label-text").allTextContents();
    expect(labels).toContain("Südheide");
    expect(labels).toContain("Lohheide");
    expect(labels).not.toContain("Hermannsburg");
    expect(await page.locator("#directory-map .directory-map__label-text", { hasText: "Celle" }).isVisible()).toBe(
      true,
    );
    expect(await page.locator("main").innerText()).toContain("schematische Übersicht, keine amtliche Karte");
    await page.locator("#directory-map").scrollIntoViewIfNeeded();
    await shot(page, "karte-umriss", width);
    expect(formatAxe(await checkAxe(page))).toBe("");
    if (width === 1280) htmlPages.push({ url: "/akteure/karte", html: (await response?.text()) ?? "" });
    await context.close();
  });

  it("a click on the form's map fills latitude and longitude", async () => {
    const context = await newContext(server.baseUrl, { viewport: viewport(1280) });
    const page = await context.newPage();
    await signInAs(page, "admin");
    const response = await page.goto("/verwaltung/akteure/neu");
    htmlPages.push({ url: "/verwaltung/akteure/neu", html: (await response?.text()) ?? "" });
    const map = page.locator("#directory-map-pick");
    await page.waitForSelector("#directory-map-pick .directory-map__label-text");
    await map.scrollIntoViewIfNeeded();
    expect(await page.locator("#f-lat").inputValue()).toBe("");
    const box = await map.boundingBox();
    if (!box) throw new Error("no map on the form");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const lat = Number((await page.locator("#f-lat").inputValue()).replace(",", "."));
    const lon = Number((await page.locator("#f-lon").inputValue()).replace(",", "."));
    expect(lat).toBeGreaterThan(52.3);
    expect(lat).toBeLessThan(53.2);
    expect(lon).toBeGreaterThan(9.5);
    expect(lon).toBeLessThan(10.9);
    expect(formatAxe(await checkAxe(page))).toBe("");
    await shot(page, "akteur-formular-karte", 1280);
    await context.close();
  });

  it("without JavaScript the form has its two fields and no map", async () => {
    const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, "admin");
    await page.goto("/verwaltung/akteure/neu");
    expect(await page.locator("#f-lat").isVisible()).toBe(true);
    expect(await page.locator("#directory-map-pick").isVisible()).toBe(false);
    await context.close();
  });
});

describe("the import preview", () => {
  const csv = [
    "Name;Art;Bildungsbereiche;Gemeinde;Webseite",
    "Kita Sonnenblume (fiktiv);Kita;Frühkindliche Bildung;Celle;",
    "Kita Neue Wiese (fiktiv);Kita;Frühkindliche Bildung;Hermannsburg;www.example.org/neue-wiese",
    "Grundschule Ohne Adresse (fiktiv);Grundschule;Schule;Eschede;keine-url",
  ].join("\r\n");

  it.each(widths)("at %i px names the duplicate, the bad address and offers the good rows", async (width) => {
    const context = await newContext(server.baseUrl, { viewport: viewport(width) });
    const page = await context.newPage();
    await signInAs(page, "admin");
    await page.goto("/verwaltung/akteure/import");
    await page.getByLabel("CSV-Datei").setInputFiles({
      name: "nachtrag.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${csv}\r\n`, "utf8"),
    });
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Datei prüfen" }).click()]);
    const main = await page.locator("main").innerText();
    expect(main).toContain("2 Zeilen fehlerfrei, 1 Zeile mit Fehlern.");
    expect(main).toContain("1 Zeile nennt einen Akteur, den es vermutlich schon gibt.");
    expect(main).toContain("Webseite: Das ist keine vollständige Webadresse.");
    expect(main).toContain("Übersprungen wird Zeile 4.");
    expect(await page.getByRole("link", { name: "Kita Sonnenblume (fiktiv)" }).count()).toBe(1);
    await shot(page, "import-vorschau", width);
    expect(formatAxe(await checkAxe(page))).toBe("");
    if (width === 1280) htmlPages.push({ url: "/verwaltung/akteure/import (Vorschau)", html: await page.content() });
    // Imported once, after both widths were looked at (the rows would be duplicates then).
    if (width === 390) {
      await Promise.all([
        page.waitForURL(/\/verwaltung\/akteure$/),
        page.getByRole("button", { name: "Nur die fehlerfreien Zeilen importieren" }).click(),
      ]);
      expect(await page.locator("main").innerText()).toContain(
        "2 Akteure wurden importiert. Übersprungen wurde Zeile 4 (mit Fehlern).",
      );
    }
    await context.close();
  });
});
