import type { Browser } from "playwright-core";

/** The first visit of a main page may transfer at most this much (HTML, CSS, JS, images, fonts). */
export const PAGE_WEIGHT_BUDGET = 120 * 1024;

export interface PageWeight {
  path: string;
  status: number;
  requests: number;
  /** Bytes on the wire (compressed bodies plus headers), as Chromium counts them. */
  bytes: number;
  /** The biggest requests, largest first. */
  largest: { url: string; bytes: number }[];
}

/**
 * Loads each page in a fresh browser context (empty cache, no cookies) and sums the bytes
 * Chromium received for it (CDP Network.loadingFinished encodedDataLength).
 */
export async function measurePageWeights(browser: Browser, baseUrl: string, paths: string[]): Promise<PageWeight[]> {
  const results: PageWeight[] = [];
  for (const path of paths) {
    const context = await browser.newContext({ baseURL: baseUrl, locale: "de-DE" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const urls = new Map<string, string>();
    const sizes = new Map<string, number>();
    cdp.on("Network.requestWillBeSent", (event) => urls.set(event.requestId, event.request.url));
    cdp.on("Network.loadingFinished", (event) => sizes.set(event.requestId, event.encodedDataLength));
    const response = await page.goto(path, { waitUntil: "load" });
    await page.waitForLoadState("networkidle").catch(() => undefined);
    const entries = [...sizes]
      .map(([id, bytes]) => ({ url: urls.get(id) ?? id, bytes }))
      .filter((entry) => !entry.url.startsWith("data:"));
    results.push({
      path,
      status: response?.status() ?? 0,
      requests: entries.length,
      bytes: entries.reduce((sum, e) => sum + e.bytes, 0),
      largest: entries.sort((a, b) => b.bytes - a.bytes).slice(0, 4),
    });
    await context.close();
  }
  return results;
}

/** The main pages of the site; the Fachtag page is the first one linked from /fachtage. */
export async function mainPages(baseUrl: string): Promise<string[]> {
  const html = await (await fetch(`${baseUrl}/fachtage`)).text();
  const fachtag = [...html.matchAll(/href="(\/fachtage\/[^"?#]+)"/g)]
    .map((m) => m[1]!)
    .find((href) => !/\/(archiv|einbetten|kalender\.ics|neu|verwaltung)$/.test(href) && !href.endsWith(".ics"));
  return ["/", "/fachtage", "/akteure", "/netzwerk", ...(fachtag ? [fachtag] : []), "/anmelden"];
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
