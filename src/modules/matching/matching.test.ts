import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { UserActor } from "../../platform/auth/actor.js";
import { createOrganisation, linkMemberByEmail } from "../directory/index.js";
import { createPost, updatePost } from "../exchange/posts.service.js";
import type { PostInput } from "../exchange/schema.js";
import { createFachtag } from "../registrations/test-fixtures.js";
import { setMatchMails } from "./bookmarks.service.js";

// Matching through the real Austausch: a Kita offers its hall on Friday afternoons, a Verein
// asks for a room; the request is suggested to the offer (page and API, with the reasons) and
// both authors, who opted in, get one e-mail. Then "Merken" and the Merkliste without JavaScript.

let t: TestApp;
let admin: UserActor;
let kitaMember: UserActor & { password: string };
let vereinMember: UserActor & { password: string };
let quietMember: UserActor & { password: string };
let kita: { id: string; slug: string };
let verein: { id: string };
let offerId: string;
let requestId: string;

const actor = (u: { id: string; email: string }, role: "admin" | "member"): UserActor => ({
  kind: "user",
  id: u.id,
  email: u.email,
  name: `Test ${role}`,
  role,
  via: "token",
});
const mailsTo = (to: string) =>
  t.platform.db.kysely.selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", to).execute();
const post = (a: UserActor, o: Partial<PostInput>) =>
  createPost(t.platform, a, {
    kind: "offer",
    title: "Beitrag",
    body: "Text",
    areas: [],
    themes: [],
    targetGroups: [],
    municipality: "Celle",
    status: "published",
    ...o,
  });

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  admin = actor(await createUser(t.platform, { role: "admin" }), "admin");
  const member = async () => {
    const u = await createUser(t.platform, { role: "member" });
    return { ...actor(u, "member"), password: u.password };
  };
  kitaMember = await member();
  vereinMember = await member();
  quietMember = await member();
  const org = (name: string, kind: string) =>
    createOrganisation(t.platform, admin, {
      name,
      kind,
      areas: ["fruehkindlich"],
      municipality: "Celle",
      targetGroups: [],
      themes: [],
      languages: [],
    });
  const k = await org("Kita Sonnenschein", "kita");
  const v = await org("TuS Celle e. V.", "verein");
  const q = await org("Musikschule Still", "verein");
  kita = { id: k.id, slug: k.slug };
  verein = { id: v.id };
  await linkMemberByEmail(t.platform, admin, k.id, kitaMember.email);
  await linkMemberByEmail(t.platform, admin, v.id, vereinMember.email);
  await linkMemberByEmail(t.platform, admin, q.id, quietMember.email);
  // About 3 km apart (the directory geocodes addresses; set here directly).
  await t.platform.db.kysely
    .updateTable("organisations")
    .set({ lat: 52.6226, lon: 10.0805 })
    .where("id", "=", k.id)
    .execute();
  await t.platform.db.kysely
    .updateTable("organisations")
    .set({ lat: 52.6081, lon: 10.1174 })
    .where("id", "=", v.id)
    .execute();
  // Both opt in; the quiet member does not (the default).
  await setMatchMails(t.platform, kitaMember, true);
  await setMatchMails(t.platform, vereinMember, true);
});
afterAll(async () => t?.close());

describe("a Kita's hall and a Verein's request for a room", () => {
  it("the request is suggested to the offer with the reasons, and both authors get one e-mail", async () => {
    const offer = await post(kitaMember, {
      kind: "offer",
      title: "Turnhalle freitags nachmittags",
      areas: ["fruehkindlich", "non_formal"],
      themes: ["Räume", "Bewegung"],
      organisationId: kita.id,
    });
    offerId = offer.id;
    expect(await mailsTo(kitaMember.email)).toEqual([]);
    const request = await post(vereinMember, {
      kind: "request",
      title: "Raum für Kinderturnen gesucht",
      areas: ["non_formal"],
      themes: ["Räume"],
      organisationId: verein.id,
    });
    requestId = request.id;

    const res = await t.app.inject({ method: "GET", url: `/api/v1/posts/${offerId}/matches` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      {
        id: requestId,
        kind: "request",
        title: "Raum für Kinderturnen gesucht",
        reasons: ["gleiches Thema: Räume", "gleicher Bereich: Non-formale Bildung", "beide in Celle", "3 km entfernt"],
      },
    ]);
    // and the other way round
    const back = await t.app.inject({ method: "GET", url: `/api/v1/posts/${requestId}/matches` });
    expect(back.json().map((m: { id: string }) => m.id)).toEqual([offerId]);

    const toKita = await mailsTo(kitaMember.email);
    expect(toKita).toHaveLength(1);
    expect(toKita[0]?.subject).toBe("Passender Beitrag im Austausch: Raum für Kinderturnen gesucht");
    expect(toKita[0]?.text_body).toContain(
      "Warum es passt: gleiches Thema: Räume; gleicher Bereich: Non-formale Bildung",
    );
    expect(toKita[0]?.text_body).toContain(`/austausch/${requestId}`);
    const toVerein = await mailsTo(vereinMember.email);
    expect(toVerein).toHaveLength(1);
    expect(toVerein[0]?.text_body).toContain("passt ein neues Angebot: „Turnhalle freitags nachmittags“");
  });

  it("changing a post does not tell anybody twice about a pair they know", async () => {
    await updatePost(t.platform, vereinMember, requestId, { title: "Raum für Kinderturnen dringend gesucht" });
    expect(await mailsTo(kitaMember.email)).toHaveLength(1);
    expect(await mailsTo(vereinMember.email)).toHaveLength(1);
  });

  it("an author who did not opt in gets no e-mail, though the match is shown", async () => {
    const quiet = await post(quietMember, { kind: "request", title: "Halle für Musikgarten", themes: ["Räume"] });
    expect(await mailsTo(quietMember.email)).toEqual([]);
    expect(await mailsTo(kitaMember.email)).toHaveLength(2);
    const res = await t.app.inject({ method: "GET", url: `/api/v1/posts/${offerId}/matches` });
    expect(res.json().map((m: { id: string }) => m.id)).toEqual([requestId, quiet.id]);
  });

  it("a request marked done ('erledigt') is no longer suggested", async () => {
    const done = await post(vereinMember, {
      kind: "request",
      title: "Bewegungsraum",
      themes: ["Bewegung"],
      organisationId: verein.id,
    });
    const ids = async () =>
      (await t.app.inject({ url: `/api/v1/posts/${offerId}/matches` })).json().map((m: { id: string }) => m.id);
    expect(await ids()).toContain(done.id);
    await updatePost(t.platform, vereinMember, done.id, { status: "done" });
    expect(await ids()).not.toContain(done.id);
  });

  it("the page /austausch/<id>/passend shows the suggestions with the reasons", async () => {
    const res = await t.app.inject({ url: `/austausch/${offerId}/passend` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Passende Gesuche: Turnhalle freitags nachmittags");
    expect(res.body).toContain("Raum für Kinderturnen dringend gesucht");
    expect(res.body).toContain(
      "gleiches Thema: Räume; gleicher Bereich: Non-formale Bildung; beide in Celle; 3 km entfernt",
    );
  });

  it("the post's own page shows the best suggestions below its details, linking to all of them", async () => {
    const res = await t.app.inject({ url: `/austausch/${offerId}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Passende Gesuche");
    expect(res.body).toContain("Raum für Kinderturnen dringend gesucht</a> – gleiches Thema: Räume");
    expect(res.body).toContain(`href="/austausch/${offerId}/passend"`);
    // nobody signed in: no Merken button
    expect(res.body).not.toContain("Beitrag merken");
  });

  it("a draft or archived post is unknown (404) as on its own page, an idea has no suggestions (empty list)", async () => {
    const draft = await post(kitaMember, { kind: "offer", title: "Entwurf", themes: ["Räume"], status: "draft" });
    expect((await t.app.inject({ url: `/api/v1/posts/${draft.id}/matches` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/austausch/${draft.id}/passend` })).statusCode).toBe(404);
    const archived = await post(kitaMember, { kind: "offer", title: "Alte Halle", themes: ["Räume"] });
    await updatePost(t.platform, kitaMember, archived.id, { status: "archived" });
    expect((await t.app.inject({ url: `/austausch/${archived.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/austausch/${archived.id}/passend` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/posts/gibt-es-nicht/matches" })).statusCode).toBe(404);
    const idea = await post(kitaMember, { kind: "idea", title: "Idee", themes: ["Räume"] });
    const res = await t.app.inject({ url: `/api/v1/posts/${idea.id}/matches` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
  });
});

describe("the API document", () => {
  it("describes GET /api/v1/posts/{id}/matches with id, kind, title and reasons", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    const op = doc.paths["/api/v1/posts/{id}/matches"]?.get;
    expect(op?.summary).toContain("Passende");
    const body = JSON.stringify(op?.responses?.["200"]);
    for (const field of ["id", "kind", "title", "reasons"]) expect(body).toContain(`"${field}"`);
  });
});

describe("Merken and the Merkliste, without JavaScript", () => {
  it("a member keeps the request and the Kita, sees them on /merkliste and removes one", async () => {
    const browser = new Browser(t.app);
    await signIn(browser, quietMember.email, quietMember.password);
    const page = await browser.get(`/austausch/${requestId}/passend`);
    expect(page.body).toContain("Beitrag merken");
    const kept = await browser.submit(`/austausch/${requestId}/passend`, "/merken", {
      type: "post",
      id: requestId,
      zurueck: `/austausch/${requestId}/passend`,
    });
    expect(kept.statusCode).toBe(303);
    expect(kept.headers.location).toBe(`/austausch/${requestId}/passend`);
    expect((await browser.get(`/austausch/${requestId}/passend`)).body).toContain("Nicht mehr merken");

    const profile = await browser.get(`/akteure/${kita.slug}`);
    expect(profile.body).toContain("Organisation merken");
    await browser.submit(`/akteure/${kita.slug}`, "/merken", {
      type: "organisation",
      id: kita.id,
      zurueck: `/akteure/${kita.slug}`,
    });

    const list = await browser.get("/merkliste");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Raum für Kinderturnen dringend gesucht");
    expect(list.body).toContain("Kita Sonnenschein");

    const removed = await browser.submit("/merkliste", "/merken/entfernen", {
      type: "organisation",
      id: kita.id,
      zurueck: "/merkliste",
    });
    expect(removed.headers.location).toBe("/merkliste");
    const after = await browser.get("/merkliste");
    expect(after.body).toContain("Von Ihrer Merkliste genommen.");
    expect(after.body).not.toContain("Kita Sonnenschein");
  });

  it("'Mein Konto' links to the Merkliste", async () => {
    const browser = new Browser(t.app);
    const u = await createUser(t.platform, { role: "checkin" });
    await signIn(browser, u.email, u.password);
    const account = await browser.get("/konto");
    expect(account.body).toMatch(/<a class="kern-link" href="\/merkliste">Zur Merkliste<\/a>/);
    expect((await browser.get("/merkliste")).statusCode).toBe(200);
  });

  it("the e-mail setting is off until ticked, and can be switched on and off on /merkliste", async () => {
    const browser = new Browser(t.app);
    const u = await createUser(t.platform, { role: "member" });
    await signIn(browser, u.email, u.password);
    expect((await browser.get("/merkliste")).body).not.toMatch(/name="notify"[^>]*checked/);
    await browser.submit("/merkliste", "/merkliste/einstellungen", { notify: "on" });
    expect((await browser.get("/merkliste")).body).toMatch(/name="notify"[^>]*checked/);
    await browser.submit("/merkliste", "/merkliste/einstellungen", {});
    expect((await browser.get("/merkliste")).body).not.toMatch(/name="notify"[^>]*checked/);
  });

  it("bad values: unknown type 422 in German, a draft or unknown id 404, another site as return address ignored", async () => {
    const browser = new Browser(t.app);
    await signIn(browser, quietMember.email, quietMember.password);
    const bad = await browser.submit("/merkliste", "/merken", { type: "kuchen", id: requestId });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('lang="de"');
    const unknown = await browser.submit("/merkliste", "/merken", { type: "post", id: "gibt-es-nicht" });
    expect(unknown.statusCode).toBe(404);
    const evil = await browser.submit("/merkliste", "/merken", {
      type: "post",
      id: offerId,
      zurueck: "//evil.example/",
    });
    expect(evil.headers.location).toBe("/merkliste");
  });

  it("a past Fachtag (archive) can be kept too, and a coming one shows the button once", async () => {
    const past = await createFachtag(t.platform, { startsInDays: -40, title: "Fachtag Übergänge 2026" });
    const coming = await createFachtag(t.platform, { startsInDays: 20, title: "Fachtag Sprache 2027" });
    const browser = new Browser(t.app);
    const u = await createUser(t.platform, { role: "member" });
    await signIn(browser, u.email, u.password);
    const pastPage = await browser.get(`/fachtage/${past.slug}`);
    expect(pastPage.body).not.toContain("Verbindlich anmelden");
    expect(pastPage.body.match(/Fachtag merken<\/span><\/button>/g)).toHaveLength(1);
    expect(
      (await browser.get(`/fachtage/${coming.slug}`)).body.match(/Fachtag merken<\/span><\/button>/g),
    ).toHaveLength(1);

    const kept = await browser.submit(`/fachtage/${past.slug}`, "/merken", {
      type: "event",
      id: past.id,
      zurueck: `/fachtage/${past.slug}`,
    });
    expect(kept.headers.location).toBe(`/fachtage/${past.slug}`);
    expect((await browser.get(`/fachtage/${past.slug}`)).body).toContain("Nicht mehr merken");
    expect((await browser.get("/merkliste")).body).toContain("Fachtag Übergänge 2026");
    expect((await new Browser(t.app).get(`/fachtage/${past.slug}`)).body).not.toContain("Fachtag merken");
  });

  it("nobody signed in sees no Merken button and cannot keep anything", async () => {
    const anon = new Browser(t.app);
    expect((await anon.get(`/akteure/${kita.slug}`)).body).not.toContain("Organisation merken");
    expect((await anon.get("/merkliste")).statusCode).not.toBe(200);
    const res = await anon.submit("/anmelden", "/merken", { type: "post", id: requestId });
    expect(res.statusCode).toBe(401);
    const rows = await t.platform.db.kysely
      .selectFrom("bookmarks")
      .selectAll()
      .where("ref_id", "=", requestId)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
