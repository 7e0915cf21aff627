// The participant's and the organiser's registration pages photographed at desktop
// (1280 px) and phone (390 px) width into test-results/screenshots/, for a person to look
// at: the confirmation button, the page after confirming, the manage page, "Link erneut
// zusenden" and the desk. Each must not scroll sideways and passes axe-core and the Nu
// HTML Checker (these pages are not reachable from the navigation, so the crawl misses them).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFachtag } from "../../src/modules/registrations/test-fixtures.js";
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
const WIDTHS = [1280, 390] as const;

let server: StartedServer;
const paths: Record<string, string> = {};

async function linkInMail(email: string, pattern: RegExp): Promise<string> {
  const rows = await server.platform.db.kysely
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .orderBy("created_at")
    .execute();
  for (const row of rows) {
    const match = pattern.exec(row.text_body);
    if (match?.[1]) return match[1];
  }
  throw new Error(`no link ${pattern} for ${email}`);
}

beforeAll(async () => {
  server = await startServer();
  mkdirSync(OUT, { recursive: true });
  const editor = await server.platform.db.kysely
    .selectFrom("users")
    .select("id")
    .where("email", "=", demoAccounts.editor.email)
    .executeTakeFirstOrThrow();
  const event = await createFachtag(server.platform, {
    capacity: 40,
    createdBy: editor.id,
    title: "Übergänge gestalten – von der Kita in die Grundschule",
    registrationClosesAt: new Date(Date.now() + 20 * 24 * 3600_000).toISOString(),
    workshops: [
      { title: "Sprachbildung im Alltag", capacity: 20 },
      { title: "Bewegung und Wahrnehmung", capacity: 20 },
      { title: "Elternarbeit im Übergang", capacity: 20, slot: 1 },
    ],
  });
  for (const n of [1, 2, 3]) {
    await fetch(`${server.baseUrl}/api/v1/events/${event.id}/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        firstName: "Käthe",
        lastName: `Schröder-Wendland ${n}`,
        email: `screen-${n}@example.org`,
        organisation: "Ev. Kindertagesstätte Arche Noah, Celle-Westercelle",
        workshopIds: [event.workshops[n % 2]],
        consents: { privacy: true },
      }),
    });
  }
  // One pending registration per width: each run confirms its own.
  const confirmLink = /https?:\/\/[^\s]+?(\/anmeldung\/bestaetigen\/[\w-]{20,})/;
  paths["confirm-1280"] = await linkInMail("screen-1@example.org", confirmLink);
  paths["confirm-390"] = await linkInMail("screen-3@example.org", confirmLink);
  paths.manage = await linkInMail("screen-2@example.org", /https?:\/\/[^\s]+?(\/anmeldung\/[\w-]{20,})(?=\s|$)/m);
  paths.desk = `/verwaltung/fachtage/${event.id}/anmeldungen`;
  paths.form = `/fachtage/${event.slug}/anmeldung`;
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

describe("registration pages at desktop and phone width", () => {
  for (const width of WIDTHS) {
    it(`photographs and checks them at ${width} px`, async () => {
      const context = await newContext(server.baseUrl, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const html: { url: string; html: string }[] = [];
      const shoot = async (name: string) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(1);
        expect(formatAxe(await checkAxe(page)), name).toBe("");
        html.push({ url: `${name} ${width}`, html: await page.content() });
        await page.screenshot({ path: join(OUT, `registration-${name}-${width}.png`), fullPage: true });
      };

      await page.goto(paths.form as string);
      await shoot("form");
      await page.goto(paths[`confirm-${width}`] as string);
      await shoot("confirm-button");
      await page.getByRole("button", { name: "Anmeldung bestätigen" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Anmeldung bestätigt");
      await shoot("confirmed");
      await page.goto(paths.manage as string);
      await shoot("manage");
      await page.goto("/anmeldung/link");
      await shoot("resend");
      await signInAs(page, "editor");
      await page.goto(paths.desk as string);
      await shoot("desk");
      expect(formatHtmlProblems(await validateHtml(html))).toBe("");
      await context.close();
    });
  }
});
