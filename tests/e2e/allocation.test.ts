// The workshop allocation in Chromium: the demo editor opens it from the desk, computes
// it with a seed, sees the share of wishes and the demand chart, places one person by
// hand, and publishes it through the confirm step. Every page is axe-clean and Nu-valid;
// screenshots at 1280 and 390 px go to test-results/screenshots/ for a person to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { preferenceFachtag, registerWithWishes } from "../../src/modules/allocation/test-fixtures.js";
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

const OUT = join(process.cwd(), "test-results", "screenshots");
let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("the editor computes, reviews, places by hand and publishes the allocation", async () => {
  const editor = await server.platform.db.kysely
    .selectFrom("users")
    .select("id")
    .where("email", "=", demoAccounts.editor.email)
    .executeTakeFirstOrThrow();
  const ev = await preferenceFachtag(server.platform, {
    createdBy: editor.id,
    capacity: 60,
    title: "Fachtag Sprache und Bewegung",
    workshops: [
      { title: "Sprachförderung im Alltag", capacity: 4, slot: 0 },
      { title: "Bewegte Kita – Psychomotorik für Kinder unter drei Jahren", capacity: 6, slot: 0 },
      { title: "Musik und Rhythmus", capacity: 6, slot: 0 },
      { title: "Naturerfahrung", capacity: 3, slot: 1 },
      { title: "Medienbildung", capacity: 14, slot: 1 },
    ],
  });
  const [a, b, c, d, e] = ev.workshops as [string, string, string, string, string];
  for (let i = 0; i < 16; i++) {
    await registerWithWishes(
      server.platform,
      ev,
      i % 4 === 0
        ? [[a], [d]]
        : [
            [a, b, c],
            [d, e],
          ],
      {
        firstName: i % 2 ? "Jürgen" : "Änne",
        lastName: `Müller-Lüdenscheidt ${i + 1}`,
      },
    );
  }
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "editor");
  const html: { url: string; html: string }[] = [];

  await page.goto(`/verwaltung/fachtage/${ev.id}/anmeldungen`);
  await page.getByRole("link", { name: /Workshopzuteilung nach Wünschen/ }).click();
  await page.waitForURL(/\/zuteilung$/);
  expect(await page.locator("h1").textContent()).toBe("Workshopzuteilung: Fachtag Sprache und Bewegung");
  expect(await page.locator("main").textContent()).toContain("16 bestätigte Anmeldungen mit Wünschen");
  expect(formatAxe(await checkAxe(page))).toBe("");
  html.push({ url: "allocation empty", html: await page.content() });

  // A seed that is no number: said beside the field, with the summary at the top.
  await page.getByLabel(/Startwert/).fill("12a");
  await page.getByRole("button", { name: "Zuteilung berechnen" }).click();
  expect(await page.locator("#f-seed-error").textContent()).toContain("Bitte eine ganze Zahl");
  expect(await page.locator("#fehler").textContent()).toContain("Startwert");
  html.push({ url: "allocation seed error", html: await page.content() });

  await page.getByLabel(/Startwert/).fill("123456");
  await page.getByRole("button", { name: "Zuteilung berechnen" }).click();
  await page.waitForURL(/\/zuteilung$/);
  const main = page.locator("main");
  expect(await main.textContent()).toContain(
    "Startwert 123456 – mit demselben Startwert ergibt sich dieselbe Zuteilung.",
  );
  expect(await main.textContent()).toContain("1. Wunsch");
  // The charts are images with a name; their numbers are in the tables beside them.
  const chart = page.getByRole("img", { name: /Plätze, Erstwünsche und Zuteilungen je Workshop/ });
  expect(await chart.count()).toBe(1);
  expect(await page.getByRole("table", { name: "Nachfrage und Plätze je Workshop" }).textContent()).toContain(
    "Sprachförderung im Alltag",
  );
  expect(formatAxe(await checkAxe(page))).toBe("");
  expect(await checkPageBasics(page)).toEqual([]);
  html.push({ url: "allocation draft", html: await page.content() });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.reload();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `sideways scroll at ${width}px`).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(OUT, `zuteilung-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Naturerfahrung (3 places) was everybody's first wish in slot 2 and the only one of four
  // people: one goes without, and is placed by hand in Medienbildung, which has places left.
  expect(await page.locator("h2#ohne-platz").textContent()).toBe("Ohne Platz (1)");
  const select = page.locator(".place-form select").first();
  expect(await select.locator("option").allTextContents()).toEqual(["Workshop wählen", "Medienbildung (noch 2 frei)"]);
  await select.selectOption({ index: 1 });
  await page.locator(".place-form").first().getByRole("button", { name: "Zuteilen" }).click();
  await page.waitForURL(/\/zuteilung/);
  expect(await main.textContent()).toContain("wurde von Hand zugeteilt");

  await page.getByRole("link", { name: "Zuteilung veröffentlichen und E-Mails senden" }).click();
  await page.waitForURL(/\/veroeffentlichen$/);
  expect(formatAxe(await checkAxe(page))).toBe("");
  html.push({ url: "allocation confirm", html: await page.content() });
  await page.getByRole("button", { name: "Zuteilung veröffentlichen und E-Mails senden" }).click();
  await page.waitForURL(/\/zuteilung$/);
  expect(await main.textContent()).toContain("Die Zuteilung ist veröffentlicht");
  expect(await main.textContent()).toContain("Veröffentlicht am");
  expect(await page.getByRole("button", { name: "Zuteilung berechnen" }).count()).toBe(0);
  expect(formatAxe(await checkAxe(page))).toBe("");
  html.push({ url: "allocation published", html: await page.content() });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.reload();
  await page.screenshot({ path: join(OUT, "zuteilung-veroeffentlicht-390.png"), fullPage: true });

  const mails = await server.platform.db.kysely
    .selectFrom("outbox")
    .select("subject")
    .where("subject", "like", "%Workshop%Fachtag Sprache und Bewegung%")
    .execute();
  expect(mails).toHaveLength(16);

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});
