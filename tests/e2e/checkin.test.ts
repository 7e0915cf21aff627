// The entrance on a phone in Chromium: a check-in helper checks people in by name and by
// ticket code, the Wi-Fi drops (two check-ins wait on the device), comes back, and each
// person is counted once — also when a third device sends the same code. Without
// JavaScript the name search and its button do the same. Axe-clean and Nu-valid.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFachtag, type FixtureEvent } from "../../src/modules/registrations/test-fixtures.js";
import { createUser } from "../helpers/auth.js";
import { createUserWithToken } from "../helpers/users.js";
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
let authorization: string;
const people: { name: string; code: string }[] = [];
const shots = process.env.SCREENSHOT_DIR ?? "/tmp/checkin-shots";

beforeAll(async () => {
  server = await startServer();
  event = await createFachtag(server.platform, {
    title: "Fachtag Übergänge gestalten",
    confirmByEmail: false,
    workshops: [
      { title: "Sprachförderung im Alltag", capacity: 20 },
      { title: "Bewegte Kita", capacity: 20 },
    ],
  });
  const names = [
    ["Jürgen", "Müller"],
    ["Käthe", "Schröder"],
    ["Ömer", "Yılmaz"],
    ["Anna", "Weiß"],
    ["Lena", "Groß"],
  ];
  for (const [i, [firstName, lastName]] of names.entries()) {
    const res = await fetch(`${server.baseUrl}/api/v1/events/${event.id}/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        firstName,
        lastName,
        email: `einlass-${i}@example.org`,
        organisation: "Kita Sonnenschein",
        workshopIds: [event.workshops[i % 2]],
        consents: { privacy: true },
      }),
    });
    const { id } = (await res.json()) as { id: string };
    const row = await server.platform.db.kysely
      .selectFrom("registrations")
      .select("ticket_code")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    people.push({ name: `${firstName} ${lastName}`, code: row.ticket_code });
  }
  authorization = (await createUserWithToken(server.platform, "checkin")).authorization;
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

const summary = async () => {
  const res = await fetch(`${server.baseUrl}/api/v1/events/${event.id}/checkins/summary`, {
    headers: { authorization },
  });
  return (await res.json()) as { expected: number; present: number };
};

async function signedInHelper(options: { javaScriptEnabled?: boolean } = {}) {
  const helper = await createUser(server.platform, { role: "checkin", name: "Hanna Helferin" });
  const context = await newContext(server.baseUrl, { viewport: { width: 390, height: 844 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto("/anmelden");
  await page.locator('main input[name="email"]').fill(helper.email);
  await page.locator('main input[name="password"]').fill(helper.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/anmelden"), page.locator("main form button").click()]);
  return { context, page };
}

const noSideways = (page: import("playwright-core").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

it("a helper checks in by name and code, keeps going offline, and nobody counts twice", async () => {
  const { context, page } = await signedInHelper();
  const html: { url: string; html: string }[] = [];

  // The back office shows the helper the entrance and nothing else.
  await page.goto("/verwaltung");
  const links = await page.locator("main a").allTextContents();
  expect(links.some((l) => l.includes("Einlass"))).toBe(true);
  expect(links.some((l) => l.includes("Anmeldungen"))).toBe(false);
  await page.getByRole("link", { name: "Einlass" }).click();
  html.push({ url: "list", html: await page.content() });
  expect(formatAxe(await checkAxe(page))).toBe("");
  await page.getByRole("link", { name: /Einlass öffnen\s*: Fachtag Übergänge gestalten/ }).click();
  await page.waitForURL(/\/einlass$/);
  expect(await page.locator("#checkin-count").textContent()).toBe("0 von 5 anwesend");
  expect(formatAxe(await checkAxe(page))).toBe("");
  expect(await checkPageBasics(page)).toEqual([]);
  expect(await noSideways(page)).toBeLessThanOrEqual(1);
  html.push({ url: "entrance", html: await page.content() });

  // By name: the list is searched on the device while typing.
  await page.getByLabel("Name oder Organisation").fill("jürgen");
  await page.getByRole("button", { name: /Einchecken\s*: Jürgen Müller/ }).click();
  await expect.poll(() => page.locator("#checkin-live").textContent()).toBe("Jürgen Müller ist eingecheckt.");
  await expect.poll(() => page.locator("#checkin-count").textContent()).toBe("1 von 5 anwesend");
  expect(await page.locator(".checkin-person").first().textContent()).toContain("Eingecheckt um");
  expect(await page.locator(".checkin-person").first().textContent()).toContain("Sprachförderung im Alltag");
  expect(formatAxe(await checkAxe(page))).toBe("");
  await page.screenshot({ path: `${shots}/entrance-390.png`, fullPage: true });
  html.push({ url: "entrance after name", html: await page.content() });

  // By the code on the ticket.
  await page.getByLabel("Code des Tickets").fill(people[1]?.code ?? "");
  await page.getByRole("button", { name: "Einchecken", exact: true }).click();
  await expect.poll(() => page.locator("#checkin-live").textContent()).toBe("Käthe Schröder ist eingecheckt.");
  await expect.poll(() => page.locator("#checkin-count").textContent()).toBe("2 von 5 anwesend");
  // A code of nothing: said in German, nothing counted.
  await page.getByLabel("Code des Tickets").fill("gefaelscht");
  await page.getByRole("button", { name: "Einchecken", exact: true }).click();
  await expect
    .poll(() => page.locator("#checkin-live").textContent())
    .toBe("Dieser Code gehört zu keinem Ticket dieses Fachtags.");

  // The Wi-Fi drops: two check-ins wait on the device, visibly.
  await context.setOffline(true);
  await page.getByLabel("Name oder Organisation").fill("Yılmaz");
  await page.getByRole("button", { name: /Einchecken\s*: Ömer Yılmaz/ }).click();
  await page.getByLabel("Code des Tickets").fill(people[3]?.code ?? "");
  await page.getByRole("button", { name: "Einchecken", exact: true }).click();
  await expect.poll(() => page.locator("#checkin-pending").textContent()).toBe("2 Check-ins noch nicht übertragen");
  expect(await page.locator("#checkin-pending").isVisible()).toBe(true);
  expect((await summary()).present).toBe(2);
  expect(formatAxe(await checkAxe(page))).toBe("");
  await page.screenshot({ path: `${shots}/entrance-offline-390.png`, fullPage: true });
  html.push({ url: "entrance offline", html: await page.content() });

  // Back online: both sent, each counted once.
  await context.setOffline(false);
  await expect.poll(() => page.locator("#checkin-pending").isVisible(), { timeout: 15_000 }).toBe(false);
  expect(await summary()).toEqual({ expected: 5, present: 4 });
  await expect.poll(() => page.locator("#checkin-count").textContent()).toBe("4 von 5 anwesend");

  // A third device (or a replay) sends Anna Weiß's code again: told, not counted.
  const replay = await fetch(`${server.baseUrl}/api/v1/events/${event.id}/checkins`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify({ code: people[3]?.code }),
  });
  expect(replay.status).toBe(200);
  expect(((await replay.json()) as { alreadyCheckedIn: boolean }).alreadyCheckedIn).toBe(true);
  expect(await summary()).toEqual({ expected: 5, present: 4 });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  expect(await noSideways(page)).toBeLessThanOrEqual(1);
  await page.screenshot({ path: `${shots}/entrance-1280.png`, fullPage: true });
  expect(formatAxe(await checkAxe(page))).toBe("");

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});

it("without JavaScript the helper finds a person by name and checks them in", async () => {
  const { context, page } = await signedInHelper({ javaScriptEnabled: false });
  await page.goto(`/verwaltung/fachtage/${event.slug}/einlass`);
  await page.getByLabel("Name oder Organisation").fill("Groß");
  await page.locator("main").getByRole("button", { name: "Suchen" }).click();
  await page.waitForURL(/q=/);
  expect(await page.locator("#checkin-results").textContent()).toContain("Lena Groß");
  await page.getByRole("button", { name: /Einchecken\s*: Lena Groß/ }).click();
  await page.waitForURL(/q=/);
  expect(await page.locator("body").textContent()).toContain("Lena Groß ist eingecheckt.");
  expect(await page.locator("#checkin-count").textContent()).toBe("5 von 5 anwesend");
  expect(await summary()).toEqual({ expected: 5, present: 5 });
  // Axe needs scripts in the page; the same page with JavaScript is checked above.
  await page.screenshot({ path: `${shots}/entrance-nojs-390.png`, fullPage: true });
  expect(formatHtmlProblems(await validateHtml([{ url: "no-js", html: await page.content() }]))).toBe("");
  await context.close();
});
