import { afterAll, beforeAll, expect, it } from "vitest";
import { attendedFachtag } from "../../src/modules/certificates/test-fixtures.js";
import { surveyLinks } from "../../src/modules/feedback/test-fixtures.js";
import { createUser } from "../helpers/auth.js";
import {
  checkAxe,
  closeBrowser,
  formatAxe,
  formatHtmlProblems,
  lookAt,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
  validateHtml,
} from "./helpers/index.js";

let server: StartedServer;
let owner: Awaited<ReturnType<typeof createUser>>;
let ev: Awaited<ReturnType<typeof attendedFachtag>>;
const html: { url: string; html: string }[] = [];

beforeAll(async () => {
  server = await startServer();
  owner = await createUser(server.platform, { role: "editor", name: "Olga Organisatorin" });
  ev = await attendedFachtag(server.platform, {
    createdBy: owner.id,
    title: "Fachtag Übergänge gestalten",
    people: [
      { firstName: "Jürgen", lastName: "Größmann", present: true, workshop: true },
      { firstName: "Käthe", lastName: "Schröder", present: true },
      { firstName: "Ömer", lastName: "Yılmaz", present: false },
    ],
  });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("the organiser opens the survey from the registrations, adds a question and sends the links", async () => {
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto("/anmelden");
  await page.locator('main input[name="email"]').fill(owner.email);
  await page.locator('main input[name="password"]').fill(owner.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/anmelden"), page.locator("main form button").click()]);

  await page.goto(`/verwaltung/fachtage/${ev.id}/anmeldungen`);
  await page.getByRole("link", { name: "Feedback-Umfrage" }).click();
  await page.waitForURL(/\/umfrage$/);
  expect(await page.locator("main").textContent()).toContain("2 anwesend, 0 Links verschickt, 0 Antworten");
  await lookAt(page, "survey-organiser", html);

  await page.getByLabel("Art der Frage").selectOption("multiple");
  await page.getByLabel("Frage", { exact: true }).fill("Wie sind Sie angereist?");
  await page.getByLabel("Antwortmöglichkeiten").fill("Bus\nBahn\nRad");
  await page.getByRole("button", { name: "Frage hinzufügen" }).click();
  await page.waitForURL(/\/umfrage/);
  expect(await page.locator("main").textContent()).toContain("Bus · Bahn · Rad");

  // A question changed on its own page.
  await page.getByRole("link", { name: "Frage 7 ändern" }).click();
  await page.waitForURL(/\/fragen\/comments$/);
  await lookAt(page, "survey-question", html);
  await page.getByLabel("Frage", { exact: true }).fill("Was sollen wir beim nächsten Mal anders machen?");
  await page.getByRole("button", { name: "Frage speichern" }).click();
  await page.waitForURL(/\/umfrage$/);
  expect(await page.locator("main").textContent()).toContain("Was sollen wir beim nächsten Mal anders machen?");

  await page.getByRole("button", { name: "Umfrage-Links verschicken" }).click();
  await page.waitForURL(/\/umfrage/);
  expect(await page.locator("main").textContent()).toContain("2 Umfrage-Links wurden verschickt.");
  await lookAt(page, "survey-organiser-sent", html);
  await context.close();
});

it("a participant answers WITHOUT JavaScript, once: a missing answer is named, the second try is refused", async () => {
  const [link] = await surveyLinks(server.platform, ev.people[0]?.email as string);
  expect(link).toBeDefined();
  const context = await newContext(server.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(link as string);
  expect(await page.locator("h1").textContent()).toBe("Ihre Meinung zum Fachtag");
  await lookAt(page, "survey-answer", html, { axe: false });

  // Nothing chosen for the overall rating: named at the top and beside the question.
  const overall = page.getByRole("group", { name: "Wie zufrieden sind Sie mit dem Fachtag insgesamt?" });
  await page.getByRole("button", { name: "Antworten absenden" }).click();
  await page.waitForLoadState("load");
  expect(await page.locator("#fehler").textContent()).toContain("Bitte beantworten Sie diese Frage.");
  expect(await overall.textContent()).toContain("Bitte beantworten Sie diese Frage.");
  await lookAt(page, "survey-answer-error", html, { axe: false });

  await overall.getByLabel("5 – sehr zufrieden").check();
  const group = (name: string) => page.getByRole("group", { name });
  await group("Wie zufrieden sind Sie mit den Inhalten?").getByLabel("4", { exact: true }).check();
  await group("Wie zufrieden sind Sie mit der Organisation?").getByLabel("3", { exact: true }).check();
  await group("Welchen Workshop haben Sie besucht?").getByLabel("Sprachförderung im Alltag").check();
  await group("Wie zufrieden sind Sie mit Ihrem Workshop?").getByLabel("4", { exact: true }).check();
  await page.getByLabel("Bahn").check();
  await page.getByLabel("Was nehmen Sie in Ihre Arbeit mit?").fill("Mehr Bewegung im Alltag");
  await page.getByRole("button", { name: "Antworten absenden" }).click();
  await page.waitForURL(/\/umfrage\/danke$/);
  expect(await page.locator("h1").textContent()).toBe("Vielen Dank für Ihre Rückmeldung");
  await lookAt(page, "survey-thanks", html, { axe: false });

  await page.goto(link as string);
  expect(await page.locator("main").textContent()).toContain("Mit diesem Link wurde bereits geantwortet");
  await context.close();

  // The same form with scripts on, for axe.
  const js = await newContext(server.baseUrl);
  const checked = await js.newPage();
  const [other] = await surveyLinks(server.platform, ev.people[1]?.email as string);
  await checked.goto(other as string);
  expect(formatAxe(await checkAxe(checked))).toBe("");
  await checked.getByRole("button", { name: "Antworten absenden" }).click();
  await checked.waitForLoadState("load");
  expect(formatAxe(await checkAxe(checked))).toBe("");
  await js.close();
});

it("the organiser reads the results: a chart with its numbers beside it for each question, free texts listed", async () => {
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto("/anmelden");
  await page.locator('main input[name="email"]').fill(owner.email);
  await page.locator('main input[name="password"]').fill(owner.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/anmelden"), page.locator("main form button").click()]);
  await page.goto(`/verwaltung/fachtage/${ev.id}/umfrage`);
  await page.getByRole("link", { name: "Ergebnisse ansehen" }).click();
  await page.waitForURL(/\/ergebnisse$/);
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).toContain("Antworten insgesamt: 1");
  expect(text).toContain("Mehr Bewegung im Alltag");
  expect(await page.locator("main svg[role=img]").count()).toBeGreaterThanOrEqual(5);
  expect(await page.getByRole("table", { name: "Antworten auf „Wie sind Sie angereist?“" }).textContent()).toContain(
    "Bahn",
  );
  await lookAt(page, "survey-results", html);
  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
  await context.close();
});

it("the demo's 2025 Fachtag: 100 anonymous answers as charts and tables, per workshop, for the admin", async () => {
  const db = server.platform.db.kysely;
  // The demo's Fachtag of 2025 (the journey above added answers to a Fachtag of its own).
  const row = await db
    .selectFrom("survey_answers")
    .innerJoin("events", "events.id", "survey_answers.event_id")
    .select("survey_answers.event_id")
    .where("events.starts_at", "like", "2025-%")
    .executeTakeFirstOrThrow();
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await signInAs(page, "admin");
  await page.goto(`/verwaltung/fachtage/${row.event_id}/umfrage/ergebnisse`);
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).toContain("Antworten insgesamt: 100");
  expect(text).toContain("Mittelwert");
  await lookAt(page, "survey-demo-results", html);
  expect(formatHtmlProblems(await validateHtml(html.slice(-1)))).toBe("");
  await context.close();
});
