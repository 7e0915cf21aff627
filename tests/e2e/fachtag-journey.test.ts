// The Fachtag journey, tried as a new user would, in Chromium: the demo editor
// creates the Fachtag "Kindliche Entwicklung stärken" through the back-office forms,
// plans its programme (welcome, two talks, 8 parallel workshops, closing) and publishes
// it; people register on the public Fachtag page (with and without JavaScript) and
// confirm by the e-mailed link until the waitlist is reached; one cancels by the manage
// link, the first waiting person is promoted and mailed; the organiser opens the list
// and downloads the XLSX export. axe (WCAG 2.1 A/AA) on the public and organiser pages.
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiToken } from "../../src/platform/auth/api-tokens.js";
import {
  checkAxe,
  closeBrowser,
  demoAccounts,
  formatAxe,
  newContext,
  type StartedServer,
  signInAs,
  startServer,
} from "./helpers/index.js";

const TITLE = "Kindliche Entwicklung stärken – Schätze statt Schwächen";
// Early March of next year: in the future (registration open) and before the change to
// summer time, so the API times below carry +01:00.
const YEAR = new Date().getFullYear() + 1;
const DATE = `${YEAR}-03-19`;
const at = (time: string) => `${DATE}T${time}:00+01:00`;

const WORKSHOPS = [
  "Sprache im Alltag entdecken",
  "Bewegung und Wahrnehmung",
  "Sozial-emotionale Kompetenzen stärken",
  "Beobachten und dokumentieren",
  "Zusammenarbeit mit Eltern",
  "Übergang Kita–Grundschule",
  "Kinderschutz im Kita-Alltag",
  "Gesund aufwachsen",
];

let server: StartedServer;
let apiToken: string;
let eventId: string;
let eventPath: string;
let editorPage: Page;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  const editor = await server.platform.db.kysely
    .selectFrom("users")
    .select("id")
    .where("email", "=", demoAccounts.editor.email)
    .executeTakeFirstOrThrow();
  apiToken = (await createApiToken(server.platform.db.kysely, editor.id, "e2e Fachtag-Journey")).token;
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await closeBrowser();
  await server?.close();
});

async function open(javaScriptEnabled = true): Promise<Page> {
  const context = await newContext(server.baseUrl, { javaScriptEnabled });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const visitors = new Map<boolean, Page>();
/** The visitor's browser with or without JavaScript, its cookies cleared for the next person. */
async function visitor(javaScriptEnabled: boolean): Promise<Page> {
  let page = visitors.get(javaScriptEnabled);
  if (!page) {
    page = await open(javaScriptEnabled);
    visitors.set(javaScriptEnabled, page);
  }
  await page.context().clearCookies();
  return page;
}

async function axe(page: Page, label: string) {
  expect(formatAxe(await checkAxe(page)), label).toBe("");
}

/** The newest link with the given path prefix in the mails to this address (outbox). */
async function mailLink(email: string, path: string): Promise<string> {
  const rows = await server.platform.db.kysely
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .orderBy("created_at", "desc")
    .execute();
  for (const row of rows) {
    const match = new RegExp(`https?://[^\\s]+?(${path}[A-Za-z0-9_-]{20,})`).exec(row.text_body);
    if (match?.[1]) return match[1];
  }
  throw new Error(`Keine E-Mail mit ${path}…-Link an ${email} im Postausgang`);
}

async function mailSubjects(email: string): Promise<string[]> {
  const rows = await server.platform.db.kysely
    .selectFrom("outbox")
    .select("subject")
    .where("to_address", "=", email)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => r.subject);
}

async function statusOf(email: string) {
  return server.platform.db.kysely
    .selectFrom("registrations")
    .select(["status", "waitlist_order"])
    .where("email", "=", email)
    .where("event_id", "=", eventId)
    .executeTakeFirstOrThrow();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A field by its exact label; optional fields add " – optional" to their label. */
const field = (scope: Page | ReturnType<Page["locator"]>, label: string) =>
  scope.getByLabel(new RegExp(`^${escapeRegExp(label)}( – optional)?$`, "i"));

async function addSessionByForm(
  page: Page,
  s: { kind: string; title: string; from: string; to: string; room?: string; capacity?: string; speaker?: string },
) {
  await field(page, "Art des Programmpunkts").selectOption({ label: s.kind });
  await field(page, "Titel").fill(s.title);
  await field(page, "Beginn (Uhrzeit)").fill(s.from);
  await field(page, "Ende (Uhrzeit)").fill(s.to);
  if (s.room) await field(page, "Raum").fill(s.room);
  if (s.capacity) await field(page, "Plätze im Workshop").fill(s.capacity);
  if (s.speaker) await field(page.getByRole("group", { name: "Person 1" }), "Name").fill(s.speaker);
  await page.getByRole("button", { name: "Programmpunkt hinzufügen" }).click();
  await expect.poll(() => page.locator("main").textContent()).toContain("Der Programmpunkt wurde hinzugefügt.");
}

it("the editor creates the Fachtag through the forms, plans the programme and publishes it", async () => {
  const page = await open();
  editorPage = page;
  await signInAs(page, "editor");
  await page.goto("/verwaltung");
  await page.getByRole("link", { name: "Fachtage verwalten" }).first().click();
  await page.waitForURL(/\/verwaltung\/fachtage$/);
  await page.getByRole("link", { name: "Neuen Fachtag anlegen" }).click();
  await page.waitForURL(/\/verwaltung\/fachtage\/neu$/);

  await field(page, "Titel").fill(TITLE);
  await field(page, "Untertitel").fill("Fachtag für Leitungskräfte und pädagogische Fachkräfte in Kitas");
  await field(page, "Beschreibung").fill(
    "Der Fachtag rückt die Förderung kindlicher Potenziale und das frühzeitige Erkennen von Entwicklungsrisiken in den Mittelpunkt.",
  );
  await field(page, "Veranstalter").fill(
    "Fachberatung Kindertagesstätten\nTeam Bildungskommunen\nJugendärztlicher Dienst des Landkreises Celle",
  );
  await field(page, "Zielgruppen").fill("Leitungskräfte in Kitas\nPädagogische Fachkräfte in Kitas");
  await field(page, "Themen").fill("Frühkindliche Bildung\nKindliche Entwicklung");
  await field(page, "Datum").fill(DATE);
  await field(page, "Beginn (Uhrzeit)").fill("09:00");
  await field(page, "Ende (Uhrzeit)").fill("14:30");
  await field(page, "Veranstaltungsort").fill("Kreishaus Celle");
  await field(page, "Raum").fill("Neuer Kreistagssaal");
  await field(page, "Adresse").fill("Trift 26, 29221 Celle");
  await field(page, "Plätze insgesamt").fill("3");
  await expect.poll(() => page.getByLabel(/Double-Opt-in/).isChecked()).toBe(true);
  await field(page, "Fortbildungsstunden für die Teilnahmebescheinigung").fill("5");
  await field(page, "Ansprechperson").fill("Fachberatung Kindertagesstätten");
  await page.getByRole("button", { name: "Fachtag anlegen" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/neu"));
  expect(await page.locator("main").textContent()).toContain("Der Fachtag wurde als Entwurf angelegt");
  eventId = /\/verwaltung\/fachtage\/([^/#?]+)/.exec(page.url())?.[1] ?? "";
  expect(eventId).not.toBe("");

  // The programme: welcome, two talks and two workshops by form …
  if (!/\/programm/.test(page.url())) {
    await page.getByRole("link", { name: "Programm", exact: true }).first().click();
    await page.waitForURL(/\/programm/);
  }
  await addSessionByForm(page, {
    kind: "Begrüßung",
    title: "Begrüßung",
    from: "09:00",
    to: "09:15",
    room: "Neuer Kreistagssaal",
    speaker: "Fachberatung Kindertagesstätten",
  });
  await addSessionByForm(page, {
    kind: "Fachvortrag",
    title: "Schätze statt Schwächen: ein ressourcenorientierter Blick auf kindliche Entwicklung",
    from: "09:15",
    to: "10:00",
    room: "Neuer Kreistagssaal",
    speaker: "Prof. Dr. Musterfrau (fiktiv)",
  });
  await addSessionByForm(page, {
    kind: "Fachvortrag",
    title: "Was die Schuleingangsuntersuchung über Entwicklungsrisiken zeigt",
    from: "10:00",
    to: "10:45",
    room: "Neuer Kreistagssaal",
    speaker: "Dr. Beispiel (fiktiv)",
  });
  for (const [i, title] of WORKSHOPS.slice(0, 2).entries()) {
    await addSessionByForm(page, {
      kind: "Workshop",
      title,
      from: "11:00",
      to: "12:30",
      room: `Raum ${i + 1}`,
      capacity: "2",
    });
  }
  // … the other six workshops, the lunch break and the closing by the API (to keep it fast).
  const api = async (body: unknown) => {
    const res = await fetch(`${server.baseUrl}/api/v1/events/${eventId}/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiToken}` },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  for (const [i, title] of WORKSHOPS.slice(2).entries()) {
    await api({
      kind: "workshop",
      title,
      startsAt: at("11:00"),
      endsAt: at("12:30"),
      room: `Raum ${i + 3}`,
      capacity: 20,
    });
  }
  await api({ kind: "break", title: "Mittagspause", startsAt: at("12:30"), endsAt: at("13:15") });
  await api({
    kind: "other",
    title: "Abschluss: ein gemeinsames Bild vom Kind",
    startsAt: at("13:15"),
    endsAt: at("14:30"),
    room: "Neuer Kreistagssaal",
  });
  await page.reload();
  const programme = (await page.locator("main table").textContent()) ?? "";
  for (const title of WORKSHOPS) expect(programme).toContain(title);
  expect(await page.locator("main table tbody tr").count()).toBe(13);

  // Publish on the edit page.
  await page.getByRole("link", { name: `Bearbeiten: ${TITLE}` }).click();
  await page.waitForURL(new RegExp(`/verwaltung/fachtage/${eventId}$`));
  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect.poll(() => page.locator("main").textContent()).toContain("Neuer Status: Veröffentlicht");
  expect(await page.locator("main").textContent()).toContain("Online-Anmeldung: Anmeldung möglich");
});

const people = [
  { n: 1, first: "Jürgen", last: "Weiß", js: true },
  { n: 2, first: "Özlem", last: "Yıldız", js: false },
  { n: 3, first: "Käthe", last: "Schröder", js: true },
  { n: 4, first: "Aleksandra", last: "Nowak", js: false },
  { n: 5, first: "Björn", last: "Müller-Lüdenscheidt", js: true },
];
const emailOf = (n: number) => `fachtag-${n}@example.org`;

async function register(page: Page, p: (typeof people)[number], workshop: string | null, button: RegExp) {
  await page.getByLabel("Vorname").fill(p.first);
  await page.getByLabel("Nachname").fill(p.last);
  await page.getByLabel("E-Mail-Adresse").fill(emailOf(p.n));
  await page.getByLabel("Organisation / Einrichtung").fill(`Kita Regenbogen ${p.n}, Celle`);
  await page.getByLabel("Art der Einrichtung").selectOption("kita");
  if (workshop) await page.getByLabel(workshop).check();
  await page.getByLabel(/Ich bin einverstanden, dass das Bildungsbüro/).check();
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL(/\/anmeldung\/danke$/);
}

it("people find the Fachtag, register with and without JavaScript and confirm by e-mail until the waitlist", async () => {
  const first = await visitor(true);
  await first.goto("/fachtage");
  await first.getByRole("link", { name: TITLE }).first().click();
  await first.waitForURL(/\/fachtage\/[^/]+$/);
  eventPath = new URL(first.url()).pathname;
  const main = (await first.locator("main").textContent()) ?? "";
  expect(main).toContain("Neuer Kreistagssaal");
  expect(main).toContain("Jugendärztlicher Dienst des Landkreises Celle");
  for (const title of WORKSHOPS) expect(main).toContain(title);
  expect(main).toContain("Noch 3 von 3 Plätzen frei.");
  await axe(first, "Fachtag-Seite");

  // Sending the empty form shows the errors (an error summary and messages beside the fields).
  await first.getByRole("button", { name: "Verbindlich anmelden" }).click();
  await expect.poll(() => first.locator("#fehler").count()).toBe(1);
  expect(await first.locator("#fehler").textContent()).toContain("Bitte füllen Sie dieses Feld aus.");
  await axe(first, "Anmeldeformular mit Fehlern");

  // Three people take the three places, each confirming by the e-mailed link.
  for (const p of people.slice(0, 3)) {
    const page = await visitor(p.js);
    await page.goto(eventPath);
    await register(page, p, WORKSHOPS[p.n === 3 ? 2 : 0] ?? null, /Verbindlich anmelden/);
    expect(await page.locator("main").textContent()).toContain("Bitte bestätigen Sie Ihre Anmeldung");
    expect((await statusOf(emailOf(p.n))).status).toBe("pending");
    await page.goto(await mailLink(emailOf(p.n), "/anmeldung/bestaetigen/"));
    // The link shows a button (mail scanners open links); the button confirms.
    await page.getByRole("button", { name: "Anmeldung bestätigen" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Anmeldung bestätigt");
    expect((await statusOf(emailOf(p.n))).status).toBe("confirmed");
  }

  // Now the Fachtag is full: the next two land on the waitlist, in order.
  for (const [i, p] of people.slice(3).entries()) {
    const page = await visitor(p.js);
    await page.goto(eventPath);
    const full = (await page.locator("main").textContent()) ?? "";
    expect(full).toContain("Auf die Warteliste setzen");
    expect(full).not.toContain("von 3 Plätzen frei");
    await register(page, p, null, /Auf die Warteliste setzen/);
    expect(await page.locator("main").textContent()).toContain(`Sie stehen auf Platz ${i + 1} der Warteliste`);
    expect((await statusOf(emailOf(p.n))).status).toBe("waitlisted");
  }
});

it("one participant cancels by the manage link and the first waiting person is promoted and mailed", async () => {
  const page = await visitor(true);
  const manage = await mailLink(emailOf(1), "/anmeldung/");
  await page.goto(manage);
  expect(await page.locator("main").textContent()).toContain("Bestätigt");
  await axe(page, "Anmeldung verwalten");
  await page.getByLabel("Ja, ich möchte meine Teilnahme absagen.").check();
  await page.getByRole("button", { name: "Verbindlich absagen" }).click();
  await page.waitForURL(/\/anmeldung\/abgesagt$/);
  expect(await page.locator("main").textContent()).toContain("Sie haben Ihre Teilnahme abgesagt");
  expect((await statusOf(emailOf(1))).status).toBe("cancelled");

  // Promoted: her place is held until she confirms her address (double opt-in holds for the waitlist too).
  expect((await statusOf(emailOf(4))).status).toBe("pending");
  expect(await mailSubjects(emailOf(4))).toContain(`Sie haben einen Platz: ${TITLE}`);
  const promotion = await server.platform.db.kysely
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", emailOf(4))
    .where("subject", "=", `Sie haben einen Platz: ${TITLE}`)
    .executeTakeFirstOrThrow();
  expect(promotion.text_body).toContain("Sie sind von der Warteliste nachgerückt");
  // She confirms with the link in the promotion mail and then sees her place on her manage page.
  const promoted = await visitor(false);
  await promoted.goto(await mailLink(emailOf(4), "/anmeldung/bestaetigen/"));
  await promoted.getByRole("button", { name: "Anmeldung bestätigen" }).click();
  await expect.poll(() => promoted.locator("h1").textContent()).toContain("Anmeldung bestätigt");
  expect((await statusOf(emailOf(4))).status).toBe("confirmed");
  await promoted.goto(await mailLink(emailOf(4), "/anmeldung/"));
  expect(await promoted.locator("main").textContent()).toContain("Bestätigt");
  expect((await statusOf(emailOf(5))).status).toBe("waitlisted");
  // The one still waiting moved up to place 1 (seen on her manage page).
  const second = await visitor(false);
  await second.goto(await mailLink(emailOf(5), "/anmeldung/"));
  expect(await second.locator("main").textContent()).toContain("Platz 1 auf der Warteliste");
});

it("the organiser opens the registrations and downloads the XLSX export", async () => {
  const page = editorPage;
  await page.goto("/verwaltung");
  await page.getByRole("link", { name: "Fachtage verwalten" }).first().click();
  // The demo data hold the 2025 Fachtag of the same title: the date column tells them apart.
  const germanDate = `${DATE.slice(8, 10)}.${DATE.slice(5, 7)}.${YEAR}`;
  await page.getByRole("row").filter({ hasText: germanDate }).getByRole("link", { name: TITLE, exact: true }).click();
  await page.waitForURL(new RegExp(`/verwaltung/fachtage/${eventId}$`));
  await page.getByRole("link", { name: "Anmeldungen", exact: true }).click();
  await page.waitForURL(new RegExp(`/verwaltung/fachtage/${eventId}/anmeldungen`));
  const main = (await page.locator("main").textContent()) ?? "";
  for (const p of people) expect(main).toContain(p.last);
  await axe(page, "Anmeldungen (Veranstalter)");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Als Excel-Datei (XLSX) herunterladen" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^anmeldungen-.*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path()) ?? "");
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("XLSX ohne Tabellenblatt");
  const rowValues = (n: number) =>
    ((sheet.getRow(n).values as unknown[]) ?? []).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)));
  const headers = rowValues(1);
  expect(headers).toEqual(expect.arrayContaining(["Status", "Nachname", "Vorname", "E-Mail"]));
  const col = (name: string) => headers.indexOf(name);
  const byLastName = new Map<string, string[]>();
  for (let r = 2; r <= sheet.rowCount; r++) byLastName.set(rowValues(r)[col("Nachname")] ?? "", rowValues(r));
  for (const p of people.slice(1)) expect([...byLastName.keys()]).toContain(p.last);
  expect(byLastName.get("Nowak")?.[col("Status")]).toBe("Bestätigt");
  expect(byLastName.get("Müller-Lüdenscheidt")?.[col("Status")]).toBe("Warteliste");
  expect(byLastName.get("Müller-Lüdenscheidt")?.[col("Wartelistenplatz")]).toBe("1");
  expect(byLastName.get("Schröder")?.[col("Workshop Zeitfenster 1")]).toBe(WORKSHOPS[2]);
  expect(byLastName.get("Yıldız")?.[col("Vorname")]).toBe("Özlem");
});
