import { afterAll, beforeAll, expect, it } from "vitest";
import {
  closeBrowser,
  formatHtmlProblems,
  lookAt,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;
let offer: { id: string };
let fachtag: { slug: string; title: string };
let pastFachtag: { slug: string; title: string };

beforeAll(async () => {
  server = await startServer();
  offer = await server.platform.db.kysely
    .selectFrom("exchange_posts")
    .select("id")
    .where("title", "=", "Turnhalle freitags nachmittags")
    .executeTakeFirstOrThrow();
  fachtag = await server.platform.db.kysely
    .selectFrom("events")
    .select(["slug", "title"])
    .where("status", "=", "published")
    .orderBy("starts_at", "desc")
    .executeTakeFirstOrThrow();
  pastFachtag = await server.platform.db.kysely
    .selectFrom("events")
    .select(["slug", "title"])
    .where("status", "in", ["published", "documented"])
    .where("ends_at", "<", new Date().toISOString())
    .orderBy("starts_at", "desc")
    .executeTakeFirstOrThrow();
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("the member sees the fitting request, keeps the offer and a Fachtag, and finds them on the Merkliste", async () => {
  const html: { url: string; html: string }[] = [];
  const context = await newContext(server.baseUrl, {
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "member");

  await page.goto(`/austausch/${offer.id}/passend`);
  expect(await page.locator("h1").textContent()).toBe("Passende Gesuche: Turnhalle freitags nachmittags");
  const card = page.locator("main article", { hasText: "Raum für Kinderturnen in Celle gesucht" });
  expect(await card.textContent()).toContain("gleiche Themen: Räume, Bewegung");
  expect(await card.textContent()).toContain("beide in Celle");

  await page.getByRole("button", { name: "Beitrag merken" }).click();
  await page.waitForURL(/\/passend$/);
  expect(await page.locator("main").textContent()).toContain("Auf Ihre Merkliste gesetzt.");
  expect(await page.getByRole("button", { name: "Nicht mehr merken" }).count()).toBe(1);

  await page.goto(`/fachtage/${fachtag.slug}`);
  await page.getByRole("button", { name: "Fachtag merken" }).click();
  await page.waitForURL(new RegExp(`/fachtage/${fachtag.slug}`));

  // A past Fachtag (its page has no registration part) is kept from below its documentation.
  await page.goto(`/fachtage/${pastFachtag.slug}`);
  await page.getByRole("button", { name: "Fachtag merken" }).click();
  await page.waitForURL(new RegExp(`/fachtage/${pastFachtag.slug}`));
  expect(await page.getByRole("button", { name: "Nicht mehr merken" }).count()).toBe(1);

  await page.getByRole("link", { name: "Merkliste", exact: true }).first().click();
  await page.waitForURL(/\/merkliste$/);
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("Turnhalle freitags nachmittags");
  expect(main).toContain(fachtag.title);
  expect(main).toContain(pastFachtag.title);
  await page.getByLabel(/Mir eine E-Mail schicken/).check();
  await page.getByRole("button", { name: "Einstellung speichern" }).click();
  await page.waitForURL(/\/merkliste$/);
  expect(await page.getByLabel(/Mir eine E-Mail schicken/).isChecked()).toBe(true);

  // Axe and the page checks run scripts: a second window with the same sign-in, JavaScript on.
  const checking = await newContext(server.baseUrl, {
    viewport: { width: 1280, height: 900 },
    storageState: await context.storageState(),
  });
  const view = await checking.newPage();
  await view.goto(`/austausch/${offer.id}`);
  const section = view.locator("section", { has: view.getByRole("heading", { name: "Passende Gesuche" }) });
  expect(await section.textContent()).toContain("Raum für Kinderturnen in Celle gesucht");
  await lookAt(view, "matching-beitrag", html);
  await view.goto(`/austausch/${offer.id}/passend`);
  await lookAt(view, "matching-passend", html);
  await view.goto("/merkliste");
  await lookAt(view, "matching-merkliste", html);
  await view.goto(`/fachtage/${pastFachtag.slug}`);
  await lookAt(view, "matching-fachtag-vergangen", html);
  await checking.close();

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
}, 180_000);
