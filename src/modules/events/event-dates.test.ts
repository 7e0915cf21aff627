import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";

// Dates and times of a Fachtag, its registration window and its programme items: the
// same rules on create and update, in the forms and the API — an impossible date or one
// outside 2000–2100 is refused (422 with a German message), never a server error.

let t: TestApp;
let editor: Browser;
let authorization: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = new Browser(t.app);
  await signInAs(t.platform, editor, "editor");
  authorization = (await createUserWithToken(t.platform, "editor")).authorization;
});
afterAll(async () => t?.close());

const api = (method: "POST" | "PATCH", url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method, url, payload, headers: { authorization } });

const fachtag = {
  title: "Übergänge gestalten",
  startsAt: "2027-03-12T09:00:00+01:00",
  endsAt: "2027-03-12T15:30:00+01:00",
  venue: { name: "Kreishaus Celle" },
  capacity: 120,
};

async function fachtagWithProgramme() {
  const created = await api("POST", "/api/v1/events", fachtag);
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const item = await api("POST", `/api/v1/events/${id}/sessions`, {
    kind: "talk",
    title: "Vortrag",
    startsAt: "2027-03-12T09:30:00+01:00",
    endsAt: "2027-03-12T10:30:00+01:00",
  });
  expect(item.statusCode, item.body).toBe(201);
  return id;
}

describe("API: years outside 2000–2100 are refused with 422", () => {
  it("moving a Fachtag with a programme to year 1 answers 422 and changes nothing", async () => {
    const id = await fachtagWithProgramme();
    const moved = await api("PATCH", `/api/v1/events/${id}`, {
      startsAt: "0001-03-12T09:00:00+01:00",
      endsAt: "0001-03-12T15:30:00+01:00",
    });
    expect(moved.statusCode, moved.body).toBe(422);
    expect(moved.json().detail).toContain("zwischen 2000 und 2100");
    const sessions = await t.app.inject({ url: `/api/v1/events/${id}/sessions`, headers: { authorization } });
    expect(sessions.json()[0].startsAt).toBe("2027-03-12T09:30:00+01:00");
  });

  it.each([
    ["create, year 1", "POST", { ...fachtag, startsAt: "0001-03-12T09:00:00+01:00" }],
    ["create, year 2101", "POST", { ...fachtag, endsAt: "2101-03-12T15:30:00+01:00" }],
    ["create, window in 1999", "POST", { ...fachtag, registrationOpensAt: "1999-12-01T09:00:00+01:00" }],
    ["create, 30 February", "POST", { ...fachtag, startsAt: "2027-02-30T09:00:00+01:00" }],
  ] as const)("%s → 422", async (_label, method, body) => {
    const res = await api(method, "/api/v1/events", body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("update, registration window in year 3000 → 422", async () => {
    const id = await fachtagWithProgramme();
    const res = await api("PATCH", `/api/v1/events/${id}`, { registrationClosesAt: "3000-01-01T00:00:00+01:00" });
    expect(res.statusCode, res.body).toBe(422);
  });

  it("programme items in year 1 → 422, on create and on update", async () => {
    const id = await fachtagWithProgramme();
    const item = { kind: "break", title: "Pause", startsAt: "0001-03-12T12:00:00+01:00" };
    const added = await api("POST", `/api/v1/events/${id}/sessions`, { ...item, endsAt: "0001-03-12T13:00:00+01:00" });
    expect(added.statusCode, added.body).toBe(422);
    const list = await t.app.inject({ url: `/api/v1/events/${id}/sessions`, headers: { authorization } });
    const changed = await api("PATCH", `/api/v1/events/${id}/sessions/${list.json()[0].id}`, {
      startsAt: "0001-03-12T09:30:00+01:00",
    });
    expect(changed.statusCode, changed.body).toBe(422);
  });
});

describe("forms: impossible dates and times are refused beside the field", () => {
  const fields = (over: Record<string, string> = {}) => ({
    title: "Fachtag",
    date: "2027-03-26",
    startTime: "09:00",
    endTime: "14:30",
    venueName: "Kreishaus Celle",
    capacity: "100",
    holdHours: "24",
    reminderDays: "3",
    ...over,
  });
  const errorOf = (html: string, field: string) =>
    new RegExp(`id="f-${field}-error"[^>]*>(?:<span[^>]*></span>)?<span class="kern-body">([^<]+)<`).exec(html)?.[1];

  it.each([
    ["date", { date: "2027-02-30" }, "Dieses Datum gibt es nicht"],
    ["date", { date: "0001-03-26" }, "zwischen 01.01.2000 und 31.12.2100"],
    ["date", { date: "2101-01-01" }, "zwischen 01.01.2000 und 31.12.2100"],
    ["startTime", { startTime: "25:00" }, "zwischen 00:00 und 23:59"],
    ["opensDate", { opensDate: "2027-13-01", opensTime: "09:00" }, "Dieses Datum gibt es nicht"],
    ["closesDate", { closesDate: "1999-12-31", closesTime: "12:00" }, "zwischen 01.01.2000 und 31.12.2100"],
  ])("create: %s %j", async (field, over, message) => {
    const res = await editor.submit("/verwaltung/fachtage/neu", "/verwaltung/fachtage/neu", fields(over));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res.body, field)).toContain(message);
  });

  it("update: the same rules, the Fachtag stays as it was", async () => {
    const created = await editor.submit("/verwaltung/fachtage/neu", "/verwaltung/fachtage/neu", fields());
    const id = /fachtage\/([^/]+)\/programm/.exec(String(created.headers.location))?.[1] as string;
    const url = `/verwaltung/fachtage/${id}`;
    const bad = await editor.submit(url, url, fields({ date: "0001-03-26" }));
    expect(bad.statusCode).toBe(422);
    expect(errorOf(bad.body, "date")).toContain("zwischen 01.01.2000 und 31.12.2100");
    const row = await t.platform.db.kysely
      .selectFrom("events")
      .select("starts_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.starts_at.slice(0, 10)).toBe("2027-03-26");
    const programme = `${url}/programm`;
    const item = await editor.submit(programme, programme, {
      kind: "talk",
      title: "Vortrag",
      startTime: "24:00",
      endTime: "10:00",
    });
    expect(item.statusCode).toBe(422);
    expect(errorOf(item.body, "startTime")).toContain("zwischen 00:00 und 23:59");
  });
});
