// A person who uses only the keyboard signs in and out. At every stop the focused
// element must show a visible focus indicator (outline or box-shadow).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  closeBrowser,
  demoAccounts,
  focusIndicator,
  logoutButton,
  newContext,
  type StartedServer,
  startServer,
} from "./helpers/index.js";

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

interface Focused {
  tag: string;
  name: string | null;
  type: string | null;
  href: string | null;
  text: string;
  inLogoutForm: boolean;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return {
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute("name"),
      type: el.getAttribute("type"),
      href: el.getAttribute("href"),
      text: (el.textContent ?? "").replace(/\s+/g, " ").trim(),
      inLogoutForm: Boolean(el.closest('form[action="/abmelden"]')),
    };
  });

/** Presses Tab until `wanted` matches, checking the focus indicator at every stop. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string, invisible: string[]) {
  for (let step = 0; step < 40; step++) {
    await page.keyboard.press("Tab");
    const indicator = await focusIndicator(page);
    if (!indicator.visible) invisible.push(`${new URL(page.url()).pathname}: ${indicator.element}`);
    if (wanted(await focused(page))) return;
  }
  throw new Error(`${what} nach 40 Tab-Schritten nicht erreicht auf ${page.url()}`);
}

it("signs in and out with the keyboard alone, with visible focus at every step", async () => {
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  const invisible: string[] = [];
  const { email, password } = demoAccounts.member;

  // Skip link: the first Tab stop, Enter moves the focus to <main>.
  await page.goto("/");
  await tabTo(page, (f) => f.tag === "a" && f.href === "#inhalt", "Sprunglink", invisible);
  await page.keyboard.press("Enter");
  expect((await focused(page)).tag).toBe("main");

  // Through the header to "Login für Mitwirkende".
  await page.goto("/");
  await tabTo(page, (f) => f.tag === "a" && f.href === "/anmelden", "Link „Login für Mitwirkende“", invisible);
  await Promise.all([page.waitForURL("**/anmelden"), page.keyboard.press("Enter")]);

  // Type e-mail and password, submit with Enter.
  await tabTo(page, (f) => f.tag === "input" && f.name === "email", "E-Mail-Feld", invisible);
  await page.keyboard.type(email);
  await tabTo(page, (f) => f.tag === "input" && f.name === "password", "Passwort-Feld", invisible);
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/anmelden"), page.keyboard.press("Enter")]);
  await expect.poll(() => page.locator(logoutButton).isVisible()).toBe(true);
  expect(await page.locator(logoutButton).textContent()).toContain("Abmelden");

  // Sign out: Tab to the header's "Abmelden" button, Enter.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(page, (f) => f.inLogoutForm && f.tag === "button", "Knopf „Abmelden“", invisible);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  await expect.poll(() => page.locator(logoutButton).count()).toBe(0);
  await expect.poll(() => page.locator('header a[href="/anmelden"]').isVisible()).toBe(true);

  await context.close();
  expect(invisible, `Fokus nicht sichtbar:\n${invisible.join("\n")}`).toEqual([]);
});
