import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import type { UserActor } from "../../platform/auth/actor.js";
import { adminActor, makeOrg } from "../directory/test-fixtures.js";
import { createCooperation } from "../network/index.js";
import { addPeople, fachtagOn } from "./test-fixtures.js";

// The reports over HTTP: the dashboard with its filters in the address and a German
// message for a bad one, the exports (CSV, XLSX, PDF read back as text), the summary API
// with its contract and refusals, and the public figures page and JSON with nothing
// below 5 and no name.

let t: TestApp;
let admin: UserActor & { authorization: string };
let editor: Awaited<ReturnType<typeof createUserWithToken>>;
let member: Awaited<ReturnType<typeof createUserWithToken>>;

const get = (url: string, authorization?: string) =>
  t.app.inject({ method: "GET", url, headers: authorization ? { authorization } : {} });

async function pdfText(body: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(body));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text: text.replace(/\s+/g, " "), pages: totalPages };
}

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  admin = await adminActor(t.platform);
  editor = await createUserWithToken(t.platform, "editor");
  member = await createUserWithToken(t.platform, "member");
  // Six Kitas in Celle (a figure of 6 shows), one Grundschule in Bergen (1 shows as "< 5").
  const kitas = [];
  for (let i = 1; i <= 6; i++) {
    kitas.push(
      await makeOrg(t.platform, admin, {
        name: `Kita Regenbogen ${i}`,
        kind: "kita",
        areas: ["fruehkindlich"],
        municipality: "Celle",
      }),
    );
  }
  const school = await makeOrg(t.platform, admin, {
    name: "Grundschule Bergen",
    kind: "grundschule",
    areas: ["schule"],
    municipality: "Bergen",
  });
  for (const kita of kitas) {
    await createCooperation(t.platform, admin, {
      title: `Übergang ${kita.name}`,
      kind: "uebergang_kita_grundschule",
      organisationIds: [kita.id, school.id],
      startsOn: "2025-02-01",
    });
  }
  const a = await fachtagOn(t.platform, "2025-03-10", { createdBy: editor.id });
  await addPeople(
    t.platform,
    a.id,
    Array.from({ length: 7 }, (_, i) => ({
      present: i < 5,
      kind: "kita",
      municipality: "Celle",
      lastName: `Vertraulich${i}`,
    })),
  );
  const b = await fachtagOn(t.platform, "2024-03-10");
  await addPeople(t.platform, b.id, [{ present: true, municipality: "Eschede", lastName: "Einzelperson" }]);
  // A Fachtag run without check-in: its six confirmed people are its participants.
  const c = await fachtagOn(t.platform, "2023-09-20");
  await addPeople(
    t.platform,
    c.id,
    Array.from({ length: 6 }, () => ({ kind: "grundschule", municipality: "Bergen" })),
  );
}, 60_000);
afterAll(async () => t?.close());

describe("the dashboard page", () => {
  it("shows the period's figures, the comparison, every municipality and the charts with their tables", async () => {
    const res = await get("/verwaltung/berichte?year=2025", admin.authorization);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    const html = res.body;
    expect(html).toContain("Zeitraum: Jahr 2025");
    expect(html).toContain("gegenüber Jahr 2024");
    // 7 registrations against 1 the year before: +600 %.
    expect(html).toContain("+600 % gegenüber Jahr 2024");
    expect(html).toContain("Eschede");
    expect(html).toContain("Wienhausen");
    expect(html).toMatch(/<svg class="bar-chart" role="img"/);
    expect(html).toContain("/verwaltung/berichte/tabelle/gemeinde.csv?year=2025");
    expect(html).toContain('href="/verwaltung/berichte/bericht.pdf?year=2025"');
    expect(html).not.toContain("<script>");
  });

  it("keeps the filters in the address and says in German what is wrong with a bad one (422)", async () => {
    const res = await get("/verwaltung/berichte?year=2025&municipality=Atlantis&from=2025-02-30", admin.authorization);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte eine Gemeinde aus der Liste wählen.");
    expect(res.body).toContain("Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.");
    // The valid part still applies.
    expect(res.body).toContain("Zeitraum: Jahr 2025");
    const range = await get("/verwaltung/berichte?from=2025-03-01&to=2025-03-31", admin.authorization);
    expect(range.statusCode).toBe(200);
    expect(range.body).toContain("Zeitraum: 01.03.2025 bis 31.03.2025");
  });

  it("is closed to members and the public", async () => {
    expect((await get("/verwaltung/berichte", member.authorization)).statusCode).toBe(403);
    expect((await get("/verwaltung/berichte")).statusCode).toBe(401);
    expect((await get("/verwaltung/berichte/bericht.pdf", member.authorization)).statusCode).toBe(403);
    expect((await get("/verwaltung/berichte/tabelle/gemeinde.csv", member.authorization)).statusCode).toBe(403);
  });
});

describe("exports", () => {
  it("sends every table as CSV (Excel-ready) and XLSX", async () => {
    const csv = await get("/verwaltung/berichte/tabelle/gemeinde.csv?year=2025", admin.authorization);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Gemeinde;Teilnehmende");
    expect(csv.body).toContain("Celle;5"); // the five present of seven confirmed
    expect(csv.body).toContain("Eschede;0");
    const xlsx = await get("/verwaltung/berichte/tabelle/art.xlsx?year=2025", admin.authorization);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect((await get("/verwaltung/berichte/tabelle/unbekannt.csv", admin.authorization)).statusCode).toBe(404);
  });

  it("sends the whole report as an A4 PDF in German with district, period and page numbers", async () => {
    const res = await get("/verwaltung/berichte/bericht.pdf?year=2025", admin.authorization);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const { text, pages } = await pdfText(res.rawPayload);
    expect(text).toContain("Landkreis Celle");
    expect(text).toContain("Bericht Bildungsnetz – Jahr 2025");
    expect(text).toContain("Teilnehmende nach Gemeinde");
    expect(text).toContain("Wienhausen");
    expect(text).toContain(`Seite 1 von ${pages}`);
    expect(text).toContain("+600 % gegenüber Jahr 2024");
  });
});

describe("GET /api/v1/reports/summary", () => {
  it("answers the contract for the education office", async () => {
    const res = await get("/api/v1/reports/summary?from=2025-01-01&to=2025-12-31", admin.authorization);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      events: 1,
      registrations: { total: 7, confirmed: 7, present: 5, noShow: 2, waitlistOnly: 0, participants: 5 },
      participantsByKind: { kita: 5 },
      participantsByMunicipality: { Celle: 5, Eschede: 0 },
      organisations: 7,
      cooperations: { active: 6, started: 6, startedAtFachtag: 0 },
      posts: { total: 0, done: 0, offer: 0, request: 0 },
    });
  });

  it("gives an editor only their own Fachtage, refuses members (403) and the public (401) before a bad query (422)", async () => {
    const own = await get("/api/v1/reports/summary?from=2024-01-01&to=2025-12-31", editor.authorization);
    expect(own.json()).toMatchObject({ events: 1, registrations: { total: 7 } });
    expect((await get("/api/v1/reports/summary", member.authorization)).statusCode).toBe(403);
    expect((await get("/api/v1/reports/summary")).statusCode).toBe(401);
    expect((await get("/api/v1/reports/summary?from=kaputt")).statusCode).toBe(401);
    expect((await get("/api/v1/reports/summary?from=2025-13-01", admin.authorization)).statusCode).toBe(422);
    expect((await get("/api/v1/reports/summary?from=2025-05-01&to=2025-01-01", admin.authorization)).statusCode).toBe(
      422,
    );
  });
});

describe("the public figures", () => {
  it("/zahlen shows the landscape without any name and without any figure below 5", async () => {
    const res = await get("/zahlen");
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("Zahlen zur Bildungslandschaft");
    for (const name of ["Vertraulich", "Einzelperson", "Erika", "Regenbogen", "Grundschule Bergen"]) {
      expect(html).not.toContain(name);
    }
    const cells = [...html.matchAll(/<td[^>]*kern-table__cell--numeric[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells.length).toBeGreaterThan(20);
    for (const cell of cells) expect(cell === "&lt; 5" || Number(cell) >= 5).toBe(true);
    expect(cells).toContain("6");
    expect(cells).toContain("&lt; 5");
  });

  it("/api/v1/figures gives the same figures as JSON, open to other sites", async () => {
    const res = await get("/api/v1/figures");
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    const body = res.json();
    expect(body.organisations).toBe(7);
    expect(body.cooperations).toBe(6);
    expect(body.organisationsByArea.find((r: { key: string }) => r.key === "fruehkindlich")).toMatchObject({
      label: "Frühkindliche Bildung",
      value: 6,
    });
    expect(body.organisationsByArea.find((r: { key: string }) => r.key === "schule").value).toBe("< 5");
    expect(body.years).toEqual([
      { year: 2023, events: "< 5", participants: 6 },
      { year: 2024, events: "< 5", participants: "< 5" },
      { year: 2025, events: "< 5", participants: 5 },
    ]);
    const numbers = JSON.stringify(body).match(/:(\d+)[,}]/g) ?? [];
    for (const n of numbers) {
      const value = Number(n.slice(1, -1));
      expect(value >= 5).toBe(true);
    }
    expect(JSON.stringify(body)).not.toMatch(/Vertraulich|Einzelperson|Regenbogen/);
  });
});

describe("one definition of Teilnehmende", () => {
  // /zahlen's table "Fachtage und Teilnehmende je Jahr": the cell after the year and its events.
  const zahlenParticipants = (html: string, year: number) => {
    const row = html.match(new RegExp(`<tr[^>]*>\\s*<t[hd][^>]*>${year}</t[hd]>(.*?)</tr>`, "s"))?.[1] ?? "";
    return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])[1];
  };

  it("the archive and /zahlen show the same number for the same Fachtag: present with check-in, else confirmed", async () => {
    const archive = (await get("/fachtage/archiv")).body;
    const zahlen = (await get("/zahlen")).body;
    // 10.03.2025: 7 confirmed, 5 checked in.
    expect(archive).toContain("5 Teilnehmende (anwesend; 7 angemeldet)");
    expect(zahlenParticipants(zahlen, 2025)).toBe("5");
    // 20.09.2023, without check-in: its 6 confirmed.
    expect(archive).toContain("6 Teilnehmende");
    expect(zahlenParticipants(zahlen, 2023)).toBe("6");
    // The dashboard and the summary API count the same.
    const summary = (await get("/api/v1/reports/summary?from=2023-01-01&to=2023-12-31", admin.authorization)).json();
    expect(summary.registrations).toMatchObject({ confirmed: 6, present: 0, participants: 6 });
    const csv = (await get("/verwaltung/berichte/tabelle/jahre.csv?year=2025", admin.authorization)).body;
    expect(csv).toContain("Jahr;Fachtage;Bestätigt;Anwesend;Teilnehmende");
    expect(csv).toContain("2025;1;7;5;5");
  });
});

describe("the OpenAPI document", () => {
  it("describes the summary (bearer) and the public figures", async () => {
    const doc = (await t.app.inject("/api/v1/openapi.json")).json();
    const summary = doc.paths["/api/v1/reports/summary"]?.get;
    expect(summary.tags).toEqual(["Berichte"]);
    expect(summary.parameters.map((p: { name: string }) => p.name).sort()).toEqual(["from", "to"]);
    const figures = doc.paths["/api/v1/figures"]?.get;
    expect(figures.summary).toContain("Werte unter 5");
  });
});
