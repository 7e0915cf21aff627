// Data subject requests in Chromium: the demo admin opens "Datenschutz: Auskunft und Löschung"
// from the dashboard, enters a participant's address, sees what is kept (per area, in
// figures), downloads everything as JSON, is stopped beside the field without a reason,
// confirms the erasure on a second page and reads the result; the log shows it filtered to
// "Auskunft und Löschung". The same erasure works without JavaScript. Every page axe-clean,
// Nu-valid, looked at at 1280 and 390 px.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { figuresOf, heldFachtag } from "../../src/modules/retention/test-fixtures.js";
import {
  closeBrowser,
  formatHtmlProblems,
  journeyPage,
  lookAt,
  type StartedServer,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;
let ev: Awaited<ReturnType<typeof heldFachtag>>;

beforeAll(async () => {
  server = await startServer();
  ev = await heldFachtag(server.platform, { people: 4 });
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("the admin looks a person up, downloads the JSON, confirms the erasure and finds it in the log", async () => {
  const [person] = ev.people;
  if (!person) throw new Error("fixture");
  const html: { url: string; html: string }[] = [];
  const { context, page } = await journeyPage(server.baseUrl, { role: "admin", javaScript: true });
  await page.goto("/verwaltung");
  await Promise.all([
    page.waitForURL(/\/verwaltung\/datenschutz$/),
    page.getByRole("link", { name: "Datenschutz: Auskunft und Löschung" }).click(),
  ]);
  await lookAt(page, "privacy-start", html);

  await page.getByLabel("E-Mail-Adresse der Person").fill(person.email);
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Anzeigen" }).click()]);
  const main = page.locator("main");
  expect(await main.textContent()).toContain(`Gespeichert zu ${person.email}`);
  const table = page.getByRole("table", { name: "Was die Plattform zu dieser Adresse speichert" });
  expect(await table.textContent()).toContain("Anmeldungen zu Fachtagen");
  expect(await table.textContent()).toContain("Teilnahmebescheinigungen");
  expect(await main.textContent()).toContain("Was bleibt und warum");
  await lookAt(page, "privacy-found", html);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Alles als JSON herunterladen" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^auskunft-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(readFileSync((await download.path()) as string, "utf8"));
  expect(doc.parts.registrations.data.registrations[0].lastName).toBe(person.lastName);

  // No reason: the message beside the field, the address still shown.
  await Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name: "Weiter zur Bestätigung" }).click(),
  ]);
  expect(await main.textContent()).toContain("Bitte");
  expect(await page.locator("#f-reason-error").isVisible()).toBe(true);
  await lookAt(page, "privacy-erase-error", html);

  await page.getByLabel("Grund der Löschung").fill("Antrag nach Art. 17 vom 3. Dezember, Vorgang 2026-41");
  await Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name: "Weiter zur Bestätigung" }).click(),
  ]);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Wirklich löschen?");
  await lookAt(page, "privacy-confirm", html);

  const before = await figuresOf(server.platform, ev.id);
  await Promise.all([
    page.waitForURL(/\/verwaltung\/datenschutz$/),
    page.getByRole("button", { name: "Endgültig löschen" }).click(),
  ]);
  const flash = (await page.locator(".flash").textContent()) ?? "";
  expect(flash).toContain("Anmeldungen zu Fachtagen: 1");
  expect(flash).toContain("Erhalten: Teilnahmebescheinigungen: 1");
  expect(await figuresOf(server.platform, ev.id)).toEqual(before);
  await lookAt(page, "privacy-erased", html);

  await page.goto("/verwaltung/protokoll");
  await page.getByLabel("Art").selectOption("privacy");
  await Promise.all([page.waitForURL(/art=privacy/), page.getByRole("button", { name: "Filtern" }).click()]);
  const log = (await main.textContent()) ?? "";
  expect(log).toContain("Person gelöscht/anonymisiert (Art. 17)");
  expect(log).toContain("Auskunft erteilt (Art. 15)");
  expect(log).toContain("Anmeldungen zu Fachtagen: 1, Teilnahmebescheinigungen: 1");
  expect(log).toContain("Grund: Antrag nach Art. 17 vom 3. Dezember, Vorgang 2026-41");
  expect(log).not.toContain(person.email);
  expect(log).not.toContain(person.lastName);
  await lookAt(page, "privacy-log", html);

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});

it("works without JavaScript, and a member is refused the page", async () => {
  const second = ev.people[1];
  if (!second) throw new Error("fixture");
  const { context, page } = await journeyPage(server.baseUrl, { role: "admin" });
  await page.goto("/verwaltung/datenschutz");
  await page.getByLabel("E-Mail-Adresse der Person").fill(second.email);
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Anzeigen" }).click()]);
  await page.getByLabel("Grund der Löschung").fill("Antrag 2026-42");
  await Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name: "Weiter zur Bestätigung" }).click(),
  ]);
  await Promise.all([
    page.waitForURL(/\/verwaltung\/datenschutz$/),
    page.getByRole("button", { name: "Endgültig löschen" }).click(),
  ]);
  expect(await page.locator(".flash").textContent()).toContain("Anmeldungen zu Fachtagen: 1");
  await context.close();

  const member = await journeyPage(server.baseUrl, { role: "member" });
  const refused = await member.page.goto("/verwaltung/datenschutz");
  expect(refused?.status()).toBe(403);
  await member.context.close();
});
