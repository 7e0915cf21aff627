import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { createFachtag, validApiBody } from "./test-fixtures.js";
import { mailsTo, statusOf } from "./test-http.js";

let t: TestApp;
let editor: Awaited<ReturnType<typeof createUserWithToken>>;
let otherEditor: Awaited<ReturnType<typeof createUserWithToken>>;
let member: Awaited<ReturnType<typeof createUserWithToken>>;
let admin: Awaited<ReturnType<typeof createUserWithToken>>;

beforeAll(async () => {
  // Rate limits stay on; each request below comes from its own address unless a test says otherwise.
  t = await createTestApp();
  editor = await createUserWithToken(t.platform, "editor");
  otherEditor = await createUserWithToken(t.platform, "editor");
  member = await createUserWithToken(t.platform, "member");
  admin = await createUserWithToken(t.platform, "admin");
});
afterAll(async () => t?.close());

let ip = 0;
const nextAddress = () => `10.1.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
const post = (eventId: string, body: unknown) =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/events/${eventId}/registrations`,
    payload: body as object,
    remoteAddress: nextAddress(),
  });

describe("POST /api/v1/events/{id}/registrations", () => {
  it("answers 201 with the contract fields, holds the place and mails a confirmation link", async () => {
    const ev = await createFachtag(t.platform, {
      capacity: 10,
      workshops: [{ title: "Sprachförderung im Alltag", capacity: 5 }],
    });
    const res = await post(ev.id, validApiBody("contract", { workshopIds: ev.workshops }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({ id: expect.any(String), status: "pending", workshopIds: ev.workshops });
    const [mail] = await mailsTo(t.platform, "person-contract@example.org");
    expect(mail?.subject).toContain("Bitte bestätigen Sie Ihre Anmeldung");
    expect(mail?.text_body).toContain("/anmeldung/bestaetigen/");
    expect(mail?.text_body).toContain("Sprachförderung im Alltag");
  });

  it("confirms at once when the Fachtag has no double opt-in, with an .ics attachment", async () => {
    const ev = await createFachtag(t.platform, { confirmByEmail: false });
    const res = await post(ev.id, validApiBody("direct"));
    expect(res.json().status).toBe("confirmed");
    const [mail] = await mailsTo(t.platform, "person-direct@example.org");
    expect(mail?.subject).toContain("Anmeldung bestätigt");
    const attachments = JSON.parse(mail?.attachments ?? "[]") as { filename: string; content: string }[];
    expect(attachments[0]?.filename).toMatch(/\.ics$/);
    expect(attachments[0]?.content).toContain("BEGIN:VEVENT");
  });

  it("puts people on the waitlist with consecutive positions when the Fachtag is full", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1 });
    expect((await post(ev.id, validApiBody("w0"))).json().status).toBe("pending");
    const first = (await post(ev.id, validApiBody("w1"))).json();
    const second = (await post(ev.id, validApiBody("w2"))).json();
    expect(first).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect(second).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
    const [mail] = await mailsTo(t.platform, "person-w2@example.org");
    expect(mail?.text_body).toContain("Platz 2 der Warteliste");
  });

  it("answers 409 already_registered for the same e-mail in any spelling, and keeps one registration", async () => {
    const ev = await createFachtag(t.platform);
    expect((await post(ev.id, validApiBody("dup"))).statusCode).toBe(201);
    const res = await post(ev.id, validApiBody("dup", { email: "  PERSON-dup@Example.ORG " }));
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 409, code: "already_registered" });
    expect(res.json().detail).toContain("bereits eine Anmeldung");
    const rows = await t.platform.db.kysely
      .selectFrom("registrations")
      .select("id")
      .where("event_id", "=", ev.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("answers 409 workshop_full when the chosen workshop is full (no waitlist for workshops)", async () => {
    const ev = await createFachtag(t.platform, { capacity: 10, workshops: [{ title: "Bewegung", capacity: 1 }] });
    expect((await post(ev.id, validApiBody("wf1", { workshopIds: ev.workshops }))).statusCode).toBe(201);
    const res = await post(ev.id, validApiBody("wf2", { workshopIds: ev.workshops }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "workshop_full" });
    expect(res.json().detail).toContain("„Bewegung“ ist leider ausgebucht");
    expect(await mailsTo(t.platform, "person-wf2@example.org")).toHaveLength(0);
  });

  it.each([
    ["cancelled", { status: "cancelled" as const }],
    ["closed window", { registrationClosesAt: "2020-01-01T00:00:00.000Z" }],
    ["past", { startsInDays: -2 }],
  ])("answers 409 registration_closed for a %s Fachtag and stores nothing", async (_label, options) => {
    const ev = await createFachtag(t.platform, options);
    const key = `closed-${_label.replace(/\W/g, "")}`;
    const res = await post(ev.id, validApiBody(key));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("registration_closed");
    expect(await mailsTo(t.platform, `person-${key}@example.org`)).toHaveLength(0);
  });

  it("answers 404 for a draft, as reading it does, to anybody but its organisers, and stores nothing", async () => {
    const ev = await createFachtag(t.platform, { status: "draft", createdBy: editor.id });
    for (const who of [undefined, member, otherEditor]) {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/v1/events/${ev.id}/registrations`,
        payload: validApiBody("draft"),
        remoteAddress: nextAddress(),
        ...(who ? { headers: { authorization: who.authorization } } : {}),
      });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain("veröffentlicht");
    }
    // By slug, too: the draft's address tells nothing either.
    expect((await post(ev.slug, validApiBody("draft-slug"))).statusCode).toBe(404);
    // Its organiser is told why: it is not published yet.
    const own = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${ev.id}/registrations`,
      payload: validApiBody("draft-own"),
      headers: { authorization: editor.authorization },
      remoteAddress: nextAddress(),
    });
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe("registration_closed");
    expect(await mailsTo(t.platform, "person-draft@example.org")).toHaveLength(0);
    // The organisers' list of a draft is as unknown to another editor as the draft itself.
    const list = await t.app.inject({
      url: `/api/v1/events/${ev.id}/registrations`,
      headers: { authorization: otherEditor.authorization },
    });
    expect(list.statusCode).toBe(404);
  });

  it("answers 404 for an unknown Fachtag", async () => {
    const res = await post("00000000-0000-0000-0000-000000000000", validApiBody("nofound"));
    expect(res.statusCode).toBe(404);
  });

  it.each([
    ["privacy not true", { consents: { privacy: false } }],
    ["no consents", { consents: undefined }],
    ["bad e-mail", { email: "kein-mail" }],
    ["empty first name", { firstName: "  " }],
    ["workshopIds not a list", { workshopIds: "abc" }],
    ["too long last name", { lastName: "x".repeat(101) }],
  ])("answers 422 for invalid input: %s", async (_label, patch) => {
    const ev = await createFachtag(t.platform);
    const res = await post(ev.id, { ...validApiBody("bad"), ...patch });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ status: 422, code: "validation_failed" });
  });

  it("answers 422 for a workshop of another Fachtag and for two workshops in one time slot", async () => {
    const ev = await createFachtag(t.platform, {
      workshops: [
        { title: "A", capacity: 5 },
        { title: "B", capacity: 5 },
      ],
    });
    const other = await createFachtag(t.platform, { workshops: [{ title: "C", capacity: 5 }] });
    expect((await post(ev.id, validApiBody("ws-a", { workshopIds: other.workshops }))).statusCode).toBe(422);
    const both = await post(ev.id, validApiBody("ws-b", { workshopIds: ev.workshops }));
    expect(both.statusCode).toBe(422);
    expect(JSON.stringify(both.json().errors)).toContain("höchstens einen Workshop pro Zeitfenster");
  });
});

describe("GET /api/v1/events/{id}/registrations", () => {
  it("lists registrations with the contract fields for the event's editor and admins", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1, createdBy: editor.id });
    await post(ev.id, validApiBody("l1"));
    await post(ev.id, validApiBody("l2"));
    for (const who of [editor, admin]) {
      const res = await t.app.inject({
        url: `/api/v1/events/${ev.id}/registrations`,
        headers: { authorization: who.authorization },
      });
      expect(res.statusCode).toBe(200);
      const list = res.json() as Record<string, unknown>[];
      expect(list).toHaveLength(2);
      expect(list[0]).toMatchObject({
        status: "pending",
        firstName: "Erika",
        lastName: "Müller l1",
        email: "person-l1@example.org",
        workshopIds: [],
      });
      expect(list[1]).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
      expect(String(list[0]?.createdAt)).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    }
  });

  it("refuses anonymous (401), members and other editors (403)", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id });
    const url = `/api/v1/events/${ev.id}/registrations`;
    expect((await t.app.inject({ url })).statusCode).toBe(401);
    for (const who of [member, otherEditor]) {
      const res = await t.app.inject({ url, headers: { authorization: who.authorization } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("forbidden");
    }
  });
});

describe("POST /api/v1/registrations/{id}/cancel", () => {
  it("cancels with the manage token, promotes the first waiting person and mails both", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1, confirmByEmail: false, createdBy: editor.id });
    const a = (await post(ev.id, validApiBody("c1"))).json();
    const b = (await post(ev.id, validApiBody("c2"))).json();
    expect(b.status).toBe("waitlisted");
    const mail = (await mailsTo(t.platform, "person-c1@example.org"))[0];
    const token = /\/anmeldung\/([A-Za-z0-9_-]+)/.exec(mail?.text_body ?? "")?.[1];
    expect(token).toBeTruthy();
    const res = await t.app.inject({ method: "POST", url: `/api/v1/registrations/${a.id}/cancel?token=${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: a.id, status: "cancelled" });
    expect(await statusOf(t.platform, b.id)).toBe("confirmed");
    const promoted = await mailsTo(t.platform, "person-c2@example.org");
    expect(promoted.map((m) => m.subject)).toContain(
      `Sie haben einen Platz: ${"Kindliche Entwicklung stärken – Schätze statt Schwächen"}`,
    );
    expect((await mailsTo(t.platform, "person-c1@example.org")).map((m) => m.subject).join()).toContain(
      "Absage bestätigt",
    );
    // The spent link changes nothing any more.
    const again = await t.app.inject({ method: "POST", url: `/api/v1/registrations/${a.id}/cancel?token=${token}` });
    expect(again.statusCode).toBe(404);
  });

  it("answers 404 for a forged token and changes nothing", async () => {
    const ev = await createFachtag(t.platform);
    const a = (await post(ev.id, validApiBody("forged"))).json();
    const res = await t.app.inject({ method: "POST", url: `/api/v1/registrations/${a.id}/cancel?token=gefaelscht123` });
    expect(res.statusCode).toBe(404);
    expect(await statusOf(t.platform, a.id)).toBe("pending");
  });

  it("lets the event's editor cancel, refuses anonymous, members and other editors", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id });
    const a = (await post(ev.id, validApiBody("org-cancel"))).json();
    const url = `/api/v1/registrations/${a.id}/cancel`;
    expect((await t.app.inject({ method: "POST", url })).statusCode).toBe(401);
    for (const who of [member, otherEditor]) {
      expect(
        (await t.app.inject({ method: "POST", url, headers: { authorization: who.authorization } })).statusCode,
      ).toBe(403);
    }
    expect(await statusOf(t.platform, a.id)).toBe("pending");
    const ok = await t.app.inject({ method: "POST", url, headers: { authorization: editor.authorization } });
    expect(ok.statusCode).toBe(200);
    expect(await statusOf(t.platform, a.id)).toBe("cancelled");
  });
});

describe("rate limit", () => {
  it("limits public registrations per IP by default", async () => {
    const ev = await createFachtag(t.platform, { capacity: 100 });
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/v1/events/${ev.id}/registrations`,
        payload: validApiBody(`rl${i}`),
        remoteAddress: "192.0.2.7",
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: `/api/v1/events/${ev.id}/registrations`,
          payload: validApiBody("rl-x"),
          remoteAddress: "192.0.2.7",
        })
      ).json().code,
    ).toBe("rate_limited");
  });
});

describe("one budget for the form and the API", () => {
  /** Posts the public form from one address, with the CSRF token and cookie of its page. */
  const formPost = async (slug: string, n: string, remoteAddress: string) => {
    const page = await t.app.inject({ url: `/fachtage/${slug}/anmeldung`, remoteAddress });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const cookie = ([] as string[])
      .concat(page.headers["set-cookie"] ?? [])
      .map((c) => c.split(";")[0])
      .join("; ");
    const body = new URLSearchParams({
      firstName: "Jana",
      lastName: `Probe ${n}`,
      email: `probe-${n}@example.org`,
      consentPrivacy: "on",
      _csrf: token,
    });
    return t.app.inject({
      method: "POST",
      url: `/fachtage/${slug}/anmeldung`,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: body.toString(),
      remoteAddress,
    });
  };

  it("counts HTML and API registration posts from one address together (20 in 10 minutes)", async () => {
    const ev = await createFachtag(t.platform, { capacity: 100 });
    const address = "192.0.2.50";
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await formPost(ev.slug, `mix-h${i}`, address)).statusCode);
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/v1/events/${ev.id}/registrations`,
        payload: validApiBody(`mix-a${i}`),
        remoteAddress: address,
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 12).every((c) => c === 303)).toBe(true);
    expect(codes.slice(12).every((c) => c === 201)).toBe(true);
    // The 21st attempt is refused on either way in.
    const api = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${ev.id}/registrations`,
      payload: validApiBody("mix-a-over"),
      remoteAddress: address,
    });
    expect(api.statusCode).toBe(429);
    expect(api.json().code).toBe("rate_limited");
    const html = await formPost(ev.slug, "mix-h-over", address);
    expect(html.statusCode).toBe(429);
    expect(html.body).toContain("<html");
    // Another address has its own budget.
    expect((await formPost(ev.slug, "mix-other", "192.0.2.51")).statusCode).toBe(303);
  });

  it("answers a registered address on the form as a new one, and mails its owner the manage link", async () => {
    const ev = await createFachtag(t.platform, { capacity: 100 });
    expect((await post(ev.id, validApiBody("known", { email: "probe-known@example.org" }))).statusCode).toBe(201);
    const known = await formPost(ev.slug, "known", "192.0.2.60");
    const fresh = await formPost(ev.slug, "fresh", "192.0.2.61");
    expect(known.statusCode).toBe(303);
    expect(fresh.statusCode).toBe(303);
    expect(known.headers.location).toBe(fresh.headers.location);
    const flash = (res: typeof known) =>
      ([] as string[])
        .concat(res.headers["set-cookie"] ?? [])
        .find((c) => c.startsWith("bn_flash"))
        ?.split(";")[0]
        ?.replace(/^bn_flash=/, "")
        .replace(/\.[^.]*$/, "");
    expect(flash(known)).toBe(flash(fresh));
    const rows = await t.platform.db.kysely
      .selectFrom("registrations")
      .select("id")
      .where("email", "=", "probe-known@example.org")
      .execute();
    expect(rows).toHaveLength(1);
    const mails = await mailsTo(t.platform, "probe-known@example.org");
    const notice = mails.find((m) => m.subject.startsWith("Sie sind bereits angemeldet"));
    expect(notice?.text_body).toContain("/anmeldung/");
    // The API keeps its contract: 409 already_registered (under the shared budget above).
    const again = await post(ev.id, validApiBody("known2", { email: "probe-known@example.org" }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("already_registered");
  });
});

describe("OpenAPI", () => {
  it("documents the three registration endpoints", async () => {
    const doc = (await t.app.inject("/api/v1/openapi.json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/events/{id}/registrations", "/api/v1/registrations/{id}/cancel"]),
    );
  });
});
