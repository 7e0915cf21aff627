import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";

let t: TestApp;
let editor: { id: string; authorization: string };
let otherEditor: { id: string; authorization: string };
let admin: { authorization: string };
let member: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  editor = await createUserWithToken(t.platform, "editor");
  otherEditor = await createUserWithToken(t.platform, "editor");
  admin = await createUserWithToken(t.platform, "admin");
  member = await createUserWithToken(t.platform, "member");
});
afterAll(async () => t?.close());

const validEvent = (over: Record<string, unknown> = {}) => ({
  title: "Übergänge gestalten",
  startsAt: "2027-03-12T09:00:00+01:00",
  endsAt: "2027-03-12T15:30:00+01:00",
  venue: { name: "Kreishaus Celle", room: "Neuer Kreistagssaal", address: "Trift 26, 29221 Celle" },
  capacity: 120,
  ...over,
});

async function post(url: string, payload: unknown, authorization?: string) {
  return t.app.inject({
    method: "POST",
    url,
    payload: payload as Record<string, unknown>,
    headers: authorization ? { authorization } : {},
  });
}

async function patch(url: string, payload: unknown, authorization?: string) {
  return t.app.inject({
    method: "PATCH",
    url,
    payload: payload as Record<string, unknown>,
    headers: authorization ? { authorization } : {},
  });
}

async function createEvent(over: Record<string, unknown> = {}, authorization = editor.authorization) {
  const res = await post("/api/v1/events", validEvent(over), authorization);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; slug: string; [key: string]: unknown };
}

describe("POST /api/v1/events", () => {
  it("creates a Fachtag for an editor and answers with the contract shape, times with Berlin offset", async () => {
    const res = await post("/api/v1/events", validEvent({ status: "published" }), editor.authorization);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      id: expect.any(String),
      title: "Übergänge gestalten",
      startsAt: "2027-03-12T09:00:00+01:00",
      endsAt: "2027-03-12T15:30:00+01:00",
      venue: { name: "Kreishaus Celle", room: "Neuer Kreistagssaal", address: "Trift 26, 29221 Celle" },
      capacity: 120,
      confirmByEmail: true,
      status: "published",
      registrationOpen: true,
      registrationOpensAt: null,
      registrationClosesAt: null,
    });
    expect(body.url).toMatch(/\/fachtage\/2027-03-12-uebergaenge-gestalten$/);
  });

  it("accepts UTC times and the optional fields of the contract", async () => {
    const body = await createEvent({
      startsAt: "2027-06-10T07:00:00Z",
      endsAt: "2027-06-10T13:00:00Z",
      registrationOpensAt: "2027-01-01T00:00:00+01:00",
      registrationClosesAt: "2027-06-01T00:00:00+02:00",
      confirmByEmail: false,
      status: "draft",
    });
    expect(body).toMatchObject({
      startsAt: "2027-06-10T09:00:00+02:00",
      registrationOpensAt: "2027-01-01T00:00:00+01:00",
      registrationClosesAt: "2027-06-01T00:00:00+02:00",
      confirmByEmail: false,
      status: "draft",
      registrationOpen: false,
    });
  });

  it("answers 401 without a token and 403 for a member, and stores nothing", async () => {
    const before = (await t.app.inject("/api/v1/events")).json().length;
    const anonymous = await post("/api/v1/events", validEvent({ status: "published" }));
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["content-type"]).toContain("application/problem+json");
    expect(anonymous.json().code).toBe("unauthorized");
    const asMember = await post("/api/v1/events", validEvent({ status: "published" }), member.authorization);
    expect(asMember.statusCode).toBe(403);
    expect(asMember.json().code).toBe("forbidden");
    expect((await t.app.inject("/api/v1/events")).json()).toHaveLength(before);
  });

  it.each([
    ["end before start", { endsAt: "2027-03-12T08:00:00+01:00" }, "Das Ende muss nach dem Beginn liegen."],
    ["capacity 0", { capacity: 0 }, "mindestens 1 Platz"],
    ["capacity not a number", { capacity: "viele" }, "Zahl"],
    ["time without offset", { startsAt: "12.03.2027 09:00" }, "ISO 8601"],
    ["empty title", { title: "" }, "Titel"],
    ["no venue name", { venue: { name: "" } }, "Veranstaltungsort"],
    ["unknown status", { status: "held" }, "draft oder published"],
    [
      "registration closing before opening",
      { registrationOpensAt: "2027-02-01T00:00:00+01:00", registrationClosesAt: "2027-01-01T00:00:00+01:00" },
      "Anmeldeschluss",
    ],
  ])("rejects %s with 422 and a German message", async (_name, over, message) => {
    const res = await post("/api/v1/events", validEvent(over), editor.authorization);
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const problem = res.json();
    expect(problem.code).toBe("validation_failed");
    expect(JSON.stringify(problem)).toContain(message);
  });
});

describe("GET /api/v1/events", () => {
  it("lists published events for everybody, never drafts, and filters by ?from=&to=", async () => {
    const published = await createEvent({
      title: "Filter Frühjahr",
      startsAt: "2028-04-05T09:00:00+02:00",
      endsAt: "2028-04-05T15:00:00+02:00",
      status: "published",
    });
    const draft = await createEvent({
      title: "Filter Entwurf",
      startsAt: "2028-04-06T09:00:00+02:00",
      endsAt: "2028-04-06T15:00:00+02:00",
    });
    const all = (await t.app.inject("/api/v1/events")).json() as { id: string }[];
    expect(all.map((e) => e.id)).toContain(published.id);
    expect(all.map((e) => e.id)).not.toContain(draft.id);

    const april = (await t.app.inject("/api/v1/events?from=2028-04-01&to=2028-05-01")).json() as { id: string }[];
    expect(april.map((e) => e.id)).toEqual([published.id]);
    const later = (await t.app.inject("/api/v1/events?from=2028-04-06T00:00:00%2B02:00")).json() as { id: string }[];
    expect(later.map((e) => e.id)).not.toContain(published.id);
  });

  it("may be fetched by other websites (CORS, read-only)", async () => {
    const res = await t.app.inject({
      url: "/api/v1/events",
      headers: { origin: "https://www.landkreis-celle.example" },
    });
    expect(res.headers["access-control-allow-origin"]).toBe("*");
  });

  it("rejects a bad ?from= with 422", async () => {
    const res = await t.app.inject("/api/v1/events?from=gestern");
    expect(res.statusCode).toBe(422);
  });
});

describe("GET /api/v1/events/{id}", () => {
  it("shows a draft only to its editor and admins; 404 for others and unknown ids", async () => {
    const draft = await createEvent({ title: "Geheimer Entwurf" });
    expect((await t.app.inject(`/api/v1/events/${draft.id}`)).statusCode).toBe(404);
    const asOther = await t.app.inject({
      url: `/api/v1/events/${draft.id}`,
      headers: { authorization: otherEditor.authorization },
    });
    expect(asOther.statusCode).toBe(404);
    const asOwner = await t.app.inject({
      url: `/api/v1/events/${draft.id}`,
      headers: { authorization: editor.authorization },
    });
    expect(asOwner.statusCode).toBe(200);
    expect(asOwner.json().title).toBe("Geheimer Entwurf");
    const asAdmin = await t.app.inject({
      url: `/api/v1/events/${draft.id}`,
      headers: { authorization: admin.authorization },
    });
    expect(asAdmin.statusCode).toBe(200);
    const unknown = await t.app.inject("/api/v1/events/00000000-0000-0000-0000-000000000000");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("not_found");
  });

  it("includes free places of a published event", async () => {
    const event = await createEvent({ status: "published", capacity: 30 });
    const body = (await t.app.inject(`/api/v1/events/${event.id}`)).json();
    expect(body.availability).toMatchObject({ capacity: 30, taken: 0, free: 30, waitlist: 0 });
  });
});

describe("PATCH /api/v1/events/{id}", () => {
  it("lets the owner change fields and keeps the rest", async () => {
    const event = await createEvent();
    const res = await patch(
      `/api/v1/events/${event.id}`,
      { capacity: 150, venue: { room: "Raum 2" }, subtitle: "Mit Workshops" },
      editor.authorization,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      capacity: 150,
      subtitle: "Mit Workshops",
      venue: { name: "Kreishaus Celle", room: "Raum 2" },
      title: "Übergänge gestalten",
    });
  });

  it("forbids another editor (403) and a member (403), allows an admin, and changes nothing when refused", async () => {
    const event = await createEvent({ title: "Nur meiner", status: "published" });
    const other = await patch(`/api/v1/events/${event.id}`, { title: "Gekapert" }, otherEditor.authorization);
    expect(other.statusCode).toBe(403);
    const asMember = await patch(`/api/v1/events/${event.id}`, { title: "Gekapert" }, member.authorization);
    expect(asMember.statusCode).toBe(403);
    const anonymous = await patch(`/api/v1/events/${event.id}`, { title: "Gekapert" });
    expect(anonymous.statusCode).toBe(401);
    const asOwner = await t.app.inject({
      url: `/api/v1/events/${event.id}`,
      headers: { authorization: editor.authorization },
    });
    expect(asOwner.json().title).toBe("Nur meiner");
    const asAdmin = await patch(`/api/v1/events/${event.id}`, { title: "Vom Bildungsbüro" }, admin.authorization);
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json().title).toBe("Vom Bildungsbüro");
  });

  it("follows the status flow and refuses impossible changes with 409", async () => {
    // A Fachtag that has taken place: only then can it be marked as held.
    const event = await createEvent({ startsAt: "2024-02-23T09:00:00+01:00", endsAt: "2024-02-23T15:00:00+01:00" });
    for (const status of ["published", "held", "documented"]) {
      const res = await patch(`/api/v1/events/${event.id}`, { status }, editor.authorization);
      expect(res.statusCode, status).toBe(200);
      expect(res.json().status).toBe(status);
    }
    const back = await patch(`/api/v1/events/${event.id}`, { status: "draft" }, editor.authorization);
    expect(back.statusCode).toBe(409);
    expect(back.json().detail).toContain("Statuswechsel");
  });

  it("rejects invalid changes with 422 and leaves the event unchanged", async () => {
    const event = await createEvent();
    const bad = await patch(
      `/api/v1/events/${event.id}`,
      { endsAt: "2027-03-12T08:00:00+01:00" },
      editor.authorization,
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail).toContain("Das Ende muss nach dem Beginn liegen.");
    const zero = await patch(`/api/v1/events/${event.id}`, { capacity: 0 }, editor.authorization);
    expect(zero.statusCode).toBe(422);
    const now = await t.app.inject({
      url: `/api/v1/events/${event.id}`,
      headers: { authorization: editor.authorization },
    });
    expect(now.json()).toMatchObject({ endsAt: "2027-03-12T15:30:00+01:00", capacity: 120 });
  });

  it("answers 404 for an unknown id", async () => {
    const res = await patch("/api/v1/events/gibt-es-nicht", { title: "x" }, admin.authorization);
    expect(res.statusCode).toBe(404);
  });
});

describe("sessions API", () => {
  it("adds programme items and returns them with slot index; parallel workshops share a slot", async () => {
    const event = await createEvent({ status: "published" });
    const url = `/api/v1/events/${event.id}/sessions`;
    const talk = await post(
      url,
      {
        kind: "talk",
        title: "Fachvortrag",
        startsAt: "2027-03-12T09:15:00+01:00",
        endsAt: "2027-03-12T10:00:00+01:00",
        speakers: [{ name: "Dr. Beispiel (fiktiv)", role: "Ärztin", organisation: "Jugendärztlicher Dienst" }],
      },
      editor.authorization,
    );
    expect(talk.statusCode).toBe(201);
    expect(talk.json()).toMatchObject({
      id: expect.any(String),
      kind: "talk",
      startsAt: "2027-03-12T09:15:00+01:00",
      speakers: [{ name: "Dr. Beispiel (fiktiv)", role: "Ärztin", organisation: "Jugendärztlicher Dienst" }],
      slotIndex: null,
      capacity: null,
    });
    for (const title of ["Workshop A", "Workshop B"]) {
      const res = await post(
        url,
        {
          kind: "workshop",
          title,
          startsAt: "2027-03-12T10:30:00+01:00",
          endsAt: "2027-03-12T12:00:00+01:00",
          capacity: 25,
          room: "Raum 1",
        },
        editor.authorization,
      );
      expect(res.statusCode).toBe(201);
    }
    const list = (await t.app.inject(url)).json() as {
      title: string;
      slotIndex: number | null;
      capacity: number | null;
    }[];
    expect(list.map((s) => s.title)).toEqual(["Fachvortrag", "Workshop A", "Workshop B"]);
    expect(list.filter((s) => s.slotIndex === 0)).toHaveLength(2);
    expect(list[1]?.capacity).toBe(25);
  });

  it("refuses programme items outside the event day, ending before starting or with capacity < 1 (422)", async () => {
    const event = await createEvent();
    const url = `/api/v1/events/${event.id}/sessions`;
    const base = {
      kind: "workshop",
      title: "W",
      startsAt: "2027-03-12T10:00:00+01:00",
      endsAt: "2027-03-12T11:00:00+01:00",
    };
    const otherDay = await post(
      url,
      { ...base, startsAt: "2027-03-13T10:00:00+01:00", endsAt: "2027-03-13T11:00:00+01:00" },
      editor.authorization,
    );
    expect(otherDay.statusCode).toBe(422);
    expect(otherDay.json().detail).toContain("am Tag des Fachtags");
    const backwards = await post(url, { ...base, endsAt: "2027-03-12T09:00:00+01:00" }, editor.authorization);
    expect(backwards.statusCode).toBe(422);
    const noPlaces = await post(url, { ...base, capacity: 0 }, editor.authorization);
    expect(noPlaces.statusCode).toBe(422);
    const badKind = await post(url, { ...base, kind: "party" }, editor.authorization);
    expect(badKind.statusCode).toBe(422);
    expect((await t.app.inject({ url, headers: { authorization: editor.authorization } })).json()).toEqual([]);
  });

  it("lets only the event's editor or an admin add items", async () => {
    const event = await createEvent({ status: "published" });
    const url = `/api/v1/events/${event.id}/sessions`;
    const body = {
      kind: "break",
      title: "Pause",
      startsAt: "2027-03-12T12:00:00+01:00",
      endsAt: "2027-03-12T13:00:00+01:00",
    };
    expect((await post(url, body)).statusCode).toBe(401);
    expect((await post(url, body, member.authorization)).statusCode).toBe(403);
    expect((await post(url, body, otherEditor.authorization)).statusCode).toBe(403);
    expect((await post(url, body, admin.authorization)).statusCode).toBe(201);
  });

  it("hides the programme of a draft from the public", async () => {
    const event = await createEvent();
    expect((await t.app.inject(`/api/v1/events/${event.id}/sessions`)).statusCode).toBe(404);
  });
});

describe("OpenAPI", () => {
  it("documents the Fachtage endpoints with tags and summaries", async () => {
    const doc = (await t.app.inject("/api/v1/openapi.json")).json();
    expect(doc.paths["/api/v1/events"].post.tags).toEqual(["Fachtage"]);
    expect(doc.paths["/api/v1/events/{id}/sessions"].post.summary).toBeTruthy();
  });
});

describe("changes reach the registrations module", () => {
  const register = (eventId: string, n: number) =>
    post(`/api/v1/events/${eventId}/registrations`, {
      firstName: "Erika",
      lastName: `Beispiel ${n}`,
      email: `erika${n}-${eventId.slice(0, 6)}@example.org`,
      consents: { privacy: true },
    });

  it("promotes from the waitlist when the organiser raises the capacity", async () => {
    const event = await createEvent({ status: "published", capacity: 1, confirmByEmail: false });
    expect((await register(event.id, 1)).json().status).toBe("confirmed");
    const waiting = (await register(event.id, 2)).json();
    expect(waiting.status).toBe("waitlisted");
    const raised = await patch(`/api/v1/events/${event.id}`, { capacity: 2 }, editor.authorization);
    expect(raised.statusCode).toBe(200);
    const after = (await t.app.inject(`/api/v1/events/${event.id}`)).json();
    expect(after.availability).toMatchObject({ capacity: 2, taken: 2, waitlist: 0 });
  });

  it("mails registered people when time or venue change, in the same transaction", async () => {
    const event = await createEvent({ status: "published", capacity: 10, confirmByEmail: false });
    const email = `erika1-${event.id.slice(0, 6)}@example.org`;
    expect((await register(event.id, 1)).statusCode).toBe(201);
    const mails = () =>
      t.platform.db.kysely.selectFrom("outbox").select("subject").where("to_address", "=", email).execute();
    const before = (await mails()).length;
    const moved = await patch(
      `/api/v1/events/${event.id}`,
      { startsAt: "2027-03-12T10:00:00+01:00", venue: { room: "Raum 3" } },
      editor.authorization,
    );
    expect(moved.statusCode).toBe(200);
    expect((await mails()).length).toBe(before + 1);
    // a change that people need not know about sends nothing
    await patch(`/api/v1/events/${event.id}`, { subtitle: "Neu" }, editor.authorization);
    expect((await mails()).length).toBe(before + 1);
  });
});

describe("programme follows the event and can be changed through the API", () => {
  it("moves programme items with the event to another day, keeping wall-clock times across the DST change", async () => {
    // 26 March 2027 is winter time, 2 April 2027 summer time
    const event = await createEvent({ startsAt: "2027-03-26T09:00:00+01:00", endsAt: "2027-03-26T15:00:00+01:00" });
    const url = `/api/v1/events/${event.id}/sessions`;
    await post(
      url,
      { kind: "talk", title: "Vortrag", startsAt: "2027-03-26T09:30:00+01:00", endsAt: "2027-03-26T10:30:00+01:00" },
      editor.authorization,
    );
    const moved = await patch(
      `/api/v1/events/${event.id}`,
      { startsAt: "2027-04-02T09:00:00+02:00", endsAt: "2027-04-02T15:00:00+02:00" },
      editor.authorization,
    );
    expect(moved.statusCode).toBe(200);
    const sessions = (await t.app.inject({ url, headers: { authorization: editor.authorization } })).json();
    expect(sessions[0]).toMatchObject({ startsAt: "2027-04-02T09:30:00+02:00", endsAt: "2027-04-02T10:30:00+02:00" });
  });

  it("changes only the sent fields of a programme item and deletes it; others may not", async () => {
    const event = await createEvent({ status: "published" });
    const url = `/api/v1/events/${event.id}/sessions`;
    const created = (
      await post(
        url,
        {
          kind: "workshop",
          title: "W1",
          startsAt: "2027-03-12T10:00:00+01:00",
          endsAt: "2027-03-12T11:00:00+01:00",
          capacity: 10,
          room: "A",
        },
        editor.authorization,
      )
    ).json();
    const one = `${url}/${created.id}`;
    expect((await patch(one, { capacity: 12 }, otherEditor.authorization)).statusCode).toBe(403);
    expect((await patch(one, { capacity: 0 }, editor.authorization)).statusCode).toBe(422);
    const changed = await patch(one, { capacity: 12, title: "W1 neu" }, editor.authorization);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      title: "W1 neu",
      capacity: 12,
      room: "A",
      startsAt: "2027-03-12T10:00:00+01:00",
    });
    const forbidden = await t.app.inject({
      method: "DELETE",
      url: one,
      headers: { authorization: member.authorization },
    });
    expect(forbidden.statusCode).toBe(403);
    const deleted = await t.app.inject({
      method: "DELETE",
      url: one,
      headers: { authorization: editor.authorization },
    });
    expect(deleted.statusCode).toBe(204);
    const again = await t.app.inject({ method: "DELETE", url: one, headers: { authorization: editor.authorization } });
    expect(again.statusCode).toBe(404);
  });
});
