import { mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { type DemoRole, signInAs } from "./auth.js";
import { checkAxe, formatAxe } from "./axe.js";
import { newContext } from "./browser.js";
import { checkPageBasics } from "./page-checks.js";

// What every journey of a module does with each new page it reaches: the automated checks,
// and screenshots at a desk's and a phone's width for a person to look at.

/** Where the journeys' screenshots go: SCREENSHOT_DIR, else /tmp/shots. */
export const shotsDir = process.env.SCREENSHOT_DIR ?? "/tmp/shots";

/** How far the page scrolls sideways (0 or less when it fits the window). */
export const sidewaysScroll = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * axe-core and the site's page basics, then at 1280 and 390 px a full-page screenshot
 * `<shotsDir>/<name>-<width>.png` and no sideways scroll; the HTML is kept for the Nu
 * checker when `html` is given. Leaves the page at 1280 px. axe needs scripts: a page of a
 * context without JavaScript passes `{ axe: false }` (its form is then checked by axe in a
 * window with scripts on).
 */
export async function lookAt(
  page: Page,
  name: string,
  html?: { url: string; html: string }[],
  options: { axe?: boolean } = {},
): Promise<void> {
  if (options.axe ?? true) expect(formatAxe(await checkAxe(page)), name).toBe("");
  expect(await checkPageBasics(page), name).toEqual([]);
  html?.push({ url: name, html: await page.content() });
  mkdirSync(shotsDir, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shotsDir}/${name}-${width}.png`, fullPage: true });
    expect(await sidewaysScroll(page), `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(1);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A page at 1280 px, without JavaScript unless asked, signed in as a demo role if one is given. */
export async function journeyPage(
  baseUrl: string,
  options: { role?: DemoRole; javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(baseUrl, {
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  if (options.role) await signInAs(page, options.role);
  return { context, page };
}
