// Every core flow works without JavaScript: the pages render and the login form posts.
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeBrowser, newContext, type StartedServer, signInAs, signOut, startServer } from "./helpers/index.js";

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("renders the core pages and signs in without JavaScript", async () => {
  const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  const problems: string[] = [];

  await page.goto("/");
  // The main navigation (Fachtage, Akteure, Netzwerk …) plus the legal pages.
  const navLinks = await page.$$eval("header nav a[href^='/']", (links) => links.map((a) => a.getAttribute("href")!));
  const core = [...new Set(["/", ...navLinks, "/impressum", "/datenschutz", "/barrierefreiheit", "/anmelden"])];
  for (const path of core) {
    const response = await page.goto(path);
    const status = response?.status() ?? 0;
    const h1 = (
      await page
        .locator("h1")
        .first()
        .textContent()
        .catch(() => null)
    )?.trim();
    if (status !== 200 || !h1) problems.push(`${path}: HTTP ${status}, h1 „${h1 ?? ""}“`);
  }
  expect(problems, problems.join("\n")).toEqual([]);

  await signInAs(page, "editor");
  await signOut(page);
  expect(await page.locator('header a[href="/anmelden"]').count()).toBe(1);
  await context.close();
});
