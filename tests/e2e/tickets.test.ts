// Tickets in Chromium: a confirmed participant's own page shows the QR code with a text
// alternative and the code, and the PDF downloads by keyboard; the organiser's print
// page lists badges and signature lists and downloads them. Both pages are checked with
// axe-core and the Nu HTML Checker, must not scroll sideways on a phone, and are
// photographed at 1280 and 390 px (SCREENSHOT_DIR) for a person to look at.
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFachtag } from "../../src/modules/registrations/test-fixtures.js";
import { manageTokenFor } from "../../src/modules/registrations/tokens.js";
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
const shots = process.env.SCREENSHOT_DIR;

beforeAll(async () => {
  server = await startServer();
  if (shots) mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

async function photograph(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(1);
    expect(formatAxe(await checkAxe(page)), `${name} at ${width} px`).toBe("");
    if (shots) await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const pdfTextOf = async (path: string) =>
  (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(path))), { mergePages: true })).text;

it("the participant sees the ticket and downloads the PDF; the organiser prints badges and lists", async () => {
  const editor = await server.platform.db.kysely
    .selectFrom("users")
    .select("id")
    .where("email", "=", demoAccounts.editor.email)
    .executeTakeFirstOrThrow();
  const event = await createFachtag(server.platform, {
    confirmByEmail: false,
    createdBy: editor.id,
    title: "Fachtag Übergänge gestalten",
    workshops: [
      { title: "Sprachförderung im Kita-Alltag", capacity: 20, slot: 0 },
      { title: "Bewegte Kindheit", capacity: 20, slot: 0 },
    ],
  });
  const res = await fetch(`${server.baseUrl}/api/v1/events/${event.id}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      firstName: "Jürgen",
      lastName: "Größmann",
      email: "ticket-e2e@example.org",
      organisation: "Kita Sonnenschein",
      workshopIds: [event.workshops[0]],
      consents: { privacy: true },
    }),
  });
  const { id } = (await res.json()) as { id: string };
  const html: { url: string; html: string }[] = [];

  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`/anmeldung/${manageTokenFor(server.platform.config.sessionSecret, id)}`);
  const qr = page.getByRole("img", { name: "QR-Code Ihres Tickets" });
  expect(await qr.isVisible()).toBe(true);
  const code = (
    await server.platform.db.kysely
      .selectFrom("registrations")
      .select("ticket_code")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).ticket_code;
  expect(await page.locator("section[aria-labelledby=ticket] code").textContent()).toBe(code);
  expect(await checkPageBasics(page)).toEqual([]);
  html.push({ url: "manage page with ticket", html: await page.content() });
  await photograph(page, "ticket-anmeldeseite");

  // By keyboard: Tab reaches the download, Enter fetches the PDF.
  const link = page.getByRole("link", { name: "Ticket als PDF herunterladen" });
  for (let i = 0; i < 60 && !(await link.evaluate((a) => a === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
  const download = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  const ticket = await download;
  expect(ticket.suggestedFilename()).toMatch(/^ticket-fachtag-.*\.pdf$/);
  const text = await pdfTextOf(await ticket.path());
  expect(text).toContain("Jürgen Größmann");
  expect(text).toContain(code);

  // The organiser: from the desk to the print page, then the badges.
  await signInAs(page, "editor");
  await page.goto(`/verwaltung/fachtage/${event.id}/anmeldungen`);
  await page.getByRole("link", { name: "Namensschilder und Listen drucken" }).click();
  await page.waitForURL(/\/drucken$/);
  expect(await page.locator("h1").textContent()).toBe("Namensschilder und Listen: Fachtag Übergänge gestalten");
  expect(await checkPageBasics(page)).toEqual([]);
  html.push({ url: "print page", html: await page.content() });
  await photograph(page, "ticket-drucken");
  const badges = page.waitForEvent("download");
  await page.getByRole("link", { name: "Namensschilder (PDF)", exact: true }).click();
  const file = await badges;
  expect(file.suggestedFilename()).toMatch(/^namensschilder-fachtag-.*\.pdf$/);
  expect(await pdfTextOf(await file.path())).toContain("Größmann");
  const list = page.waitForEvent("download");
  await page.getByRole("link", { name: "Unterschriftenliste (PDF): Sprachförderung im Kita-Alltag" }).click();
  expect(await pdfTextOf(await (await list).path())).toContain("Größmann, Jürgen");

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});
