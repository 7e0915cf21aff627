// An organiser puts the documentation of a past Fachtag online: on the demo's 2024 Fachtag
// (which already has its documentation and press release) they upload a graphic recording
// without JavaScript — first forgetting the alt text, then with it — and slides for a talk.
// The public page (its documentation page) and the archive show the downloads with kind,
// format and size, and the picture with its alt text. Axe-clean, Nu-valid, 1280 and 390 px.
import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  checkAxe,
  checkPageBasics,
  closeBrowser,
  formatAxe,
  formatHtmlProblems,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;
let event: { id: string; slug: string };
const shots = process.env.SCREENSHOT_DIR ?? "/tmp/documents-shots";
const files = "/tmp/documents-e2e-files";

beforeAll(async () => {
  server = await startServer();
  event = await server.platform.db.kysely
    .selectFrom("events")
    .select(["id", "slug"])
    .where("title", "=", "Migrationsbedingte Vielfalt in der Bildung")
    .executeTakeFirstOrThrow();
  mkdirSync(shots, { recursive: true });
  mkdirSync(files, { recursive: true });
  writeFileSync(
    `${files}/Graphic Recording.png`,
    await QRCode.toBuffer("Graphic Recording Fachtag 2024", { width: 480 }),
  );
  // A "PDF" that is really a web page: refused by its content, whatever its name says.
  writeFileSync(`${files}/folien.pdf`, "<!DOCTYPE html><title>x</title><script>alert(1)</script>");
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

it("an organiser uploads without JavaScript, and the public pages show the downloads", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl, {
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "editor");

  // From the Fachtag's back-office page to its documents.
  await page.goto(`/verwaltung/fachtage/${event.id}`);
  await page.getByRole("link", { name: "Dokumente", exact: true }).click();
  await page.waitForURL(/\/dokumente$/);
  const list = page.locator("main table");
  expect(await list.textContent()).toContain("Dokumentation des Fachtags");
  expect(await list.textContent()).toContain("Pressemitteilung zum Fachtag");

  // A web page named .pdf is refused beside the field.
  await page.getByLabel("Datei", { exact: true }).setInputFiles(`${files}/folien.pdf`);
  await page.getByLabel("Titel", { exact: true }).fill("Folien");
  await page.getByRole("button", { name: "Hochladen" }).click();
  expect(await page.locator("#f-file-error").textContent()).toContain("Dieser Dateityp ist nicht erlaubt.");

  // A picture without alt text: asked for, beside the field and in the summary.
  await page.getByLabel("Datei", { exact: true }).setInputFiles(`${files}/Graphic Recording.png`);
  await page.getByLabel("Art", { exact: true }).selectOption("graphic_recording");
  await page.getByLabel("Titel", { exact: true }).fill("Graphic Recording des Tages");
  await page.getByRole("button", { name: "Hochladen" }).click();
  expect(await page.locator("#fehler").textContent()).toContain("Bitte beschreiben Sie, was das Bild zeigt.");
  expect(await page.locator("#f-altText-error").textContent()).toContain("Bitte beschreiben Sie, was das Bild zeigt.");
  html.push({ url: "upload error", html: await page.content() });
  await page.screenshot({ path: `${shots}/organiser-error-1280.png`, fullPage: true });

  // With alt text it goes through (the file is chosen again: browsers never keep it).
  await page.getByLabel("Datei", { exact: true }).setInputFiles(`${files}/Graphic Recording.png`);
  await page
    .getByLabel("Bildbeschreibung (Alternativtext)")
    .fill("Gezeichnetes Protokoll: Kita, Schule und Familie stehen Hand in Hand um ein Kind.");
  await page.getByRole("button", { name: "Hochladen" }).click();
  await page.waitForURL(/\/dokumente$/);
  expect(await page.locator("main").textContent()).toContain("Die Datei wurde hochgeladen.");
  expect(await list.textContent()).toContain("Graphic Recording des Tages");
  expect(await list.textContent()).toMatch(/PNG, \d+ KB/);
  html.push({ url: "organiser list", html: await page.content() });
  await context.close();

  // Looked at with JavaScript too (axe needs scripts), on a desk and on a phone.
  const js = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const p = await js.newPage();
  await signInAs(p, "editor");
  await p.goto(`/verwaltung/fachtage/${event.id}/dokumente`);
  expect(formatAxe(await checkAxe(p))).toBe("");
  expect(await checkPageBasics(p)).toEqual([]);
  await p.screenshot({ path: `${shots}/organiser-1280.png`, fullPage: true });
  await p.setViewportSize({ width: 390, height: 844 });
  expect(await noSideways(p)).toBeLessThanOrEqual(1);
  await p.screenshot({ path: `${shots}/organiser-390.png`, fullPage: true });
  await p.getByRole("link", { name: /Bearbeiten\s*: Graphic Recording des Tages/ }).click();
  expect(formatAxe(await checkAxe(p))).toBe("");
  html.push({ url: "edit", html: await p.content() });
  await js.close();

  // The public documentation page of the past Fachtag, as anybody sees it.
  const visitor = await newContext(server.baseUrl, { viewport: { width: 1280, height: 900 } });
  const v = await visitor.newPage();
  await v.goto(`/fachtage/${event.slug}`);
  const downloads = v.locator('section[aria-labelledby="dokumente"]');
  const text = (await downloads.textContent()) ?? "";
  expect(text).toMatch(/Dokumentation des Fachtags – Dokumentation \(PDF, \d+ KB\)/);
  expect(text).toMatch(/Pressemitteilung zum Fachtag – Pressemitteilung \(PDF, \d+ KB\)/);
  const img = downloads.getByRole("img", { name: /Kita, Schule und Familie/ });
  await img.scrollIntoViewIfNeeded(); // loaded lazily
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await v.locator("#anmeldung").count()).toBe(0);
  expect(formatAxe(await checkAxe(v))).toBe("");
  await v.screenshot({ path: `${shots}/public-1280.png`, fullPage: true });
  await v.setViewportSize({ width: 390, height: 844 });
  expect(await noSideways(v)).toBeLessThanOrEqual(1);
  await v.screenshot({ path: `${shots}/public-390.png`, fullPage: true });
  html.push({ url: "public", html: await v.content() });

  // The download is an attachment, whatever the browser would like to do with a PDF.
  const href = await downloads.getByRole("link", { name: "Dokumentation des Fachtags" }).getAttribute("href");
  const res = await fetch(`${server.baseUrl}${href}`);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");

  await v.goto("/fachtage/archiv");
  expect(await v.locator("main").textContent()).toMatch(/Pressemitteilung \(PDF, \d+ KB\)/);
  expect(formatAxe(await checkAxe(v))).toBe("");
  await v.screenshot({ path: `${shots}/archive-390.png`, fullPage: true });
  html.push({ url: "archive", html: await v.content() });
  await visitor.close();

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
}, 180_000);
