// The registration journey of a participant without an account, in Chromium, with
// and without JavaScript: form → confirmation link → manage link → cancel; every
// page checked with axe-core (WCAG 2.1 AA) and the Nu HTML Checker.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFachtag, type FixtureEvent } from "../../src/modules/registrations/test-fixtures.js";
import {
  checkAxe,
  checkPageBasics,
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
const pages: { url: string; html: string }[] = [];

beforeAll(async () => {
  server = await startServer({ seedDemo: false });
  event = await createFachtag(server.platform, {
    capacity: 2,
    workshops: [
      { title: "Schätze entdecken", capacity: 1 },
      { title: "Übergang Kita–Grundschule", capacity: 10 },
    ],
  });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

/**
 * axe-core runs inside the page, so it needs JavaScript: pages of the no-JavaScript
 * journey are the same server-rendered HTML and are checked in the JavaScript run;
 * here they go to the HTML checker.
 */
async function check(page: Page, label: string, withAxe = true) {
  if (withAxe) {
    expect(formatAxe(await checkAxe(page)), label).toBe("");
    expect(await checkPageBasics(page), label).toEqual([]);
  } else {
    expect(await page.locator("h1").count(), label).toBe(1);
    expect(await page.locator("html").getAttribute("lang"), label).toBe("de");
  }
  pages.push({ url: `${label} ${page.url()}`, html: await page.content() });
}

async function mailLink(email: string, path: string): Promise<string> {
  const rows = await server.platform.db.kysely
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .orderBy("created_at")
    .execute();
  for (const row of rows) {
    const match = new RegExp(`https?://[^\\s]+?(${path}[A-Za-z0-9_-]{20,})`).exec(row.text_body);
    if (match?.[1]) return match[1];
  }
  throw new Error(`no ${path} link for ${email}`);
}

async function fillPerson(page: Page, n: string) {
  await page.getByLabel("Vorname").fill("Jürgen");
  await page.getByLabel("Nachname").fill(`Weiß ${n}`);
  await page.getByLabel("E-Mail-Adresse").fill(`e2e-${n}@example.org`);
  await page.getByLabel("Organisation / Einrichtung").fill("Kita Sonnenschein, Celle");
  await page.getByLabel("Art der Einrichtung").selectOption("kita");
}

it.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("registers, confirms by e-mail link and cancels via the manage link (%s)", async (label, javaScriptEnabled) => {
  const n = javaScriptEnabled ? "js" : "nojs";
  const context = await newContext(server.baseUrl, { javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);

  await page.goto(`/fachtage/${event.slug}/anmeldung`);
  await check(page, `${label}: form`, javaScriptEnabled);

  // Sending without the required fields shows the error summary and messages beside the fields.
  await page.getByRole("button", { name: /Verbindlich anmelden|Auf die Warteliste/ }).click();
  await expect.poll(() => page.locator("#fehler").count()).toBe(1);
  expect(await page.locator("#fehler").textContent()).toContain("Bitte füllen Sie dieses Feld aus.");
  // The summary names each field and links to it.
  for (const field of ["Vorname: ", "Nachname: ", "E-Mail-Adresse: ", "Ich bin einverstanden"]) {
    expect(await page.locator("#fehler").textContent(), field).toContain(field);
  }
  await check(page, `${label}: form with errors`, javaScriptEnabled);
  if (javaScriptEnabled) {
    await page.locator("#fehler a", { hasText: "Nachname" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#f-lastName");
  }

  await fillPerson(page, n);
  await page.getByLabel("Übergang Kita–Grundschule").check();
  await page.getByLabel(/Ich bin einverstanden, dass das Bildungsbüro/).check();
  await page.getByRole("button", { name: /Verbindlich anmelden/ }).click();
  await page.waitForURL(/\/anmeldung\/danke$/);
  expect(await page.locator("main").textContent()).toContain("Bitte bestätigen Sie Ihre Anmeldung");
  await check(page, `${label}: thanks`, javaScriptEnabled);

  // Opening the link only shows a button: mail scanners open links too.
  await page.goto(await mailLink(`e2e-${n}@example.org`, "/anmeldung/bestaetigen/"));
  expect(await page.locator("h1").textContent()).toBe("Anmeldung bestätigen");
  await check(page, `${label}: confirm button`, javaScriptEnabled);
  await page.getByRole("button", { name: "Anmeldung bestätigen" }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe("Anmeldung bestätigt");
  const confirmedText = (await page.locator("main").textContent()) ?? "";
  expect(confirmedText).toContain("Übergang Kita–Grundschule");
  expect(confirmedText.match(/Anmeldung bestätigt/g)).toHaveLength(1);
  expect(await page.getByRole("link", { name: "Kalendereintrag herunterladen (.ics)" }).count()).toBe(1);
  await check(page, `${label}: confirmed`, javaScriptEnabled);
  await page.getByRole("link", { name: "Anmeldung ansehen, ändern oder absagen" }).click();
  await page.waitForURL(/\/anmeldung\/[A-Za-z0-9_-]{20,}$/);

  const manage = await mailLink(`e2e-${n}@example.org`, "/anmeldung/");
  await page.goto(manage);
  expect(await page.locator("main").textContent()).toContain("Bestätigt");
  await check(page, `${label}: manage`, javaScriptEnabled);

  // Corrections of the participant's own details.
  await page.getByLabel("Nachname").fill(`Weiß-Korrigiert ${n}`);
  await page.getByLabel("Hinweise zur Verpflegung").fill("vegetarisch");
  await page.getByRole("button", { name: "Angaben speichern" }).click();
  await expect.poll(() => page.locator("main").textContent()).toContain("Ihre Angaben wurden gespeichert.");
  expect(await page.locator("main").textContent()).toContain(`Weiß-Korrigiert ${n}`);

  await page.getByLabel("Ja, ich möchte meine Teilnahme absagen.").check();
  await page.getByRole("button", { name: "Verbindlich absagen" }).click();
  await page.waitForURL(/\/anmeldung\/abgesagt$/);
  expect(await page.locator("main").textContent()).toContain("Sie haben Ihre Teilnahme abgesagt");
  expect(await page.locator("h1").textContent()).toBe("Ihre Teilnahme ist abgesagt");
  await check(page, `${label}: cancelled`, javaScriptEnabled);

  const stale = await page.goto(manage);
  expect(stale?.status()).toBe(404);
  await context.close();
});

it("offers the waitlist when full, on the Fachtag page too, and shows the position after registering", async () => {
  const full = await createFachtag(server.platform, { capacity: 0 });
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`/fachtage/${full.slug}/anmeldung`);
  expect(await page.locator("main").textContent()).toContain("Der Fachtag ist ausgebucht");
  await check(page, "waitlist form");
  // The events module's Fachtag page embeds the same section.
  await page.goto(`/fachtage/${full.slug}`);
  expect(await page.locator("#anmeldung-titel").count()).toBe(1);
  expect(await page.locator("main").textContent()).toContain("Auf die Warteliste setzen");
  await check(page, "Fachtag page with registration section");
  await page.goto(`/fachtage/${full.slug}/anmeldung`);
  await fillPerson(page, "wl");
  await page.getByLabel(/Ich bin einverstanden, dass das Bildungsbüro/).check();
  await page.getByRole("button", { name: "Auf die Warteliste setzen" }).click();
  await page.waitForURL(/\/anmeldung\/danke$/);
  expect(await page.locator("main").textContent()).toContain("Sie stehen auf Platz 1 der Warteliste");
  await check(page, "waitlist thanks");
  await context.close();
});

it("sends the link again by address, answering the same for an unknown one", async () => {
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`/fachtage/${event.slug}/anmeldung`);
  await page.getByRole("link", { name: "Link erneut zusenden" }).click();
  await page.waitForURL(/\/anmeldung\/link$/);
  await check(page, "resend link form");
  await page.getByLabel("E-Mail-Adresse").fill("niemand-e2e@example.org");
  await page.getByRole("button", { name: "Link zusenden" }).click();
  await expect
    .poll(() => page.locator("main").textContent())
    .toContain("Wenn mit dieser Adresse eine Anmeldung besteht");
  await check(page, "resend link sent");
  await context.close();
});

it("the collected pages are valid HTML", async () => {
  expect(formatHtmlProblems(await validateHtml(pages))).toBe("");
});
