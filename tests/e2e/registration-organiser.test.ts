// The organiser's registration desk in Chromium: signed in as the demo editor, the
// desk, the manual registration form and the exports work and are free of barriers.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFachtag } from "../../src/modules/registrations/test-fixtures.js";
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

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("the editor adds a phone registration, cancels one, and downloads the list", async () => {
  const editor = await server.platform.db.kysely
    .selectFrom("users")
    .select("id")
    .where("email", "=", demoAccounts.editor.email)
    .executeTakeFirstOrThrow();
  const event = await createFachtag(server.platform, {
    capacity: 1,
    createdBy: editor.id,
    title: "Fachtag Übergänge gestalten",
    workshops: [
      { title: "Sprache", capacity: 5 },
      { title: "Bewegung", capacity: 5 },
    ],
  });
  for (const n of [1, 2]) {
    await fetch(`${server.baseUrl}/api/v1/events/${event.id}/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        firstName: "Käthe",
        lastName: `Schröder ${n}`,
        email: `desk-${n}@example.org`,
        consents: { privacy: true },
      }),
    });
  }
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "editor");
  const html: { url: string; html: string }[] = [];

  await page.goto("/verwaltung/anmeldungen");
  await page.getByRole("link", { name: "Fachtag Übergänge gestalten" }).click();
  expect(await page.locator("h1").textContent()).toContain("Anmeldungen: Fachtag Übergänge gestalten");
  expect(formatAxe(await checkAxe(page))).toBe("");
  expect(await checkPageBasics(page)).toEqual([]);
  html.push({ url: "desk", html: await page.content() });

  await page.getByRole("link", { name: "Anmeldung von Hand erfassen" }).click();
  expect(formatAxe(await checkAxe(page))).toBe("");
  html.push({ url: "manual", html: await page.content() });
  await page.getByLabel("Vorname").fill("Jürgen");
  await page.getByLabel("Nachname").fill("Telefon");
  await page.getByLabel("E-Mail-Adresse").fill("desk-phone@example.org");
  await page.getByLabel("Die Person wurde über die Datenverarbeitung informiert").check();
  await page.getByRole("button", { name: /anmelden|Warteliste/ }).click();
  await page.waitForURL(/\/anmeldungen$/);
  expect(await page.locator("body").textContent()).toContain("Platz 2 der Warteliste");

  await page.getByRole("button", { name: "Anmeldung von Käthe Schröder 1 absagen" }).click();
  await page.waitForURL(/\/anmeldungen/);
  expect(await page.locator("body").textContent()).toContain("Die Anmeldung wurde abgesagt.");
  const promoted = await server.platform.db.kysely
    .selectFrom("registrations")
    .select("status")
    .where("email", "=", "desk-2@example.org")
    .executeTakeFirstOrThrow();
  // Registered by the web/API with double opt-in: the place is held until the address is confirmed.
  expect(promoted.status).toBe("pending");
  expect(formatAxe(await checkAxe(page))).toBe("");
  html.push({ url: "desk after cancel", html: await page.content() });

  // Search by name: only the matching registration is listed.
  await page.getByLabel("Name oder E-Mail").fill("telefon");
  await page.getByRole("button", { name: "Filter anwenden" }).click();
  await page.waitForURL(/q=telefon/);
  expect(await page.locator("h2#liste").textContent()).toBe("Anmeldungen (1)");
  expect(await page.locator("main").textContent()).toContain("Jürgen Telefon");
  expect(await page.locator("main").textContent()).not.toContain("Käthe Schröder 2");
  expect(formatAxe(await checkAxe(page))).toBe("");
  html.push({ url: "desk search", html: await page.content() });
  await page.goto(page.url().replace(/\?.*$/, ""));

  // On a phone the list is one card per registration, each value named, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 900 });
  await page.reload();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  const cell = page.locator('table.card-table td[data-label="Name"]').first();
  expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe("grid");
  expect(await cell.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Name"');
  expect(formatAxe(await checkAxe(page))).toBe("");
  await page.setViewportSize({ width: 1280, height: 900 });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Als Excel-Datei (XLSX) herunterladen" }).click();
  expect((await download).suggestedFilename()).toMatch(/^anmeldungen-.*\.xlsx$/);

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});
