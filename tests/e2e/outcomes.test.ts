import { afterAll, beforeAll, expect, it } from "vitest";
import {
  closeBrowser,
  formatHtmlProblems,
  journeyPage,
  lookAt,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;
let event: { id: string; slug: string };
const agreement = "Kita Am Mühlenbach und Grundschule Am Beispielweg planen den Übergang in die Schule gemeinsam";

beforeAll(async () => {
  server = await startServer();
  event = await server.platform.db.kysely
    .selectFrom("events")
    .select(["id", "slug"])
    .where("title", "=", "Kindliche Entwicklung stärken – Schätze statt Schwächen")
    .executeTakeFirstOrThrow();
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("the organiser records an agreement without JavaScript; it becomes a cooperation proposal", async () => {
  const html: { url: string; html: string }[] = [];
  const { context, page } = await journeyPage(server.baseUrl, { role: "editor" });

  // From the Fachtag's public page (its organisers see the link) to the results page.
  await page.goto(`/fachtage/${event.slug}`);
  await page.getByRole("link", { name: "Ergebnisse und Vereinbarungen festhalten" }).click();
  await page.waitForURL(/\/ergebnisse$/);
  expect(await page.getByLabel("Ergebnisse des Fachtags").inputValue()).toContain("(Leit-)Bild vom Kind");
  const table = page.locator("main table");
  expect(await table.textContent()).toContain(agreement);
  expect(await table.textContent()).toContain("vorgeschlagen, bestätigt von 0 von 2");

  // Two organisations found through the search, ticked; the "what" forgotten first.
  const form = page.locator('form[action$="/vereinbarungen"]');
  await form.getByLabel("Organisation suchen").fill("Sonnenblume");
  await form.getByRole("button", { name: "Suchen" }).click();
  await form.getByLabel(/Kita Sonnenblume/).check();
  await form.getByLabel("Organisation suchen").fill("Beispielweg");
  await form.getByRole("button", { name: "Suchen" }).click();
  await form.getByLabel(/Grundschule Am Beispielweg/).check();
  expect(await form.getByLabel(/Kita Sonnenblume/).isChecked()).toBe(true);
  await form.getByLabel("Bis wann?").fill("2026-10-31");
  await form.getByRole("button", { name: "Vereinbarung hinzufügen" }).click();
  expect(await page.locator("#f-title-error").textContent()).toBeTruthy();
  html.push({ url: "error", html: await page.content() });
  const again = page.locator('form[action$="/vereinbarungen"]');
  expect(await again.getByLabel(/Kita Sonnenblume/).isChecked()).toBe(true);
  await again.getByLabel("Was wurde vereinbart?").fill("Gemeinsame Sprachförderung im letzten Kita-Jahr");
  await again.getByLabel("Stand").selectOption("open");
  await again.getByRole("button", { name: "Vereinbarung hinzufügen" }).click();
  await page.waitForURL(/\/ergebnisse(#vereinbarungen)?$/);
  expect(await page.locator("main").textContent()).toContain("im Netzwerk als Kooperation vorgeschlagen");
  expect(await table.textContent()).toContain("Gemeinsame Sprachförderung im letzten Kita-Jahr");
  html.push({ url: "organiser", html: await page.content() });
  await context.close();

  // The member of both organisations confirms on the network's page, without JavaScript too.
  const memberContext = await newContext(server.baseUrl, {
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: false,
  });
  const m = await memberContext.newPage();
  await signInAs(m, "member");
  await m.goto("/verwaltung/kooperationen/bestaetigen");
  expect(await m.locator("main").textContent()).toContain("Gemeinsame Sprachförderung im letzten Kita-Jahr");
  await memberContext.close();

  // With JavaScript (axe needs scripts): the organiser page, the edit form, the public pages.
  const js = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const p = await js.newPage();
  await signInAs(p, "editor");
  await p.goto(`/verwaltung/fachtage/${event.id}/ergebnisse`);
  await lookAt(p, "outcomes-organiser");
  await p.getByRole("link", { name: /Bearbeiten\s*: Gemeinsame Sprachförderung/ }).click();
  await lookAt(p, "outcomes-edit");
  html.push({ url: "edit", html: await p.content() });
  await js.close();

  const visitor = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const v = await visitor.newPage();
  await v.goto(`/fachtage/${event.slug}`);
  const results = (await v.locator('section[aria-labelledby="ergebnisse"]').textContent()) ?? "";
  expect(results).toContain(
    "ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure",
  );
  const agreements = (await v.locator('section[aria-labelledby="vereinbarungen"]').textContent()) ?? "";
  expect(agreements).toContain(agreement);
  expect(agreements).toContain("Stand: in Arbeit");
  expect(await v.locator('section[aria-labelledby="dokumente"]').textContent()).toContain(
    "Dokumentation: Schätze statt Schwächen",
  );
  expect(await v.locator("#anmeldung").count()).toBe(0);
  await lookAt(v, "outcomes-fachtag");
  html.push({ url: "fachtag", html: await v.content() });

  await v.goto("/fachtage/archiv");
  const archive = (await v.locator("main").textContent()) ?? "";
  expect(archive).toContain("Fachtage 2025");
  expect(archive).toMatch(/150 (Teilnehmende|angemeldet)/);
  expect(archive).toContain("Pressemitteilung: Schätze statt Schwächen");
  await lookAt(v, "outcomes-archive");
  html.push({ url: "archive", html: await v.content() });

  await v.goto(`/fachtage/${event.slug}`);
  await v
    .locator('section[aria-labelledby="vereinbarungen"]')
    .getByRole("link", { name: /Kita Am Mühlenbach/ })
    .first()
    .click();
  expect(await v.locator('section[aria-labelledby="vereinbarungen-fachtage"]').textContent()).toContain(agreement);
  await lookAt(v, "outcomes-profile");
  html.push({ url: "profile", html: await v.content() });
  await visitor.close();

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
}, 240_000);
