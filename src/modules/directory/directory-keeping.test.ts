import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { UserActor } from "../../platform/auth/actor.js";
import { isMemberOf } from "./members.service.js";
import { adminActor, makeOrg } from "./test-fixtures.js";
import type { OrganisationView } from "./view-models.js";

// Who keeps the directory: admins everything, members only their own organisations,
// the public only proposes. Every change is logged; contacts are public only with consent.

let t: TestApp;
let admin: UserActor;
let own: OrganisationView;
let other: OrganisationView;
let adminBrowser: Browser;
let memberBrowser: Browser;
let editorBrowser: Browser;
let member: { id: string; email: string; password: string };

const editFields = (o: OrganisationView, overrides: Record<string, string | string[]> = {}) => ({
  name: o.name,
  kind: o.kind,
  areas: o.areas,
  municipality: o.municipality,
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminActor(t.platform);
  own = await makeOrg(t.platform, admin, { name: "Kita Eigene (Test)", kind: "kita", areas: ["fruehkindlich"] });
  other = await makeOrg(t.platform, admin, { name: "Schule Fremde (Test)", kind: "grundschule", areas: ["schule"] });

  const adminUser = await createUser(t.platform, { role: "admin" });
  member = await createUser(t.platform, { role: "member", name: "Mia Mitglied" });
  const editor = await createUser(t.platform, { role: "editor" });
  adminBrowser = new Browser(t.app);
  memberBrowser = new Browser(t.app);
  editorBrowser = new Browser(t.app);
  await signIn(adminBrowser, adminUser.email, adminUser.password);
  await signIn(memberBrowser, member.email, member.password);
  await signIn(editorBrowser, editor.email, editor.password);

  // The admin links the member to one organisation by e-mail.
  const linked = await adminBrowser.submit(
    `/verwaltung/akteure/${own.slug}/mitglieder`,
    `/verwaltung/akteure/${own.slug}/mitglieder`,
    { email: member.email.toUpperCase() },
  );
  expect(linked.statusCode).toBe(303);
});
afterAll(async () => t?.close());

describe("members keep only their own organisations", () => {
  it("links the member by e-mail", async () => {
    expect(await isMemberOf(t.platform.db.kysely, member.id, own.id)).toBe(true);
    expect(await isMemberOf(t.platform.db.kysely, member.id, other.id)).toBe(false);
    const page = await adminBrowser.get(`/verwaltung/akteure/${own.slug}/mitglieder`);
    expect(page.body).toContain("Mia Mitglied");
  });

  it("answers an unknown e-mail with a German message beside the field", async () => {
    const res = await adminBrowser.submit(
      `/verwaltung/akteure/${own.slug}/mitglieder`,
      `/verwaltung/akteure/${own.slug}/mitglieder`,
      { email: "niemand@example.org" },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Zu dieser E-Mail-Adresse gibt es kein Konto");
  });

  it("lets the member edit their organisation, and logs who changed what", async () => {
    const res = await memberBrowser.submit(`/akteure/${own.slug}/bearbeiten`, `/akteure/${own.slug}/bearbeiten`, {
      ...editFields(own),
      description: "Neue Beschreibung vom Mitglied",
      themes: "Sprachförderung, Bewegung",
    });
    expect(res.statusCode).toBe(303);
    const profile = await t.app.inject(`/akteure/${own.slug}`);
    expect(profile.body).toContain("Neue Beschreibung vom Mitglied");
    const log = await adminBrowser.get("/verwaltung/akteure/aenderungen?offen=1&mitglieder=1");
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain("Mia Mitglied");
    expect(log.body).toContain("Neue Beschreibung vom Mitglied");
    expect(log.body).toContain("Sprachförderung, Bewegung");
  });

  it("shows the member's organisations on /akteure/meine", async () => {
    const res = await memberBrowser.get("/akteure/meine");
    expect(res.body).toContain("Kita Eigene (Test)");
    expect(res.body).not.toContain("Schule Fremde (Test)");
  });

  it("forbids the member to edit another organisation (page and post)", async () => {
    expect((await memberBrowser.get(`/akteure/${other.slug}/bearbeiten`)).statusCode).toBe(403);
    const page = await memberBrowser.get(`/akteure/${own.slug}/bearbeiten`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const res = await memberBrowser.post(`/akteure/${other.slug}/bearbeiten`, {
      ...editFields(other, { name: "Gekapert" }),
      _csrf: token,
    });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject(`/akteure/${other.slug}`)).body).not.toContain("Gekapert");
  });

  it("forbids editors and anonymous visitors to edit", async () => {
    expect((await editorBrowser.get(`/akteure/${own.slug}/bearbeiten`)).statusCode).toBe(403);
    expect((await t.app.inject(`/akteure/${own.slug}/bearbeiten`)).statusCode).toBe(401);
    expect((await editorBrowser.get(`/akteure/${own.slug}/kontakte`)).statusCode).toBe(403);
    expect((await editorBrowser.get("/verwaltung/akteure")).statusCode).toBe(403);
    expect((await memberBrowser.get("/verwaltung/akteure/aenderungen")).statusCode).toBe(403);
    expect((await memberBrowser.get(`/verwaltung/akteure/${own.slug}/mitglieder`)).statusCode).toBe(403);
  });

  it("re-renders bad input with German messages beside the fields and saves nothing", async () => {
    const res = await memberBrowser.submit(`/akteure/${own.slug}/bearbeiten`, `/akteure/${own.slug}/bearbeiten`, {
      name: "",
      kind: "gibtsnicht",
      municipality: "Hannover",
      postalCode: "123",
      website: "keine url",
      lat: "99",
      lon: "10",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte füllen Sie dieses Feld aus.");
    expect(res.body).toContain("mindestens einen Bildungsbereich");
    expect(res.body).toContain("Gemeinde des Landkreises");
    expect(res.body).toContain("fünfstellige Postleitzahl");
    expect(res.body).toContain("Breitengrad in Deutschland");
    expect(res.body).toContain('aria-invalid="true"');
    expect((await t.app.inject(`/akteure/${own.slug}`)).body).toContain("Kita Eigene (Test)");
  });

  it("rejects an unknown kind id from the service with a message beside the field", async () => {
    const res = await memberBrowser.submit(`/akteure/${own.slug}/bearbeiten`, `/akteure/${own.slug}/bearbeiten`, {
      ...editFields(own, { kind: "gibtsnicht" }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte wählen Sie eine Art aus der Liste.");
  });

  it("lets the member add, edit and delete offers of their own organisation only", async () => {
    const created = await memberBrowser.submit(
      `/akteure/${own.slug}/angebote/neu`,
      `/akteure/${own.slug}/angebote/neu`,
      {
        title: "Vorlesestunde",
        kind: "programm",
        ongoing: "on",
        targetGroup: "Kinder",
      },
    );
    expect(created.statusCode).toBe(303);
    const offerUrl = String(created.headers.location);
    expect((await t.app.inject(offerUrl)).body).toContain("Vorlesestunde");
    expect((await t.app.inject("/angebote?q=vorlese")).body).toContain("Vorlesestunde");

    const bad = await memberBrowser.submit(`${offerUrl}/bearbeiten`, `${offerUrl}/bearbeiten`, {
      title: "Vorlesestunde",
      kind: "programm",
      ageFrom: "10",
      ageTo: "3",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Höchstalter");
    expect(bad.body).toContain("laufendes Angebot");

    expect((await memberBrowser.get(`/akteure/${other.slug}/angebote/neu`)).statusCode).toBe(403);
    expect((await editorBrowser.get(`${offerUrl}/bearbeiten`)).statusCode).toBe(403);

    const deleted = await memberBrowser.submit(offerUrl, `${offerUrl}/loeschen`, {});
    expect(deleted.statusCode).toBe(303);
    expect((await t.app.inject(offerUrl)).statusCode).toBe(404);
  });
});

describe("contacts are public only with recorded consent", () => {
  it("hides a contact without consent and shows one with consent and date", async () => {
    const url = `/akteure/${own.slug}/kontakte`;
    expect((await memberBrowser.submit(url, url, { name: "Ohne Einwilligung", function: "Leitung" })).statusCode).toBe(
      303,
    );
    expect(
      (
        await memberBrowser.submit(url, url, {
          name: "Mit Einwilligung",
          email: "mit@example.org",
          publicConsent: "on",
          consentDate: "2026-10-01",
        })
      ).statusCode,
    ).toBe(303);
    const publicProfile = await t.app.inject(`/akteure/${own.slug}`);
    expect(publicProfile.body).toContain("Mit Einwilligung");
    expect(publicProfile.body).not.toContain("Ohne Einwilligung");
    const keeperView = await memberBrowser.get(`/akteure/${own.slug}`);
    expect(keeperView.body).toContain("Ohne Einwilligung");
    expect(keeperView.body).toContain("nicht öffentlich");
  });

  it("requires the date when consent is ticked, and no date in the future", async () => {
    const url = `/akteure/${own.slug}/kontakte`;
    const missing = await memberBrowser.submit(url, url, { name: "X", publicConsent: "on" });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("wann die Person der Veröffentlichung zugestimmt hat");
    const future = await memberBrowser.submit(url, url, { name: "X", publicConsent: "on", consentDate: "2999-01-01" });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain("nicht in der Zukunft");
  });
});

describe("public proposals and the review queue", () => {
  const proposal = {
    name: "Vorgeschlagene Lernwerkstatt",
    kind: "sonstige",
    areas: ["non_formal"],
    municipality: "Wietze",
    proposerName: "Pia Public",
    proposerEmail: "pia@example.org",
  };

  it("lands in the queue and stays invisible until approved", async () => {
    const visitor = new Browser(t.app);
    const res = await visitor.submit("/akteure/vorschlagen", "/akteure/vorschlagen", proposal);
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject("/akteure?q=lernwerkstatt")).body).toContain("0 Akteure gefunden.");
    expect((await t.app.inject("/akteure/vorgeschlagene-lernwerkstatt")).statusCode).toBe(404);
    expect((await t.app.inject("/api/v1/organisations?q=lernwerkstatt")).json().total).toBe(0);

    const queue = await adminBrowser.get("/verwaltung/akteure/vorschlaege");
    expect(queue.body).toContain("Vorgeschlagene Lernwerkstatt");
    expect(queue.body).toContain("pia@example.org");
    expect((await memberBrowser.get("/verwaltung/akteure/vorschlaege")).statusCode).toBe(403);

    const row = await t.platform.db.kysely
      .selectFrom("organisations")
      .select(["id", "status"])
      .where("name", "=", proposal.name)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("proposed");
    // A member cannot approve.
    const memberPage = await memberBrowser.get("/akteure");
    const memberToken = /name="_csrf" value="([^"]+)"/.exec(memberPage.body)?.[1] ?? "";
    expect(
      (
        await memberBrowser.post(`/verwaltung/akteure/vorschlaege/${row.id}`, {
          decision: "approve",
          _csrf: memberToken,
        })
      ).statusCode,
    ).toBe(403);

    const approved = await adminBrowser.submit(
      "/verwaltung/akteure/vorschlaege",
      `/verwaltung/akteure/vorschlaege/${row.id}`,
      {
        decision: "approve",
      },
    );
    expect(approved.statusCode).toBe(303);
    expect((await t.app.inject("/akteure?q=lernwerkstatt")).body).toContain("1 Akteur gefunden.");
    // Deciding twice is a conflict, not a 500.
    const again = await adminBrowser.submit(
      "/verwaltung/akteure/vorschlaege",
      `/verwaltung/akteure/vorschlaege/${row.id}`,
      {
        decision: "reject",
      },
    );
    expect(again.statusCode).toBe(409);
  });

  it("keeps a rejected proposal invisible", async () => {
    const visitor = new Browser(t.app);
    await visitor.submit("/akteure/vorschlagen", "/akteure/vorschlagen", {
      ...proposal,
      name: "Abgelehnter Vorschlag",
    });
    const row = await t.platform.db.kysely
      .selectFrom("organisations")
      .select(["id", "slug"])
      .where("name", "=", "Abgelehnter Vorschlag")
      .executeTakeFirstOrThrow();
    await adminBrowser.submit("/verwaltung/akteure/vorschlaege", `/verwaltung/akteure/vorschlaege/${row.id}`, {
      decision: "reject",
    });
    expect((await t.app.inject(`/akteure/${row.slug}`)).statusCode).toBe(404);
  });

  it("shows German errors for an incomplete proposal and stores nothing", async () => {
    const before = await t.platform.db.kysely
      .selectFrom("organisations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const res = await new Browser(t.app).submit("/akteure/vorschlagen", "/akteure/vorschlagen", {
      name: "Nur ein Name",
      proposerEmail: "kaputt",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("gültige E-Mail-Adresse");
    expect(res.body).toContain("Bitte wählen Sie eine Art aus der Liste.");
    const after = await t.platform.db.kysely
      .selectFrom("organisations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("silently drops submissions that fill the hidden bot field", async () => {
    await new Browser(t.app).submit("/akteure/vorschlagen", "/akteure/vorschlagen", {
      ...proposal,
      name: "Bot-Eintrag",
      homepage: "http://spam.example",
    });
    const row = await t.platform.db.kysely
      .selectFrom("organisations")
      .select("id")
      .where("name", "=", "Bot-Eintrag")
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe("back office", () => {
  it("lets admins create organisations and extend the kind list; others may not", async () => {
    const kind = await adminBrowser.submit("/verwaltung/akteure/arten", "/verwaltung/akteure/arten", {
      id: "musikschule",
      labelDe: "Musikschule",
      labelEn: "Music school",
    });
    expect(kind.statusCode).toBe(303);
    const badKind = await adminBrowser.submit("/verwaltung/akteure/arten", "/verwaltung/akteure/arten", {
      id: "Müsik Schule",
      labelDe: "",
      labelEn: "x",
    });
    expect(badKind.statusCode).toBe(422);
    expect(badKind.body).toContain("Kleinbuchstaben");
    const dup = await adminBrowser.submit("/verwaltung/akteure/arten", "/verwaltung/akteure/arten", {
      id: "kita",
      labelDe: "Doppelt",
      labelEn: "Double",
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain("Diese Kennung gibt es schon.");
    const memberPage = await memberBrowser.get("/akteure");
    const token = /name="_csrf" value="([^"]+)"/.exec(memberPage.body)?.[1] ?? "";
    expect(
      (await memberBrowser.post("/verwaltung/akteure/arten", { id: "x_y", labelDe: "X", labelEn: "X", _csrf: token }))
        .statusCode,
    ).toBe(403);

    const created = await adminBrowser.submit("/verwaltung/akteure/neu", "/verwaltung/akteure/neu", {
      name: "Musikschule Klangwelt (Test)",
      kind: "musikschule",
      areas: ["non_formal", "schule"],
      municipality: "Bergen",
      lat: "52,81",
      lon: "9.96",
    });
    expect(created.statusCode).toBe(303);
    const profile = await t.app.inject(String(created.headers.location));
    expect(profile.body).toContain("Musikschule Klangwelt (Test)");
    expect(profile.body).toContain("Musikschule");
    expect((await t.app.inject("/akteure?art=musikschule")).body).toContain("1 Akteur gefunden.");
    expect((await memberBrowser.get("/verwaltung/akteure/neu")).statusCode).toBe(403);
  });

  it("shows the log in German labels, not the stored codes", async () => {
    const org = await adminBrowser.submit("/verwaltung/akteure/neu", "/verwaltung/akteure/neu", {
      name: "Protokoll Kita (Test)",
      kind: "kita",
      areas: ["fruehkindlich", "schule"],
      municipality: "Celle",
      carrierType: "frei_gemeinnuetzig",
    });
    expect(org.statusCode).toBe(303);
    const slug = String(org.headers.location).replace("/akteure/", "");
    const contact = await adminBrowser.submit(`/akteure/${slug}/kontakte`, `/akteure/${slug}/kontakte`, {
      name: "Paula Protokoll",
      publicConsent: "on",
      consentDate: "2026-01-05",
    });
    expect(contact.statusCode).toBe(303);
    const log = await adminBrowser.get("/verwaltung/akteure/aenderungen?offen=1");
    const text = log.body.replace(/<[^>]+>/g, "");
    expect(text).toContain("Frühkindliche Bildung, Schule");
    expect(text).toContain("Kita / Kindertagespflege");
    expect(text).toContain("Frei-gemeinnützig");
    expect(text).toContain("Einwilligung: – → ja");
    expect(text).not.toContain("fruehkindlich");
    expect(text).not.toContain("frei_gemeinnuetzig");
    expect(text).not.toMatch(/→ true\b/);
  });

  it("marks a logged change as reviewed", async () => {
    const log = await adminBrowser.get("/verwaltung/akteure/aenderungen?offen=1");
    const id = /\/verwaltung\/akteure\/aenderungen\/([0-9a-f-]+)\/gesehen/.exec(log.body)?.[1];
    expect(id).toBeDefined();
    const res = await adminBrowser.submit(
      "/verwaltung/akteure/aenderungen",
      `/verwaltung/akteure/aenderungen/${id}/gesehen`,
      {},
    );
    expect(res.statusCode).toBe(303);
    const row = await t.platform.db.kysely
      .selectFrom("directory_changes")
      .select("reviewed_at")
      .where("id", "=", id ?? "")
      .executeTakeFirstOrThrow();
    expect(row.reviewed_at).not.toBeNull();
  });

  it("marks every open change of the filter as reviewed in one step, only for the office", async () => {
    const open = async (membersOnly: boolean) => {
      let q = t.platform.db.kysely.selectFrom("directory_changes").where("reviewed_at", "is", null);
      if (membersOnly) q = q.where("user_role", "=", "member");
      return Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    };
    expect(await open(true)).toBeGreaterThan(0);
    // Neither a member nor an editor may, even with a valid form token.
    for (const browser of [memberBrowser, editorBrowser]) {
      const page = await browser.get(`/akteure/meine`);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      const res = await browser.post("/verwaltung/akteure/aenderungen/alle-gesehen", { _csrf: token });
      expect(res.statusCode).toBe(403);
    }
    const filtered = await adminBrowser.get("/verwaltung/akteure/aenderungen?offen=1&mitglieder=1");
    expect(filtered.body).toContain("Alle Änderungen von Vertretungen als geprüft markieren");
    const members = await adminBrowser.submit(
      "/verwaltung/akteure/aenderungen?offen=1&mitglieder=1",
      "/verwaltung/akteure/aenderungen/alle-gesehen",
      { mitglieder: "1" },
    );
    expect(members.statusCode).toBe(303);
    expect(members.headers.location).toBe("/verwaltung/akteure/aenderungen?offen=1&mitglieder=1");
    expect(await open(true)).toBe(0);
    expect(await open(false)).toBeGreaterThan(0);
    const all = await adminBrowser.submit(
      "/verwaltung/akteure/aenderungen?offen=1",
      "/verwaltung/akteure/aenderungen/alle-gesehen",
      {},
    );
    expect(all.statusCode).toBe(303);
    expect(await open(false)).toBe(0);
    const after = await adminBrowser.get("/verwaltung/akteure/aenderungen?offen=1");
    expect(after.body).toMatch(/\d+ Änderungen sind als geprüft markiert\.|1 Änderung ist als geprüft markiert\./);
    expect(after.body).not.toContain("Alle als geprüft markieren");
  });
});
