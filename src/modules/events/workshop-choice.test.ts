import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";

// How a Fachtag gives its workshop places (first come, or wishes and an allocation) and
// how many wishes it asks for: the API contract, the organiser's form, and the rule that
// the mode stays once people registered or the allocation is published.

let t: TestApp;
let editor: { id: string; authorization: string };
let editorBrowser: Browser;

beforeAll(async () => {
  t = await createTestApp();
  editor = await createUserWithToken(t.platform, "editor");
  editorBrowser = new Browser(t.app);
  await signInAs(t.platform, editorBrowser, "editor");
});
afterAll(async () => t?.close());

const validEvent = (over: Record<string, unknown> = {}) => ({
  title: "Übergänge gestalten",
  startsAt: "2027-03-12T09:00:00+01:00",
  endsAt: "2027-03-12T15:30:00+01:00",
  venue: { name: "Kreishaus Celle" },
  capacity: 120,
  status: "published",
  ...over,
});

const api = (method: "POST" | "PATCH" | "GET", url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    ...(payload ? { payload: payload as object } : {}),
    headers: { authorization: editor.authorization },
  });

async function createEvent(over: Record<string, unknown> = {}) {
  const res = await api("POST", "/api/v1/events", validEvent(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; slug: string; workshopChoice: string; maxChoices: number };
}

async function registerSomebody(eventId: string) {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/events/${eventId}/registrations`,
    payload: { firstName: "Erika", lastName: "Müller", email: `e-${eventId}@example.org`, consents: { privacy: true } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe("workshopChoice and maxChoices in the API", () => {
  it("defaults to first come with 3 wishes, and takes both on create", async () => {
    const plain = await createEvent();
    expect(plain).toMatchObject({ workshopChoice: "first_come", maxChoices: 3 });
    const wishes = await createEvent({ workshopChoice: "preferences", maxChoices: 2 });
    expect(wishes).toMatchObject({ workshopChoice: "preferences", maxChoices: 2, allocationPublishedAt: null });
    const read = await api("GET", `/api/v1/events/${wishes.id}`);
    expect(read.json()).toMatchObject({ workshopChoice: "preferences", maxChoices: 2 });
  });

  it("refuses maxChoices outside 1–5 and an unknown mode with 422, changing nothing", async () => {
    const ev = await createEvent();
    for (const bad of [0, 6, 2.5, "3"]) {
      const res = await api("PATCH", `/api/v1/events/${ev.id}`, { maxChoices: bad });
      expect(res.statusCode, String(bad)).toBe(422);
      expect(res.json().errors[0].field).toBe("maxChoices");
    }
    const mode = await api("PATCH", `/api/v1/events/${ev.id}`, { workshopChoice: "lottery" });
    expect(mode.statusCode).toBe(422);
    expect((await api("POST", "/api/v1/events", validEvent({ maxChoices: 9 }))).statusCode).toBe(422);
    expect((await api("GET", `/api/v1/events/${ev.id}`)).json()).toMatchObject({
      workshopChoice: "first_come",
      maxChoices: 3,
    });
  });

  it("switches the mode and the number of wishes while nobody has registered", async () => {
    const ev = await createEvent();
    const res = await api("PATCH", `/api/v1/events/${ev.id}`, { workshopChoice: "preferences", maxChoices: 4 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ workshopChoice: "preferences", maxChoices: 4 });
    const back = await api("PATCH", `/api/v1/events/${ev.id}`, { workshopChoice: "first_come", maxChoices: 1 });
    expect(back.json()).toMatchObject({ workshopChoice: "first_come", maxChoices: 1 });
  });

  it("refuses a switch of mode after a registration (409 workshop_choice_locked), also after a cancellation of others", async () => {
    const ev = await createEvent({ workshopChoice: "preferences" });
    await registerSomebody(ev.id);
    const res = await api("PATCH", `/api/v1/events/${ev.id}`, { workshopChoice: "first_come" });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "workshop_choice_locked" });
    expect(res.json().detail).toContain("1 Anmeldungen");
    expect(res.json().errors[0].field).toBe("workshopChoice");
    // The same mode again is no switch; other fields still change.
    const same = await api("PATCH", `/api/v1/events/${ev.id}`, { workshopChoice: "preferences", title: "Neu" });
    expect(same.statusCode).toBe(200);
    expect((await api("GET", `/api/v1/events/${ev.id}`)).json()).toMatchObject({ workshopChoice: "preferences" });
  });

  it("after a registration, raises maxChoices but refuses to lower it (409 max_choices_locked)", async () => {
    const ev = await createEvent({ workshopChoice: "preferences", maxChoices: 3 });
    await registerSomebody(ev.id);
    expect((await api("PATCH", `/api/v1/events/${ev.id}`, { maxChoices: 5 })).json().maxChoices).toBe(5);
    const lower = await api("PATCH", `/api/v1/events/${ev.id}`, { maxChoices: 2 });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().code).toBe("max_choices_locked");
    expect((await api("GET", `/api/v1/events/${ev.id}`)).json().maxChoices).toBe(5);
  });

  it("allows the switch again once every registration is cancelled", async () => {
    const ev = await createEvent({ workshopChoice: "preferences" });
    const r = await registerSomebody(ev.id);
    const cancel = await api("POST", `/api/v1/registrations/${r.id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    const res = await api("PATCH", `/api/v1/events/${ev.id}`, { workshopChoice: "first_come" });
    expect(res.statusCode).toBe(200);
  });

  it("refuses a switch once the allocation is published, even without active registrations", async () => {
    const ev = await createEvent({ workshopChoice: "preferences" });
    await t.platform.db.kysely
      .updateTable("events")
      .set({ allocation_published_at: new Date().toISOString() })
      .where("id", "=", ev.id)
      .execute();
    const res = await api("PATCH", `/api/v1/events/${ev.id}`, { workshopChoice: "first_come" });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain("Zuteilung ist veröffentlicht");
    const read = (await api("GET", `/api/v1/events/${ev.id}`)).json();
    expect(read.workshopChoice).toBe("preferences");
    expect(read.allocationPublishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*[+-]\d{2}:\d{2}$/);
  });
});

describe("the organiser's form", () => {
  const formFields = (over: Record<string, string> = {}) => ({
    title: "Wünsche und Zuteilung",
    date: "2027-04-09",
    startTime: "09:00",
    endTime: "15:00",
    venueName: "Kreishaus Celle",
    capacity: "150",
    holdHours: "24",
    reminderDays: "3",
    workshopChoice: "preferences",
    maxChoices: "2",
    ...over,
  });

  it("offers both modes and the number of wishes, and stores them", async () => {
    const page = await editorBrowser.get("/verwaltung/fachtage/neu");
    expect(page.body).toContain("Wer zuerst kommt");
    expect(page.body).toContain("Wünsche mit Zuteilung");
    expect(page.body).toContain("Anzahl Wünsche je Zeitfenster");
    const res = await editorBrowser.submit("/verwaltung/fachtage/neu", "/verwaltung/fachtage/neu", formFields());
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const id = /\/verwaltung\/fachtage\/([^/]+)\/programm/.exec(String(res.headers.location))?.[1] as string;
    const edit = await editorBrowser.get(`/verwaltung/fachtage/${id}`);
    expect(edit.body).toMatch(/value="preferences"[^>]*checked/);
    expect(edit.body).toMatch(/name="maxChoices"[^>]*value="2"/);
  });

  it("says beside the field why the number of wishes is wrong", async () => {
    const res = await editorBrowser.submit(
      "/verwaltung/fachtage/neu",
      "/verwaltung/fachtage/neu",
      formFields({ maxChoices: "7" }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="f-maxChoices-error"');
    expect(res.body).toContain("ganze Zahl von 1 bis 5");
  });

  it("refuses the switch beside the radio buttons once somebody registered, and keeps the mode", async () => {
    const res = await editorBrowser.submit("/verwaltung/fachtage/neu", "/verwaltung/fachtage/neu", formFields());
    const id = /\/verwaltung\/fachtage\/([^/]+)\/programm/.exec(String(res.headers.location))?.[1] as string;
    await editorBrowser.submit(`/verwaltung/fachtage/${id}`, `/verwaltung/fachtage/${id}/status`, {
      status: "published",
    });
    const url = `/verwaltung/fachtage/${id}`;
    expect((await editorBrowser.get(url)).body).toContain("solange sich noch niemand angemeldet hat");
    await registerSomebody(id);
    // The form says so before anybody tries.
    const page = await editorBrowser.get(url);
    expect(page.body).toMatch(/id="f-workshopChoice"[\s\S]*?Es gibt schon Anmeldungen/);
    expect(page.body).not.toContain("solange sich noch niemand angemeldet hat");
    const refused = await editorBrowser.submit(url, url, formFields({ workshopChoice: "first_come" }));
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toMatch(/kern-fieldset--error" id="f-workshopChoice"[\s\S]*?Es gibt schon Anmeldungen/);
    const row = await t.platform.db.kysely
      .selectFrom("events")
      .select("workshop_choice")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.workshop_choice).toBe("preferences");
  });
});

describe("copying a Fachtag", () => {
  it("keeps the mode and the number of wishes, but not a published allocation", async () => {
    const ev = await createEvent({ workshopChoice: "preferences", maxChoices: 4 });
    await t.platform.db.kysely
      .updateTable("events")
      .set({ allocation_published_at: new Date().toISOString() })
      .where("id", "=", ev.id)
      .execute();
    const url = `/verwaltung/fachtage/${ev.id}/kopieren`;
    const admin = new Browser(t.app);
    await signInAs(t.platform, admin, "admin");
    const res = await admin.submit(url, url, { title: "Übergänge gestalten 2028", date: "2028-03-10" });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const copyId = /\/verwaltung\/fachtage\/([^/]+)$/.exec(String(res.headers.location))?.[1] as string;
    const copy = await t.platform.db.kysely
      .selectFrom("events")
      .select(["workshop_choice", "max_choices", "allocation_published_at"])
      .where("id", "=", copyId)
      .executeTakeFirstOrThrow();
    expect(copy).toEqual({ workshop_choice: "preferences", max_choices: 4, allocation_published_at: null });
  });
});
