// Ranking workshop wishes in Chromium WITHOUT JavaScript: a Fachtag in preference mode,
// one select per rank and slot, the same workshop twice named beside the later select,
// then a registration that goes through; the manage page shows the wishes. Each page is
// checked with axe-core and the Nu HTML Checker, and photographed at 1280 and 390 px
// into test-results/screenshots/ (nothing may scroll sideways).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFachtag } from "../../src/modules/registrations/test-fixtures.js";
import {
  checkAxe,
  closeBrowser,
  formatAxe,
  formatHtmlProblems,
  newContext,
  type StartedServer,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;
const shots = join(process.cwd(), "test-results", "screenshots");

beforeAll(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

/**
 * axe-core needs JavaScript, the journey runs without: the page as the no-JS browser got
 * it is checked in a second page with scripts on (same origin, so its styles load).
 */
async function axeOf(checker: Page, page: Page) {
  await checker.setContent(await page.content(), { waitUntil: "load" });
  return formatAxe(await checkAxe(checker));
}

/** Screenshots at desktop and phone width for a person to look at; nothing may scroll sideways. */
async function photograph(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    const slot = page.locator(".wish-slot").first();
    if (await slot.count()) await slot.screenshot({ path: join(shots, `${name}-${width}-slot.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

it("ranks wishes without JavaScript: a repeat is named beside its select, then the registration goes through", async () => {
  const event = await createFachtag(server.platform, {
    confirmByEmail: false,
    title: "Fachtag Sprache und Bewegung",
    workshops: [
      { title: "Sprachförderung im Kita-Alltag", capacity: 20, slot: 0 },
      { title: "Bewegte Kindheit", capacity: 20, slot: 0 },
      { title: "Übergang Kita – Grundschule gestalten", capacity: 15, slot: 0 },
      { title: "Elternarbeit mit Herz", capacity: 20, slot: 1 },
      { title: "Naturerfahrungen im Jahreslauf", capacity: 20, slot: 1 },
    ],
  });
  await server.platform.db.kysely
    .updateTable("events")
    .set({ workshop_choice: "preferences", max_choices: 3 })
    .where("id", "=", event.id)
    .execute();
  const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const html: { url: string; html: string }[] = [];
  const checkerContext = await newContext(server.baseUrl);
  const checker = await checkerContext.newPage();
  await checker.goto("/barrierefreiheit");

  await page.goto(`/fachtage/${event.slug}/anmeldung`);
  const firstSlot = page.getByRole("group", { name: /Zeitfenster 11:00 bis 12:30 Uhr/ });
  expect(await firstSlot.getByRole("combobox").count()).toBe(3);
  expect(await axeOf(checker, page)).toBe("");
  html.push({ url: "form", html: await page.content() });
  await photograph(page, "wishes-form");

  await page.getByLabel("Vorname").fill("Jürgen");
  await page.getByLabel("Nachname").fill("Größe");
  await page.getByLabel("E-Mail-Adresse").fill("wuensche@example.org");
  await firstSlot.getByLabel("1. Wunsch").selectOption({ label: "Bewegte Kindheit – 20 Plätze" });
  await firstSlot.getByLabel("2. Wunsch").selectOption({ label: "Bewegte Kindheit – 20 Plätze" });
  await page.getByLabel(/Ich bin einverstanden, dass das Bildungsbüro/).check();
  await page.getByRole("button", { name: "Verbindlich anmelden" }).click();
  await page.waitForLoadState();

  // The summary at the top links to the select; the message stands beside it.
  const summary = page.locator("#fehler");
  expect(await summary.textContent()).toContain("Diesen Workshop haben Sie schon als 1. Wunsch gewählt.");
  const second = firstSlot.getByLabel("2. Wunsch");
  expect(await second.getAttribute("aria-invalid")).toBe("true");
  const describedBy = (await second.getAttribute("aria-describedby")) ?? "";
  expect(await page.locator(`#${describedBy}`).textContent()).toContain("schon als 1. Wunsch gewählt");
  expect(await axeOf(checker, page)).toBe("");
  html.push({ url: "form with error", html: await page.content() });
  await photograph(page, "wishes-error");

  await second.selectOption({ label: "Sprachförderung im Kita-Alltag – 20 Plätze" });
  await firstSlot.getByLabel("3. Wunsch").selectOption({ label: "Übergang Kita – Grundschule gestalten – 15 Plätze" });
  await page
    .getByRole("group", { name: /Zeitfenster 13:00 bis 14:30 Uhr/ })
    .getByLabel("1. Wunsch")
    .selectOption({ label: "Naturerfahrungen im Jahreslauf – 20 Plätze" });
  await page.getByRole("button", { name: "Verbindlich anmelden" }).click();
  await page.waitForURL(/\/anmeldung\/danke$/);
  expect(await page.locator("main").textContent()).toContain("Ihre Anmeldung ist bestätigt");

  const wishes = await server.platform.db.kysely
    .selectFrom("registration_preferences as p")
    .innerJoin("registrations as r", "r.id", "p.registration_id")
    .innerJoin("event_sessions as s", "s.id", "p.session_id")
    .select(["p.rank", "s.title"])
    .where("r.email", "=", "wuensche@example.org")
    .orderBy("p.slot")
    .orderBy("p.rank")
    .execute();
  expect(wishes.map((w) => `${w.rank}. ${w.title}`)).toEqual([
    "1. Bewegte Kindheit",
    "2. Sprachförderung im Kita-Alltag",
    "3. Übergang Kita – Grundschule gestalten",
    "1. Naturerfahrungen im Jahreslauf",
  ]);

  // The manage link from the mail: the wishes stand in the selects, ready to change.
  const mail = await server.platform.db.kysely
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", "wuensche@example.org")
    .executeTakeFirstOrThrow();
  const link = /\/anmeldung\/[A-Za-z0-9_-]{20,}(?=\s|$)/m.exec(mail.text_body)?.[0] as string;
  await page.goto(link);
  expect(await page.getByRole("heading", { name: "Ihre Wünsche" }).count()).toBe(1);
  expect(
    await page
      .getByRole("group", { name: /Zeitfenster 11:00 bis 12:30 Uhr/ })
      .getByLabel("2. Wunsch")
      .inputValue(),
  ).toBe(event.workshops[0]);
  expect(await axeOf(checker, page)).toBe("");
  html.push({ url: "manage", html: await page.content() });
  await photograph(page, "wishes-manage");

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
  await checkerContext.close();
});
