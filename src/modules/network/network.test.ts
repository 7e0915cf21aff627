import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { anonymous, type UserActor } from "../../platform/auth/actor.js";
import { createOrganisation, inputFromApi, linkMemberByEmail } from "../directory/index.js";
import { cooperationItemsForProfile } from "./cooperations.service.js";
import { tinyPdf } from "./demo.js";
import { addMeeting } from "./networks.service.js";
import { meetingForm } from "./schema.js";

let t: TestApp;
let admin: Awaited<ReturnType<typeof createUserWithToken>>;
let adminActor: UserActor;
const org: Record<string, string> = {};
/** A member of Kita Sonnenschein (token for the API, password for pages). */
let kitaMember: { id: string; email: string; password: string; authorization: string };
/** A member of Grundschule Am Park. */
let schoolMember: { id: string; email: string; password: string; authorization: string };
let editor: Awaited<ReturnType<typeof createUserWithToken>>;

async function tokenFor(userId: string): Promise<string> {
  const { createApiToken } = await import("../../platform/auth/api-tokens.js");
  const { token } = await createApiToken(t.platform.db.kysely, userId, "Test");
  return `Bearer ${token}`;
}

async function makeOrg(key: string, name: string, kind: string, areas: string[], municipality: string) {
  const view = await createOrganisation(
    t.platform,
    adminActor,
    inputFromApi({ name, kind, areas, municipality } as Parameters<typeof inputFromApi>[0]),
  );
  org[key] = view.id;
}

const countCooperations = async () =>
  Number(
    (
      await t.platform.db.kysely
        .selectFrom("cooperations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const post = (url: string, payload: unknown, authorization?: string) =>
  t.app.inject({
    method: "POST",
    url,
    payload: payload as Record<string, unknown>,
    headers: authorization ? { authorization } : {},
  });

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUserWithToken(t.platform, "admin");
  editor = await createUserWithToken(t.platform, "editor");
  adminActor = { kind: "user", id: admin.id, email: admin.email, name: "Admin", role: "admin", via: "token" };
  await makeOrg("kita", "Kita Sonnenschein", "kita", ["fruehkindlich"], "Celle");
  await makeOrg("kita2", "Kita Regenbogen", "kita", ["fruehkindlich"], "Bergen");
  await makeOrg("gs", "Grundschule Am Park", "grundschule", ["schule"], "Celle");
  await makeOrg("obs", "Oberschule Celle", "oberschule", ["schule"], "Celle");
  await makeOrg("bbs", "BBS Celle", "berufsbildende_schule", ["beruflich", "uebergang_schule_beruf"], "Celle");
  await makeOrg("vhs", "VHS Celle", "erwachsenenbildung", ["weiterbildung"], "Celle");
  const k = await createUser(t.platform, { role: "member" });
  const s = await createUser(t.platform, { role: "member" });
  await linkMemberByEmail(t.platform, adminActor, org.kita!, k.email);
  await linkMemberByEmail(t.platform, adminActor, org.gs!, s.email);
  kitaMember = { ...k, authorization: await tokenFor(k.id) };
  schoolMember = { ...s, authorization: await tokenFor(s.id) };
});
afterAll(async () => t?.close());

describe("recording cooperations through the API", () => {
  it("an admin's cooperation is confirmed at once and counted in the analysis", async () => {
    const res = await post(
      "/api/v1/cooperations",
      {
        title: "Berufsorientierung Oberschule und BBS",
        kind: "vereinbarung",
        organisationIds: [org.obs, org.bbs, org.vhs],
        startsOn: "2024-03-01",
      },
      admin.authorization,
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      title: "Berufsorientierung Oberschule und BBS",
      kind: "vereinbarung",
      startsOn: "2024-03-01",
      endsOn: null,
      originEventId: null,
      status: "active",
      confirmed: true,
    });
    expect(body.organisationIds.sort()).toEqual([org.obs, org.bbs, org.vhs].sort());
    expect(res.headers.location).toBe(`/api/v1/cooperations/${body.id}`);

    const analysis = (await t.app.inject("/api/v1/network/analysis")).json();
    // 6 organisations, one cooperation of three: 3 edges, density 2·3 / (6·5) = 0.2
    expect(analysis).toMatchObject({ organisations: 6, cooperations: 1, density: 0.2, components: 4 });
    expect(analysis.isolated.sort()).toEqual([org.kita, org.kita2, org.gs].sort());
    expect(analysis.gaps).toEqual(
      expect.arrayContaining([
        { organisationId: org.kita, kind: "kita_ohne_grundschule" },
        { organisationId: org.kita2, kind: "kita_ohne_grundschule" },
      ]),
    );
    expect(analysis.gaps.some((g: { organisationId: string }) => g.organisationId === org.obs)).toBe(false);
    expect(analysis.areaLinks).toContainEqual({ from: "schule", to: "beruflich", count: 1 });
  });

  it("a member's cooperation waits for the other side and is not public until confirmed", async () => {
    const res = await post(
      "/api/v1/cooperations",
      {
        title: "Übergang Sonnenschein – Am Park",
        kind: "uebergang_kita_grundschule",
        organisationIds: [org.kita, org.gs],
        startsOn: "2024-08-01",
      },
      kitaMember.authorization,
    );
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.confirmed).toBe(false);
    expect(created.partners).toEqual(
      expect.arrayContaining([
        { organisationId: org.kita, name: "Kita Sonnenschein", confirmed: true },
        { organisationId: org.gs, name: "Grundschule Am Park", confirmed: false },
      ]),
    );
    // not public, not counted
    expect((await t.app.inject(`/api/v1/cooperations/${created.id}`)).statusCode).toBe(404);
    const list = (await t.app.inject("/api/v1/cooperations")).json();
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(created.id);
    expect((await t.app.inject("/api/v1/network/analysis")).json().cooperations).toBe(1);
    // the admin sees it
    const adminList = (
      await t.app.inject({ url: "/api/v1/cooperations", headers: { authorization: admin.authorization } })
    ).json();
    expect(adminList.items.map((c: { id: string }) => c.id)).toContain(created.id);

    // the school's representative confirms on the confirmation page (session, CSRF, no JavaScript)
    const browser = new Browser(t.app);
    await signIn(browser, schoolMember.email, schoolMember.password);
    const page = await browser.get("/verwaltung/kooperationen/bestaetigen");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Übergang Sonnenschein – Am Park");
    const confirmed = await browser.submit(
      "/verwaltung/kooperationen/bestaetigen",
      "/verwaltung/kooperationen/bestaetigen",
      {
        cooperationId: created.id,
        organisationId: org.gs!,
        action: "confirm",
      },
    );
    expect(confirmed.statusCode).toBe(303);
    expect((await t.app.inject(`/api/v1/cooperations/${created.id}`)).json().confirmed).toBe(true);
    const analysis = (await t.app.inject("/api/v1/network/analysis")).json();
    expect(analysis.cooperations).toBe(2);
    expect(analysis.gaps).not.toContainEqual({ organisationId: org.kita, kind: "kita_ohne_grundschule" });
    // confirming twice is a conflict, not an error page with 500
    const again = await browser.submit(
      "/verwaltung/kooperationen/bestaetigen",
      "/verwaltung/kooperationen/bestaetigen",
      {
        cooperationId: created.id,
        organisationId: org.gs!,
        action: "confirm",
      },
    );
    expect(again.statusCode).toBe(409);
    // the profile section lists it for both organisations, each with the other as partner
    expect(
      (await cooperationItemsForProfile(t.platform, anonymous, org.kita!, "de")).items.map((c) => c.url),
    ).toContain(`/kooperationen/${created.id}`);
    expect((await cooperationItemsForProfile(t.platform, anonymous, org.gs!, "de")).items).toContainEqual({
      title: "Übergang Sonnenschein – Am Park",
      kindLabel: "Übergangskooperation Kita–Grundschule",
      partners: [{ name: "Kita Sonnenschein", slug: expect.any(String) }],
      period: "seit 01.08.2024",
      url: `/kooperationen/${created.id}`,
    });
  });

  it("a member cannot record a cooperation only between other organisations", async () => {
    const before = await countCooperations();
    const res = await post(
      "/api/v1/cooperations",
      { title: "Fremd", kind: "projekt", organisationIds: [org.obs, org.bbs], startsOn: "2024-01-01" },
      kitaMember.authorization,
    );
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().detail).toContain("nur für Organisationen erfassen, die Sie vertreten");
    expect(await countCooperations()).toBe(before);
  });

  it("anonymous users and editors cannot record cooperations", async () => {
    const body = { title: "X", kind: "projekt", organisationIds: [org.obs, org.bbs], startsOn: "2024-01-01" };
    expect((await post("/api/v1/cooperations", body)).statusCode).toBe(401);
    expect((await post("/api/v1/cooperations", body, editor.authorization)).statusCode).toBe(403);
    const browser = new Browser(t.app);
    expect((await browser.get("/kooperationen/neu")).statusCode).toBe(401);
  });

  it.each([
    ["fewer than two organisations", { organisationIds: ["a"] }, "mindestens zwei"],
    ["the same organisation twice", { organisationIds: ["same", "same"] }, "mindestens zwei"],
    ["an unknown kind", { kind: "freundschaft" }, "angebotenen Arten"],
    ["an end before the start", { startsOn: "2024-05-01", endsOn: "2024-04-30" }, "nicht vor dem Beginn"],
    ["an impossible date", { startsOn: "2024-02-30" }, "Dieses Datum gibt es nicht"],
    ["a month 13", { startsOn: "2024-13-01" }, "Dieses Datum gibt es nicht"],
    ["a year outside 2000–2100", { startsOn: "0001-01-01" }, "zwischen 01.01.2000 und 31.12.2100"],
    ["an impossible end", { endsOn: "2025-02-29" }, "Dieses Datum gibt es nicht"],
  ])("rejects %s with a German 422 problem and writes nothing", async (_name, patch, message) => {
    const before = await countCooperations();
    const res = await post(
      "/api/v1/cooperations",
      { title: "Test", kind: "projekt", organisationIds: [org.obs, org.bbs], startsOn: "2024-01-01", ...patch },
      admin.authorization,
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().detail).toContain(message);
    expect(await countCooperations()).toBe(before);
  });

  it("rejects unknown organisations and events with 422", async () => {
    const unknownOrg = await post(
      "/api/v1/cooperations",
      { title: "T", kind: "projekt", organisationIds: [org.obs, "gibt-es-nicht"], startsOn: "2024-01-01" },
      admin.authorization,
    );
    expect(unknownOrg.statusCode).toBe(422);
    expect(unknownOrg.json().errors).toEqual([
      { field: "organisationIds", message: "Mindestens eine der gewählten Organisationen gibt es nicht." },
    ]);
    const unknownEvent = await post(
      "/api/v1/cooperations",
      { title: "T", kind: "projekt", organisationIds: [org.obs, org.bbs], startsOn: "2024-01-01", originEventId: "x" },
      admin.authorization,
    );
    expect(unknownEvent.statusCode).toBe(422);
  });

  it("lists the kinds in the OpenAPI document and documents the component choice", async () => {
    const doc = (await t.app.inject("/api/v1/openapi.json")).json();
    const text = JSON.stringify(doc.paths["/api/v1/cooperations"]);
    for (const kind of ["vereinbarung", "projekt", "uebergang_kita_grundschule", "schule_unternehmen", "netzwerk"]) {
      expect(text).toContain(kind);
    }
    expect(JSON.stringify(doc.paths["/api/v1/network/analysis"])).toContain("eigene Komponente");
  });
});

describe("cooperation pages", () => {
  it("shows German messages beside the fields for bad form input, and stores nothing", async () => {
    const browser = new Browser(t.app);
    await signIn(browser, kitaMember.email, kitaMember.password);
    const before = await countCooperations();
    const res = await browser.submit("/kooperationen/neu", "/kooperationen/neu", {
      title: "",
      kind: "unbekannt",
      organisationIds: [org.kita!],
      startsOn: "2024-05-01",
      endsOn: "2024-04-01",
      status: "active",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte füllen Sie dieses Feld aus.");
    expect(res.body).toContain("Bitte wählen Sie eine der angebotenen Arten der Kooperation.");
    expect(res.body).toContain("Bitte wählen Sie mindestens zwei verschiedene Organisationen.");
    expect(res.body).toContain("Das Ende darf nicht vor dem Beginn liegen.");
    expect(res.body).toContain('aria-invalid="true"');
    expect(await countCooperations()).toBe(before);
  });

  it("lets a member record, edit and end a cooperation of their organisation", async () => {
    const browser = new Browser(t.app);
    await signIn(browser, kitaMember.email, kitaMember.password);
    const created = await browser.submit("/kooperationen/neu", "/kooperationen/neu", {
      title: "Lesepatenschaft",
      kind: "projekt",
      organisationIds: [org.kita!, org.vhs!],
      startsOn: "2025-01-15",
      status: "active",
      themes: "Lesen, Sprache",
      origin: "Fachtag Migrationsbedingte Vielfalt in der Bildung (23.02.2024)",
    });
    expect(created.statusCode).toBe(303);
    const url = String(created.headers.location);
    const detail = await browser.get(url);
    expect(detail.body).toContain("Lesepatenschaft");
    expect(detail.body).toContain("Bestätigung ausstehend");
    expect(detail.body).toContain("Fachtag Migrationsbedingte Vielfalt");
    // public: not visible until the VHS confirms
    expect((await t.app.inject(url)).statusCode).toBe(404);

    const edited = await browser.submit(`${url}/bearbeiten`, `${url}/bearbeiten`, {
      title: "Lesepatenschaften 2025",
      kind: "projekt",
      organisationIds: [org.kita!, org.vhs!],
      startsOn: "2025-01-15",
      status: "active",
    });
    expect(edited.statusCode).toBe(303);
    const ended = await browser.submit(url, `${url}/beenden`, {});
    expect(ended.statusCode).toBe(303);
    const after = await browser.get(url);
    expect(after.body).toContain("Lesepatenschaften 2025");
    expect(after.body).toContain("Beendet");

    // another member may not edit it
    const other = new Browser(t.app);
    await signIn(other, schoolMember.email, schoolMember.password);
    expect((await other.get(`${url}/bearbeiten`)).statusCode).toBe(403);
  });

  it("declining as the only other partner removes the cooperation", async () => {
    const res = await post(
      "/api/v1/cooperations",
      { title: "Zu viel", kind: "sonstige", organisationIds: [org.kita, org.gs], startsOn: "2024-01-01" },
      kitaMember.authorization,
    );
    const id = res.json().id;
    const browser = new Browser(t.app);
    await signIn(browser, schoolMember.email, schoolMember.password);
    const declined = await browser.submit(
      "/verwaltung/kooperationen/bestaetigen",
      "/verwaltung/kooperationen/bestaetigen",
      {
        cooperationId: id,
        organisationId: org.gs!,
        action: "decline",
      },
    );
    expect(declined.statusCode).toBe(303);
    expect(
      (await t.app.inject({ url: `/api/v1/cooperations/${id}`, headers: { authorization: admin.authorization } }))
        .statusCode,
    ).toBe(404);
  });

  it("a member cannot confirm for an organisation they do not represent", async () => {
    const res = await post(
      "/api/v1/cooperations",
      { title: "Fremdbestätigung", kind: "projekt", organisationIds: [org.kita, org.bbs], startsOn: "2024-01-01" },
      kitaMember.authorization,
    );
    const browser = new Browser(t.app);
    await signIn(browser, schoolMember.email, schoolMember.password);
    const attempt = await browser.submit(
      "/verwaltung/kooperationen/bestaetigen",
      "/verwaltung/kooperationen/bestaetigen",
      {
        cooperationId: res.json().id,
        organisationId: org.bbs!,
        action: "confirm",
      },
    );
    expect(attempt.statusCode).toBe(403);
  });

  it("lists public cooperations with filters", async () => {
    const res = await t.app.inject("/kooperationen?art=vereinbarung");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Berufsorientierung Oberschule und BBS");
    expect(res.body).not.toContain("Übergang Sonnenschein – Am Park");
    expect(res.body).toContain("<caption");
  });
});

describe("graph and analysis pages", () => {
  it("renders the graph as SVG with a table and a text summary", async () => {
    const res = await t.app.inject("/netzwerk");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg class="network-graph"');
    expect(res.body).toMatch(/6 Organisationen, 2 Kooperationen, 1 ohne Kooperation/);
    expect(res.body).toContain("Organisationen und ihre Kooperationspartner");
    expect(res.body).toContain('src="/assets/network.js?v=');
    expect(res.body).not.toMatch(/<script(?![^>]*src=)/);
    expect(res.body).not.toContain("style=");
  });

  it("filters the graph by area and municipality", async () => {
    const res = await t.app.inject("/netzwerk?bereich=fruehkindlich&gemeinde=Bergen");
    expect(res.body).toContain("1 Organisationen, 0 Kooperationen");
    expect(res.body).toContain("Kita Regenbogen");
    expect(res.body).not.toContain("Kita Sonnenschein</a>");
  });

  it("ignores unknown filter values instead of failing", async () => {
    const res = await t.app.inject("/netzwerk?art=%3Cscript%3E&seite=-4&anordnung=zufall");
    expect(res.statusCode).toBe(200);
  });

  it("names the connected organisations without hovering and offers a force-directed layout", async () => {
    const nodesOf = (body: string) =>
      [...body.matchAll(/<path class="node-shape[^"]*" d="M([\d.-]+),([\d.-]+)/g)].map((m) => `${m[1]},${m[2]}`);
    const areas = await t.app.inject("/netzwerk");
    const fixed = [...areas.body.matchAll(/<text class="node-label node-label--fixed"[^>]*>([^<]+)</g)].map(
      (m) => m[1],
    );
    // the four organisations with a partner are named; those without appear on hover only
    expect(fixed.sort()).toEqual([
      "BBS Celle",
      "Grundschule Am Park",
      "Kita Sonnenschein",
      "Oberschule Celle",
      "VHS Celle",
    ]);
    expect(areas.body).toMatch(/<text class="node-label" [^>]*>Kita Regenbogen</);
    expect(areas.body).toMatch(/<select[^>]*name="anordnung"/);
    const forces = await t.app.inject("/netzwerk?anordnung=kraefte");
    expect(forces.statusCode).toBe(200);
    expect(forces.body).toMatch(/<option value="kraefte" selected/);
    expect(nodesOf(forces.body)).not.toEqual(nodesOf(areas.body));
    // computed on the server, the same every time
    expect(nodesOf((await t.app.inject("/netzwerk?anordnung=kraefte")).body)).toEqual(nodesOf(forces.body));
    // the table and the summary stay
    expect(forces.body).toContain("Organisationen und ihre Kooperationspartner");
    expect(forces.body).toMatch(/6 Organisationen, 2 Kooperationen/);
    // the chosen layout is kept when paging the table
    expect(forces.body).not.toContain('value="bereiche" selected');
  });

  it("shows the analysis with matrix, gaps and growth", async () => {
    const res = await t.app.inject("/netzwerk/analyse");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Verbindungen zwischen den Bildungsbereichen");
    expect(res.body).toContain('scope="row"');
    expect(res.body).toContain("Kita ohne kooperierende Grundschule");
    expect(res.body).toContain("Kita Regenbogen");
    expect(res.body).toContain("Entwicklung: laufende Kooperationen je Quartal");
  });

  it("downloads the analysis as CSV for Excel", async () => {
    const res = await t.app.inject("/netzwerk/analyse.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("attachment");
    expect(res.body.startsWith("\uFEFFAbschnitt;Schlüssel;Bezeichnung;Wert;Wert 2\r\n")).toBe(true);
    expect(res.body).toContain("Kennzahl;organisationen;Organisationen;6;");
    expect(res.body).toContain(`Lücke;${org.kita2};Kita Regenbogen;kita_ohne_grundschule;Bergen`);
  });
});

function multipart(fields: Record<string, string>, file?: { name: string; filename: string; data: Buffer }) {
  const boundary = "----bn-test-boundary";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("networks and meetings", () => {
  let browser: Browser;
  let slug: string;
  beforeAll(async () => {
    const user = await createUser(t.platform, { role: "admin" });
    browser = new Browser(t.app);
    await signIn(browser, user.email, user.password);
    const res = await browser.submit("/netzwerke/neu", "/netzwerke/neu", {
      name: "Arbeitskreis Übergang Kita–Grundschule Celle (Test)",
      purpose: "Abstimmung des Übergangs",
      coordinatorId: org.vhs!,
      memberIds: [org.kita!, org.gs!],
      visibility: "public",
    });
    expect(res.statusCode).toBe(303);
    slug = String(res.headers.location).replace("/netzwerke/", "");
  });

  const upload = async (
    file?: { filename: string; data: Buffer },
    fields = { startsAt: "2025-05-14T10:00" },
    as: Browser = browser,
  ) => {
    const page = await as.get(`/netzwerke/${slug}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const body = multipart(
      { ...fields, place: "Kreishaus", agenda: "Termine", _csrf: token },
      file ? { name: "minutes", ...file } : undefined,
    );
    return t.app.inject({
      method: "POST",
      url: `/netzwerke/${slug}/treffen`,
      headers: { cookie: as.cookieHeader(), "content-type": body.contentType },
      payload: body.payload,
    });
  };
  const countMeetings = async () =>
    (await t.platform.db.kysely.selectFrom("network_meetings").select("id").execute()).length;

  it("shows the network with its members", async () => {
    const res = await t.app.inject(`/netzwerke/${slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Kita Sonnenschein");
    expect(res.body).toContain("VHS Celle");
  });

  it("rejects minutes that are not PDF, DOCX or ODT, beside the field, and stores nothing", async () => {
    const before = await countMeetings();
    const res = await upload({ filename: "protokoll.pdf", data: Buffer.from("Das ist kein PDF, nur Text.") });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Das Protokoll muss ein PDF-, DOCX- oder ODT-Dokument sein.");
    expect(await countMeetings()).toBe(before);
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    expect((await upload({ filename: "bild.png", data: png })).statusCode).toBe(422);
  });

  it("rejects a meeting without a date", async () => {
    const res = await upload(undefined, { startsAt: "" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte füllen Sie dieses Feld aus.");
  });

  it("stores a PDF as minutes and serves it with its German file name", async () => {
    const res = await upload({ filename: "Protokoll Übergänge.pdf", data: tinyPdf(["Protokoll"]) });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject(`/netzwerke/${slug}`);
    const link = /href="(\/netzwerke\/[^"]+\/protokoll)"/.exec(page.body)?.[1];
    expect(link).toBeDefined();
    const file = await t.app.inject(link!);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.headers["content-disposition"]).toContain("filename*=UTF-8''Protokoll%20%C3%9Cberg%C3%A4nge.pdf");
  });

  it("members and anonymous users cannot create networks or add meetings", async () => {
    const member = new Browser(t.app);
    await signIn(member, kitaMember.email, kitaMember.password);
    expect((await member.get("/netzwerke/neu")).statusCode).toBe(403);
    expect((await t.app.inject("/netzwerke/neu")).statusCode).toBe(401);
    // the posts themselves are refused and store nothing, valid or not
    const networks = async () => (await t.platform.db.kysely.selectFrom("networks").select("id").execute()).length;
    const beforeNetworks = await networks();
    const created = await member.submit(`/netzwerke/${slug}`, "/netzwerke/neu", {
      name: "Netzwerk eines Mitglieds",
      visibility: "public",
    });
    expect(created.statusCode).toBe(403);
    expect((await member.submit(`/netzwerke/${slug}`, "/netzwerke/neu", { name: "" })).statusCode).toBe(403);
    expect(await networks()).toBe(beforeNetworks);
    const beforeMeetings = await countMeetings();
    const meeting = await upload({ filename: "protokoll.pdf", data: tinyPdf(["Fremd"]) }, undefined, member);
    expect(meeting.statusCode).toBe(403);
    expect((await upload(undefined, { startsAt: "" }, member)).statusCode).toBe(403);
    // anonymous: refused (401, or 403 already at the CSRF check for want of a session)
    expect([401, 403]).toContain((await upload(undefined, undefined, new Browser(t.app))).statusCode);
    expect(await countMeetings()).toBe(beforeMeetings);
  });

  it("stores meeting times typed in Berlin as UTC, in summer and in winter time", async () => {
    const startOf = async (startsAt: string) => {
      await addMeeting(t.platform, adminActor, slug, meetingForm.parse({ startsAt, place: startsAt }));
      const row = await t.platform.db.kysely
        .selectFrom("network_meetings")
        .select("starts_at")
        .where("place", "=", startsAt)
        .executeTakeFirstOrThrow();
      return row.starts_at;
    };
    expect(await startOf("2025-07-10T09:30")).toBe("2025-07-10T07:30:00.000Z"); // CEST, UTC+2
    expect(await startOf("2025-01-15T09:30")).toBe("2025-01-15T08:30:00.000Z"); // CET, UTC+1
    // the night of the change: before it still winter time, after it summer time
    expect(await startOf("2025-03-30T01:30")).toBe("2025-03-30T00:30:00.000Z");
    expect(await startOf("2025-03-30T09:30")).toBe("2025-03-30T07:30:00.000Z");
    expect(await startOf("2025-10-26T09:30")).toBe("2025-10-26T08:30:00.000Z");
    const page = await t.app.inject(`/netzwerke/${slug}`);
    expect(page.body).toContain("10.07.2025, 09:30");
    expect(page.body).toContain("15.01.2025, 09:30");
  });

  it("hides internal networks from the public", async () => {
    const res = await browser.submit("/netzwerke/neu", "/netzwerke/neu", {
      name: "Interne Steuerungsgruppe",
      visibility: "internal",
    });
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    expect((await t.app.inject(url)).statusCode).toBe(404);
    expect((await t.app.inject("/netzwerke")).body).not.toContain("Interne Steuerungsgruppe");
    expect((await browser.get(url)).statusCode).toBe(200);
  });

  it("rejects a second network of the same name beside the field", async () => {
    const res = await browser.submit("/netzwerke/neu", "/netzwerke/neu", {
      name: "Interne Steuerungsgruppe",
      visibility: "weltweit",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte wählen Sie die Sichtbarkeit.");
  });
});
