// The network graph as a person sees it: the names of the best-connected organisations
// stand beside their nodes without hovering and never overlap (measured in Chromium,
// not estimated), in both layouts, at desktop and phone width; the force-directed
// layout is chosen in the filter form without JavaScript; both pages are photographed
// into test-results/screenshots/ and checked with axe and the Nu HTML Checker.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedNetworkDemo } from "../../src/modules/network/demo.js";
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
let server: StartedServer;
const htmlPages: { url: string; html: string }[] = [];

beforeAll(async () => {
  server = await startServer();
  const cooperations = await server.platform.db.kysely.selectFrom("cooperations").select("id").execute();
  if (cooperations.length === 0) await seedNetworkDemo({ platform: server.platform, announce: () => undefined });
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  if (htmlPages.length) expect(formatHtmlProblems(await validateHtml(htmlPages))).toBe("");
  await closeBrowser();
  await server?.close();
});

describe("labels and layouts of the network graph", () => {
  for (const width of [1280, 390]) {
    for (const layout of ["bereiche", "kraefte"]) {
      it(`names connected organisations without overlap (${layout}, ${width} px)`, async () => {
        const context = await newContext(server.baseUrl, { viewport: { width, height: 900 } });
        const page = await context.newPage();
        const response = await page.goto(`/netzwerk?anordnung=${layout}`);
        expect(response?.status()).toBe(200);
        const boxes = await page.evaluate(() =>
          [...document.querySelectorAll<SVGTextElement>("svg.network-graph .node-label--fixed")].map((el) => {
            const r = el.getBoundingClientRect();
            return { text: el.textContent ?? "", x1: r.left, y1: r.top, x2: r.right, y2: r.bottom };
          }),
        );
        expect(boxes.length).toBeGreaterThan(3);
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i]!, boxes[j]!];
            const overlap = a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5;
            expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
          }
        }
        // visible without hovering, inside the drawing
        const svg = await page.locator("svg.network-graph").boundingBox();
        for (const b of boxes) {
          expect(b.x1).toBeGreaterThanOrEqual(svg!.x - 1);
          expect(b.x2).toBeLessThanOrEqual(svg!.x + svg!.width + 1);
        }
        expect(await page.locator(".node-label--fixed").first().isVisible()).toBe(true);
        // the table and the text summary stay
        expect(await page.locator("#zusammenfassung").innerText()).toMatch(/Organisationen/);
        expect(await page.locator("#tabelle tbody tr").count()).toBeGreaterThan(3);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(1);
        await page.screenshot({ path: join(OUT, `netzwerk-${layout}-${width}.png`), fullPage: true });
        await page.locator(".network-figure").screenshot({ path: join(OUT, `netzwerk-${layout}-${width}-grafik.png`) });
        if (width === 1280) {
          expect(formatAxe(await checkAxe(page))).toBe("");
          htmlPages.push({ url: `/netzwerk?anordnung=${layout}`, html: await response!.text() });
        }
        await context.close();
      });
    }
  }

  for (const width of [1280, 390]) {
    it(`offers a searchable partner picker in the proposal form (${width} px)`, async () => {
      const context = await newContext(server.baseUrl, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signInAs(page, "admin");
      await page.goto("/kooperationen/neu");
      await page.fill("#f-title", "Lesepatenschaft (Bildschirmfoto)");
      await page.fill("#f-suche", "Kita");
      await Promise.all([
        page.waitForLoadState("load"),
        page.locator("main").getByRole("button", { name: "Suchen" }).click(),
      ]);
      expect(await page.inputValue("#f-title")).toBe("Lesepatenschaft (Bildschirmfoto)");
      expect(await page.locator('#f-organisationIds input[type="checkbox"]').count()).toBeGreaterThan(0);
      await page.locator('#f-organisationIds input[type="checkbox"]').first().check();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await page.locator("#f-organisationIds").screenshot({ path: join(OUT, `kooperation-neu-partner-${width}.png`) });
      if (width === 1280) {
        expect(formatAxe(await checkAxe(page))).toBe("");
        htmlPages.push({ url: "/kooperationen/neu (Suche)", html: await page.content() });
      }
      await context.close();
    });
  }

  it("chooses the force-directed layout in the filter form without JavaScript", async () => {
    const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/netzwerk");
    const before = await page.locator("svg.network-graph path.node-shape").first().getAttribute("d");
    await page.selectOption("#f-anordnung", "kraefte");
    await Promise.all([page.waitForURL(/anordnung=kraefte/), page.getByRole("button", { name: "Anzeigen" }).click()]);
    expect(await page.locator("#f-anordnung").inputValue()).toBe("kraefte");
    const after = await page.locator("svg.network-graph path.node-shape").first().getAttribute("d");
    expect(after).not.toBe(before);
    await context.close();
  });
});
