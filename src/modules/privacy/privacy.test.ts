import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createUser, signIn, signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { postCounts } from "../exchange/index.js";
import { figuresOf, heldFachtag } from "../retention/test-fixtures.js";
import { privacyAccess } from "./access.js";
import { erasePerson, exportPerson, lookUpPerson } from "./privacy.service.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

/**
 * One person with every kind of personal data: registered for a held Fachtag (present,
 * with a certificate and mails), an account with the same address, a post and a comment
 * in the Austausch (and another person's comment below the post), a kept item and a digest.
 */
async function personEverywhere(platform: Platform) {
  const db = platform.db.kysely;
  const ev = await heldFachtag(platform, { people: 3 });
  const [person, other] = ev.people;
  if (!person || !other) throw new Error("fixture");
  const account = await createUserWithToken(platform, "member", person.email);
  const commenter = await createUserWithToken(platform, "member");
  const postId = newId();
  const at = nowIso();
  await db
    .insertInto("exchange_posts")
    .values({
      id: postId,
      kind: "idea",
      title: `Waldtag mit Nachbarkitas ${ev.tag}`,
      body: "Wer macht mit?",
      body_html: "<p>Wer macht mit?</p>",
      areas: "[]",
      themes: "[]",
      target_groups: "[]",
      practice: null,
      municipality: "Celle",
      organisation_id: null,
      author_id: account.id,
      status: "published",
      hidden: 0,
      hidden_reason: null,
      valid_until: null,
      created_at: at,
      updated_at: at,
      published_at: at,
    })
    .execute();
  for (const [author, body] of [
    [account.id, `Ich bringe Becherlupen mit ${ev.tag}`],
    [commenter.id, "Wir sind dabei."],
  ] as const) {
    await db
      .insertInto("exchange_comments")
      .values({
        id: newId(),
        post_id: postId,
        author_id: author,
        body,
        body_html: `<p>${body}</p>`,
        hidden: 0,
        created_at: at,
      })
      .execute();
  }
  await db
    .insertInto("bookmarks")
    .values({ id: newId(), user_id: account.id, type: "event", ref_id: ev.id, created_at: at })
    .execute();
  await db
    .insertInto("notification_subscriptions")
    .values({
      id: newId(),
      user_id: account.id,
      frequency: "weekly",
      themes: '["Sprache"]',
      areas: "[]",
      municipalities: "[]",
      kinds: "[]",
      token: newId(),
      last_run_at: null,
      last_sent_at: null,
      created_at: at,
    })
    .execute();
  return { ev, person, other, account, commenter, postId };
}

const auditRows = (action: string) =>
  t.platform.db.kysely.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("at").execute();

describe("privacy permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...privacyAccess.permissions]).toEqual(["person.export", "person.erase"]);
  });

  it("only admins look up, export and erase (401 for nobody, 403 for the others)", async () => {
    const actors = await eventActors(t.platform);
    const expected = { anonymous: 401, member: 403, otherEditor: 403, owner: 403, admin: "ok", helper: 403 };
    expect(await roleTable(actors, (a) => lookUpPerson(t.platform, a, "niemand@beispiel.de"))).toEqual(expected);
    expect(await roleTable(actors, (a) => exportPerson(t.platform, a, "niemand@beispiel.de"))).toEqual(expected);
    // The admin gets 404 here: nothing is kept about the address; the others are stopped before.
    expect(
      await roleTable(actors, (a) => erasePerson(t.platform, a, { email: "niemand@beispiel.de", reason: "Antrag" })),
    ).toEqual({ ...expected, admin: 404 });
  });

  it("the page: admins only; members and editors 403, nobody signed in 401; linked on the admin's dashboard", async () => {
    expect((await new Browser(t.app).get("/verwaltung/datenschutz")).statusCode).toBe(401);
    for (const role of ["member", "editor", "checkin"] as const) {
      const b = new Browser(t.app);
      await signInAs(t.platform, b, role);
      expect((await b.get("/verwaltung/datenschutz")).statusCode, role).toBe(403);
      expect((await b.get("/verwaltung")).body, role).not.toContain('href="/verwaltung/datenschutz"');
    }
    const admin = new Browser(t.app);
    await signInAs(t.platform, admin, "admin");
    expect((await admin.get("/verwaltung/datenschutz")).statusCode).toBe(200);
    expect((await admin.get("/verwaltung")).body).toContain('href="/verwaltung/datenschutz"');
    // A member posting the erasure gets 403, not the form again.
    const member = new Browser(t.app);
    await signInAs(t.platform, member, "member");
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await member.get("/konto")).body)?.[1] ?? "";
    const posted = await member.post("/verwaltung/datenschutz/loeschen", {
      _csrf: csrf,
      email: "x@beispiel.de",
      reason: "",
      confirm: "ja",
    });
    expect(posted.statusCode).toBe(403);
  });
});

describe("Art. 15: everything about one address", () => {
  it("an admin sees the counts and downloads everything as a JSON attachment; the log notes it without the address", async () => {
    const p = await personEverywhere(t.platform);
    const admin = new Browser(t.app);
    await signInAs(t.platform, admin, "admin");
    const found = await admin.submit("/verwaltung/datenschutz", "/verwaltung/datenschutz", {
      email: p.person.email.toUpperCase(),
    });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`Gespeichert zu ${p.person.email}`);
    expect(found.body).toContain("Zu dieser Adresse gibt es ein Konto.");
    for (const what of [
      "Anmeldungen zu Fachtagen",
      "Teilnahmebescheinigungen",
      "Beiträge im Austausch",
      "Kommentare",
      "Merkliste-Einträge",
      "E-Mail-Benachrichtigungen",
      "E-Mails",
    ]) {
      expect(found.body, what).toContain(what);
    }
    expect(found.body).toContain("Was bleibt und warum");

    const file = await admin.submit("/verwaltung/datenschutz", "/verwaltung/datenschutz/auskunft", {
      email: p.person.email,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("application/json");
    expect(String(file.headers["content-disposition"])).toMatch(
      /^attachment; filename="auskunft-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const doc = JSON.parse(file.body);
    expect(doc.email).toBe(p.person.email);
    expect(doc.parts.registrations.data.registrations).toHaveLength(1);
    const reg = doc.parts.registrations.data.registrations[0];
    expect(reg).toMatchObject({
      lastName: p.person.lastName,
      dietaryNeeds: `laktosefrei${p.ev.tag}`,
      consentParticipantList: true,
      workshops: ["Sprachförderung"],
    });
    expect(Object.values(reg.answers)).toEqual([`Austausch mit Nachbarkitas${p.ev.tag}`]);
    expect(reg.checkedInAt).not.toBeNull();
    expect(doc.parts.accounts.data.account.email).toBe(p.person.email);
    expect(doc.parts.exchange.data.posts.map((x: { title: string }) => x.title)).toEqual([
      `Waldtag mit Nachbarkitas ${p.ev.tag}`,
    ]);
    // Only the person's own comment, not the other one below their post.
    expect(doc.parts.exchange.data.comments.map((x: { body: string }) => x.body)).toEqual([
      `Ich bringe Becherlupen mit ${p.ev.tag}`,
    ]);
    expect(doc.parts.matching.data.bookmarks).toHaveLength(1);
    expect(doc.parts.notifications.data.subscription.themes).toEqual(["Sprache"]);
    expect(doc.parts.certificates.data.certificates[0].code).toBe(p.ev.code);
    expect(doc.parts.mails.counts.mails).toBeGreaterThan(0);
    // The API token's secret is never exported, nor the hash of a manage link.
    expect(file.body).not.toContain(p.account.token);
    expect(file.body).not.toContain("manage_token");

    const [logged] = (await auditRows("privacy.exported")).slice(-1);
    expect(logged?.actor).not.toBe("cli");
    expect(logged?.details).not.toContain(p.person.email);
    expect(JSON.parse(logged?.details ?? "{}")).toMatchObject({
      "exported.registrations": 1,
      "exported.posts": 1,
      "exported.comments": 1,
    });
  });

  it("an invalid address is refused beside the field with a German message (422)", async () => {
    const admin = new Browser(t.app);
    await signInAs(t.platform, admin, "admin");
    const res = await admin.submit("/verwaltung/datenschutz", "/verwaltung/datenschutz", { email: "kein-at-zeichen" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="f-email-error"');
    expect(res.body).toMatch(/gültige E-Mail-Adresse/);
    const file = await admin.submit("/verwaltung/datenschutz", "/verwaltung/datenschutz/auskunft", { email: "" });
    expect(file.statusCode).toBe(422);
  });
});

describe("Art. 17: erasing one person", () => {
  it("asks for a reason, then for confirmation; afterwards the person is gone, the figures and the certificate stay", async () => {
    const p = await personEverywhere(t.platform);
    const db = t.platform.db.kysely;
    const figures = await figuresOf(t.platform, p.ev.id);
    const range = { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" };
    const posts = await postCounts(db, range);
    const admin = new Browser(t.app);
    const adminUser = await createUser(t.platform, { role: "admin", name: "Dora Datenschutz" });
    await signIn(admin, adminUser.email, adminUser.password);

    const noReason = await admin.submit("/verwaltung/datenschutz", "/verwaltung/datenschutz/loeschen", {
      email: p.person.email,
      reason: "",
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('id="f-reason-error"');
    expect(await db.selectFrom("users").select("id").where("id", "=", p.account.id).executeTakeFirst()).toBeDefined();

    const confirm = await admin.submit("/verwaltung/datenschutz", "/verwaltung/datenschutz/loeschen", {
      email: p.person.email,
      reason: "Antrag nach Art. 17, Vorgang 2026-41",
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Wirklich löschen?");
    expect(confirm.body).toContain('name="confirm" value="ja"');
    // Nothing has happened yet.
    expect(await db.selectFrom("users").select("id").where("id", "=", p.account.id).executeTakeFirst()).toBeDefined();

    const done = await admin.submit("/verwaltung/datenschutz", "/verwaltung/datenschutz/loeschen", {
      email: p.person.email,
      reason: "Antrag nach Art. 17, Vorgang 2026-41",
      confirm: "ja",
    });
    expect(done.statusCode).toBe(303);
    const after = await admin.get("/verwaltung/datenschutz");
    const flash = /Gelöscht oder anonymisiert: [^<]*/.exec(after.body)?.[0] ?? "";
    for (const part of [
      "Konto: 1",
      "Anmeldungen zu Fachtagen: 1",
      "Merkliste-Einträge: 1",
      "E-Mail-Benachrichtigungen: 1",
    ]) {
      expect(flash.split(". Erhalten:")[0], part).toContain(part);
    }
    for (const part of ["Teilnahmebescheinigungen: 1", "Beiträge im Austausch: 1", "Kommentare: 1"]) {
      expect(flash.split(". Erhalten:")[1], part).toContain(part);
    }

    // The person is gone everywhere…
    const again = await lookUpPerson(
      t.platform,
      { kind: "user", id: adminUser.id, email: adminUser.email, name: "A", role: "admin", via: "session" },
      p.person.email,
    );
    expect(again.total).toBe(0);
    expect(await db.selectFrom("users").select("id").where("id", "=", p.account.id).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("bookmarks").select("id").where("user_id", "=", p.account.id).execute()).toEqual([]);
    const stored = await db
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", p.person.id)
      .executeTakeFirstOrThrow();
    expect([stored.first_name, stored.last_name, stored.dietary_needs, stored.answers]).toEqual(["", "", null, "{}"]);
    expect(stored.checked_in_at).not.toBeNull();
    expect((await new Browser(t.app).get(`/anmeldung/${p.person.token}`)).statusCode).toBe(404);
    // …the others are not touched…
    const other = await db
      .selectFrom("registrations")
      .select("last_name")
      .where("id", "=", p.other.id)
      .executeTakeFirstOrThrow();
    expect(other.last_name).toBe(p.other.lastName);
    // …the post and both comments stay, without the person as author…
    const post = await db
      .selectFrom("exchange_posts")
      .select("author_id")
      .where("id", "=", p.postId)
      .executeTakeFirstOrThrow();
    expect(post.author_id).toBeNull();
    const comments = await db
      .selectFrom("exchange_comments")
      .select(["author_id"])
      .where("post_id", "=", p.postId)
      .execute();
    expect(comments.map((c) => c.author_id).sort()).toEqual([null, p.commenter.id].sort());
    // …every figure of the Fachtag and of the Austausch is the same…
    expect(await figuresOf(t.platform, p.ev.id)).toEqual(figures);
    expect(await postCounts(db, range)).toEqual(posts);
    // …and the certificate still verifies with the name.
    const verified = await new Browser(t.app).get(`/bescheinigung/pruefen?code=${encodeURIComponent(p.ev.code)}`);
    expect(verified.body).toContain(`${p.person.firstName} ${p.person.lastName}`);

    // The log: who, when, why, how much — not the address, not the name.
    const [entry] = (await auditRows("privacy.erased")).slice(-1);
    expect(entry?.actor).toBe(adminUser.id);
    expect(entry?.details).not.toContain(p.person.email);
    expect(entry?.details).not.toContain(p.person.lastName);
    expect(JSON.parse(entry?.details ?? "{}")).toMatchObject({
      reason: "Antrag nach Art. 17, Vorgang 2026-41",
      "removed.accounts": 1,
      "removed.registrations": 1,
      "removed.bookmarks": 1,
      "removed.subscriptions": 1,
      "kept.certificates": 1,
      "kept.posts": 1,
      "kept.comments": 1,
    });
    const log = await admin.get("/verwaltung/protokoll?art=privacy");
    expect(log.body).toContain("Person gelöscht/anonymisiert (Art. 17)");
    expect(log.body).toContain("Grund: Antrag nach Art. 17, Vorgang 2026-41");
    expect(log.body).toContain("Dora Datenschutz");
    expect(log.body).not.toContain(p.person.email);
  });

  it("leaves nothing half done: when one module fails, every part is rolled back", async () => {
    const p = await personEverywhere(t.platform);
    const db = t.platform.db.kysely;
    let fail = true;
    t.platform.hooks.on("privacy.eraseIdentity", () => {
      if (fail) throw new Error("Festplatte voll");
      return { part: "test", removed: {}, kept: {} };
    });
    const admin = (await eventActors(t.platform)).admin;
    await expect(erasePerson(t.platform, admin, { email: p.person.email, reason: "Antrag" })).rejects.toThrow(
      "Festplatte voll",
    );
    fail = false;
    expect(await db.selectFrom("users").select("id").where("id", "=", p.account.id).executeTakeFirst()).toBeDefined();
    const reg = await db
      .selectFrom("registrations")
      .select("last_name")
      .where("id", "=", p.person.id)
      .executeTakeFirstOrThrow();
    expect(reg.last_name).toBe(p.person.lastName);
    const post = await db
      .selectFrom("exchange_posts")
      .select("author_id")
      .where("id", "=", p.postId)
      .executeTakeFirstOrThrow();
    expect(post.author_id).toBe(p.account.id);
    expect(await db.selectFrom("bookmarks").select("id").where("user_id", "=", p.account.id).execute()).toHaveLength(1);
  });

  it("an admin cannot erase their own account here", async () => {
    const admin = new Browser(t.app);
    const me = await signInAs(t.platform, admin, "admin");
    const res = await admin.submit("/verwaltung/datenschutz", "/verwaltung/datenschutz/loeschen", {
      email: me.email,
      reason: "Ich will weg",
      confirm: "ja",
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Ihr eigenes Konto können Sie hier nicht löschen.");
    expect(
      await t.platform.db.kysely.selectFrom("users").select("id").where("id", "=", me.id).executeTakeFirst(),
    ).toBeDefined();
  });
});

describe("audit of participant lists", () => {
  it("viewing and exporting a Fachtag's participants writes who, what and which Fachtag; only admins read the log", async () => {
    const owner = await createUser(t.platform, { role: "editor", name: "Olga Organisatorin" });
    const ev = await heldFachtag(t.platform, { people: 2, createdBy: owner.id });
    const organiser = new Browser(t.app);
    await signIn(organiser, owner.email, owner.password);
    const before = (await auditRows("participants.viewed")).length;
    const base = `/verwaltung/fachtage/${ev.id}`;
    expect((await organiser.get(`${base}/anmeldungen`)).statusCode).toBe(200);
    expect((await organiser.get(`${base}/anmeldungen/export.csv`)).statusCode).toBe(200);
    expect((await organiser.get(`${base}/anmeldungen/export.xlsx`)).statusCode).toBe(200);
    expect((await organiser.get(`${base}/einlass`)).statusCode).toBe(200);
    expect((await organiser.get(`${base}/namensschilder.pdf`)).statusCode).toBe(200);
    expect((await organiser.get(`${base}/unterschriften.pdf`)).statusCode).toBe(200);
    expect((await organiser.get(`${base}/bescheinigungen`)).statusCode).toBe(200);
    expect((await organiser.get(`${base}/zuteilung`)).statusCode).toBe(200);
    const rows = await t.platform.db.kysely
      .selectFrom("audit_log")
      .select(["actor", "action", "details"])
      .where("subject_type", "=", "event")
      .where("subject_id", "=", ev.id)
      .where("action", "like", "participants.%")
      .orderBy("at")
      .execute();
    expect(rows.map((r) => [r.action, JSON.parse(r.details)])).toEqual([
      ["participants.viewed", { list: "registrations", format: "html" }],
      ["participants.exported", { list: "registrations", format: "csv" }],
      ["participants.exported", { list: "registrations", format: "xlsx" }],
      ["participants.viewed", { list: "checkin", format: "html" }],
      ["participants.exported", { list: "badges", format: "pdf" }],
      ["participants.exported", { list: "signatures", format: "pdf" }],
      ["participants.viewed", { list: "certificates", format: "html" }],
      ["participants.viewed", { list: "allocation", format: "html" }],
    ]);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set([owner.id]));
    expect((await auditRows("participants.viewed")).length).toBe(before + 4);

    // The API list too, with the organiser's token.
    const api = await createUserWithToken(t.platform, "admin");
    const listed = await t.app.inject({
      method: "GET",
      url: `/api/v1/events/${ev.id}/registrations`,
      headers: { authorization: api.authorization },
    });
    expect(listed.statusCode).toBe(200);
    expect((await auditRows("participants.viewed")).at(-1)?.actor).toBe(api.id);

    // Somebody refused writes no row.
    const stranger = new Browser(t.app);
    await signInAs(t.platform, stranger, "editor");
    expect((await stranger.get(`${base}/anmeldungen`)).statusCode).toBe(403);
    expect((await auditRows("participants.viewed")).length).toBe(before + 5);

    const admin = new Browser(t.app);
    await signInAs(t.platform, admin, "admin");
    const log = await admin.get("/verwaltung/protokoll?art=participants");
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain("Teilnehmerliste exportiert");
    expect(log.body).toContain("Liste: Unterschriftenliste, Form: PDF");
    expect(log.body).toContain("Olga Organisatorin");
    expect(log.body).toContain(`Vernetzung früher Bildung ${ev.tag}`);
    expect(log.body).not.toContain("Anmeldedaten gelöscht");
    expect(log.body).not.toContain(`Zwetschgenbaum${ev.tag}`);
    // The filter keeps its choice on the page.
    expect(log.body).toMatch(/<option value="participants" selected/);

    expect((await organiser.get("/verwaltung/protokoll?art=participants")).statusCode).toBe(403);
    const member = new Browser(t.app);
    await signInAs(t.platform, member, "member");
    expect((await member.get("/verwaltung/protokoll")).statusCode).toBe(403);
  });
});
