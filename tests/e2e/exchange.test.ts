// The Austausch in a browser. A member of two demo organisations writes a practice
// example without JavaScript — first with a title far too long and no text, then right —
// in the name of the primary school. A visitor without an account finds the Kita's
// offer of its hall through the shareable filter address and reports it ("Melden"),
// without JavaScript. The admin finds the report in the moderation queue. Every page
// axe-clean and Nu-valid, looked at at 1280 and 390 px.
import { mkdirSync, writeFileSync } from "node:fs";
import QRCode from "qrcode";
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
const shots = process.env.SCREENSHOT_DIR ?? "/tmp/shots";
const files = "/tmp/exchange-e2e-files";

beforeAll(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
  mkdirSync(files, { recursive: true });
  writeFileSync(`${files}/Sprachcafé.png`, await QRCode.toBuffer("Sprachcafé", { width: 320 }));
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("a member writes a practice example and a visitor reports an offer, both without JavaScript", async () => {
  const html: { url: string; html: string }[] = [];

  // --- the member, without JavaScript -----------------------------------------------------
  const noJs = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await noJs.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "member");
  await page.goto("/austausch");
  await page.getByRole("link", { name: "Beitrag schreiben" }).click();
  await page.waitForURL(/\/austausch\/neu$/);
  await page.getByLabel("Praxisbeispiel", { exact: true }).check();
  await page.getByLabel("Titel", { exact: true }).fill("Sprach".repeat(40));
  await page.getByLabel("Im Namen von").selectOption({ label: "Grundschule Am Beispielweg (fiktiv)" });
  await page.getByRole("button", { name: "Beitrag speichern" }).click();
  expect(await page.locator("#f-title-error").textContent()).toContain("höchstens 200 Zeichen");
  expect(await page.locator("#f-body-error").textContent()).toContain("Bitte füllen Sie dieses Feld aus.");
  html.push({ url: "form errors", html: await page.content() });
  await page.screenshot({ path: `${shots}/exchange-form-errors-1280.png`, fullPage: true });

  await page.getByLabel("Titel", { exact: true }).fill("Sprachcafé für Eltern neu zugewanderter Kinder");
  await page
    .getByLabel("Text", { exact: true })
    .fill("Jeden Mittwoch treffen sich Eltern in der **Schulbibliothek**.\n\n<script>alert(1)</script>");
  await page.getByLabel("Themen").fill("Sprachförderung, Elternarbeit");
  await page.getByLabel("Gemeinde").selectOption("Celle");
  await page.getByLabel(/^Ziel\b/).fill("Eltern kommen in der Schule an.");
  await page.getByLabel("Was brauchen andere, um es nachzumachen?").fill("Einen Raum und eine Dolmetscherin.");
  await page.getByRole("button", { name: "Beitrag speichern" }).click();
  await page.waitForURL(/\/austausch\/[0-9a-f-]{36}$/);
  const main = page.locator("main");
  expect(await main.textContent()).toContain("Ihr Beitrag ist veröffentlicht.");
  expect(await main.textContent()).toContain("<script>alert(1)</script>");
  expect(await main.locator("strong", { hasText: "Schulbibliothek" }).count()).toBe(1);
  expect(await main.textContent()).toContain("Einen Raum und eine Dolmetscherin.");
  expect(await main.textContent()).toContain("Grundschule Am Beispielweg (fiktiv)");
  const postUrl = page.url();

  // A picture for the post: without alt text refused beside the field, then with it.
  await page.getByRole("link", { name: "Bearbeiten" }).click();
  await page.getByLabel("Bild oder Datei").setInputFiles(`${files}/Sprachcafé.png`);
  await page.getByLabel("Bezeichnung").fill("Einladung zum Sprachcafé");
  await page.getByRole("button", { name: "Hochladen" }).click();
  expect(await page.locator("#f-altText-error").textContent()).toContain("Bitte beschreiben Sie, was das Bild zeigt.");
  await page.getByLabel("Bild oder Datei").setInputFiles(`${files}/Sprachcafé.png`);
  await page.getByLabel(/^Bildbeschreibung/).fill("QR-Code, der zur Anmeldung für das Sprachcafé führt");
  await page.getByRole("button", { name: "Hochladen" }).click();
  expect(await page.locator("main").textContent()).toContain("Die Datei ist hochgeladen.");
  await page.goto(postUrl);
  expect(await page.getByRole("img", { name: /QR-Code, der zur Anmeldung/ }).count()).toBe(1);
  await noJs.close();

  // --- a visitor without an account, without JavaScript ----------------------------------
  const { context: visitor, page: v } = await journeyPage(server.baseUrl);
  await v.goto("/austausch?art=angebot&offen=1&gemeinde=Celle");
  await v.getByRole("link", { name: "Turnhalle freitags nachmittags" }).click();
  await v.getByRole("link", { name: /Beitrag melden/ }).click();
  await v.waitForURL(/\/melden$/);
  await v.getByRole("button", { name: "Meldung absenden" }).click();
  expect(await v.locator("#f-reason-error").textContent()).toContain("Bitte füllen Sie dieses Feld aus.");
  await v.getByLabel("Was ist das Problem?").fill("Die Halle ist doch nur für Mitglieder – bitte prüfen.");
  await v.getByRole("button", { name: "Meldung absenden" }).click();
  await v.waitForURL(/\/austausch\/[0-9a-f-]{36}$/);
  expect(await v.locator("main").textContent()).toContain("Danke! Ihre Meldung ist beim Bildungsbüro eingegangen.");
  await visitor.close();

  // --- looked at, with JavaScript (axe needs it) -----------------------------------------
  const js = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const p = await js.newPage();
  await p.goto("/austausch");
  expect(await p.locator("main").textContent()).toContain("Sprachförderung für neu zugewanderte Kinder");
  await lookAt(p, "exchange-list", html);
  await p.goto("/austausch?art=angebot&offen=1");
  await lookAt(p, "exchange-list-offers", html);
  await p.getByRole("link", { name: "Turnhalle freitags nachmittags" }).click();
  await lookAt(p, "exchange-offer", html);
  await p.goto("/austausch");
  await p.getByRole("link", { name: "Sprachförderung für neu zugewanderte Kinder" }).click();
  await lookAt(p, "exchange-practice", html);
  await p.getByRole("link", { name: /Beitrag melden/ }).click();
  await lookAt(p, "exchange-report", html);

  await signInAs(p, "member");
  await p.goto("/austausch/neu");
  await lookAt(p, "exchange-form", html);
  await p.goto("/austausch/meine");
  await lookAt(p, "exchange-mine", html);
  await p.getByRole("link", { name: "Sprachcafé für Eltern neu zugewanderter Kinder" }).click();
  const img = p.getByRole("img", { name: /QR-Code, der zur Anmeldung/ });
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await lookAt(p, "exchange-with-picture", html);
  await p.getByRole("link", { name: "Bearbeiten" }).click();
  await lookAt(p, "exchange-edit", html);
  await js.close();

  const admin = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const a = await admin.newPage();
  await signInAs(a, "admin");
  await a.goto("/verwaltung/austausch");
  expect(await a.locator("main").textContent()).toContain("Die Halle ist doch nur für Mitglieder");
  await lookAt(a, "exchange-moderation", html);
  await a.getByRole("link", { name: "Turnhalle freitags nachmittags" }).click();
  expect(await a.locator("main").textContent()).toContain("Bearbeitungsverlauf");
  await lookAt(a, "exchange-offer-moderator", html);
  await admin.close();

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
}, 240_000);
