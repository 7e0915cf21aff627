import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";

// An unpublished Fachtag is unknown (404) to everybody who may not see it, on every
// surface; what shared caches may keep carries no cookie and nothing private.

let t: TestApp;
let owner: { id: string; authorization: string };
let otherEditor: { authorization: string };
let member: { authorization: string };
let otherBrowser: Browser;
let draft: { id: string; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  owner = await createUserWithToken(t.platform, "editor");
  otherEditor = await createUserWithToken(t.platform, "editor");
  member = await createUserWithToken(t.platform, "member");
  otherBrowser = new Browser(t.app);
  await signInAs(t.platform, otherBrowser, "editor");
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/events",
    headers: { authorization: owner.authorization },
    payload: {
      title: "Geheimer Entwurf",
      startsAt: "2030-03-12T09:00:00+01:00",
      endsAt: "2030-03-12T15:00:00+01:00",
      venue: { name: "Kreishaus" },
      capacity: 20,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  draft = res.json();
  const item = await t.app.inject({
    method: "POST",
    url: `/api/v1/events/${draft.id}/sessions`,
    headers: { authorization: owner.authorization },
    payload: {
      kind: "talk",
      title: "Vortrag",
      startsAt: "2030-03-12T09:30:00+01:00",
      endsAt: "2030-03-12T10:30:00+01:00",
    },
  });
  expect(item.statusCode).toBe(201);
});
afterAll(async () => t?.close());

const as = (authorization?: string) => (authorization ? { authorization } : {});

describe("a draft is 404 for those who may not see it", () => {
  const viewers = () =>
    [
      ["anonymous", undefined],
      ["member", member.authorization],
      ["another editor", otherEditor.authorization],
    ] as const;

  it("public page and .ics", async () => {
    for (const [who, auth] of viewers()) {
      expect((await t.app.inject({ url: `/fachtage/${draft.slug}`, headers: as(auth) })).statusCode, who).toBe(404);
      expect((await t.app.inject({ url: `/fachtage/${draft.slug}.ics`, headers: as(auth) })).statusCode, who).toBe(404);
    }
    expect((await otherBrowser.get(`/fachtage/${draft.slug}`)).statusCode).toBe(404);
  });

  it("feed, embed, list and archive do not name it", async () => {
    for (const url of ["/fachtage/kalender.ics", "/fachtage/einbetten", "/fachtage", "/fachtage/archiv"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain("Geheimer Entwurf");
    }
    const list = await t.app.inject({ url: "/api/v1/events" });
    expect(list.body).not.toContain("Geheimer Entwurf");
  });

  it("API GET, PATCH and the programme API", async () => {
    for (const [who, auth] of [
      ["anonymous", undefined],
      ["another editor", otherEditor.authorization],
    ] as const) {
      const get = await t.app.inject({ url: `/api/v1/events/${draft.id}`, headers: as(auth) });
      expect(get.statusCode, who).toBe(404);
      const sessions = await t.app.inject({ url: `/api/v1/events/${draft.id}/sessions`, headers: as(auth) });
      expect(sessions.statusCode, who).toBe(404);
    }
    const other = as(otherEditor.authorization);
    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/events/${draft.id}`,
      headers: other,
      payload: { title: "Gekapert" },
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.body).not.toContain("andere Person");
    const add = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${draft.id}/sessions`,
      headers: other,
      payload: {
        kind: "break",
        title: "Pause",
        startsAt: "2030-03-12T12:00:00+01:00",
        endsAt: "2030-03-12T13:00:00+01:00",
      },
    });
    expect(add.statusCode).toBe(404);
    const items = await t.app.inject({ url: `/api/v1/events/${draft.id}/sessions`, headers: as(owner.authorization) });
    const one = `/api/v1/events/${draft.id}/sessions/${items.json()[0].id}`;
    expect(
      (await t.app.inject({ method: "PATCH", url: one, headers: other, payload: { title: "x" } })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: "DELETE", url: one, headers: other })).statusCode).toBe(404);
  });

  it("back-office pages of another editor's draft", async () => {
    for (const path of ["", "/programm", "/kopieren", "/absagen", "/loeschen"]) {
      expect((await otherBrowser.get(`/verwaltung/fachtage/${draft.id}${path}`)).statusCode, path).toBe(404);
    }
  });

  it("the owner sees all of it", async () => {
    const get = await t.app.inject({ url: `/api/v1/events/${draft.id}`, headers: as(owner.authorization) });
    expect(get.statusCode).toBe(200);
  });
});

describe("cache headers", () => {
  it("the embed is public and sets no cookie, also for a signed-in visitor with a flash message pending", async () => {
    const anonymous = await t.app.inject({ url: "/fachtage/einbetten" });
    expect(anonymous.headers["cache-control"]).toMatch(/^public/);
    expect(anonymous.headers["set-cookie"]).toBeUndefined();
    const signedIn = await otherBrowser.get("/fachtage/einbetten", {
      cookie: `${otherBrowser.cookieHeader()}; bn_flash=s%3Ax.y`,
    });
    expect(signedIn.headers["cache-control"]).toMatch(/^public/);
    expect(signedIn.headers["set-cookie"]).toBeUndefined();
    expect(signedIn.body).not.toContain("_csrf");
  });

  it("the owner's draft .ics is private, no-store; a published one is public", async () => {
    const file = await t.app.inject({ url: `/fachtage/${draft.slug}.ics`, headers: as(owner.authorization) });
    expect(file.statusCode).toBe(200);
    expect(file.headers["cache-control"]).toBe("private, no-store");
    await t.app.inject({
      method: "PATCH",
      url: `/api/v1/events/${draft.id}`,
      headers: as(owner.authorization),
      payload: { status: "published" },
    });
    const published = await t.app.inject({ url: `/fachtage/${draft.slug}.ics` });
    expect(published.headers["cache-control"]).toMatch(/^public/);
  });
});

describe("Zur Anmeldung", () => {
  it("a link near the top jumps to the registration part while registration is open, and only then", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: as(owner.authorization),
      payload: {
        title: "Offen",
        startsAt: "2030-04-12T09:00:00+02:00",
        endsAt: "2030-04-12T15:00:00+02:00",
        venue: { name: "Kreishaus" },
        capacity: 20,
        status: "published",
      },
    });
    const event = res.json() as { id: string; slug: string };
    const page = (await t.app.inject({ url: `/fachtage/${event.slug}` })).body;
    const link = page.indexOf('href="#anmeldung"');
    expect(link).toBeGreaterThan(-1);
    expect(link).toBeLessThan(page.indexOf('id="eckdaten"'));
    expect(page.match(/id="anmeldung"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(page.indexOf('<div id="anmeldung"')).toBeGreaterThan(page.indexOf('id="programm"'));
    await t.app.inject({
      method: "PATCH",
      url: `/api/v1/events/${event.id}`,
      headers: as(owner.authorization),
      payload: { status: "registration_closed" },
    });
    const closed = (await t.app.inject({ url: `/fachtage/${event.slug}` })).body;
    expect(closed).not.toContain('href="#anmeldung"');
  });
});
