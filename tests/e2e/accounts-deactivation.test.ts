// The education office deactivates the demo member in the browser, with a reason: the
// member, signed in elsewhere, is signed out at once and cannot sign in again; the office
// reactivates the account. The user list with the controls and the confirmation page are
// checked with axe-core and the Nu HTML Checker and photographed at desktop and phone width
// (test-results/screenshots/) for a person to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  checkAxe,
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

const OUT = join(process.cwd(), "test-results", "screenshots");

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("deactivates and reactivates an account from an accessible user list", async () => {
  const member = await newContext(server.baseUrl);
  const memberPage = await member.newPage();
  await signInAs(memberPage, "member");
  expect((await memberPage.goto("/konto"))?.url()).toContain("/konto");

  const office = await newContext(server.baseUrl);
  const page = await office.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "admin");
  await page.goto("/verwaltung/benutzer");
  const row = page.locator("tr", { hasText: demoAccounts.member.email });
  await row.getByRole("link", { name: /Deaktivieren/ }).click();
  await page.waitForURL("**/deaktivieren");
  expect(formatAxe(await checkAxe(page))).toBe("");
  const confirmHtml = await page.content();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(OUT, `benutzer-deaktivieren-${width}.png`), fullPage: true });
  }
  await page.getByLabel(/Grund/).fill("Elternzeit bis Sommer 2027");
  // Keyboard: from the reason field to the button and Enter.
  await page.keyboard.press("Tab");
  await Promise.all([page.waitForURL("**/verwaltung/benutzer"), page.keyboard.press("Enter")]);
  await page.getByText(/ist deaktiviert\. Alle Sitzungen sind beendet/).waitFor();
  await expect.poll(() => row.textContent()).toContain("Elternzeit bis Sommer 2027");
  const reactivate = row.getByRole("button", { name: /Wieder aktivieren/ });
  expect(await reactivate.count()).toBe(1);

  expect(formatAxe(await checkAxe(page))).toBe("");
  expect(
    formatHtmlProblems(
      await validateHtml([
        { url: `${server.baseUrl}/verwaltung/benutzer/x/deaktivieren`, html: confirmHtml },
        { url: page.url(), html: await page.content() },
      ]),
    ),
  ).toBe("");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(OUT, `benutzer-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // The table scrolls inside its own box on a phone; the page itself must not.
    expect(overflow, `user list at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(1);
  }

  // The member's open session has ended; signing in again tells them why.
  await memberPage.goto("/konto");
  expect(new URL(memberPage.url()).pathname).toBe("/anmelden");
  await memberPage.locator('input[name="email"]').fill(demoAccounts.member.email);
  await memberPage.locator('input[name="password"]').fill(demoAccounts.member.password);
  await memberPage.locator('main form button[type="submit"]').click();
  await memberPage.getByText("Ihr Zugang ist deaktiviert").waitFor();

  await reactivate.click();
  await page.getByText(/ist wieder aktiv/).waitFor();
  expect(await row.getByRole("link", { name: /Deaktivieren/ }).count()).toBe(1);
  await signInAs(memberPage, "member");
  await member.close();
  await office.close();
});
