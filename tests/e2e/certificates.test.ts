// Attendance certificates in Chromium: anybody checks a code on the public page (a form
// that works without JavaScript), the organiser opens the certificates from the desk, sees
// who was present, saves the signer and sends everybody their link, and a participant
// downloads theirs from their own page. Axe-clean, Nu-valid, looked at at 1280 and 390 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { attendedFachtag } from "../../src/modules/certificates/test-fixtures.js";
import { createUser } from "../helpers/auth.js";
import {
  closeBrowser,
  formatHtmlProblems,
  lookAt,
  newContext,
  type StartedServer,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;
let owner: Awaited<ReturnType<typeof createUser>>;
let ev: Awaited<ReturnType<typeof attendedFachtag>>;
let code: string;

beforeAll(async () => {
  server = await startServer();
  owner = await createUser(server.platform, { role: "editor", name: "Olga Organisatorin" });
  ev = await attendedFachtag(server.platform, {
    createdBy: owner.id,
    title: "Fachtag Übergänge gestalten",
    people: [
      { firstName: "Jürgen", lastName: "Größmann", present: true, workshop: true },
      { firstName: "Käthe", lastName: "Schröder", present: true },
      { firstName: "Ömer", lastName: "Yılmaz", present: false },
    ],
  });
  // The first download issues the certificate and its code.
  const res = await fetch(`${server.baseUrl}/anmeldung/${ev.people[0]?.token}/bescheinigung.pdf`);
  expect(res.status).toBe(200);
  const row = await server.platform.db.kysely
    .selectFrom("certificates")
    .select("code")
    .where("registration_id", "=", ev.people[0]?.id as string)
    .executeTakeFirstOrThrow();
  code = row.code;
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

/** lookAt, and at a phone's width no element of the main part reaching past the window. */
async function looked(page: Page, name: string, html: { url: string; html: string }[]) {
  await lookAt(page, name, html);
  await page.setViewportSize({ width: 390, height: 900 });
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      // The hidden header row of a card table is clipped; its cells do not count.
      .filter((e) => !e.closest("thead") && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`)
      .slice(0, 5),
  );
  expect({ name, wide }).toEqual({ name, wide: [] });
  await page.setViewportSize({ width: 1280, height: 900 });
}

it("the public check works without JavaScript: genuine shows name, Fachtag and date only; forged says so", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/bescheinigung/pruefen");
  await page.getByLabel("Prüfcode").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Prüfen" }).click();
  await page.waitForURL(/code=/);
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).toContain("Diese Bescheinigung ist echt");
  expect(text).toContain("Jürgen Größmann");
  expect(text).toContain("Fachtag Übergänge gestalten");
  expect(text).not.toContain("Sprachförderung");
  expect(text).not.toContain("@example.org");

  await page.getByLabel("Prüfcode").fill("BN-2222-3333-4444");
  await page.getByRole("button", { name: "Prüfen" }).click();
  await page.waitForURL(/code=BN-2222/);
  expect(await page.locator("#fehler").textContent()).toContain("Zu diesem Prüfcode gibt es keine");
  expect(await page.locator("main").textContent()).not.toContain("Diese Bescheinigung ist echt");
  await context.close();

  // The same pages with scripts, for axe; each looked at on a desktop and a phone.
  const js = await newContext(server.baseUrl);
  const checked = await js.newPage();
  await checked.goto(`/bescheinigung/pruefen?code=${code}`);
  await looked(checked, "verify-genuine", html);
  await checked.goto("/bescheinigung/pruefen?code=BN-2222-3333-4444");
  await looked(checked, "verify-forged", html);
  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await js.close();
});

it("the organiser opens the certificates from the desk, saves the signer and sends each person their link once", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto("/anmelden");
  await page.locator('main input[name="email"]').fill(owner.email);
  await page.locator('main input[name="password"]').fill(owner.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/anmelden"), page.locator("main form button").click()]);

  await page.goto(`/verwaltung/fachtage/${ev.id}/anmeldungen`);
  await page.getByRole("link", { name: "Teilnahmebescheinigungen" }).click();
  await page.waitForURL(/\/bescheinigungen$/);
  expect(await page.locator("main").textContent()).toContain("2 anwesend, 0 Bescheinigungen verschickt");
  const rows = await page.locator("main table tbody tr").allTextContents();
  expect(rows).toHaveLength(2);
  expect(rows.join(" ")).not.toContain("Yılmaz");
  await looked(page, "organiser", html);

  await page.getByLabel("Name der unterzeichnenden Person").fill("Dr. Anna Beispiel");
  await page.getByLabel("Funktion").fill("Leitung Bildungsbüro");
  await page.getByLabel("Automatisch verschicken nach (Tagen)").fill("2");
  await page.getByRole("button", { name: "Einstellungen speichern" }).click();
  await page.waitForURL(/\/bescheinigungen$/);
  expect(await page.locator("main").textContent()).toContain("Die Einstellungen der Bescheinigungen sind gespeichert.");
  expect(await page.getByLabel("Name der unterzeichnenden Person").inputValue()).toBe("Dr. Anna Beispiel");

  await page.getByRole("button", { name: "Bescheinigungen jetzt an alle Anwesenden senden" }).click();
  await page.waitForURL(/\/bescheinigungen$/);
  expect(await page.locator("main").textContent()).toContain("2 Bescheinigungen wurden verschickt.");
  expect(await page.locator("main").textContent()).toContain("2 anwesend, 2 Bescheinigungen verschickt");
  // Everybody has theirs: no button to press twice (the unit tests press it twice anyway).
  expect(await page.locator("main").textContent()).toContain("Alle Anwesenden haben ihre Bescheinigung erhalten.");
  expect(await page.getByRole("button", { name: "Bescheinigungen jetzt an alle Anwesenden senden" }).count()).toBe(0);
  await looked(page, "organiser-sent", html);
  const mails = await server.platform.db.kysely
    .selectFrom("outbox")
    .select("to_address")
    .where("subject", "like", "Ihre Teilnahmebescheinigung%")
    .execute();
  expect(mails.map((m) => m.to_address).sort()).toEqual([ev.people[0]?.email, ev.people[1]?.email].sort());

  // One person's PDF from the list, by keyboard.
  const link = page.getByRole("link", { name: "Bescheinigung von Käthe Schröder (PDF)" });
  await link.focus();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/^Teilnahmebescheinigung Käthe Schröder .*\.pdf$/);
  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});

it("a participant downloads their certificate from their own page; somebody absent sees no such link", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  await page.goto(`/anmeldung/${ev.people[1]?.token}`);
  const link = page.getByRole("link", { name: "Teilnahmebescheinigung herunterladen (PDF)" });
  expect(await link.count()).toBe(1);
  await looked(page, "manage", html);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);

  await page.goto(`/anmeldung/${ev.people[2]?.token}`);
  expect(await page.getByRole("link", { name: /Teilnahmebescheinigung/ }).count()).toBe(0);
  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});
