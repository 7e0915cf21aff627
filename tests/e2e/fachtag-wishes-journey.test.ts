// The "Done when" of workshop wishes, tried as people would: the 2025 Kita Fachtag of the
// seed text runs again with wishes — 150 participants rank 8 workshops of 20 places (148
// through the API, two through the real form), the organiser computes the allocation,
// compares the shares of 1st/2nd/3rd wishes with the API, sees the demand chart and
// publishes it; everybody gets one mail and the manage page explains the result. On the
// day a helper with a phone checks people in by code and by name, the Wi-Fi drops and
// three check-ins wait on the device, nothing is lost or doubled; the organiser prints
// badges and a signature list. Every page on the way is axe-clean and Nu-valid.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiToken } from "../../src/platform/auth/api-tokens.js";
import { createUser } from "../helpers/auth.js";
import {
  checkAxe,
  checkPageBasics,
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
const TITLE = "Kindliche Entwicklung stärken – Schätze statt Schwächen";
const WORKSHOPS = [
  "Sprache im Kita-Alltag",
  "Bewegung und Psychomotorik",
  "Entwicklungsrisiken früh erkennen",
  "Übergang in die Grundschule",
  "Elternarbeit auf Augenhöhe",
  "Inklusion von Anfang an",
  "Resilienz stärken",
  "Naturerfahrung im Jahreslauf",
];
/** How much each workshop is wanted: the first two far more than their 20 places. */
const APPEAL = [9, 6, 4, 3, 2, 2, 1.5, 1];
// 15 × 10 different names with umlauts, so every name search finds one person.
const FIRST = [
  "Jürgen",
  "Käthe",
  "Sören",
  "Hülya",
  "Anna",
  "Björn",
  "Frieda",
  "Jörg",
  "Lena",
  "Mehmet",
  "Zoë",
  "Paul",
  "Ümran",
  "Greta",
  "Malte",
];
const LAST = ["Müller", "Schröder", "Weiß", "Groß", "Köhler", "Gärtner", "Jürgens", "Lüdecke", "Bäcker", "Özdemir"];

let server: StartedServer;
let authorization: string;

beforeAll(async () => {
  server = await startServer();
  const editor = await server.platform.db.kysely
    .selectFrom("users")
    .select("id")
    .where("email", "=", demoAccounts.editor.email)
    .executeTakeFirstOrThrow();
  // The organiser's API token (what "API-Zugänge" in the account gives them).
  authorization = `Bearer ${(await createApiToken(server.platform.db.kysely, editor.id, "Fachtag-Einrichtung")).token}`;
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

async function api<T>(method: string, path: string, body?: unknown, auth: string | null = authorization) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, text };
}

/** A small seeded generator (mulberry32): the same wishes on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Three different workshop indexes, each drawn by its appeal among those left. */
function threeWishes(random: () => number): number[] {
  const left = APPEAL.map((w, i) => ({ w, i }));
  const out: number[] = [];
  while (out.length < 3) {
    let r = random() * left.reduce((s, x) => s + x.w, 0);
    let k = 0;
    while (k < left.length - 1 && r >= (left[k]?.w ?? 0)) r -= left[k++]?.w ?? 0;
    out.push(left[k]?.i ?? 0);
    left.splice(k, 1);
  }
  return out;
}

const pdfText = async (path: string) =>
  (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(path))), { mergePages: true })).text;

const axeOf = async (page: Page) => formatAxe(await checkAxe(page));
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function photograph(page: Page, name: string) {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await sideways(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(OUT, `journey-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

async function helperOnPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const helper = await createUser(server.platform, { role: "checkin", name: "Hanna Helferin" });
  const context = await newContext(server.baseUrl, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto("/anmelden");
  await page.locator('main input[name="email"]').fill(helper.email);
  await page.locator('main input[name="password"]').fill(helper.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/anmelden"), page.locator("main form button").click()]);
  return { context, page };
}

it("a Fachtag with wishes: allocated, published, checked in through a network loss, badges printed", {
  timeout: 240_000,
}, async () => {
  const html: { url: string; html: string }[] = [];

  // --- The organiser sets up the Fachtag through the API ------------------------------------
  const day = new Date(Date.now() + 45 * 24 * 3600_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number, m = 0) => new Date(day.getTime() + (h * 60 + m) * 60_000).toISOString();
  const created = await api<{ id: string; slug: string }>("POST", "/api/v1/events", {
    title: TITLE,
    subtitle: "Fachtag für Leitungskräfte und pädagogische Fachkräfte in Kitas",
    startsAt: at(8),
    endsAt: at(13, 30),
    venue: { name: "Kreishaus Celle", room: "Neuer Kreistagssaal" },
    capacity: 160,
    confirmByEmail: false,
    status: "published",
  });
  expect(created.status, created.text).toBe(201);
  const eventId = created.body.id;
  const workshopIds: string[] = [];
  for (const [i, title] of WORKSHOPS.entries()) {
    const res = await api<{ id: string }>("POST", `/api/v1/events/${eventId}/sessions`, {
      kind: "workshop",
      title,
      startsAt: at(10),
      endsAt: at(11, 30),
      room: `Raum ${i + 1}`,
      capacity: 20,
    });
    expect(res.status, res.text).toBe(201);
    workshopIds.push(res.body.id);
  }
  const patched = await api("PATCH", `/api/v1/events/${eventId}`, { workshopChoice: "preferences", maxChoices: 3 });
  expect(patched.status, patched.text).toBe(200);

  // 148 people register through the API with three ranked wishes each, four at a time as on
  // the first morning; demand is skewed.
  const random = seeded(2025);
  const wishesOf = new Map<string, string[]>();
  const firstWishes = new Map<string, number>();
  const people = Array.from({ length: 148 }, (_, i) => ({
    i,
    wishes: threeWishes(random).map((k) => workshopIds[k] ?? ""),
  }));
  const register = async ({ i, wishes }: (typeof people)[number]) => {
    const res = await api<{ id: string; status: string }>(
      "POST",
      `/api/v1/events/${eventId}/registrations`,
      {
        firstName: FIRST[i % FIRST.length],
        lastName: LAST[Math.floor(i / FIRST.length)],
        email: `teilnahme-${i + 1}@kita.example`,
        organisation: `Kita Sonnenschein ${1 + (i % 12)}`,
        consents: { privacy: true },
        preferences: [wishes],
      },
      null,
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe("confirmed");
    wishesOf.set(res.body.id, wishes);
    firstWishes.set(wishes[0] ?? "", (firstWishes.get(wishes[0] ?? "") ?? 0) + 1);
  };
  await Promise.all(
    [0, 1, 2, 3].map(async (lane) => {
      for (const p of people.filter((x) => x.i % 4 === lane)) await register(p);
    }),
  );
  // The API refuses the same workshop twice, with a code: nothing is stored.
  const repeat = await api<{ code: string }>(
    "POST",
    `/api/v1/events/${eventId}/registrations`,
    {
      firstName: "Doppelt",
      lastName: "Gewählt",
      email: "doppelt@kita.example",
      consents: { privacy: true },
      preferences: [[workshopIds[0], workshopIds[0]]],
    },
    null,
  );
  expect(repeat.status).toBe(422);

  // --- Two people register through the form, ranking in the selects ------------------------
  const { slug } = created.body;
  const visitor = await newContext(server.baseUrl);
  const form = await visitor.newPage();
  form.setDefaultTimeout(20_000);
  const byForm = [
    { first: "Zoë", last: "Weißenböck", email: "zoe@kita.example", wishes: [0, 3, 7] },
    { first: "Jürgen", last: "Äbersold", email: "juergen@kita.example", wishes: [1, 0, 5] },
  ];
  for (const [n, p] of byForm.entries()) {
    await form.goto(`/fachtage/${slug}/anmeldung`);
    const slot = form.getByRole("group", { name: /Zeitfenster/ });
    expect(await slot.getByRole("combobox").count()).toBe(3);
    if (n === 0) {
      expect(await axeOf(form)).toBe("");
      html.push({ url: "form", html: await form.content() });
    }
    await form.getByLabel("Vorname").fill(p.first);
    await form.getByLabel("Nachname").fill(p.last);
    await form.getByLabel("E-Mail-Adresse").fill(p.email);
    for (const [rank, k] of p.wishes.entries()) {
      await slot.getByLabel(`${rank + 1}. Wunsch`).selectOption(workshopIds[k] ?? "");
    }
    await form.getByLabel(/Ich bin einverstanden, dass das Bildungsbüro/).check();
    await form.getByRole("button", { name: "Verbindlich anmelden" }).click();
    await form.waitForURL(/\/anmeldung\/danke$/);
  }
  await visitor.close();

  const list = async () =>
    (
      await api<
        {
          id: string;
          firstName: string;
          lastName: string;
          email: string;
          status: string;
          ticketCode: string;
          checkedInAt: string | null;
          workshopIds: string[];
        }[]
      >("GET", `/api/v1/events/${eventId}/registrations`)
    ).body;
  const before = await list();
  expect(before.filter((r) => r.status === "confirmed")).toHaveLength(150);
  for (const p of byForm) {
    const r = before.find((x) => x.email === p.email);
    expect(r, p.email).toBeDefined();
    const wishes = p.wishes.map((k) => workshopIds[k] ?? "");
    wishesOf.set(r?.id ?? "", wishes);
    firstWishes.set(wishes[0] ?? "", (firstWishes.get(wishes[0] ?? "") ?? 0) + 1);
  }
  // Demand is uneven: the most wanted workshop has far more first wishes than places.
  expect(Math.max(...firstWishes.values())).toBeGreaterThan(20);

  // --- The organiser computes the allocation in the browser ---------------------------------
  const desk = await newContext(server.baseUrl);
  const page = await desk.newPage();
  page.setDefaultTimeout(20_000);
  await signInAs(page, "editor");
  await page.goto(`/verwaltung/fachtage/${eventId}/anmeldungen`);
  await page.getByRole("link", { name: /Workshopzuteilung nach Wünschen/ }).click();
  await page.waitForURL(/\/zuteilung$/);
  const main = page.locator("main");
  expect(await main.textContent()).toContain("150 bestätigte Anmeldungen mit Wünschen");
  await page.getByRole("button", { name: "Zuteilung berechnen" }).click();
  await page.waitForURL(/\/zuteilung$/);
  const seedText = (await page.locator(".seed").textContent()) ?? "";
  const seed = Number(/Startwert (\d+)/.exec(seedText)?.[1]);
  expect(Number.isInteger(seed)).toBe(true);

  // The API gives the same result for the same seed; the page's shares are the API's numbers.
  const summary = await api<{
    assigned: number;
    unassigned: number;
    byRank: Record<string, number>;
    totalRank: number;
    seed: number;
  }>("POST", `/api/v1/events/${eventId}/allocation`, { seed });
  expect(summary.status, summary.text).toBe(200);
  const s = summary.body;
  expect(s.seed).toBe(seed);
  expect(s.assigned + s.unassigned).toBe(150);
  // 160 places and three wishes each leave a place for everybody here: as many placements as
  // possible means all 150, even though the crowded workshops turn many first wishes away.
  expect(s.unassigned).toBe(0);
  await page.reload();
  const ranks = page.getByRole("table", { name: "Erfüllte Wünsche" });
  const pct = (n: number) =>
    new Intl.NumberFormat("de-DE", { style: "percent", maximumFractionDigits: 1 }).format(n / 150);
  for (const rank of ["1", "2", "3"]) {
    const row = ranks.getByRole("row", { name: new RegExp(`^${rank}\\. Wunsch`) });
    const n = s.byRank[rank] ?? 0;
    if (n === 0 && (await row.count()) === 0) continue;
    expect(await row.getByRole("cell").allTextContents()).toEqual([`${rank}. Wunsch`, String(n), pct(n)]);
  }
  expect(s.byRank["1"] ?? 0).toBeGreaterThan(s.byRank["2"] ?? 0);
  // The demand chart, with its numbers in the table beside it.
  expect(await page.getByRole("img", { name: /Plätze, Erstwünsche und Zuteilungen je Workshop/ }).count()).toBe(1);
  const demand = page.getByRole("table", { name: "Nachfrage und Plätze je Workshop" });
  for (const [i, title] of WORKSHOPS.entries()) {
    const cells = await demand
      .getByRole("row", { name: new RegExp(`^${title}`) })
      .getByRole("cell")
      .allTextContents();
    expect(cells[2], title).toBe("20");
    expect(cells[3], title).toBe(String(firstWishes.get(workshopIds[i] ?? "") ?? 0));
  }
  expect(await axeOf(page)).toBe("");
  expect(await checkPageBasics(page)).toEqual([]);
  html.push({ url: "allocation draft", html: await page.content() });
  await photograph(page, "zuteilung");

  // --- Publish through the confirm step -----------------------------------------------------
  await page.getByRole("link", { name: "Zuteilung veröffentlichen und E-Mails senden" }).click();
  await page.waitForURL(/\/veroeffentlichen$/);
  expect(await axeOf(page)).toBe("");
  html.push({ url: "allocation confirm", html: await page.content() });
  await page.getByRole("button", { name: "Zuteilung veröffentlichen und E-Mails senden" }).click();
  await page.waitForURL(/\/zuteilung$/);
  expect(await main.textContent()).toContain("Die Zuteilung ist veröffentlicht");
  expect(await axeOf(page)).toBe("");
  html.push({ url: "allocation published", html: await page.content() });

  // Everybody has exactly one allocation mail; the API shows each placed person's workshop.
  const mails = await server.platform.db.kysely
    .selectFrom("outbox")
    .select(["to_address", "subject", "text_body"])
    .where((eb) =>
      eb.or([
        eb("subject", "=", `Ihre Workshops: ${TITLE}`),
        eb("subject", "=", `Ihr Workshopplatz: ${TITLE} – wir suchen noch`),
      ]),
    )
    .execute();
  const after = await list();
  expect(mails).toHaveLength(150);
  expect(new Set(mails.map((m) => m.to_address)).size).toBe(150);
  const perWorkshop = new Map<string, number>();
  for (const r of after) {
    const wished = wishesOf.get(r.id) ?? [];
    expect(r.workshopIds.length).toBeLessThanOrEqual(1);
    for (const w of r.workshopIds) {
      expect(wished).toContain(w);
      perWorkshop.set(w, (perWorkshop.get(w) ?? 0) + 1);
    }
  }
  expect(after.filter((r) => r.workshopIds.length === 1)).toHaveLength(s.assigned);
  for (const n of perWorkshop.values()) expect(n).toBeLessThanOrEqual(20);

  // A person who got the 2nd wish reads why on the page of the link in their mail.
  const second = after.find((r) => r.workshopIds[0] && wishesOf.get(r.id)?.[1] === r.workshopIds[0]);
  expect(second).toBeDefined();
  const mail = mails.find((m) => m.to_address === second?.email);
  expect(mail?.subject).toBe(`Ihre Workshops: ${TITLE}`);
  const link = /\/anmeldung\/[A-Za-z0-9_-]{20,}(?=\s|$)/m.exec(mail?.text_body ?? "")?.[0] ?? "";
  const firstOf = wishesOf.get(second?.id ?? "")?.[0] ?? "";
  await page.goto(link);
  expect(await main.textContent()).toContain(
    `Sie haben Ihren 2. Wunsch erhalten: Ihr 1. Wunsch hatte ${firstWishes.get(firstOf)} Anmeldungen für 20 Plätze.`,
  );
  expect(await axeOf(page)).toBe("");
  html.push({ url: "manage", html: await page.content() });
  await photograph(page, "teilnahme");

  // --- On the day: a helper with a phone at the entrance ------------------------------------
  const summaryOf = async () =>
    (await api<{ expected: number; present: number }>("GET", `/api/v1/events/${eventId}/checkins/summary`)).body;
  const confirmed = after.filter((r) => r.status === "confirmed");
  const person = (i: number) => confirmed[i] as (typeof confirmed)[number];
  const { context: phone, page: entrance } = await helperOnPhone();
  await entrance.goto("/verwaltung/einlass");
  expect(await axeOf(entrance)).toBe("");
  html.push({ url: "entrance list", html: await entrance.content() });
  await entrance.getByRole("link", { name: new RegExp(`Einlass öffnen\\s*: ${TITLE}`) }).click();
  await entrance.waitForURL(/\/einlass$/);
  const count = entrance.locator("#checkin-count");
  const live = entrance.locator("#checkin-live");
  expect(await count.textContent()).toBe("0 von 150 anwesend");
  expect(await axeOf(entrance)).toBe("");
  expect(await checkPageBasics(entrance)).toEqual([]);
  html.push({ url: "entrance", html: await entrance.content() });

  // By the QR code's payload (the ticket code), then by name.
  const byCode = async (p: ReturnType<typeof person>) => {
    await entrance.getByLabel("Code des Tickets").fill(p.ticketCode);
    await entrance.getByRole("button", { name: "Einchecken", exact: true }).click();
  };
  const byName = async (p: ReturnType<typeof person>) => {
    await entrance.getByLabel("Name oder Organisation").fill(`${p.firstName} ${p.lastName}`);
    await entrance.getByRole("button", { name: new RegExp(`Einchecken\\s*: ${p.firstName} ${p.lastName}$`) }).click();
  };
  await byCode(person(0));
  await expect.poll(() => live.textContent()).toBe(`${person(0).firstName} ${person(0).lastName} ist eingecheckt.`);
  await byName(person(1));
  await expect.poll(() => live.textContent()).toBe(`${person(1).firstName} ${person(1).lastName} ist eingecheckt.`);
  await expect.poll(() => count.textContent()).toBe("2 von 150 anwesend");
  // The helper sees the person's workshop.
  const placed = WORKSHOPS[workshopIds.indexOf(person(1).workshopIds[0] ?? "")] ?? "(kein Workshop)";
  expect(await entrance.locator(".checkin-person").first().textContent()).toContain(placed);

  // The Wi-Fi drops: three check-ins wait on the phone, and it says so.
  await phone.setOffline(true);
  await byCode(person(2));
  await byName(person(3));
  await byCode(person(4));
  await expect.poll(() => entrance.locator("#checkin-pending").textContent()).toBe("3 Check-ins noch nicht übertragen");
  expect(await entrance.locator("#checkin-pending").isVisible()).toBe(true);
  expect((await summaryOf()).present).toBe(2);
  expect(await axeOf(entrance)).toBe("");
  html.push({ url: "entrance offline", html: await entrance.content() });
  await entrance.screenshot({ path: join(OUT, "journey-einlass-offline-390.png"), fullPage: true });
  await entrance.waitForTimeout(3000);

  // Back online: all three sent, each counted once.
  await phone.setOffline(false);
  await expect.poll(() => entrance.locator("#checkin-pending").isVisible(), { timeout: 20_000 }).toBe(false);
  expect(await summaryOf()).toEqual({ expected: 150, present: 5 });
  await expect.poll(() => count.textContent()).toBe("5 von 150 anwesend");
  const present = (await list()).filter((r) => r.checkedInAt);
  expect(present.map((r) => r.id).sort()).toEqual([0, 1, 2, 3, 4].map((i) => person(i).id).sort());

  // A second phone checks one of them in again: told so, not counted.
  const { context: phone2, page: other } = await helperOnPhone();
  await other.goto(`/verwaltung/fachtage/${slug}/einlass`);
  await other.getByLabel("Code des Tickets").fill(person(3).ticketCode);
  await other.getByRole("button", { name: "Einchecken", exact: true }).click();
  await expect.poll(() => other.locator("#checkin-live").textContent()).toMatch(/bereits um .* eingecheckt/);
  expect(await summaryOf()).toEqual({ expected: 150, present: 5 });
  await phone2.close();
  await phone.close();

  // --- The organiser prints badges and a signature list ------------------------------------
  await page.goto(`/verwaltung/fachtage/${eventId}/anmeldungen`);
  await page.getByRole("link", { name: "Namensschilder und Listen drucken" }).click();
  await page.waitForURL(/\/drucken$/);
  expect(await axeOf(page)).toBe("");
  html.push({ url: "print", html: await page.content() });
  const download = async (name: string | RegExp) => {
    const pending = page.waitForEvent("download");
    await page.getByRole("link", { name, exact: typeof name === "string" }).click();
    return pdfText((await (await pending).path()) ?? "");
  };
  const badges = await download("Namensschilder (PDF)");
  for (const name of ["Jürgen", "Müller", "Zoë", "Weißenböck", "Äbersold", "Özdemir"]) expect(badges).toContain(name);
  const topTitle = WORKSHOPS[0] ?? "";
  const signatures = await download(`Unterschriftenliste (PDF): ${topTitle}`);
  const inTop = after.filter((r) => r.workshopIds[0] === workshopIds[0]);
  expect(inTop).toHaveLength(20);
  expect(signatures).toContain(topTitle);
  for (const r of inTop) expect(signatures).toContain(`${r.lastName}, ${r.firstName}`);
  const elsewhere = after.find((r) => r.workshopIds[0] && r.workshopIds[0] !== workshopIds[0]);
  expect(signatures).not.toContain(`${elsewhere?.lastName}, ${elsewhere?.firstName}`);
  await desk.close();

  expect(formatHtmlProblems(await validateHtml(html))).toBe("");
});
