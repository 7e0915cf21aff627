import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import type { Actor } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { createFachtag, createOrg, type FixtureEvent } from "./test-fixtures.js";

// What the organiser and the public notice: results and agreements on the organiser page,
// an agreement between organisations as a cooperation proposal in the network (confirmed by
// each partner there), the Fachtag's page, the organisations' profiles, the archive and the API.

let t: TestApp;
let organiser: Browser;
let organiserId: string;
let adminToken: string;
let editorToken: string;
let kitaMember: Browser;
let schoolMember: Browser;
let ev: FixtureEvent;
let kita: { id: string; slug: string; name: string };
let school: { id: string; slug: string; name: string };
let third: { id: string; slug: string; name: string };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  organiser = new Browser(t.app);
  organiserId = (await signInAs(t.platform, organiser, "editor")).id;
  const admin = await createUserWithToken(t.platform, "admin");
  adminToken = admin.authorization;
  editorToken = (await createUserWithToken(t.platform, "editor")).authorization;
  const adminActor: Actor = {
    kind: "user",
    id: admin.id,
    email: admin.email,
    name: "Amt",
    role: "admin",
    via: "token",
  };
  kitaMember = new Browser(t.app);
  schoolMember = new Browser(t.app);
  const kitaUser = await signInAs(t.platform, kitaMember, "member");
  const schoolUser = await signInAs(t.platform, schoolMember, "member");
  kita = await createOrg(t.platform, adminActor, "Kita Am Mühlenbach", "kita", kitaUser.email);
  school = await createOrg(t.platform, adminActor, "Grundschule Am Beispielweg", "grundschule", schoolUser.email);
  third = await createOrg(t.platform, adminActor, "Familienzentrum Nordstadt", "jugendhilfe");
  ev = await createFachtag(t.platform, { createdBy: organiserId });
});
afterAll(async () => t?.close());

const base = () => `/verwaltung/fachtage/${ev.id}/ergebnisse`;
const agreementText = "Kita Am Mühlenbach und Grundschule Am Beispielweg planen den Übergang in die Schule gemeinsam";
const db = () => t.platform.db.kysely;
const count = async (table: "event_agreements" | "cooperations") =>
  (await db().selectFrom(table).select("id").execute()).length;
const textOf = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("results", () => {
  it("the organiser writes the results; the Fachtag's page shows them as paragraphs", async () => {
    const res = await organiser.submit(base(), base(), {
      results:
        "Es braucht ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure.\n\nZweiter Absatz.",
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const page = await t.app.inject(`/fachtage/${ev.slug}`);
    expect(page.body).toContain('id="ergebnisse"');
    expect(page.body).toContain(
      '<p class="kern-body"><span>Es braucht ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure.</span></p>',
    );
    expect(page.body).toContain("<span>Zweiter Absatz.</span>");
    // The registration form is gone from a past Fachtag's page.
    expect(page.body).not.toContain('id="anmeldung"');
  });

  it("a text over 20,000 characters comes back with a German message beside the field", async () => {
    const res = await organiser.submit(base(), base(), { results: "x".repeat(20_001) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("kern-error");
    expect(res.body).toMatch(/höchstens 20000|20\.000|20000/);
  });
});

describe("agreements become cooperation proposals", () => {
  let cooperationId: string;

  it("an agreement between two organisations is proposed in the network with the Fachtag as origin", async () => {
    const mailsBefore = (await db().selectFrom("outbox").select("id").execute()).length;
    const res = await organiser.submit(base(), `${base()}/vereinbarungen`, {
      title: agreementText,
      organisationIds: [kita.id, school.id],
      dueOn: "2026-07-31",
      status: "in_progress",
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const row = await db()
      .selectFrom("event_agreements")
      .selectAll()
      .where("event_id", "=", ev.id)
      .executeTakeFirstOrThrow();
    expect(row.cooperation_id).not.toBeNull();
    cooperationId = row.cooperation_id!;
    const coop = await db()
      .selectFrom("cooperations")
      .selectAll()
      .where("id", "=", cooperationId)
      .executeTakeFirstOrThrow();
    expect(coop).toMatchObject({
      title: agreementText,
      origin: `Fachtag ${ev.title}`,
      origin_event_id: ev.id,
      status: "proposed",
      kind: "vereinbarung",
    });
    // Every partner confirms, whoever wrote it down: nobody's side is confirmed yet.
    const partners = await db()
      .selectFrom("cooperation_partners")
      .selectAll()
      .where("cooperation_id", "=", cooperationId)
      .execute();
    expect(partners.map((p) => p.organisation_id).sort()).toEqual([kita.id, school.id].sort());
    expect(partners.every((p) => p.confirmed_at === null)).toBe(true);
    // Each organisation's member is asked by mail, in the same transaction.
    const mails = await db().selectFrom("outbox").select(["subject", "text_body"]).execute();
    expect(mails.length - mailsBefore).toBe(2);
    expect(mails.at(-1)?.subject).toContain(agreementText);

    const page = await organiser.get(base());
    expect(page.body).toContain("vorgeschlagen, bestätigt von 0 von 2");
  });

  it("the Fachtag's page and both profiles show the agreement with its status; the cooperation waits for confirmation", async () => {
    const page = textOf((await t.app.inject(`/fachtage/${ev.slug}`)).body);
    expect(page).toContain("Vereinbarungen und nächste Schritte");
    expect(page).toContain(agreementText);
    expect(page).toContain("Stand: in Arbeit");
    expect(page).toContain("bis 31.07.2026");
    expect(page).toContain("Kooperation im Netzwerk: vorgeschlagen, bestätigt von 0 von 2");
    // Not confirmed yet: no link to a cooperation page the public cannot open.
    expect(page).not.toContain(`/kooperationen/${cooperationId}`);
    for (const org of [kita, school]) {
      const profile = textOf((await t.app.inject(`/akteure/${org.slug}`)).body);
      expect(profile).toContain("Vereinbarungen aus Fachtagen");
      expect(profile).toContain(agreementText);
      expect(profile).toContain(ev.title);
    }
    const other = (await t.app.inject(`/akteure/${third.slug}`)).body;
    expect(other).not.toContain("Vereinbarungen aus Fachtagen");
  });

  it("once both partners confirm through the network's flow, the Fachtag's page says so and links the cooperation", async () => {
    for (const [member, org] of [
      [kitaMember, kita],
      [schoolMember, school],
    ] as const) {
      const res = await member.submit(
        "/verwaltung/kooperationen/bestaetigen",
        "/verwaltung/kooperationen/bestaetigen",
        {
          cooperationId,
          organisationId: org.id,
          action: "confirm",
        },
      );
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    }
    const page = textOf((await t.app.inject(`/fachtage/${ev.slug}`)).body);
    expect(page).toContain("Kooperation im Netzwerk: von allen bestätigt");
    expect(page).toContain(`href="/kooperationen/${cooperationId}"`);
    const coop = textOf((await t.app.inject(`/kooperationen/${cooperationId}`)).body);
    expect(coop).toContain(agreementText);
  });

  it("a confirmed cooperation stays as the partners confirmed it when the organiser edits or deletes the agreement", async () => {
    const row = await db()
      .selectFrom("event_agreements")
      .selectAll()
      .where("cooperation_id", "=", cooperationId)
      .executeTakeFirstOrThrow();
    const edit = `${base()}/${row.id}`;
    const form = await organiser.get(edit);
    expect(form.body).toContain("mindestens einer Organisation bestätigt");
    const res = await organiser.submit(edit, edit, {
      title: "Übergang gemeinsam planen (erledigt)",
      organisationIds: [kita.id, school.id, third.id],
      status: "done",
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const coop = await db()
      .selectFrom("cooperations")
      .selectAll()
      .where("id", "=", cooperationId)
      .executeTakeFirstOrThrow();
    expect(coop.title).toBe(agreementText);
    expect(
      (
        await db()
          .selectFrom("cooperation_partners")
          .select("organisation_id")
          .where("cooperation_id", "=", cooperationId)
          .execute()
      ).length,
    ).toBe(2);
    expect(textOf((await t.app.inject(`/fachtage/${ev.slug}`)).body)).toContain("Stand: erledigt");
    const del = await organiser.submit(base(), `${edit}/loeschen`, {});
    expect(del.statusCode).toBe(303);
    expect(
      await db().selectFrom("cooperations").select("id").where("id", "=", cooperationId).executeTakeFirst(),
    ).toBeDefined();
  });

  it("an unconfirmed proposal follows the agreement's edits and goes with it", async () => {
    const res = await organiser.submit(base(), `${base()}/vereinbarungen`, {
      title: "Gemeinsamer Elternabend",
      organisationIds: [kita.id, third.id],
      status: "open",
    });
    expect(res.statusCode).toBe(303);
    const row = await db()
      .selectFrom("event_agreements")
      .selectAll()
      .where("title", "=", "Gemeinsamer Elternabend")
      .executeTakeFirstOrThrow();
    const edit = `${base()}/${row.id}`;
    expect(
      (
        await organiser.submit(edit, edit, {
          title: "Zwei Elternabende",
          organisationIds: [kita.id, school.id, third.id],
          status: "open",
        })
      ).statusCode,
    ).toBe(303);
    const coop = await db()
      .selectFrom("cooperations")
      .selectAll()
      .where("id", "=", row.cooperation_id!)
      .executeTakeFirstOrThrow();
    expect(coop.title).toBe("Zwei Elternabende");
    expect(
      (
        await db()
          .selectFrom("cooperation_partners")
          .select("organisation_id")
          .where("cooperation_id", "=", coop.id)
          .execute()
      ).length,
    ).toBe(3);
    expect((await organiser.submit(edit, `${edit}/loeschen`, {})).statusCode).toBe(303);
    expect(
      await db().selectFrom("cooperations").select("id").where("id", "=", coop.id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("an agreement with one organisation is no cooperation", async () => {
    const before = await count("cooperations");
    const res = await organiser.submit(base(), `${base()}/vereinbarungen`, {
      title: "Kita lädt zum Tag der offenen Tür ein",
      organisationIds: kita.id,
      status: "open",
    });
    expect(res.statusCode).toBe(303);
    expect(await count("cooperations")).toBe(before);
    expect((await organiser.get(base())).body).toContain("keine (weniger als zwei Organisationen)");
  });
});

describe("deleting a draft Fachtag", () => {
  it("takes its agreements and their unconfirmed proposals with it", async () => {
    const draft = await createFachtag(t.platform, { createdBy: organiserId, status: "draft", startsInDays: 30 });
    const path = `/verwaltung/fachtage/${draft.id}/ergebnisse`;
    const res = await organiser.submit(path, `${path}/vereinbarungen`, {
      title: "Entwurfsvereinbarung",
      organisationIds: [kita.id, school.id],
      status: "open",
    });
    expect(res.statusCode).toBe(303);
    const coopId = (
      await db()
        .selectFrom("event_agreements")
        .select("cooperation_id")
        .where("event_id", "=", draft.id)
        .executeTakeFirstOrThrow()
    ).cooperation_id!;
    const del = await organiser.submit(
      `/verwaltung/fachtage/${draft.id}/loeschen`,
      `/verwaltung/fachtage/${draft.id}/loeschen`,
      {},
    );
    expect(del.statusCode, del.body.slice(0, 300)).toBe(303);
    expect(await db().selectFrom("events").select("id").where("id", "=", draft.id).executeTakeFirst()).toBeUndefined();
    expect(
      await db().selectFrom("cooperations").select("id").where("id", "=", coopId).executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe("bad input", () => {
  it("an organisation that does not exist: German message beside the field, nothing written", async () => {
    const [agreements, cooperations] = [await count("event_agreements"), await count("cooperations")];
    const res = await organiser.submit(base(), `${base()}/vereinbarungen`, {
      title: "Mit einer erfundenen Organisation",
      organisationIds: [kita.id, newId()],
      status: "open",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("gibt es im Verzeichnis nicht");
    expect(res.body).toContain('value="Mit einer erfundenen Organisation"');
    expect([await count("event_agreements"), await count("cooperations")]).toEqual([agreements, cooperations]);
  });

  it("the API answers 422 organisation_unknown and writes nothing", async () => {
    const [agreements, cooperations] = [await count("event_agreements"), await count("cooperations")];
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${ev.id}/outcomes/agreements`,
      headers: { authorization: adminToken },
      payload: { title: "API", organisationIds: [kita.id, "gibt-es-nicht"], status: "open" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "organisation_unknown" });
    expect([await count("event_agreements"), await count("cooperations")]).toEqual([agreements, cooperations]);
  });

  it("an impossible due date and an unknown status get German messages", async () => {
    const res = await organiser.submit(base(), `${base()}/vereinbarungen`, {
      title: "Falsches Datum",
      organisationIds: kita.id,
      dueOn: "2026-02-30",
      status: "vielleicht",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte wählen Sie offen, in Arbeit oder erledigt.");
    expect(res.body).toMatch(/Datum|Tag/);
    const empty = await organiser.submit(base(), `${base()}/vereinbarungen`, { title: "", status: "open" });
    expect(empty.statusCode).toBe(422);
  });

  it("an editor of another Fachtag gets 403 from the API, a stranger 401", async () => {
    const url = `/api/v1/events/${ev.id}/outcomes/agreements`;
    const payload = { title: "Fremd", organisationIds: [] };
    expect(
      (await t.app.inject({ method: "POST", url, headers: { authorization: editorToken }, payload })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: "POST", url, payload })).statusCode).toBe(401);
  });
});

describe("partner picker without JavaScript", () => {
  it("the search button shows matches as checkboxes and keeps what was typed", async () => {
    const res = await organiser.submit(base(), `${base()}/vereinbarungen`, {
      title: "Noch nicht fertig",
      suche: "mühlen",
      aktion: "suchen",
      status: "open",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`value="${kita.id}"`);
    expect(res.body).toContain('value="Noch nicht fertig"');
    expect(res.body).not.toContain(`value="${school.id}"`);
  });
});

describe("API", () => {
  it("GET outcomes: results and agreements with organisations, due date, status and cooperation", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${ev.id}/outcomes/agreements`,
      headers: { authorization: adminToken },
      payload: { title: "Per API", organisationIds: [school.id, third.id], dueDate: "2026-09-01", status: "open" },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ title: "Per API", dueDate: "2026-09-01", cooperationConfirmed: false });
    const res = await t.app.inject(`/api/v1/events/${ev.id}/outcomes`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results).toContain("Leit-)Bild vom Kind");
    const item = body.agreements.find((a: { title: string }) => a.title === "Per API");
    expect(item.organisations.map((o: { name: string }) => o.name).sort()).toEqual([third.name, school.name].sort());
    expect(item.cooperationId).toEqual(expect.any(String));
  });
});

describe("API: results and the OpenAPI document", () => {
  it("PUT results: organisers write them (200 with the outcomes), others are refused, too long is 422", async () => {
    const url = `/api/v1/events/${ev.id}/outcomes/results`;
    const text = "Es braucht ein gemeinsames (Leit-)Bild vom Kind.\n\nPer Schnittstelle geschrieben.";
    const put = (payload: unknown, authorization?: string) =>
      t.app.inject({ method: "PUT", url, payload: payload as object, headers: authorization ? { authorization } : {} });
    const ok = await put({ results: text }, adminToken);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().results).toBe(text);
    expect((await put({ results: "fremd" }, editorToken)).statusCode).toBe(403);
    expect((await put({ results: "anonym" })).statusCode).toBe(401);
    const long = await put({ results: "x".repeat(20_001) }, adminToken);
    expect(long.statusCode).toBe(422);
    expect(long.json().code).toBe("validation_failed");
    expect((await t.app.inject(`/api/v1/events/${ev.id}/outcomes`)).json().results).toBe(text);
  });

  it("the OpenAPI document describes the three routes and the organisation_unknown problem", async () => {
    const doc = (await t.app.inject("/api/v1/openapi.json")).json();
    expect(doc.paths["/api/v1/events/{id}/outcomes"].get.summary).toContain("Ergebnisse und Vereinbarungen");
    expect(doc.paths["/api/v1/events/{id}/outcomes/results"].put.summary).toContain("Ergebnisse");
    const post = doc.paths["/api/v1/events/{id}/outcomes/agreements"].post;
    expect(post.description).toContain("organisation_unknown");
    expect(JSON.stringify(post.responses["201"])).toContain("in_progress");
  });
});

describe("archive", () => {
  it("lists the past Fachtag under its year with participants (present when checked in, else confirmed) and the result", async () => {
    const now = nowIso();
    const reg = (i: number, checkedIn: boolean) => ({
      id: newId(),
      event_id: ev.id,
      status: "confirmed" as const,
      waitlist_order: null,
      first_name: "Test",
      last_name: `Person ${i}`,
      email: `p${i}-${ev.id.slice(0, 6)}@test.example`,
      organisation: null,
      organisation_id: null,
      organisation_kind: null,
      role: null,
      municipality: null,
      dietary_needs: null,
      accessibility_needs: null,
      consent_privacy: 1,
      consent_photos: 0,
      consent_participant_list: 0,
      consents_at: now,
      answers: "{}",
      manage_token_hash: newId(),
      confirm_token_hash: null,
      hold_until: null,
      source: "web" as const,
      created_at: now,
      updated_at: now,
      confirmed_at: now,
      cancelled_at: null,
      ticket_code: newId(),
      checked_in_at: checkedIn ? now : null,
      checked_in_by: null,
    });
    await db()
      .insertInto("registrations")
      .values([1, 2, 3, 4, 5].map((i) => reg(i, false)))
      .execute();
    const year = new Date(Date.now() - 30 * 24 * 3600_000).getUTCFullYear();
    let page = textOf((await t.app.inject("/fachtage/archiv")).body);
    expect(page).toContain(`Fachtage ${year}`);
    expect(page).toContain("5 Teilnehmende");
    expect(page).toContain("Ergebnis:</strong> Es braucht ein gemeinsames (Leit-)Bild vom Kind");
    expect(page).toContain("Themen: Frühkindliche Bildung");
    await db()
      .insertInto("registrations")
      .values([reg(6, true), reg(7, true)])
      .execute();
    page = (await t.app.inject("/fachtage/archiv")).body;
    expect(page).toContain("2 Teilnehmende (anwesend; 7 angemeldet)");
  });
});
