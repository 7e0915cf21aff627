import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { createFachtag, type FixtureEvent, validApiBody } from "../registrations/test-fixtures.js";
import { FormClient } from "../registrations/test-http.js";

// The entrance over HTTP: the check-in API (a published contract), the page without
// JavaScript, the page's own JSON endpoint, walk-ins and who may do what.

let t: TestApp;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let helper: Awaited<ReturnType<typeof createUserWithToken>>;
let admin: Awaited<ReturnType<typeof createUserWithToken>>;
let member: Awaited<ReturnType<typeof createUserWithToken>>;
let ev: FixtureEvent;
let other: FixtureEvent;
let n = 0;

/** A confirmed registration (no double opt-in on these Fachtage) and its ticket code. */
async function registered(event: FixtureEvent, extra: Record<string, unknown> = {}) {
  n++;
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/events/${event.id}/registrations`,
    payload: validApiBody(`c${n}`, extra),
  });
  expect(res.statusCode).toBe(201);
  const { id, status } = res.json() as { id: string; status: string };
  const row = await t.platform.db.kysely
    .selectFrom("registrations")
    .select("ticket_code")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { id, status, code: row.ticket_code, lastName: `Müller c${n}` };
}

const checkIn = (code: string, authorization = helper.authorization, eventId = ev.id, extra = {}) =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/events/${eventId}/checkins`,
    headers: { authorization },
    payload: { code, ...extra },
  });

const summary = async (eventId = ev.id) => {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/v1/events/${eventId}/checkins/summary`,
    headers: { authorization: owner.authorization },
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { expected: number; present: number };
};

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  owner = await createUserWithToken(t.platform, "editor");
  helper = await createUserWithToken(t.platform, "checkin");
  admin = await createUserWithToken(t.platform, "admin");
  member = await createUserWithToken(t.platform, "member");
  ev = await createFachtag(t.platform, {
    capacity: 100,
    confirmByEmail: false,
    createdBy: owner.id,
    workshops: [
      { title: "Sprache", capacity: 30 },
      { title: "Bewegung", capacity: 1 },
    ],
  });
  other = await createFachtag(t.platform, { confirmByEmail: false, createdBy: owner.id });
});
afterAll(async () => t?.close());

describe("POST /api/v1/events/{id}/checkins", () => {
  it("checks in the first time (201), and the second time tells the first time (200)", async () => {
    const before = await summary();
    const p = await registered(ev, { workshopIds: [ev.workshops[0]] });
    const first = await checkIn(p.code);
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body).toMatchObject({
      registrationId: p.id,
      firstName: "Erika",
      lastName: p.lastName,
      workshopIds: [ev.workshops[0]],
      alreadyCheckedIn: false,
    });
    const second = await checkIn(p.code, admin.authorization);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      registrationId: p.id,
      alreadyCheckedIn: true,
      checkedInAt: body.checkedInAt,
    });
    expect(await summary()).toEqual({ expected: before.expected + 1, present: before.present + 1 });

    // The organisers' list shows the time.
    const list = await t.app.inject({
      method: "GET",
      url: `/api/v1/events/${ev.id}/registrations`,
      headers: { authorization: owner.authorization },
    });
    expect(list.json().find((r: { id: string }) => r.id === p.id).checkedInAt).toBe(body.checkedInAt);
  });

  it("does not know a forged code or one of another Fachtag (404), and changes nothing", async () => {
    const before = await summary();
    const foreign = await registered(other);
    for (const code of ["gefälscht-123", foreign.code]) {
      const res = await checkIn(code);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({
        code: "ticket_unknown",
        detail: "Dieser Code gehört zu keinem Ticket dieses Fachtags.",
      });
    }
    expect(await summary()).toEqual(before);
    expect(await summary(other.id)).toEqual({ expected: 1, present: 0 });
  });

  it("refuses a cancelled and a waitlisted registration with a German reason (409)", async () => {
    const cancelled = await registered(ev);
    const cancel = await t.app.inject({
      method: "POST",
      url: `/api/v1/registrations/${cancelled.id}/cancel`,
      headers: { authorization: owner.authorization },
    });
    expect(cancel.statusCode).toBe(200);
    const res = await checkIn(cancelled.code);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe("Diese Anmeldung wurde abgesagt.");

    const small = await createFachtag(t.platform, { capacity: 1, confirmByEmail: false, createdBy: owner.id });
    await registered(small);
    const waiting = await registered(small);
    expect(waiting.status).toBe("waitlisted");
    const refused = await checkIn(waiting.code, helper.authorization, small.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe("Diese Person steht auf der Warteliste und hat keinen Platz.");
    expect(await summary(small.id)).toEqual({ expected: 1, present: 0 });
  });

  it("counts 20 parallel check-ins of the same code once: exactly one 201", async () => {
    const before = await summary();
    const p = await registered(ev);
    const answers = await Promise.all(Array.from({ length: 20 }, () => checkIn(p.code)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const times = new Set(answers.map((a) => a.json().checkedInAt));
    expect(times.size).toBe(1);
    expect(await summary()).toEqual({ expected: before.expected + 1, present: before.present + 1 });
  });

  it("counts a replayed offline check-in once and keeps the time it was made on the device", async () => {
    const p = await registered(ev);
    const at = new Date(Date.now() - 10 * 60_000).toISOString();
    const first = await checkIn(p.code, helper.authorization, ev.id, { at, checkinId: "geraet-1" });
    expect(first.statusCode).toBe(201);
    expect(first.json().checkedInAt).toBe(at);
    const before = await summary();
    const replay = await checkIn(p.code, helper.authorization, ev.id, { at, checkinId: "geraet-1" });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().checkedInAt).toBe(at);
    expect(await summary()).toEqual(before);
  });

  it("lets in only the Fachtag's organisers, admins and check-in helpers", async () => {
    const p = await registered(ev);
    const anonymous = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${ev.id}/checkins`,
      payload: { code: p.code },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await checkIn(p.code, member.authorization)).statusCode).toBe(403);
    const otherEditor = await createUserWithToken(t.platform, "editor");
    expect((await checkIn(p.code, otherEditor.authorization)).statusCode).toBe(403);
    const sum = await t.app.inject({
      method: "GET",
      url: `/api/v1/events/${ev.id}/checkins/summary`,
      headers: { authorization: member.authorization },
    });
    expect(sum.statusCode).toBe(403);
    expect((await checkIn(p.code, owner.authorization)).statusCode).toBe(201);
    // A draft is unknown to helpers.
    const draft = await createFachtag(t.platform, { status: "draft", createdBy: owner.id });
    expect((await checkIn("x", helper.authorization, draft.id)).statusCode).toBe(404);
  });

  it("a helper can check in but not see exports, the desk or the registration list", async () => {
    const page = (url: string) =>
      t.app.inject({ method: "GET", url, headers: { authorization: helper.authorization } });
    expect((await page(`/verwaltung/fachtage/${ev.id}/anmeldungen/export.csv`)).statusCode).toBe(403);
    expect((await page(`/verwaltung/fachtage/${ev.id}/anmeldungen`)).statusCode).toBe(403);
    expect((await page("/verwaltung/anmeldungen")).statusCode).toBe(403);
    expect((await page(`/api/v1/events/${ev.id}/registrations`)).statusCode).toBe(403);
    expect((await page("/verwaltung/fachtage")).statusCode).toBe(403);
    const dashboard = await page("/verwaltung");
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('href="/verwaltung/einlass"');
    expect(dashboard.body).not.toContain('href="/verwaltung/anmeldungen"');
    expect(dashboard.body).not.toContain('href="/verwaltung/fachtage"');
  });
});

describe("the entrance page without JavaScript", () => {
  it("finds a person by name and checks them in with the button, with a flash", async () => {
    const p = await registered(ev, { firstName: "Jürgen", workshopIds: [ev.workshops[0]] });
    const browser = new FormClient(t.app, helper.authorization);
    const base = `/verwaltung/fachtage/${ev.slug}/einlass`;
    const found = await browser.get(`${base}?q=${encodeURIComponent("jürgen")}`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`Jürgen ${p.lastName}`);
    expect(found.body).toContain("Sprache");
    const res = await browser.submit(`${base}?q=j%C3%BCrgen`, `/verwaltung/fachtage/${ev.id}/einlass/${p.id}`, {
      q: "jürgen",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain("?q=j%C3%BCrgen");
    const after = await browser.get(`${base}?q=j%C3%BCrgen`);
    expect(after.body).toContain(`Jürgen ${p.lastName} ist eingecheckt.`);
    expect(after.body).toContain("Eingecheckt um");
    // Again: "war bereits … eingecheckt", still counted once.
    const before = await summary();
    await browser.submit(base, `/verwaltung/fachtage/${ev.id}/einlass/${p.id}`, {});
    const again = await browser.get(base);
    expect(again.body).toMatch(new RegExp(`Jürgen ${p.lastName} war bereits um \\d\\d:\\d\\d Uhr eingecheckt`));
    expect(await summary()).toEqual(before);
    expect(again.body).toContain(`${before.present} von ${before.expected} anwesend`);
  });

  it("checks in by a typed code; a wrong code is told beside the field and changes nothing", async () => {
    const p = await registered(ev);
    const browser = new FormClient(t.app, helper.authorization);
    const base = `/verwaltung/fachtage/${ev.id}/einlass`;
    const before = await summary();
    const wrong = await browser.submit(base, `${base}/code`, { code: "falsch" });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain("Dieser Code gehört zu keinem Ticket dieses Fachtags.");
    expect(wrong.body).toContain('aria-invalid="true"');
    expect(await summary()).toEqual(before);
    const empty = await browser.submit(base, `${base}/code`, { code: " " });
    expect(empty.statusCode).toBe(422);
    const ok = await browser.submit(base, `${base}/code`, { code: p.code });
    expect(ok.statusCode).toBe(303);
    expect(await summary()).toEqual({ ...before, present: before.present + 1 });
  });

  it("undo is for organisers only", async () => {
    const p = await registered(ev);
    expect((await checkIn(p.code)).statusCode).toBe(201);
    const url = `/verwaltung/fachtage/${ev.id}/einlass/${p.id}/rueckgaengig`;
    const asHelper = new FormClient(t.app, helper.authorization);
    const page = await asHelper.get(`/verwaltung/fachtage/${ev.id}/einlass?q=${encodeURIComponent(p.lastName)}`);
    expect(page.body).toContain(p.lastName);
    expect(page.body).not.toContain(`${p.id}/rueckgaengig`);
    expect((await asHelper.submit(`/verwaltung/fachtage/${ev.id}/einlass`, url, {})).statusCode).toBe(403);
    const asOwner = new FormClient(t.app, owner.authorization);
    const ownerPage = await asOwner.get(`/verwaltung/fachtage/${ev.id}/einlass?q=${encodeURIComponent(p.lastName)}`);
    expect(ownerPage.body).toContain(`${p.id}/rueckgaengig`);
    const before = await summary();
    expect((await asOwner.submit(`/verwaltung/fachtage/${ev.id}/einlass`, url, {})).statusCode).toBe(303);
    expect(await summary()).toEqual({ ...before, present: before.present - 1 });
    expect((await checkIn(p.code)).statusCode).toBe(201);
  });

  it("refuses members and other editors with a 403 page", async () => {
    for (const who of [member, await createUserWithToken(t.platform, "editor")]) {
      const res = await new FormClient(t.app, who.authorization).get(`/verwaltung/fachtage/${ev.id}/einlass`);
      expect(res.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: "GET", url: "/verwaltung/einlass" })).statusCode).toBe(401);
  });

  it("lists the upcoming Fachtage for a helper", async () => {
    const res = await new FormClient(t.app, helper.authorization).get("/verwaltung/einlass");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`/verwaltung/fachtage/${ev.slug}/einlass`);
  });
});

describe("walk-ins", () => {
  it("registers and checks in at once; a full workshop and a full Fachtag are refused", async () => {
    const browser = new FormClient(t.app, helper.authorization);
    const base = `/verwaltung/fachtage/${ev.id}/einlass`;
    const before = await summary();
    const walk = (email: string, workshop: string | undefined) =>
      browser.submit(base, `${base}/vor-ort`, {
        firstName: "Özlem",
        lastName: "Vor-Ort",
        email,
        privacy: "on",
        workshop_0: workshop ?? "",
      });
    const ok = await walk("oezlem@example.org", ev.workshops[1]);
    expect(ok.statusCode).toBe(303);
    expect(await summary()).toEqual({ expected: before.expected + 1, present: before.present + 1 });
    const row = await t.platform.db.kysely
      .selectFrom("registrations")
      .select(["source", "status"])
      .where("email", "=", "oezlem@example.org")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: "walkin", status: "confirmed" });

    // "Bewegung" has one place, now taken: the form says so beside the select.
    const full = await walk("zweite@example.org", ev.workshops[1]);
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain("Dieser Workshop ist leider ausgebucht.");
    const noConsent = await browser.submit(base, `${base}/vor-ort`, {
      firstName: "Ohne",
      lastName: "Zustimmung",
      email: "ohne@example.org",
    });
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.body).toContain("Bitte bestätigen Sie, dass die Person einverstanden ist.");
    expect(await summary()).toEqual({ expected: before.expected + 1, present: before.present + 1 });

    const tiny = await createFachtag(t.platform, { capacity: 1, confirmByEmail: false, createdBy: owner.id });
    await registered(tiny);
    const tinyBase = `/verwaltung/fachtage/${tiny.id}/einlass`;
    const page = await browser.get(tinyBase);
    expect(page.body).toContain("Der Fachtag ist ausgebucht");
    const refused = await browser.submit(tinyBase, `${tinyBase}/vor-ort`, {
      firstName: "Zu",
      lastName: "Spät",
      email: "spaet@example.org",
      privacy: "on",
    });
    expect(refused.statusCode).toBe(409);
    expect(await summary(tiny.id)).toEqual({ expected: 1, present: 0 });
  });
});

describe("the page's JSON endpoint", () => {
  it("needs the CSRF token, lists the expected people and checks in once", async () => {
    const p = await registered(ev);
    const browser = new FormClient(t.app, helper.authorization);
    const base = `/verwaltung/fachtage/${ev.id}/einlass`;
    const list = await browser.get(`${base}/liste.json`);
    expect(list.statusCode).toBe(200);
    const people = list.json().people as { ticketCode: string }[];
    expect(people.some((x) => x.ticketCode === p.code)).toBe(true);
    const noToken = await t.app.inject({
      method: "POST",
      url: `${base}/checkins.json`,
      headers: { authorization: helper.authorization, "content-type": "application/json" },
      payload: { code: p.code },
    });
    expect(noToken.statusCode).toBe(403);
    // Nothing was checked in: the API's check-in is still the first.
    expect((await checkIn(p.code)).statusCode).toBe(201);
  });
});
