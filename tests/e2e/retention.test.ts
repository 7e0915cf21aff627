// Retention and the networking list in Chromium: after the Fachtag, a participant who agreed
// to the participant list sees the others who agreed on their own page (no JavaScript needed),
// somebody who did not agree sees no list; the organiser sets the Fachtag's Löschfrist on its
// form (a wrong value is refused in German beside the field); after `retention:run` the
// personal link is gone and the certificate still verifies on the public check.
// Axe-clean, Nu-valid, looked at at 1280 and 390 px.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { personalDataDueAt } from "../../src/modules/events/index.js";
import { runRetention } from "../../src/modules/retention/index.js";
import { heldFachtag } from "../../src/modules/retention/test-fixtures.js";
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
let ev: Awaited<ReturnType<typeof heldFachtag>>;
const shots = process.env.SCREENSHOT_DIR ?? "/tmp/shots";

beforeAll(async () => {
  server = await startServer();
  owner = await createUser(server.platform, { role: "editor", name: "Olga Organisatorin" });
  ev = await heldFachtag(server.platform, { people: 7, createdBy: owner.id });
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("after the Fachtag the consenting see each other on their own page; who did not agree sees no list", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const [first, second] = ev.people;
  if (!first || !second) throw new Error("fixture");
  expect(first.participantList && !second.participantList).toBe(true);

  await page.goto(`/anmeldung/${first.token}`);
  const list = page.getByRole("region", { name: "Vernetzung: wer noch dabei ist" });
  await expect(list.isVisible()).resolves.toBe(true);
  const names = (await list.locator("li").allTextContents()).join(" | ");
  // People 2 and 4 agreed and are confirmed (6 agreed but cancelled; odd ones did not agree).
  expect(names).toContain(`Zwetschgenbaum${ev.tag}x2`);
  expect(names).toContain(`Zwetschgenbaum${ev.tag}x4`);
  expect(names).not.toContain(`Zwetschgenbaum${ev.tag}x1`);
  expect(names).not.toContain(`Zwetschgenbaum${ev.tag}x0`);
  expect(names).not.toContain(`Zwetschgenbaum${ev.tag}x6`);
  expect(names).toContain("Workshops: Sprachförderung");
  await page.goto(`/anmeldung/${second.token}`);
  expect(await page.locator("main").textContent()).not.toContain("wer noch dabei ist");
  expect(await page.locator("main").textContent()).not.toContain(`Zwetschgenbaum${ev.tag}x2`);
  await context.close();

  // The checks need scripts in the browser (axe); the page is the same.
  const js = await newContext(server.baseUrl);
  const checked = await js.newPage();
  checked.setDefaultTimeout(20_000);
  await checked.goto(`/anmeldung/${first.token}`);
  await lookAt(checked, "retention-networking", html);
  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await js.close();
});

it("the organiser sets the Löschfrist on the Fachtag's form; a wrong value is refused beside the field", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto("/anmelden");
  await page.locator('main input[name="email"]').fill(owner.email);
  await page.locator('main input[name="password"]').fill(owner.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/anmelden"), page.locator("main form button").click()]);

  await page.goto(`/verwaltung/fachtage/${ev.id}`);
  const field = page.getByLabel("Löschfrist in Monaten");
  expect(await field.inputValue()).toBe("6");
  await field.fill("61");
  // The browser's own range check would stop the form first; the server must say it too.
  await page.evaluate(() =>
    document.querySelector("form input[name=retentionMonths]")?.closest("form")?.setAttribute("novalidate", ""),
  );
  await Promise.all([
    page.waitForNavigation(),
    page.locator('input[name="retentionMonths"]').evaluate((e) => (e as HTMLInputElement).form?.requestSubmit()),
  ]);
  expect(await page.locator("main").textContent()).toContain("Bitte geben Sie eine ganze Zahl von 1 bis 60 an.");
  await lookAt(page, "retention-form-error", html);

  await page.getByLabel("Löschfrist in Monaten").fill("12");
  await Promise.all([
    page.waitForNavigation(),
    page.locator('input[name="retentionMonths"]').evaluate((e) => (e as HTMLInputElement).form?.requestSubmit()),
  ]);
  const row = await server.platform.db.kysely
    .selectFrom("events")
    .select("retention_months")
    .where("id", "=", ev.id)
    .executeTakeFirstOrThrow();
  expect(Number(row.retention_months)).toBe(12);
  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});

it("after the retention the personal link is gone and the certificate still verifies", async () => {
  const [first] = ev.people;
  if (!first) throw new Error("fixture");
  await runRetention(server.platform, new Date(Date.parse(personalDataDueAt(ev.endsAt, 12)) + 60_000));
  const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const gone = await page.goto(`/anmeldung/${first.token}`);
  expect(gone?.status()).toBe(404);
  await page.goto(`/bescheinigung/pruefen?code=${encodeURIComponent(ev.code)}`);
  const text = await page.locator("main").textContent();
  expect(text).toContain(`${first.firstName} ${first.lastName}`);
  await context.close();
});

it("an admin reads in the log what the retention did, in figures", async () => {
  const html: { url: string; html: string }[] = [];
  const admin = await createUser(server.platform, { role: "admin", name: "Anna Admin" });
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto("/anmelden");
  await page.locator('main input[name="email"]').fill(admin.email);
  await page.locator('main input[name="password"]').fill(admin.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/anmelden"), page.locator("main form button").click()]);
  await page.goto("/verwaltung");
  await Promise.all([
    page.waitForURL(/\/verwaltung\/protokoll$/),
    page.getByRole("link", { name: "Protokoll (Löschungen)" }).click(),
  ]);
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).toContain("Anmeldedaten gelöscht");
  expect(text).toContain("Anmeldungen anonymisiert: 7");
  expect(text).not.toContain(`Zwetschgenbaum${ev.tag}`);
  await lookAt(page, "retention-audit-log", html);
  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});
