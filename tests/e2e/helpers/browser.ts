import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let shared: Promise<Browser> | undefined;

/**
 * One headless Debian Chromium per test file (vitest runs each file in its own
 * module scope), launched on first use. Close it in afterAll with closeBrowser().
 */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium fehlt (${chromiumPath}): apt-get install -y chromium, oder CHROMIUM_PATH setzen`);
  }
  shared ??= chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return shared;
}

export async function closeBrowser(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) await (await current).close();
}

/**
 * A fresh context (own cookies, empty cache) whose relative URLs resolve against
 * baseUrl: page.goto("/fachtage") works. German browser locale, desktop size.
 */
export async function newContext(baseUrl: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const browser = await launchBrowser();
  return browser.newContext({
    baseURL: baseUrl,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    viewport: { width: 1280, height: 900 },
    ...options,
  });
}
