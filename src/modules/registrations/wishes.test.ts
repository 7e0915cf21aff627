import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { createFachtag, type FixtureEvent, validApiBody } from "./test-fixtures.js";
import { FormClient, mailsTo } from "./test-http.js";

// Preference mode on the registration side: ranked wishes in the public form, the desk's
// form and the API, changed through the manage link until the allocation is published;
// after that, workshops are chosen among free places as in first-come mode.

let t: TestApp;
let editor: Awaited<ReturnType<typeof createUserWithToken>>;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  editor = await createUserWithToken(t.platform, "editor");
});
afterAll(async () => t?.close());

/** A Fachtag in preference mode: two slots, "A1", "A2", "A3" in the first, "B1", "B2" in the second. */
async function wishFachtag(options: { maxChoices?: number; capacity?: number; confirmByEmail?: boolean } = {}) {
  const ev = await createFachtag(t.platform, {
    capacity: options.capacity ?? 50,
    confirmByEmail: options.confirmByEmail ?? false,
    createdBy: editor.id,
    workshops: [
      { title: "A1 Sprachförderung", capacity: 20, slot: 0 },
      { title: "A2 Bewegung", capacity: 20, slot: 0 },
      { title: "A3 Übergänge", capacity: 1, slot: 0 },
      { title: "B1 Elternarbeit", capacity: 20, slot: 1 },
      { title: "B2 Naturerfahrung", capacity: null, slot: 1 },
    ],
  });
  await t.platform.db.kysely
    .updateTable("events")
    .set({ workshop_choice: "preferences", max_choices: options.maxChoices ?? 3 })
    .where("id", "=", ev.id)
    .execute();
  return ev;
}
const [A1, A2, A3, B1, B2] = [0, 1, 2, 3, 4];
const w = (ev: FixtureEvent, i: number) => ev.workshops[i] as string;

const publish = (eventId: string) =>
  t.platform.db.kysely
    .updateTable("events")
    .set({ allocation_published_at: new Date().toISOString() })
    .where("id", "=", eventId)
    .execute();

const storedWishes = async (email: string) =>
  (
    await t.platform.db.kysely
      .selectFrom("registration_preferences as p")
      .innerJoin("registrations as r", "r.id", "p.registration_id")
      .select(["p.rank", "p.session_id", "p.slot"])
      .where("r.email", "=", email)
      .orderBy("p.slot")
      .orderBy("p.rank")
      .execute()
  ).map((r) => ({ rank: Number(r.rank), sessionId: r.session_id, slot: r.slot }));

const registrationsWith = (email: string) =>
  t.platform.db.kysely.selectFrom("registrations").select("id").where("email", "=", email).execute();

const personForm = (n: string, extra: Record<string, string> = {}) => ({
  firstName: "Jürgen",
  lastName: `Größe ${n}`,
  email: `wish-${n}@example.org`,
  consentPrivacy: "on",
  ...extra,
});

const apiPost = (eventId: string, body: unknown) =>
  t.app.inject({ method: "POST", url: `/api/v1/events/${eventId}/registrations`, payload: body as object });

/** The manage link of the first mail to an address. */
const manageLinkOf = async (email: string) => {
  const [mail] = await mailsTo(t.platform, email);
  const link = /\/anmeldung\/[A-Za-z0-9_-]{20,}(?=\s|$)/m.exec(mail?.text_body ?? "")?.[0];
  if (!link) throw new Error(`no manage link in mail to ${email}`);
  return link;
};

describe("the public form in preference mode (no JavaScript needed)", () => {
  it("asks per slot for ranked wishes in labelled selects, with the places of each workshop", async () => {
    const ev = await wishFachtag({ maxChoices: 2 });
    const page = await t.app.inject(`/fachtage/${ev.slug}/anmeldung`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain("Ihre Workshop-Wünsche");
    // One fieldset per slot, its legend the slot's time; two selects each (maxChoices 2).
    expect(
      html.match(/<fieldset class="kern-fieldset wish-slot">\s*<legend class="kern-label">Zeitfenster/g),
    ).toHaveLength(2);
    expect(html).toContain('<label class="kern-label" for="f-wish_0_1">1. Wunsch');
    expect(html).toContain('<label class="kern-label" for="f-wish_1_2">2. Wunsch');
    expect(html).not.toContain('name="wish_0_3"');
    expect(html).toContain("<option value>– kein Wunsch –</option>");
    expect(html).toContain("A1 Sprachförderung – 20 Plätze");
    expect(html).toContain("A3 Übergänge – 1 Platz<");
    expect(html).toContain("B2 Naturerfahrung<");
    // No first-come radio buttons: a place is not taken by choosing it.
    expect(html).not.toContain('name="workshop_0"');
  });

  it("stores the wishes with the registration (a gap closes up) and mails them with what happens next", async () => {
    const ev = await wishFachtag();
    const client = new FormClient(t.app);
    const res = await client.submit(`/fachtage/${ev.slug}/anmeldung`, `/fachtage/${ev.slug}/anmeldung`, {
      ...personForm("form", { wish_0_1: w(ev, A3), wish_0_3: w(ev, A1), wish_1_1: w(ev, B2) }),
    });
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    const stored = await storedWishes("wish-form@example.org");
    expect(stored.map((s) => [s.rank, s.sessionId])).toEqual([
      [1, w(ev, A3)],
      [2, w(ev, A1)],
      [1, w(ev, B2)],
    ]);
    // No workshop is held before the allocation, even the one with a single place.
    const held = await t.platform.db.kysely.selectFrom("registration_workshops").selectAll().execute();
    expect(held.filter((h) => ev.workshops.includes(h.session_id))).toEqual([]);
    const [mail] = await mailsTo(t.platform, "wish-form@example.org");
    expect(mail?.subject).toContain("Anmeldung bestätigt");
    expect(mail?.text_body).toContain("Ihre Workshop-Wünsche:");
    expect(mail?.text_body).toContain("1. A3 Übergänge, 2. A1 Sprachförderung");
    expect(mail?.text_body).toContain("1. B2 Naturerfahrung");
    expect(mail?.text_body).toContain("nach Anmeldeschluss zugeteilt");
  });

  it("takes a registration without any wish", async () => {
    const ev = await wishFachtag();
    const res = await new FormClient(t.app).submit(
      `/fachtage/${ev.slug}/anmeldung`,
      `/fachtage/${ev.slug}/anmeldung`,
      personForm("none"),
    );
    expect(res.statusCode).toBe(303);
    expect(await storedWishes("wish-none@example.org")).toEqual([]);
    const [mail] = await mailsTo(t.platform, "wish-none@example.org");
    expect(mail?.text_body).toContain("Sie haben keine Workshop-Wünsche angegeben.");
  });

  it("names the same workshop twice beside the later select, and stores nothing", async () => {
    const ev = await wishFachtag();
    const res = await new FormClient(t.app).submit(`/fachtage/${ev.slug}/anmeldung`, `/fachtage/${ev.slug}/anmeldung`, {
      ...personForm("twice", { wish_0_1: w(ev, A2), wish_0_2: w(ev, A2) }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(
      /for="f-wish_0_2">2\. Wunsch[\s\S]*?id="f-wish_0_2-error"[^>]*>[\s\S]*?Diesen Workshop haben Sie schon als 1\. Wunsch gewählt\./,
    );
    expect(res.body).not.toContain('id="f-wish_0_1-error"');
    // The error summary links to the select; the posted choice is kept.
    expect(res.body).toContain('href="#f-wish_0_2"');
    expect(res.body).toMatch(new RegExp(`<option value="${w(ev, A2)}" selected`));
    expect(await registrationsWith("wish-twice@example.org")).toEqual([]);
  });

  it("refuses a workshop of another slot in a select", async () => {
    const ev = await wishFachtag();
    const res = await new FormClient(t.app).submit(`/fachtage/${ev.slug}/anmeldung`, `/fachtage/${ev.slug}/anmeldung`, {
      ...personForm("other", { wish_0_1: w(ev, B1) }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="f-wish_0_1-error"');
    expect(await registrationsWith("wish-other@example.org")).toEqual([]);
  });
});

describe("the desk's form (registering somebody by hand)", () => {
  it("offers the same wish selects and stores the wishes", async () => {
    const ev = await wishFachtag();
    const client = new FormClient(t.app, editor.authorization);
    const url = `/verwaltung/fachtage/${ev.id}/anmeldungen/neu`;
    const page = await client.get(url);
    expect(page.body).toContain('name="wish_1_3"');
    const res = await client.submit(url, url, personForm("desk", { wish_1_1: w(ev, B1), wish_1_2: w(ev, B2) }));
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    expect((await storedWishes("wish-desk@example.org")).map((s) => s.sessionId)).toEqual([w(ev, B1), w(ev, B2)]);
  });
});

describe("the desk and the export", () => {
  it("show each person's ranked wishes", async () => {
    const ev = await wishFachtag();
    await apiPost(ev.id, validApiBody("desk-list", { preferences: [[w(ev, A2), w(ev, A1)], [w(ev, B1)]] }));
    const client = new FormClient(t.app, editor.authorization);
    const desk = await client.get(`/verwaltung/fachtage/${ev.id}/anmeldungen`);
    expect(desk.body).toContain("Wünsche: 1. A2 Bewegung, 2. A1 Sprachförderung · 1. B1 Elternarbeit");
    const csv = (await client.get(`/verwaltung/fachtage/${ev.id}/anmeldungen/export.csv`)).body;
    expect(csv).toContain("Wünsche Zeitfenster 1");
    expect(csv).toContain("1. A2 Bewegung, 2. A1 Sprachförderung");
  });
});

describe("POST /api/v1/events/{id}/registrations with preferences", () => {
  it("accepts one ranked list per slot, shorter lists and fewer lists than slots, and shows them", async () => {
    const ev = await wishFachtag();
    const res = await apiPost(ev.id, validApiBody("api1", { preferences: [[w(ev, A2), w(ev, A1)]] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: "confirmed", workshopIds: [], preferences: [[w(ev, A2), w(ev, A1)]] });
    const two = await apiPost(ev.id, validApiBody("api2", { preferences: [[], [w(ev, B2)]] }));
    expect(two.json().preferences).toEqual([[], [w(ev, B2)]]);
    const list = await t.app.inject({
      url: `/api/v1/events/${ev.id}/registrations`,
      headers: { authorization: editor.authorization },
    });
    const byEmail = new Map(
      (list.json() as { email: string; preferences: string[][] }[]).map((r) => [r.email, r.preferences]),
    );
    expect(byEmail.get("person-api1@example.org")).toEqual([[w(ev, A2), w(ev, A1)]]);
    expect(byEmail.get("person-api2@example.org")).toEqual([[], [w(ev, B2)]]);
  });

  it("answers 422 with a code and the field for each kind of bad list, storing nothing", async () => {
    const ev = await wishFachtag({ maxChoices: 2 });
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["unknown", { preferences: [["no-such-workshop"]] }, "preference_unknown_workshop", "preferences.0.0"],
      ["slot", { preferences: [[w(ev, A1), w(ev, B1)]] }, "preference_other_slot", "preferences.0.1"],
      ["repeat", { preferences: [[], [w(ev, B1), w(ev, B1)]] }, "preference_repeated", "preferences.1.1"],
      ["long", { preferences: [[w(ev, A1), w(ev, A2), w(ev, A3)]] }, "preference_too_many", "preferences.0"],
      ["lists", { preferences: [[], [], [w(ev, A1)]] }, "preference_too_many_slots", "preferences"],
      ["ids", { workshopIds: [w(ev, A1)] }, "workshop_ids_need_preferences", "workshopIds"],
    ];
    for (const [n, extra, code, field] of cases) {
      const res = await apiPost(ev.id, validApiBody(`bad-${n}`, extra));
      expect(res.statusCode, n).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json(), n).toMatchObject({ code, errors: [{ field }] });
      expect(res.json().detail, n).toMatch(/[äöüÄÖÜß]|Wunsch|Wünsch|Workshop|Liste/);
      expect(await registrationsWith(`person-bad-${n}@example.org`), n).toEqual([]);
    }
  });

  it("refuses preferences in first-come mode (422), however short", async () => {
    const ev = await createFachtag(t.platform, { workshops: [{ title: "W", capacity: 5 }] });
    const res = await apiPost(ev.id, validApiBody("fc", { preferences: [] }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "preferences_not_accepted", errors: [{ field: "preferences" }] });
    expect(res.json().detail).toContain("nach Eingang");
  });

  it("after the allocation is published, takes workshops among free places as in first-come mode", async () => {
    const ev = await wishFachtag();
    await publish(ev.id);
    const first = await apiPost(ev.id, validApiBody("late1", { workshopIds: [w(ev, A3)] }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().workshopIds).toEqual([w(ev, A3)]);
    // A3 has one place: the second late registration is refused as in first-come mode.
    const second = await apiPost(ev.id, validApiBody("late2", { workshopIds: [w(ev, A3)] }));
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe("workshop_full");
    const wishes = await apiPost(ev.id, validApiBody("late3", { preferences: [[w(ev, A1)]] }));
    expect(wishes.statusCode).toBe(422);
    expect(wishes.json().detail).toContain("Zuteilung ist veröffentlicht");
    // The public form offers the first-come choice again.
    const page = await t.app.inject(`/fachtage/${ev.slug}/anmeldung`);
    expect(page.body).toContain('name="workshop_0"');
    expect(page.body).not.toContain('name="wish_0_1"');
  });
});

describe("the manage link in preference mode", () => {
  it("shows the wishes in the selects and changes them until the allocation is published", async () => {
    const ev = await wishFachtag();
    await apiPost(ev.id, validApiBody("manage", { preferences: [[w(ev, A1), w(ev, A2)]] }));
    const link = await manageLinkOf("person-manage@example.org");
    const page = await t.app.inject(link);
    expect(page.body).toContain("Ihre Wünsche");
    expect(page.body).toMatch(new RegExp(`name="wish_0_1"[\\s\\S]*?<option value="${w(ev, A1)}" selected`));
    expect(page.body).toMatch(new RegExp(`name="wish_0_2"[\\s\\S]*?<option value="${w(ev, A2)}" selected`));
    // The first-come change form is not offered: choosing would not hold a place.
    expect(page.body).not.toContain(`action="${link}/workshops"`);
    const client = new FormClient(t.app);
    const res = await client.submit(link, `${link}/wuensche`, { wish_0_1: w(ev, A3), wish_1_1: w(ev, B1) });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    expect((await storedWishes("person-manage@example.org")).map((s) => [s.rank, s.sessionId])).toEqual([
      [1, w(ev, A3)],
      [1, w(ev, B1)],
    ]);
    expect((await client.get(link)).body).toContain("Ihre Wünsche wurden gespeichert.");
    // The same workshop twice: message beside the select, the stored wishes stay.
    const twice = await client.submit(link, `${link}/wuensche`, { wish_0_1: w(ev, A1), wish_0_3: w(ev, A1) });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toMatch(/id="f-wish_0_3-error"[^>]*>[\s\S]*?schon als 1\. Wunsch gewählt/);
    expect((await storedWishes("person-manage@example.org")).length).toBe(2);
    // Choosing a workshop directly is refused by the service too.
    const direct = await client.submit(link, `${link}/workshops`, { workshop_0: w(ev, A1) });
    expect(direct.statusCode).toBe(409);
  });

  it("finds nothing behind a forged link (404), and stores nothing", async () => {
    const ev = await wishFachtag();
    const forged = "/anmeldung/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const res = await new FormClient(t.app).submit("/anmeldung/link", `${forged}/wuensche`, { wish_0_1: w(ev, A1) });
    expect(res.statusCode).toBe(404);
    const rows = await t.platform.db.kysely
      .selectFrom("registration_preferences")
      .select("registration_id")
      .where("session_id", "=", w(ev, A1))
      .execute();
    expect(rows).toEqual([]);
  });

  it("shows the wishes read-only once the allocation is published and refuses a change", async () => {
    const ev = await wishFachtag();
    await apiPost(ev.id, validApiBody("final", { preferences: [[w(ev, A2)], [w(ev, B1)]] }));
    const link = await manageLinkOf("person-final@example.org");
    await publish(ev.id);
    const page = await t.app.inject(link);
    expect(page.body).toContain("Die Zuteilung ist veröffentlicht; Ihre Wünsche können nicht mehr geändert werden.");
    expect(page.body).toContain("1. Wunsch: A2 Bewegung");
    expect(page.body).not.toContain(`action="${link}/wuensche"`);
    const res = await new FormClient(t.app).submit(link, `${link}/wuensche`, { wish_0_1: w(ev, A1) });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Ihre Wünsche können nicht mehr geändert werden");
    expect((await storedWishes("person-final@example.org")).map((s) => s.sessionId)).toEqual([w(ev, A2), w(ev, B1)]);
  });
});
