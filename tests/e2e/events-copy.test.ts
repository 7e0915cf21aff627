// The 2025 Fachtag of the seed text set up by copying the 2024 one, as the demo organiser
// would, in Chromium: from the archive "Als Vorlage kopieren", the new title and date,
// the programme moved to the new day at the same times, then published — well within ten
// minutes. axe and the Nu checker on the new pages; screenshots of the copy form and of
// the status buttons at 1280 and 390 px go to test-results/screenshots/ to be looked at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { utcToBerlin } from "../../src/lib/berlin-time.js";
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
const SOURCE_TITLE = "Migrationsbedingte Vielfalt in der Bildung";
const NEW_TITLE = "Kindliche Entwicklung stärken – Schätze statt Schwächen";
const NEW_DATE = "2025-03-28";

let server: StartedServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  mkdirSync(OUT, { recursive: true });
  context = await newContext(server.baseUrl);
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await closeBrowser();
  await server?.close();
});

const programmeOf = async (eventId: string) =>
  (
    await server.platform.db.kysely
      .selectFrom("event_sessions")
      .select(["title", "starts_at", "ends_at", "room", "capacity"])
      .where("event_id", "=", eventId)
      .orderBy("starts_at")
      .orderBy("title")
      .execute()
  ).map((s) => ({
    title: s.title,
    day: utcToBerlin(s.starts_at).date,
    from: utcToBerlin(s.starts_at).time,
    to: utcToBerlin(s.ends_at).time,
    room: s.room,
    capacity: s.capacity === null ? null : Number(s.capacity),
  }));

async function shoot(name: string, locator?: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const path = join(OUT, `${name}-${width}.png`);
    if (locator) await page.locator(locator).screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

it("an organiser sets up the 2025 Fachtag by copying the 2024 one", async () => {
  const started = Date.now();
  const source = await server.platform.db.kysely
    .selectFrom("events")
    .select(["id", "starts_at"])
    .where("title", "=", SOURCE_TITLE)
    .executeTakeFirstOrThrow();
  const sourceProgramme = await programmeOf(source.id);
  expect(sourceProgramme.length).toBeGreaterThan(3);

  await signInAs(page, "editor");
  const pages: { url: string; html: string }[] = [];

  // From the archive: the 2024 Fachtag as a template.
  await page.goto("/fachtage/archiv");
  const card = page.locator(".events-card", { hasText: SOURCE_TITLE });
  await card.getByRole("link", { name: /Als Vorlage kopieren/ }).click();
  await page.waitForURL(/\/kopieren$/);
  const copyForm = await page.request.get(page.url());
  pages.push({ url: "copy form", html: await copyForm.text() });
  expect(formatAxe(await checkAxe(page)), "copy form").toBe("");
  expect(await page.getByLabel("Titel des neuen Fachtags").inputValue()).toBe(SOURCE_TITLE);
  await shoot("fachtag-kopieren");

  // An impossible date is refused beside the field, the values stay.
  await page.getByLabel("Titel des neuen Fachtags").fill(NEW_TITLE);
  await page.getByLabel("Datum des neuen Fachtags").fill("2025-03-28");
  await page.getByLabel("Datum des neuen Fachtags").evaluate((el: HTMLInputElement) => {
    el.type = "text";
    el.value = "30.02.2025";
  });
  await page.getByRole("button", { name: "Kopie anlegen" }).click();
  expect(await page.locator(".error-summary").textContent()).toContain("Dieses Datum gibt es nicht");
  expect(formatAxe(await checkAxe(page)), "copy form with errors").toBe("");
  pages.push({ url: "copy form with errors", html: await page.content() });
  expect(await page.getByLabel("Titel des neuen Fachtags").inputValue()).toBe(NEW_TITLE);

  await page.getByLabel("Datum des neuen Fachtags").fill(NEW_DATE);
  await page.getByRole("button", { name: "Kopie anlegen" }).click();
  await page.waitForURL(/\/verwaltung\/fachtage\/[^/]+$/);
  expect(await page.locator("main").textContent()).toContain("Kopie wurde als Entwurf angelegt");
  const copyId = new URL(page.url()).pathname.split("/").pop() as string;
  expect(copyId).not.toBe(source.id);

  // The programme moved to the new day at the same times; rooms and places came along.
  expect(await programmeOf(copyId)).toEqual(sourceProgramme.map((s) => ({ ...s, day: NEW_DATE })));
  const copyRow = await server.platform.db.kysely
    .selectFrom("events")
    .selectAll()
    .where("id", "=", copyId)
    .executeTakeFirstOrThrow();
  expect(copyRow.status).toBe("draft");
  expect(utcToBerlin(copyRow.starts_at)).toEqual({ date: NEW_DATE, time: utcToBerlin(source.starts_at).time });
  const registrations = await server.platform.db.kysely
    .selectFrom("registrations")
    .select("id")
    .where("event_id", "=", copyId)
    .execute();
  expect(registrations).toEqual([]);

  // The draft's status steps: publish or delete, each saying what it does; no "absagen".
  const status = page.locator('section[aria-labelledby="status"]');
  const publish = status.getByRole("button", { name: "Veröffentlichen" });
  const hintId = (await publish.getAttribute("aria-describedby")) as string;
  expect(await page.locator(`#${hintId}`).textContent()).toContain("erscheint im Kalender");
  expect(await status.getByText("Fachtag absagen").count()).toBe(0);
  expect(formatAxe(await checkAxe(page)), "edit page of the copy").toBe("");
  pages.push({ url: "edit page", html: await (await page.request.get(page.url())).text() });
  await shoot("fachtag-status-entwurf", 'section[aria-labelledby="status"]');

  await page.getByRole("link", { name: "Programm", exact: true }).first().click();
  await page.waitForURL(/\/programm$/);
  expect(await page.locator("main table").textContent()).toContain(sourceProgramme[0]?.title ?? "");
  expect(formatAxe(await checkAxe(page)), "programme of the copy").toBe("");
  pages.push({ url: "programme", html: await (await page.request.get(page.url())).text() });

  // Publish.
  await page.goto(`/verwaltung/fachtage/${copyId}`);
  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  expect(await page.locator("main").textContent()).toContain("Neuer Status: Veröffentlicht");
  await shoot("fachtag-status-veroeffentlicht", 'section[aria-labelledby="status"]');
  expect(formatAxe(await checkAxe(page)), "edit page after publishing").toBe("");
  const published = await server.platform.db.kysely
    .selectFrom("events")
    .select(["status", "slug"])
    .where("id", "=", copyId)
    .executeTakeFirstOrThrow();
  expect(published.status).toBe("published");
  const publicPage = await page.goto(`/fachtage/${published.slug}`);
  expect(publicPage?.status()).toBe(200);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(NEW_TITLE);

  expect(formatHtmlProblems(await validateHtml(pages))).toBe("");
  expect(Date.now() - started).toBeLessThan(10 * 60_000);
});

it("on a phone, 'Zur Anmeldung' is in the first screen and jumps to the registration part", async () => {
  const upcoming = await server.platform.db.kysely
    .selectFrom("events")
    .select("slug")
    .where("status", "in", ["published", "registration_open"])
    .where("starts_at", ">", new Date().toISOString())
    .orderBy("starts_at")
    .executeTakeFirstOrThrow();
  const fresh = await newContext(server.baseUrl);
  const visitor = await fresh.newPage();
  try {
    for (const width of [390, 1280]) {
      await visitor.setViewportSize({ width, height: 844 });
      const response = await visitor.goto(`/fachtage/${upcoming.slug}`);
      const link = visitor.getByRole("link", { name: "Zur Anmeldung" });
      const box = await link.boundingBox();
      expect(box && box.y + box.height, `${width}px: link in the first screen`).toBeLessThan(844);
      await visitor.screenshot({ path: join(OUT, `fachtag-zur-anmeldung-${width}.png`) });
      await link.click();
      // The jump may scroll smoothly: wait until the registration part has arrived at the top.
      const arrived = await visitor
        .waitForFunction(
          () => {
            const top = document.querySelector("div#anmeldung")?.getBoundingClientRect().top;
            return location.hash === "#anmeldung" && top !== undefined && Math.abs(top) < 60;
          },
          undefined,
          { timeout: 5000 },
        )
        .then(
          () => true,
          () => false,
        );
      expect(arrived, `${width}px: registration part at the top`).toBe(true);
      if (width === 390) {
        expect(formatAxe(await checkAxe(visitor)), "Fachtag page").toBe("");
        const html = (await response?.text()) ?? "";
        expect(formatHtmlProblems(await validateHtml([{ url: "Fachtag page", html }]))).toBe("");
      }
    }
  } finally {
    await fresh.close();
  }
});
