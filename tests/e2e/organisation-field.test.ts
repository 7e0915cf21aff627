// The organisation field of the registration form when the Bildungsportal is too large
// to list in the page (more than MAX_FORM_CHOICES organisations): with JavaScript, a
// small script offers matches from the directory's JSON search while the person types;
// the picked "Name (Gemeinde)" links the registration to the directory entry.
import { afterAll, beforeAll, expect, it } from "vitest";
import { MAX_FORM_CHOICES } from "../../src/modules/directory/organisation-field.service.js";
import { adminActor, makeOrg } from "../../src/modules/directory/test-fixtures.js";
import { createFachtag, type FixtureEvent } from "../../src/modules/registrations/test-fixtures.js";
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
let event: FixtureEvent;
let sonnenschein: { id: string };

beforeAll(async () => {
  server = await startServer({ seedDemo: false });
  const admin = await adminActor(server.platform);
  for (let i = 0; i < MAX_FORM_CHOICES; i++) {
    await makeOrg(server.platform, admin, { name: `Einrichtung ${String(i).padStart(3, "0")}`, kind: "verein" });
  }
  sonnenschein = await makeOrg(server.platform, admin, {
    name: "Kita Sonnenschein",
    kind: "kita",
    municipality: "Bergen",
  });
  event = await createFachtag(server.platform, { capacity: 20 });
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("suggests organisations from the directory while typing and links the picked one", async () => {
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // The Fachtag page carries the same form and loads the script too.
  await page.goto(`/fachtage/${event.slug}`);
  expect(await page.locator('script[src^="/assets/field-suggest.js"]').count()).toBe(1);
  await page.goto(`/fachtage/${event.slug}/anmeldung`);
  expect(await page.locator('script[src^="/assets/field-suggest.js"]').count()).toBe(1);

  const field = page.getByLabel("Organisation / Einrichtung");
  expect(await field.getAttribute("data-search-url")).toBe("/api/v1/organisations");
  // Too many to list: nothing in the page itself.
  expect(await page.locator("option", { hasText: "Einrichtung 000" }).count()).toBe(0);

  await field.pressSequentially("Sonnen");
  const suggestion = page.locator(`datalist#${await field.getAttribute("id")}-vorschlaege option`);
  await expect
    .poll(() => suggestion.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)))
    .toEqual(["Kita Sonnenschein (Bergen)"]);
  expect(formatAxe(await checkAxe(page))).toBe("");
  const problems = await validateHtml([{ url: page.url(), html: await page.content() }]);
  expect(formatHtmlProblems(problems)).toBe("");

  // What picking the suggestion puts into the field.
  await field.fill("Kita Sonnenschein (Bergen)");
  await page.getByLabel("Vorname").fill("Jana");
  await page.getByLabel("Nachname").fill("Körtge");
  await page.getByLabel("E-Mail-Adresse").fill("suggest@example.org");
  await page.getByLabel(/Ich bin einverstanden, dass das Bildungsbüro/).check();
  await page.getByRole("button", { name: /Verbindlich anmelden/ }).click();
  await page.waitForURL(/\/anmeldung\/danke$/);

  const row = await server.platform.db.kysely
    .selectFrom("registrations")
    .select(["organisation", "organisation_id", "municipality"])
    .where("email", "=", "suggest@example.org")
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ organisation: "Kita Sonnenschein", organisation_id: sonnenschein.id, municipality: "Bergen" });
  await context.close();
});
