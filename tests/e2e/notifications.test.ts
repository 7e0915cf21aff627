// A member subscribes to a theme without JavaScript (first forgetting how often, then
// weekly), a practice example on that theme appears, the week's digest arrives with it,
// and the link in the mail unsubscribes her with one click — in a browser that is not
// signed in. The subscription page, the unsubscribe page and the start page with what is
// new: axe-clean, Nu-valid, keyboard usable, looked at at 1280 and 390 px.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runDigest } from "../../src/modules/notifications/notifications.service.js";
import { publishedPost } from "../../src/modules/notifications/test-fixtures.js";
import {
  closeBrowser,
  demoAccounts,
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
const shots = process.env.SCREENSHOT_DIR ?? "/tmp/shots";

beforeAll(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("a subscriber to the theme gets the weekly digest and unsubscribes with one click", async () => {
  const html: { url: string; html: string }[] = [];
  const { context, page } = await journeyPage(server.baseUrl, { role: "member" });

  // "Mein Konto" links to it and to the Merkliste.
  await page.goto("/konto");
  expect(await page.getByRole("link", { name: "Zur Merkliste" }).getAttribute("href")).toBe("/merkliste");
  await page.getByRole("link", { name: "Benachrichtigungen einstellen" }).click();
  await page.waitForURL(/\/konto\/benachrichtigungen$/);

  // Reached from the back-office dashboard too.
  await page.goto("/verwaltung");
  await page.getByRole("link", { name: "Benachrichtigungen", exact: true }).click();
  await page.waitForURL(/\/konto\/benachrichtigungen$/);
  expect(await page.locator("main").textContent()).toContain("noch keine Benachrichtigungen bestellt");

  // Keyboard only: weekly is chosen already; a theme far too long is refused beside the field.
  await page.getByLabel("Themen").focus();
  await page.keyboard.type(`Sprachförderung ${"und noch mehr ".repeat(5)}`);
  await page.getByRole("button", { name: "Benachrichtigungen speichern" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForLoadState("load");
  expect(await page.locator("#fehler").textContent()).toContain("Bitte höchstens 20 Themen mit je bis zu 60 Zeichen");
  expect(await page.locator("#f-themes-error").textContent()).toContain("bis zu 60 Zeichen");
  html.push({ url: "error", html: await page.content() });

  await page.getByLabel("Themen").fill("Sprachförderung");
  await page.getByLabel("Wöchentlich").check();
  await page.getByRole("button", { name: "Benachrichtigungen speichern" }).click();
  await page.waitForURL(/\/konto\/benachrichtigungen$/);
  expect(await page.locator("main").textContent()).toContain("Ihre Benachrichtigungen sind gespeichert.");
  expect(await page.getByLabel("Wöchentlich").isChecked()).toBe(true);
  await context.close();

  const js = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const p = await js.newPage();
  await signInAs(p, "member");
  await p.goto("/konto/benachrichtigungen");
  await lookAt(p, "notify-subscription", html);
  await p.goto("/konto");
  await lookAt(p, "konto", html);
  await js.close();

  // A practice example on the theme, published in the coming week; the week ends.
  const inDays = (d: number) => new Date(Date.now() + d * 24 * 3600_000);
  await publishedPost(server.platform, {
    title: "Vorlesen mit Eltern in der Kita Sonnenschein",
    themes: ["Sprachförderung"],
    at: inDays(1).toISOString(),
  });
  await runDigest(server.platform, inDays(7));
  const mail = await server.platform.db.kysely
    .selectFrom("outbox")
    .selectAll()
    .where("to_address", "=", demoAccounts.member.email)
    .where("idempotency_key", "like", "digest:%")
    .executeTakeFirstOrThrow();
  expect(mail.subject).toBe("Neu im Bildungsnetz diese Woche: 1 Einträge");
  expect(mail.text_body).toContain("Praxisbeispiel: Vorlesen mit Eltern in der Kita Sonnenschein");
  const link = /<(.+)>/.exec(JSON.parse(mail.headers ?? "{}")["List-Unsubscribe"])?.[1] ?? "";
  expect(mail.text_body).toContain(link);

  // The link, opened where nobody is signed in: one button, and done.
  const visitor = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const v = await visitor.newPage();
  await v.goto(new URL(link).pathname);
  await lookAt(v, "notify-unsubscribe", html);
  await v.getByRole("button", { name: "Jetzt abbestellen" }).click();
  await v.waitForLoadState("load");
  expect(await v.locator("main").textContent()).toContain("Sie erhalten keine Benachrichtigungen mehr.");
  html.push({ url: "unsubscribed", html: await v.content() });
  expect((await v.goto(new URL(link).pathname))?.status()).toBe(404);

  // The start page shows what is new.
  await v.goto("/");
  const main = (await v.locator("main").textContent()) ?? "";
  expect(main).toContain("Neue Praxisbeispiele");
  expect(main).toContain("Vorlesen mit Eltern in der Kita Sonnenschein");
  expect(main).toContain("Offene Angebote und Gesuche");
  expect(main).toContain("Das Bildungsnetz in Zahlen");
  await lookAt(v, "notify-home", html);
  await visitor.close();

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
}, 240_000);
