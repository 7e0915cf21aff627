// Looked at, not only checked: every main page is photographed at desktop (1280 px) and
// phone (390 px) width into test-results/screenshots/ for a person to look at, and the
// registration form is measured: a consent hint once wrapped one word per line, which
// every automated accessibility and HTML check passed.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeBrowser, type DemoRole, newContext, type StartedServer, signInAs, startServer } from "./helpers/index.js";

const OUT = join(process.cwd(), "test-results", "screenshots");
const WIDTHS = [1280, 390] as const;

let server: StartedServer;
let fachtagPath: string;
/** The demo's Fachtag in preference mode (150 people with wishes) and an upcoming one's entrance. */
let wishesFachtag: string;
let entrancePath: string;

beforeAll(async () => {
  server = await startServer();
  const event = await server.platform.db.kysely
    .selectFrom("events")
    .select("slug")
    .where("status", "in", ["published", "registration_open"])
    .where("starts_at", ">", new Date().toISOString())
    .orderBy("starts_at")
    .executeTakeFirstOrThrow();
  fachtagPath = `/fachtage/${event.slug}`;
  entrancePath = `/verwaltung/fachtage/${event.slug}/einlass`;
  const wishes = await server.platform.db.kysely
    .selectFrom("events")
    .select("id")
    .where("workshop_choice", "=", "preferences")
    .executeTakeFirstOrThrow();
  wishesFachtag = `/verwaltung/fachtage/${wishes.id}`;
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

const mainPages = (): [string, string][] => [
  ["start", "/"],
  ["fachtage", "/fachtage"],
  ["fachtag", fachtagPath],
  ["anmeldung", `${fachtagPath}/anmeldung`],
  ["archiv", "/fachtage/archiv"],
  ["akteure", "/akteure"],
  ["karte", "/akteure/karte"],
  ["angebote", "/angebote"],
  ["netzwerk", "/netzwerk"],
  ["analyse", "/netzwerk/analyse"],
  ["netzwerke", "/netzwerke"],
  ["login", "/anmelden"],
];

describe("screenshots of the main pages", () => {
  for (const width of WIDTHS) {
    it(`photographs every main page at ${width} px`, async () => {
      const context = await newContext(server.baseUrl, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [name, path] of mainPages()) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        // Nothing sticks out sideways: a page wider than the screen means horizontal scrolling.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(1);
        await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
      }
      await context.close();
    });
  }
});

// The Fachtag's back office as its organiser and a check-in helper see it on first start.
const backOfficePages = (): [DemoRole, string, string][] => [
  ["editor", "verwaltung-zuteilung", `${wishesFachtag}/zuteilung`],
  ["editor", "verwaltung-anmeldungen-wuensche", `${wishesFachtag}/anmeldungen`],
  ["editor", "verwaltung-drucken", `${wishesFachtag}/drucken`],
  ["editor", "verwaltung-einlass-liste", "/verwaltung/einlass"],
  ["editor", "verwaltung-einlass", entrancePath],
  ["checkin", "verwaltung-einlass-helfer", entrancePath],
];

describe("screenshots of the Fachtag's back office", () => {
  for (const width of WIDTHS) {
    it(`photographs the organiser's and the helper's pages at ${width} px`, async () => {
      for (const role of ["editor", "checkin"] as const) {
        const context = await newContext(server.baseUrl, { viewport: { width, height: 900 } });
        const page = await context.newPage();
        await signInAs(page, role);
        for (const [, name, path] of backOfficePages().filter(([r]) => r === role)) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(200);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${path} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(1);
          // A button squeezed narrower than its words (once: one letter per line) or whose text spills out.
          const squeezed = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>("main .kern-btn")]
              .filter((b) => b.offsetParent !== null)
              .filter((b) => b.scrollWidth - b.clientWidth > 1 || b.getBoundingClientRect().height > 100)
              .map((b) => (b.textContent ?? "").trim()),
          );
          expect(squeezed, `${path} at ${width} px`).toEqual([]);
          await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
        }
        await context.close();
      }
    });
  }
});

describe("the registration form reads cleanly", () => {
  for (const width of WIDTHS) {
    it(`has no text block narrower than a few words at ${width} px`, async () => {
      const context = await newContext(server.baseUrl, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${fachtagPath}/anmeldung`);
      const narrow = await page.evaluate(() => {
        const form = document.querySelector("main form[method='post']");
        if (!form) return ["kein Formular gefunden"];
        const blocks = form.querySelectorAll("label, legend, p, .kern-hint, .kern-error, li");
        const found: string[] = [];
        for (const el of blocks) {
          const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
          const words = text.split(" ").filter(Boolean).length;
          if (words < 4) continue;
          const { width: w, height: h } = el.getBoundingClientRect();
          const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight) || 24;
          const lines = Math.round(h / lineHeight);
          // A block of several words must be wider than ~150 px and use fewer lines than words.
          if (w < 150 || lines >= words) found.push(`${Math.round(w)} px, ${lines} Zeilen: „${text.slice(0, 60)}“`);
        }
        return found;
      });
      expect(narrow).toEqual([]);
      await page.screenshot({ path: join(OUT, `anmeldeformular-${width}.png`), fullPage: true });
      await context.close();
    });
  }
});
