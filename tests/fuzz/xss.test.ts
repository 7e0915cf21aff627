import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../helpers/test-app.js";
import { createUserWithToken } from "../helpers/users.js";

// Issue 14, item 8 (second half), for the directory and the Fachtage (the Austausch's
// posts and comments have their own test beside the exchange module): each known XSS
// payload of src/modules/exchange/xss-payloads.txt is stored as an organisation's name and
// description and as a Fachtag's title, subtitle, description and venue, and the pages that
// show them must hold no element or attribute the payload brought: no script, no event
// handler attribute, no javascript: link, no frame or object.

const payloads = readFileSync(new URL("../../src/modules/exchange/xss-payloads.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("# "));

/** The start tags of a page with their attributes, read as a browser does (quoted values may hold ">"). */
function startTags(html: string): { name: string; attrs: [string, string][]; text: string }[] {
  const tags: { name: string; attrs: [string, string][]; text: string }[] = [];
  const tag = /<([a-zA-Z][^\s/>]*)/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const attrs: [string, string][] = [];
    let i = m.index + m[0].length;
    const attr = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?|\s*\/|\s*>/y;
    for (;;) {
      attr.lastIndex = i;
      const a = attr.exec(html);
      if (!a || a[0].trim() === ">" || a[0] === "") break;
      if (a[1]) attrs.push([a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? ""]);
      i = attr.lastIndex;
    }
    tags.push({ name: (m[1] as string).toLowerCase(), attrs, text: html.slice(m.index, i + 1) });
    tag.lastIndex = i;
  }
  return tags;
}

const FORBIDDEN = new Set([
  "iframe",
  "object",
  "embed",
  "base",
  "frameset",
  "frame",
  "math",
  "applet",
  "svg",
  "marquee",
]);

/** What in a page could only have come from a payload (the site itself has none of it: its CSP forbids inline script). */
function injected(html: string): string[] {
  const found: string[] = [];
  for (const { name, attrs, text } of startTags(html)) {
    const src = attrs.find(([a]) => a === "src")?.[1] ?? "";
    if (name === "script" && !src.startsWith("/assets/")) found.push(text);
    if (FORBIDDEN.has(name)) found.push(text);
    if (name === "meta" && attrs.some(([a]) => a === "http-equiv")) found.push(text);
    for (const [a, v] of attrs) {
      if (/^on/.test(a)) found.push(text);
      if (/^(href|src|action|formaction|xlink:href)$/.test(a) && /^\s*(javascript|vbscript|data:text\/html)/i.test(v)) {
        found.push(text);
      }
    }
  }
  return found;
}

let t: TestApp;
let auth: Record<string, string>;
const orgSlugs: string[] = [];
const eventSlugs: string[] = [];

beforeAll(async () => {
  // A few hundred writes from one address in a minute: the registration limit would stop them.
  t = await createTestApp({ RATE_LIMIT: "off" });
  const admin = await createUserWithToken(t.platform, "admin");
  auth = { authorization: admin.authorization, "content-type": "application/json" };
  for (const [i, payload] of payloads.entries()) {
    const org = await t.app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: auth,
      payload: JSON.stringify({
        name: `Kita ${i} ${payload}`.slice(0, 200),
        kind: "kita",
        areas: ["fruehkindlich"],
        municipality: "Celle",
        description: payload,
      }),
    });
    if (org.statusCode === 201) orgSlugs.push(org.json().slug ?? org.json().id);
    const event = await t.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: auth,
      payload: JSON.stringify({
        title: `Fachtag ${i} ${payload}`.slice(0, 200),
        subtitle: payload.slice(0, 300),
        description: payload,
        themes: [payload.slice(0, 80)],
        startsAt: "2027-05-04T09:00:00+02:00",
        endsAt: "2027-05-04T16:00:00+02:00",
        venue: { name: payload.slice(0, 200), address: payload.slice(0, 500) },
        capacity: 50,
        status: "published",
      }),
    });
    if (event.statusCode === 201) eventSlugs.push(event.json().slug);
  }
}, 240_000);
afterAll(async () => t?.close());

describe("known XSS payloads are shown as text", () => {
  it("stores at least 50 payloads in organisations and Fachtage", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(50);
    expect(orgSlugs.length).toBeGreaterThanOrEqual(50);
    expect(eventSlugs.length).toBeGreaterThanOrEqual(50);
  });

  it("no organisation page and no list of organisations gets an element or attribute from them", async () => {
    const pages = [...orgSlugs.map((s) => `/akteure/${s}`), "/akteure", "/akteure?q=Kita", "/karte"];
    for (const page of pages) {
      const res = await t.app.inject(page);
      if (res.statusCode === 404 && page === "/karte") continue;
      expect(res.statusCode, page).toBe(200);
      expect(injected(res.body), page).toEqual([]);
    }
  });

  it("no Fachtag page and no calendar gets an element or attribute from them", async () => {
    const pages = [...eventSlugs.map((s) => `/fachtage/${s}`), "/fachtage", "/"];
    for (const page of pages) {
      const res = await t.app.inject(page);
      expect(res.statusCode, page).toBe(200);
      expect(injected(res.body), page).toEqual([]);
    }
  });

  it("programme items and registrations: the Fachtag page, the participant list and its CSV and XLSX show them as text", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: auth,
      payload: JSON.stringify({
        title: "Fachtag mit Programm",
        startsAt: "2027-06-01T09:00:00+02:00",
        endsAt: "2027-06-01T16:00:00+02:00",
        venue: { name: "Rathaus" },
        capacity: 500,
        status: "published",
      }),
    });
    expect(created.statusCode).toBe(201);
    const event = created.json() as { id: string; slug: string };
    const names: string[] = [];
    for (const [i, payload] of payloads.entries()) {
      const session = await t.app.inject({
        method: "POST",
        url: `/api/v1/events/${event.id}/sessions`,
        headers: auth,
        payload: JSON.stringify({
          kind: "workshop",
          title: `Workshop ${i} ${payload}`.slice(0, 300),
          abstract: payload,
          startsAt: "2027-06-01T10:00:00+02:00",
          endsAt: "2027-06-01T11:00:00+02:00",
          room: payload.slice(0, 200),
          speakers: [{ name: payload.slice(0, 200), organisation: payload.slice(0, 200) }],
        }),
      });
      expect(session.statusCode, payload).toBe(201);
      const lastName = payload.trim().slice(0, 100);
      const registration = await t.app.inject({
        method: "POST",
        url: `/api/v1/events/${event.id}/registrations`,
        headers: auth,
        payload: JSON.stringify({
          firstName: `Person${i}`,
          lastName,
          email: `person${i}@example.org`,
          organisation: payload.trim().slice(0, 200),
          role: payload.trim().slice(0, 200),
          consents: { privacy: true, participantList: true },
        }),
      });
      if (registration.statusCode === 201) names.push(lastName);
    }
    expect(names.length).toBeGreaterThanOrEqual(50);

    const page = await t.app.inject(`/fachtage/${event.slug}`);
    expect(page.statusCode).toBe(200);
    expect(injected(page.body)).toEqual([]);

    const admin = new Browser(t.app);
    await signInAs(t.platform, admin, "admin");
    for (const url of [`/verwaltung/fachtage/${event.id}/anmeldungen`, `/verwaltung/fachtage/${event.id}/programm`]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(injected(res.body), url).toEqual([]);
    }

    // The exports keep each payload as it was typed: a text cell, never markup or a formula.
    const csv = await admin.get(`/verwaltung/fachtage/${event.id}/anmeldungen/export.csv`);
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body.replace(/^\uFEFF/, ""), { delimiter: ";", relax_column_count: true }) as string[][];
    const cells = new Set(rows.flat());
    for (const name of names)
      expect(
        [...cells].some((c) => c.includes(name.replace(/^[=+\-@]/, ""))),
        name,
      ).toBe(true);
    const xlsx = await t.app.inject({
      url: `/verwaltung/fachtage/${event.id}/anmeldungen/export.xlsx`,
      headers: { cookie: admin.cookieHeader() },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula, String(cell.value)).toBeUndefined();
          texts.push(String(cell.value));
        }),
      ),
    );
    for (const name of names)
      expect(
        texts.some((c) => c.includes(name.replace(/^[=+\-@]/, ""))),
        name,
      ).toBe(true);
  });

  it("the check itself finds a payload that was not escaped", () => {
    expect(injected('<p><img src=x onerror="alert(1)"></p><script>alert(1)</script>')).toHaveLength(2);
    expect(injected('<a href="javascript:alert(1)">x</a>')).toHaveLength(1);
  });
});
