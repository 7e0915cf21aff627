// Walks the site like a person (logged out and once per role) and checks every page it
// reaches: WCAG 2.1 A/AA with axe-core, the Nu HTML Checker, lang, one h1, skip link.
// Also: the English version, and that no page loads anything from another host.
import { createHash } from "node:crypto";
import type { BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  type AxeProblem,
  checkAxe,
  checkPageBasics,
  closeBrowser,
  type DemoRole,
  formatAxe,
  formatHtmlProblems,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
  validateHtml,
} from "./helpers/index.js";

/** Pages per visitor; the crawl is breadth-first, so the most linked pages come first. */
const MAX_PAGES = Number(process.env.E2E_MAX_PAGES ?? 40);
const MAX_DEPTH = 2;
/** Generous: on a busy two-core machine axe-core needs a few seconds per page. */
const CRAWL_TIMEOUT = 600_000;
/**
 * Pages of one template (e.g. /akteure/<slug>, /angebote/<id>, /akteure?seite=…) look alike;
 * checking a couple of each leaves room in the cap for the other templates.
 */
const MAX_PER_TEMPLATE = 2;
const SKIP_PATH = [
  /^\/api\//,
  /^\/assets\//,
  /^\/sprache$/,
  /^\/abmelden$/,
  /\.(ics|csv|xlsx|json|pdf|zip|eml|png|jpg|svg)$/i,
];

let server: StartedServer;
/** HTML as the server sent it, for one Nu checker run at the end. */
const htmlPages: { url: string; html: string }[] = [];
const foreignRequests = new Set<string>();
/** Documents without the site frame, made to be shown in iframes on other websites. */
const FRAGMENT_PAGES = [/^\/fachtage\/einbetten$/];
/** Path + hash of <main> of every page checked in full, across visitors. */
const checkedContent = new Set<string>();
/** Each visitor checks at least this many pages in full (its header and navigation differ). */
const FULL_CHECKS_PER_VISITOR = 3;
const cspViolations = new Set<string>();

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

async function visitorContext(label: string): Promise<BrowserContext> {
  const context = await newContext(server.baseUrl);
  const origin = new URL(server.baseUrl).origin;
  context.on("request", (request) => {
    const url = request.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (new URL(url).origin !== origin) {
      const from = request.frame().url();
      foreignRequests.add(`${label}: ${new URL(from || origin).pathname} lädt ${url}`);
    }
  });
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      cspViolations.add(`${label}: ${message.text().slice(0, 200)}`);
    }
  });
  return context;
}

function where(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** Same-origin page links in the header, the main content and the footer. */
async function pageLinks(page: Page): Promise<string[]> {
  const hrefs = await page.$$eval("header a[href], main a[href], footer a[href]", (links) =>
    links.filter((a) => !a.hasAttribute("download")).map((a) => (a as HTMLAnchorElement).href),
  );
  const origin = new URL(server.baseUrl).origin;
  const out: string[] = [];
  for (const href of hrefs) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    if (url.origin !== origin) continue;
    if (SKIP_PATH.some((pattern) => pattern.test(url.pathname))) continue;
    url.hash = "";
    out.push(url.pathname + url.search);
  }
  return out;
}

/** "/akteure/kita-pusteblume-fiktiv" → "/akteure/*"; "/akteure?seite=2" → "/akteure?". */
function template(link: string): string {
  const [path = "", query] = link.split("?");
  const segments = path.split("/").map((segment, index) => {
    const variable = index > 1 && (/\d/.test(segment) || segment.split("-").length >= 3);
    return variable ? "*" : segment;
  });
  return segments.join("/") + (query === undefined ? "" : "?");
}

async function mainContentHash(page: Page): Promise<string> {
  const html = await page.evaluate(() => document.querySelector("main")?.outerHTML ?? "");
  return createHash("sha1")
    .update(html.replace(/name="_csrf" value="[^"]*"/g, ""))
    .digest("hex");
}

interface CrawlResult {
  pages: string[];
  problems: string[];
}

/** Breadth-first from "/" to depth 2, GET only, checks every page on the way. */
async function crawl(page: Page, label: string): Promise<CrawlResult> {
  const queue: { path: string; depth: number; from: string }[] = [{ path: "/", depth: 0, from: "(Start)" }];
  const seen = new Set<string>(["/"]);
  const perTemplate = new Map<string, number>();
  const checked = new Set<string>();
  const problems: string[] = [];
  const axe: AxeProblem[] = [];
  const pages: string[] = [];
  let full = 0;
  let same = 0;
  const time = { goto: 0, axe: 0, basics: 0 };
  let t = Date.now();
  const lap = (phase: keyof typeof time) => {
    const now = Date.now();
    time[phase] += now - t;
    t = now;
  };

  while (queue.length > 0 && pages.length < MAX_PAGES) {
    const { path, depth, from } = queue.shift()!;
    t = Date.now();
    let response: Response | null;
    try {
      response = await page.goto(path, { waitUntil: "load" });
    } catch (error) {
      // A link to a file that the skip list did not recognise starts a download.
      if (!/Download is starting/i.test(String(error))) {
        problems.push(`${path}: nicht ladbar (verlinkt von ${from}): ${String(error).split("\n")[0]}`);
      }
      continue;
    }
    lap("goto");
    const status = response?.status() ?? 0;
    if (status >= 400) {
      problems.push(`${path}: HTTP ${status} (verlinkt von ${from})`);
      continue;
    }
    const type = response?.headers()["content-type"] ?? "";
    if (!type.startsWith("text/html")) continue;
    const finalPath = where(page.url());
    // A redirect (e.g. to /anmelden) lands on a page that may be checked already.
    if (checked.has(finalPath)) continue;
    checked.add(finalPath);
    pages.push(finalPath);

    // A page whose main content another visitor has checked already differs only in the
    // header; once this visitor's header has been checked a few times, skip the repeat.
    const content = `${finalPath}#${await mainContentHash(page)}`;
    const repeat = checkedContent.has(content) && full >= FULL_CHECKS_PER_VISITOR;
    if (!repeat) {
      checkedContent.add(content);
      full++;
      axe.push(...(await checkAxe(page)));
      lap("axe");
      htmlPages.push({ url: `${label} ${finalPath}`, html: (await response?.text()) ?? "" });
    } else {
      same++;
    }

    if (depth < MAX_DEPTH) {
      for (const link of await pageLinks(page)) {
        if (seen.has(link)) continue;
        const key = template(link);
        const count = perTemplate.get(key) ?? 0;
        if (count >= MAX_PER_TEMPLATE) continue;
        perTemplate.set(key, count + 1);
        seen.add(link);
        queue.push({ path: link, depth: depth + 1, from: finalPath });
      }
    }
    // Last, because it presses Tab and Enter on the page.
    t = Date.now();
    const siteFrame = !FRAGMENT_PAGES.some((pattern) => pattern.test(new URL(page.url()).pathname));
    if (!repeat) problems.push(...(await checkPageBasics(page, { siteFrame })));
    lap("basics");
  }
  console.log(
    `${label}: ${pages.length} Seiten (${same} gleich wie bei anderen Besuchern); ` +
      `Laden ${time.goto} ms, axe ${time.axe} ms, Tastatur/Struktur ${time.basics} ms`,
  );
  if (axe.length) problems.push(formatAxe(axe));
  return { pages, problems };
}

function fail(label: string, result: CrawlResult): void {
  if (result.problems.length === 0) return;
  throw new Error(
    `${label}: Probleme auf ${result.pages.length} geprüften Seiten:\n${result.problems.join("\n")}\n\nGeprüft: ${result.pages.join(" ")}`,
  );
}

describe("every page reachable from the navigation", () => {
  it("logged out: no WCAG 2.1 A/AA violations, lang=de, one h1, skip link", { timeout: CRAWL_TIMEOUT }, async () => {
    const context = await visitorContext("abgemeldet");
    const page = await context.newPage();
    const result = await crawl(page, "abgemeldet");
    await context.close();
    if (result.pages.length < 5) result.problems.push(`nur ${result.pages.length} Seiten erreicht`);
    fail("abgemeldet", result);
  });

  // The check-in helper's back office is the entrance of each Fachtag (phone pages).
  for (const role of ["member", "editor", "admin", "checkin"] as DemoRole[]) {
    it(`signed in as ${role}: no WCAG 2.1 A/AA violations, lang=de, one h1, skip link`, {
      timeout: CRAWL_TIMEOUT,
    }, async () => {
      const context = await visitorContext(role);
      const page = await context.newPage();
      await signInAs(page, role);
      const result = await crawl(page, role);
      await context.close();
      fail(role, result);
    });
  }

  it("English version: lang=en after the language switch, and back", async () => {
    const context = await visitorContext("englisch");
    const page = await context.newPage();
    const problems: string[] = [];
    const axe: AxeProblem[] = [];
    await page.goto("/impressum");
    await Promise.all([page.waitForNavigation(), page.locator('header a[hreflang="en"]').click()]);
    const navLinks = (await pageLinks(page)).filter((link) => !link.includes("?")).slice(0, 4);
    const paths = [...new Set(["/impressum", "/", "/anmelden", "/barrierefreiheit", ...navLinks])];
    for (const path of paths) {
      const response = await page.goto(path);
      if ((response?.status() ?? 0) >= 400) {
        problems.push(`${path}: HTTP ${response?.status()}`);
        continue;
      }
      axe.push(...(await checkAxe(page)));
      htmlPages.push({ url: `englisch ${path}`, html: (await response?.text()) ?? "" });
      problems.push(...(await checkPageBasics(page, { lang: "en" })));
    }
    await page.goto("/");
    await Promise.all([page.waitForNavigation(), page.locator('header a[hreflang="de"]').click()]);
    const lang = await page.locator("html").getAttribute("lang");
    if (lang !== "de") problems.push(`/: nach dem Zurückschalten lang="${lang}", erwartet "de"`);
    await context.close();
    if (axe.length) problems.push(formatAxe(axe));
    if (problems.length) throw new Error(`Englische Seiten:\n${problems.join("\n")}`);
  });

  it("Nu HTML Checker: no errors on any visited page", async () => {
    if (htmlPages.length === 0) throw new Error("keine Seiten gesammelt");
    const errors = await validateHtml(htmlPages);
    if (errors.length) {
      throw new Error(`${errors.length} HTML-Fehler auf ${htmlPages.length} Seiten:\n${formatHtmlProblems(errors)}`);
    }
  });

  it("no page loads anything from another host, no CSP violations", () => {
    const problems = [...foreignRequests, ...cspViolations];
    if (problems.length) throw new Error(`Fremde Anfragen oder CSP-Verstöße:\n${problems.join("\n")}`);
  });
});
