// An admin invites a person in the browser and sends the invitation again; the user list
// with an invited account (and its "Einladung erneut senden" button) is checked with
// axe-core and the Nu HTML Checker.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  checkAxe,
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

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("invites a person and sends the invitation again from an accessible user list", async () => {
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "admin");
  await page.goto("/verwaltung/benutzer");
  await page.getByLabel("Name", { exact: true }).fill("Ines Eingeladen");
  await page.getByLabel("E-Mail-Adresse").fill("ines.eingeladen@example.org");
  await page.getByRole("button", { name: "Konto anlegen und einladen" }).click();
  await page.getByText("Das Konto für ines.eingeladen@example.org ist angelegt").waitFor();

  const resend = page.getByRole("button", { name: /Einladung erneut senden.*Ines Eingeladen/ });
  expect(await resend.count()).toBe(1);
  expect(formatAxe(await checkAxe(page))).toBe("");
  expect(formatHtmlProblems(await validateHtml([{ url: page.url(), html: await page.content() }]))).toBe("");

  await resend.click();
  await page.getByText("Eine neue Einladung an ines.eingeladen@example.org ist unterwegs").waitFor();
  expect(formatAxe(await checkAxe(page))).toBe("");
  await context.close();
});
