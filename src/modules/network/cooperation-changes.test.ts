// Changing cooperations after they are confirmed, their origin Fachtag, the partner
// picker of the proposal form with its e-mails, and the dates typed into the forms.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { anonymous, type UserActor } from "../../platform/auth/actor.js";
import { createOrganisation, getOrganisationSummaries, inputFromApi, linkMemberByEmail } from "../directory/index.js";
import { createEvent } from "../events/events.service.js";
import type { EventView } from "../events/index.js";
import {
  type CooperationFields,
  confirmCooperation,
  cooperationItemsForProfile,
  createCooperation,
  endCooperation,
  getCooperation,
  listPendingConfirmations,
  newCooperationForm,
  updateCooperation,
} from "./cooperations.service.js";
import { saveNetwork } from "./networks.service.js";

let t: TestApp;
const org: Record<string, string> = {};
type Person = { actor: UserActor; email: string; password: string; browser: Browser };
let admin: Person;
let kita: Person; // member of Kita Löwenzahn
let school: Person; // member of Grundschule Blumenlage
let school2: Person; // a second member of the school
let editor: Person;
let otherEditor: Person;
let draft: EventView;
let published: EventView;

async function person(role: "admin" | "member" | "editor", orgKey?: string): Promise<Person> {
  const u = await createUser(t.platform, { role });
  const actor: UserActor = { kind: "user", id: u.id, email: u.email, name: `Person ${role}`, role, via: "session" };
  if (orgKey) await linkMemberByEmail(t.platform, admin.actor, org[orgKey]!, u.email);
  const browser = new Browser(t.app);
  await signIn(browser, u.email, u.password);
  return { actor, email: u.email, password: u.password, browser };
}

const fields = (title: string, extra: Partial<CooperationFields> = {}): CooperationFields => ({
  title,
  kind: "projekt",
  description: "Gemeinsame Leseförderung",
  organisationIds: [org.kita!, org.school!],
  startsOn: "2025-01-01",
  ...extra,
});

const mailsTo = async (email: string) =>
  t.platform.db.kysely.selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", email).execute();

const count = async (table: "cooperations" | "network_meetings") =>
  (await t.platform.db.kysely.selectFrom(table).select("id").execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.platform, { role: "admin" });
  admin = {
    actor: { kind: "user", id: a.id, email: a.email, name: "Bildungsbüro", role: "admin", via: "session" },
    email: a.email,
    password: a.password,
    browser: new Browser(t.app),
  };
  await signIn(admin.browser, a.email, a.password);
  for (const [key, name, kind, areas, municipality] of [
    ["kita", "Kita Löwenzahn", "kita", ["fruehkindlich"], "Celle"],
    ["school", "Grundschule Blumenlage", "grundschule", ["schule"], "Celle"],
    ["bbs", "BBS Wietzenbruch", "berufsbildende_schule", ["beruflich"], "Celle"],
    ["vhs", "Volkshochschule Südheide", "erwachsenenbildung", ["weiterbildung"], "Südheide"],
  ] as const) {
    const view = await createOrganisation(
      t.platform,
      admin.actor,
      inputFromApi({ name, kind, areas: [...areas], municipality } as Parameters<typeof inputFromApi>[0]),
    );
    org[key] = view.id;
  }
  kita = await person("member", "kita");
  school = await person("member", "school");
  school2 = await person("member", "school");
  editor = await person("editor");
  otherEditor = await person("editor");
  const event = (title: string, status: "draft" | "published") => ({
    title,
    startsAt: "2030-03-12T08:00:00.000Z",
    endsAt: "2030-03-12T14:00:00.000Z",
    venue: { name: "Kreishaus" },
    capacity: 20,
    status,
  });
  draft = await createEvent(t.platform, editor.actor, event("Geheimer Entwurf Fachtag", "draft"));
  published = await createEvent(t.platform, editor.actor, event("Offener Fachtag Sprache", "published"));
});
afterAll(async () => t?.close());

/** A cooperation the kita member proposed and the school confirmed. */
async function confirmedByBoth(title: string) {
  const c = await createCooperation(t.platform, kita.actor, fields(title, { themes: ["Lesen"] }));
  await confirmCooperation(t.platform, school.actor, c.id, org.school!);
  expect((await getCooperation(t.platform, anonymous, c.id)).cooperation.confirmed).toBe(true);
  return c.id;
}

const formValues = (title: string, extra: Record<string, string | string[]> = {}) => ({
  title,
  kind: "projekt",
  description: "Gemeinsame Leseförderung",
  organisationIds: [org.kita!, org.school!],
  startsOn: "2025-01-01",
  status: "active",
  themes: "Lesen",
  ...extra,
});

describe("a confirmed cooperation changed by one partner", () => {
  it("goes back to the other partner for confirmation, who is asked by e-mail", async () => {
    const id = await confirmedByBoth("Lesepaten");
    const res = await kita.browser.submit(
      `/kooperationen/${id}/bearbeiten`,
      `/kooperationen/${id}/bearbeiten`,
      formValues("Lesepaten und Schreibwerkstatt"),
    );
    expect(res.statusCode).toBe(303);
    const page = await kita.browser.get(`/kooperationen/${id}`);
    expect(page.body).toContain("Lesepaten und Schreibwerkstatt");
    expect(page.body).toContain("Noch nicht von allen Beteiligten bestätigt");
    const { cooperation } = await getCooperation(t.platform, kita.actor, id);
    expect(cooperation.confirmed).toBe(false);
    // the changing side stays confirmed, the other side is asked again
    expect(cooperation.partners.find((p) => p.organisationId === org.kita)?.confirmed).toBe(true);
    expect(cooperation.partners.find((p) => p.organisationId === org.school)?.confirmed).toBe(false);
    // not public until confirmed again
    expect((await t.app.inject(`/kooperationen/${id}`)).statusCode).toBe(404);
    expect((await t.app.inject(`/api/v1/cooperations/${id}`)).statusCode).toBe(404);
    const pending = await listPendingConfirmations(t.platform, school.actor);
    expect(pending.map((p) => p.cooperation.id)).toContain(id);
    for (const member of [school, school2]) {
      const mails = (await mailsTo(member.email)).filter((m) => m.subject.includes("Lesepaten und Schreibwerkstatt"));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain("erneut bestätigen");
      expect(mails[0]!.text_body).toContain("/verwaltung/kooperationen/bestaetigen");
      expect(mails[0]!.text_body).toContain("Grundschule Blumenlage");
    }
    // the one who changed it is not asked
    expect((await mailsTo(kita.email)).filter((m) => m.subject.includes("Schreibwerkstatt"))).toHaveLength(0);
  });

  it.each([
    ["the description", { description: "Etwas ganz anderes" }],
    ["the kind", { kind: "vereinbarung" as const }],
    ["the start", { startsOn: "2025-02-01" }],
    ["the end", { endsOn: "2026-07-31" }],
    ["the partners", { organisationIds: [org.kita!, org.school!, org.bbs!] }],
  ])("a change of %s by a member needs the other side again", async (_what, patch) => {
    const id = await confirmedByBoth(`Substanz ${_what}`);
    const resolved = { ...patch };
    if ("organisationIds" in resolved) resolved.organisationIds = [org.kita!, org.school!, org.bbs!];
    const { reconfirm } = await updateCooperation(
      t.platform,
      kita.actor,
      id,
      fields(`Substanz ${_what}`, { themes: ["Lesen"], ...resolved }),
    );
    expect(reconfirm).toBe(true);
    const { cooperation } = await getCooperation(t.platform, admin.actor, id);
    expect(cooperation.partners.find((p) => p.organisationId === org.school)?.confirmed).toBe(false);
  });

  it("keeps the confirmation for bookkeeping changes (themes, origin, status) and when ended", async () => {
    const id = await confirmedByBoth("Buchhaltung");
    const { reconfirm } = await updateCooperation(
      t.platform,
      kita.actor,
      id,
      fields("Buchhaltung", { themes: ["Lesen", "Schreiben"], origin: "Netzwerktreffen", originEventId: published.id }),
    );
    expect(reconfirm).toBe(false);
    expect((await getCooperation(t.platform, anonymous, id)).cooperation.confirmed).toBe(true);
    await endCooperation(t.platform, kita.actor, id);
    const { cooperation } = await getCooperation(t.platform, anonymous, id);
    expect(cooperation.confirmed).toBe(true);
    expect(cooperation.status).toBe("ended");
  });

  it("stays confirmed when the education office changes it", async () => {
    const id = await confirmedByBoth("Büroänderung");
    const res = await admin.browser.submit(
      `/kooperationen/${id}/bearbeiten`,
      `/kooperationen/${id}/bearbeiten`,
      formValues("Büroänderung mit neuem Titel", { description: "Vom Bildungsbüro präzisiert" }),
    );
    expect(res.statusCode).toBe(303);
    const { cooperation } = await getCooperation(t.platform, anonymous, id);
    expect(cooperation.title).toBe("Büroänderung mit neuem Titel");
    expect(cooperation.confirmed).toBe(true);
  });
});

describe("the origin Fachtag of a cooperation", () => {
  it("offers and accepts only Fachtage the actor may see", async () => {
    const memberForm = await newCooperationForm(t.platform, kita.actor);
    expect(memberForm.events.map((e) => e.id)).toContain(published.id);
    expect(memberForm.events.map((e) => e.id)).not.toContain(draft.id);
    const before = await count("cooperations");
    const res = await kita.browser.submit(
      "/kooperationen/neu",
      "/kooperationen/neu",
      formValues("Mit Entwurf", { originEventId: draft.id }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Diesen Fachtag gibt es nicht.");
    expect(res.body).not.toContain("Geheimer Entwurf");
    const api = await t.app.inject({
      method: "POST",
      url: "/api/v1/cooperations",
      headers: { authorization: await tokenFor(kita.actor.id) },
      payload: { ...formValues("Mit Entwurf per API"), themes: [], originEventId: draft.id },
    });
    expect(api.statusCode).toBe(422);
    expect(api.body).not.toContain("Geheimer Entwurf");
    expect(await count("cooperations")).toBe(before);
  });

  it("never shows a draft origin to those who may not see the draft", async () => {
    // the education office may name any Fachtag, the draft too
    const c = await createCooperation(t.platform, admin.actor, fields("Aus dem Entwurf", { originEventId: draft.id }));
    expect((await getCooperation(t.platform, admin.actor, c.id)).cooperation.originEvent?.title).toBe(
      "Geheimer Entwurf Fachtag",
    );
    expect((await getCooperation(t.platform, editor.actor, c.id)).cooperation.originEvent?.title).toBe(
      "Geheimer Entwurf Fachtag",
    );
    for (const viewer of [anonymous, kita.actor, otherEditor.actor]) {
      const { cooperation } = await getCooperation(t.platform, viewer, c.id);
      expect(cooperation.originEvent).toBeNull();
      expect(cooperation.originEventId).toBeNull();
    }
    for (const url of [
      `/kooperationen/${c.id}`,
      `/api/v1/cooperations/${c.id}`,
      "/api/v1/cooperations",
      "/kooperationen",
    ]) {
      const body = (await t.app.inject(url)).body;
      expect(body).not.toContain("Geheimer Entwurf");
      expect(body).not.toContain(draft.id);
    }
    expect((await kita.browser.get(`/kooperationen/${c.id}/bearbeiten`)).body).not.toContain("Geheimer Entwurf");
    // a member's change keeps the origin they cannot see
    await updateCooperation(t.platform, kita.actor, c.id, fields("Aus dem Entwurf", { themes: ["Neu"] }));
    expect((await getCooperation(t.platform, admin.actor, c.id)).cooperation.originEventId).toBe(draft.id);
  });
});

async function tokenFor(userId: string): Promise<string> {
  const { createApiToken } = await import("../../platform/auth/api-tokens.js");
  const { token } = await createApiToken(t.platform.db.kysely, userId, "Test");
  return `Bearer ${token}`;
}

describe("proposing a cooperation", () => {
  it("preselects the member's own organisation and the one of the profile it started from", async () => {
    const page = await kita.browser.get(`/kooperationen/neu?organisation=${org.school}`);
    expect(page.statusCode).toBe(200);
    const checked = [...page.body.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => tag.includes('name="organisationIds"') && /\schecked/.test(tag))
      .map((tag) => /value="([^"]+)"/.exec(tag)?.[1]);
    expect(checked.sort()).toEqual([org.kita, org.school].sort());
  });

  it("finds partners by a search that works without JavaScript and keeps what was typed and chosen", async () => {
    const res = await kita.browser.submit("/kooperationen/neu", "/kooperationen/neu", {
      ...formValues("Sprachbrücke", { organisationIds: [org.kita!] }),
      suche: "südheide",
      aktion: "suchen",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="Sprachbrücke"');
    expect(res.body).toContain("Volkshochschule Südheide");
    expect(res.body).not.toContain("BBS Wietzenbruch");
    expect(res.body).toMatch(new RegExp(`value="${org.kita}"[^>]*checked`));
    expect(await count("cooperations")).toBeGreaterThan(0);
    const none = await kita.browser.submit("/kooperationen/neu", "/kooperationen/neu", {
      ...formValues("Sprachbrücke"),
      suche: "gibtesnicht",
      aktion: "suchen",
    });
    expect(none.body).toContain("Keine Organisation gefunden");
  });

  it("tells the other partners' members by e-mail that they should confirm, with a link", async () => {
    const res = await kita.browser.submit(
      "/kooperationen/neu",
      "/kooperationen/neu",
      formValues("Vorlesetag Blumenlage", { organisationIds: [org.kita!, org.school!] }),
    );
    expect(res.statusCode).toBe(303);
    for (const member of [school, school2]) {
      const mails = (await mailsTo(member.email)).filter((m) => m.subject.includes("Vorlesetag Blumenlage"));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain("Bitte bestätigen");
      expect(mails[0]!.text_body).toContain(`${t.platform.config.baseUrl}/verwaltung/kooperationen/bestaetigen`);
    }
    expect((await mailsTo(kita.email)).filter((m) => m.subject.includes("Vorlesetag"))).toHaveLength(0);
    // the education office's record is confirmed at once: nobody is asked
    await createCooperation(t.platform, admin.actor, fields("Bürokooperation Blumenlage"));
    expect((await mailsTo(school.email)).filter((m) => m.subject.includes("Bürokooperation"))).toHaveLength(0);
  });

  it("is reachable from the member's own profile and the back office, not from others'", async () => {
    const own = await cooperationItemsForProfile(t.platform, kita.actor, org.kita!, "de");
    expect(own.proposeUrl).toBe(`/kooperationen/neu?organisation=${org.kita}`);
    expect((await cooperationItemsForProfile(t.platform, kita.actor, org.bbs!, "de")).proposeUrl).toBeNull();
    expect((await cooperationItemsForProfile(t.platform, anonymous, org.kita!, "de")).proposeUrl).toBeNull();
    expect((await cooperationItemsForProfile(t.platform, editor.actor, org.kita!, "de")).proposeUrl).toBeNull();
    // on the profile page itself, through the directory's slot
    const [summary] = await getOrganisationSummaries(t.platform.db.kysely, [org.kita!]);
    const profile = await kita.browser.get(`/akteure/${summary!.slug}`);
    expect(profile.body).toContain(`href="/kooperationen/neu?organisation=${org.kita}"`);
    expect(profile.body).toContain("Kooperation mit dieser Organisation vorschlagen");
    expect((await t.app.inject(`/akteure/${summary!.slug}`)).body).not.toContain("/kooperationen/neu?");
    const dashboard = await kita.browser.get("/verwaltung");
    expect(dashboard.body).toContain('href="/kooperationen/neu"');
    expect((await editor.browser.get("/verwaltung")).body).not.toContain('href="/kooperationen/neu"');
  });
});

describe("dates typed into the network's forms", () => {
  let slug: string;
  beforeAll(async () => {
    slug = await saveNetwork(t.platform, admin.actor, { name: "Datumsnetz", memberIds: [], visibility: "public" });
  });

  it.each([
    ["2026-13-01T10:00", "Dieses Datum gibt es nicht"],
    ["2026-02-30T10:00", "Dieses Datum gibt es nicht"],
    ["2026-01-01T25:00", "Uhrzeit zwischen 00:00 und 23:59"],
    ["0001-01-01T10:00", "zwischen 01.01.2000 und 31.12.2100"],
  ])("refuses the meeting time %s beside the field, not with a 500", async (startsAt, message) => {
    const before = await count("network_meetings");
    const res = await admin.browser.submit(`/netzwerke/${slug}`, `/netzwerke/${slug}/treffen`, { startsAt });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(new RegExp(`id="f-startsAt-error"[\\s\\S]*${message}`));
    expect(await count("network_meetings")).toBe(before);
  });

  it("refuses 30 February on create and on update instead of storing 2 March", async () => {
    const before = await count("cooperations");
    const created = await admin.browser.submit(
      "/kooperationen/neu",
      "/kooperationen/neu",
      formValues("Februar", { startsOn: "2026-02-30" }),
    );
    expect(created.statusCode).toBe(422);
    expect(created.body).toMatch(/id="f-startsOn-error"[\s\S]*Dieses Datum gibt es nicht/);
    expect(await count("cooperations")).toBe(before);
    const id = await confirmedByBoth("Datumsprobe");
    const updated = await admin.browser.submit(
      `/kooperationen/${id}/bearbeiten`,
      `/kooperationen/${id}/bearbeiten`,
      formValues("Datumsprobe", { endsOn: "2026-02-30" }),
    );
    expect(updated.statusCode).toBe(422);
    expect(updated.body).toMatch(/id="f-endsOn-error"[\s\S]*Dieses Datum gibt es nicht/);
    expect((await getCooperation(t.platform, admin.actor, id)).cooperation.endsOn).toBeNull();
    const far = await admin.browser.submit(
      `/kooperationen/${id}/bearbeiten`,
      `/kooperationen/${id}/bearbeiten`,
      formValues("Datumsprobe", { startsOn: "1999-12-31" }),
    );
    expect(far.statusCode).toBe(422);
    expect(far.body).toContain("zwischen 01.01.2000 und 31.12.2100");
  });
});
