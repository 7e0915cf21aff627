import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { linkMemberByEmail } from "../directory/index.js";
import { donePostCount, listPublishedPosts, postCounts } from "./index.js";
import { addComment, getModerationQueue, getPostPage, moderatePost } from "./moderation.service.js";
import { createPost, today, updatePost } from "./posts.service.js";
import { makeWorld, payloads, postInput, unsafeParts, type World } from "./test-fixtures.js";

// The Austausch through HTTP: the JSON API contract, the pages and forms without
// JavaScript, bad input (German messages, 422 problems, nothing stored), "Melden" without
// an account, moderation with the author told, and the sanitising on the rendered page.

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  w = await makeWorld(t.platform);
});
afterAll(async () => t?.close());

const api = (method: "GET" | "POST" | "PATCH", url: string, authorization?: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: authorization ? { authorization } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
const countPosts = async () =>
  Number(
    (
      await t.platform.db.kysely
        .selectFrom("exchange_posts")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
const mailsTo = (to: string) =>
  t.platform.db.kysely.selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", to).execute();
const dayFromToday = (days: number) => {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe("POST /api/v1/posts", () => {
  it("a member posts a practice example for their school: 201 with bodyHtml", async () => {
    const res = await api("POST", "/api/v1/posts", w.member.authorization, {
      kind: "practice",
      title: "Sprachförderung für neu zugewanderte Kinder",
      body: "Patenschaften aus **Klasse 4**, siehe https://example.org",
      areas: ["schule"],
      themes: ["Sprachförderung"],
      municipality: "Celle",
      organisationId: w.school.id,
      practice: { goal: "Schneller ankommen", transfer: "Ein Raum, Bildkarten" },
    });
    expect(res.statusCode).toBe(201);
    const post = res.json();
    expect(post).toMatchObject({
      kind: "practice",
      title: "Sprachförderung für neu zugewanderte Kinder",
      organisationId: w.school.id,
      organisationName: w.school.name,
      status: "published",
      themes: ["Sprachförderung"],
      practice: { goal: "Schneller ankommen", transfer: "Ein Raum, Bildkarten" },
    });
    expect(post.bodyHtml).toContain("<strong>Klasse 4</strong>");
    expect(post.bodyHtml).toContain('rel="nofollow noopener ugc"');
    expect(res.headers.location).toBe(`/api/v1/posts/${post.id}`);
    const page = await t.app.inject({ url: `/austausch/${post.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Sprachförderung für neu zugewanderte Kinder");
    expect(page.body).toContain("Ein Raum, Bildkarten");
  });

  it("refuses a member posting for another organisation with 403, and nobody with 401", async () => {
    const before = await countPosts();
    const other = await api("POST", "/api/v1/posts", w.member.authorization, {
      kind: "request",
      title: "Raum gesucht",
      body: "Für den Verein",
      organisationId: w.club.id,
    });
    expect(other.statusCode).toBe(403);
    const none = await api("POST", "/api/v1/posts", undefined, { kind: "idea", title: "x", body: "y" });
    expect(none.statusCode).toBe(401);
    expect(await countPosts()).toBe(before);
  });

  it("answers bad input with a 422 problem and stores nothing", async () => {
    const before = await countPosts();
    const cases = [
      { kind: "idea", title: "x".repeat(201), body: "Text" },
      { kind: "idea", title: "Titel", body: "   " },
      { kind: "idea", title: "Titel" },
      { kind: "story", title: "Titel", body: "Text" },
      { kind: "offer", title: "Halle", body: "Text", validUntil: "2020-01-01" },
      { kind: "offer", title: "Halle", body: "Text", validUntil: "31.12.2030" },
      { kind: "idea", title: "Titel", body: "Text", areas: ["mond"] },
    ];
    for (const payload of cases) {
      const res = await api("POST", "/api/v1/posts", w.member.authorization, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    const past = await api("POST", "/api/v1/posts", w.member.authorization, {
      kind: "offer",
      title: "Halle",
      body: "Text",
      validUntil: dayFromToday(-1),
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors ?? past.json()).toBeTruthy();
    expect(await countPosts()).toBe(before);
  });
});

describe("GET /api/v1/posts", () => {
  it("lists published posts with filters; drafts and expired offers stay out of the open list", async () => {
    const hall = await createPost(
      t.platform,
      w.admin,
      postInput({
        kind: "offer",
        title: "Turnhalle freitags nachmittags",
        themes: ["Räume", "Bewegung"],
        municipality: "Celle",
        validUntil: dayFromToday(30),
        organisationId: w.school.id,
      }),
    );
    const room = await createPost(
      t.platform,
      w.otherMember,
      postInput({ kind: "request", title: "Raum für Kinderturnen gesucht", themes: ["Räume"], municipality: "Celle" }),
    );
    const draft = await createPost(t.platform, w.member, postInput({ title: "Noch geheim", status: "draft" }));
    const expiring = await createPost(
      t.platform,
      w.member,
      postInput({ kind: "offer", title: "Beamer zu verleihen", validUntil: today() }),
    );
    // Yesterday's offers leave the open list by themselves: set the date back as time would.
    await t.platform.db.kysely
      .updateTable("exchange_posts")
      .set({ valid_until: dayFromToday(-1) })
      .where("id", "=", expiring.id)
      .execute();

    const all = (await api("GET", "/api/v1/posts")).json();
    const ids = all.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(hall.id);
    expect(ids).toContain(room.id);
    expect(ids).toContain(expiring.id);
    expect(ids).not.toContain(draft.id);

    const offers = (await api("GET", "/api/v1/posts?kind=offer")).json().items.map((p: { id: string }) => p.id);
    expect(offers).toContain(hall.id);
    expect(offers).not.toContain(room.id);
    const rooms = (await api("GET", "/api/v1/posts?theme=R%C3%A4ume")).json().items.map((p: { id: string }) => p.id);
    expect(rooms.sort()).toEqual([hall.id, room.id].sort());
    const open = (await api("GET", "/api/v1/posts?open=true")).json().items;
    expect(open.map((p: { id: string }) => p.id)).not.toContain(expiring.id);
    expect(open.map((p: { id: string }) => p.id)).toContain(hall.id);
    expect(open.every((p: { open: boolean }) => p.open)).toBe(true);
    const q = (await api("GET", "/api/v1/posts?q=turnhalle")).json().items.map((p: { id: string }) => p.id);
    expect(q).toEqual([hall.id]);
    expect((await api("GET", "/api/v1/posts?area=schule")).json().items.length).toBeGreaterThan(0);

    // The shareable page list shows the same.
    const page = await t.app.inject({ url: "/austausch?art=angebot&thema=R%C3%A4ume&gemeinde=Celle&offen=1" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Turnhalle freitags nachmittags");
    expect(page.body).not.toContain("Raum für Kinderturnen gesucht");
    expect(page.body).not.toContain("Beamer zu verleihen");

    // The API for search and matching lists the same open posts.
    const forMatching = await listPublishedPosts(t.platform.db.kysely, { theme: "Räume", open: true });
    expect(forMatching.map((p) => p.id).sort()).toEqual([hall.id, room.id].sort());
    const counts = await postCounts(t.platform.db.kysely, { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" });
    expect(counts.offer).toBeGreaterThanOrEqual(2);

    // A draft is 404 for others, visible to its own member through the API.
    expect((await api("GET", `/api/v1/posts/${draft.id}`)).statusCode).toBe(404);
    expect((await api("GET", `/api/v1/posts/${draft.id}`, w.otherMember.authorization)).statusCode).toBe(404);
    expect((await api("GET", `/api/v1/posts/${draft.id}`, w.member.authorization)).json().title).toBe("Noch geheim");
  });

  it("paginates the list", async () => {
    for (let i = 0; i < 21; i++)
      await createPost(t.platform, w.admin, postInput({ title: `Seitenbeitrag ${i}`, themes: ["Seiten"] }));
    const first = (await api("GET", "/api/v1/posts?theme=Seiten")).json();
    expect(first).toMatchObject({ total: 21, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(20);
    const second = (await api("GET", "/api/v1/posts?theme=Seiten&page=2")).json();
    expect(second.items).toHaveLength(1);
    const html = await t.app.inject({ url: "/austausch?thema=Seiten" });
    expect(html.body).toContain('href="/austausch?thema=Seiten&amp;seite=2"');
  });
});

describe("the figures of reports and the start page (postCounts)", () => {
  it("count the posts a reader finds in the Austausch: published or erledigt, not hidden, archived or drafts", async () => {
    const all = { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" };
    const before = await postCounts(t.platform.db.kysely, all);
    const doneBefore = await donePostCount(t.platform.db.kysely, all);
    const offer = (title: string, status: "published" | "draft" = "published") =>
      createPost(t.platform, w.member, postInput({ kind: "offer", title, status }));
    await offer("Zählt: veröffentlicht");
    const done = await offer("Zählt: erledigt");
    await updatePost(t.platform, w.member, done.id, { status: "done" });
    await offer("Zählt nicht: Entwurf", "draft");
    const archived = await offer("Zählt nicht: archiviert");
    await updatePost(t.platform, w.member, archived.id, { status: "archived" });
    const hidden = await offer("Zählt nicht: ausgeblendet");
    await moderatePost(t.platform, w.admin, hidden.id, "hide", "Werbung");

    const after = await postCounts(t.platform.db.kysely, all);
    expect((after.offer ?? 0) - (before.offer ?? 0)).toBe(2);
    expect((await donePostCount(t.platform.db.kysely, all)) - doneBefore).toBe(1);
    // A period before these posts were published counts none of them.
    const earlier = { from: "2000-01-01T00:00:00Z", to: "2001-01-01T00:00:00Z" };
    expect(await postCounts(t.platform.db.kysely, earlier)).toEqual({});
  });
});

describe("PATCH /api/v1/posts/{id}", () => {
  it("the author changes the text, marks an offer done; the history keeps the old text for moderators", async () => {
    const post = await createPost(
      t.platform,
      w.member,
      postInput({ kind: "offer", title: "Bänke abzugeben", body: "Alt" }),
    );
    const res = await api("PATCH", `/api/v1/posts/${post.id}`, w.member.authorization, {
      body: "Neu *und* besser",
      status: "done",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "done", open: false, bodyHtml: "<p>Neu <em>und</em> besser</p>" });
    const other = await api("PATCH", `/api/v1/posts/${post.id}`, w.otherMember.authorization, { title: "Meins" });
    expect(other.statusCode).toBe(403);
    const idea = await createPost(t.platform, w.member, postInput());
    expect(
      (await api("PATCH", `/api/v1/posts/${idea.id}`, w.member.authorization, { status: "done" })).statusCode,
    ).toBe(422);

    const adminPage = await getPostPage(t.platform, w.admin, post.id);
    expect(adminPage.revisions.map((r) => r.body)).toEqual(["Alt"]);
    expect((await getPostPage(t.platform, w.member, post.id)).revisions).toEqual([]);
  });

  it("a moderator's change needs a reason, which the author is told by e-mail", async () => {
    const post = await createPost(t.platform, w.member, postInput({ title: "Mit Telefonnummer" }));
    const none = await api("PATCH", `/api/v1/posts/${post.id}`, w.admin.authorization, { body: "ohne Nummer" });
    expect(none.statusCode).toBe(422);
    const ok = await api("PATCH", `/api/v1/posts/${post.id}`, w.admin.authorization, {
      body: "ohne Nummer",
      reason: "Private Telefonnummer entfernt",
    });
    expect(ok.statusCode).toBe(200);
    const mails = await mailsTo(w.member.email);
    expect(
      mails.some(
        (m) => m.subject.includes("Mit Telefonnummer") && m.text_body.includes("Private Telefonnummer entfernt"),
      ),
    ).toBe(true);
    const history = (await getPostPage(t.platform, w.admin, post.id)).revisions;
    expect(history[0]).toMatchObject({ reason: "Private Telefonnummer entfernt" });
  });
});

describe("pages and forms without JavaScript", () => {
  it("a member writes an offer through the form; bad input shows German messages beside the fields", async () => {
    const user = await createUser(t.platform, { role: "member" });
    await linkMemberByEmail(t.platform, w.admin, w.school.id, user.email);
    const browser = new Browser(t.app);
    await signIn(browser, user.email, user.password);
    const form = await browser.get("/austausch/neu");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Beitrag schreiben");

    const before = await countPosts();
    const bad = await browser.submit("/austausch/neu", "/austausch/neu", {
      kind: "offer",
      title: "x".repeat(201),
      body: "",
      validUntil: "01.01.2020",
      status: "published",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Bitte kürzen Sie den Text auf höchstens 200 Zeichen.");
    expect(bad.body).toContain('id="f-body-error"');
    expect(await countPosts()).toBe(before);
    const past = await browser.submit("/austausch/neu", "/austausch/neu", {
      kind: "offer",
      title: "Halle",
      body: "Text",
      validUntil: dayFromToday(-2),
      status: "published",
    });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain("Das Datum liegt in der Vergangenheit");
    expect(await countPosts()).toBe(before);

    const ok = await browser.submit("/austausch/neu", "/austausch/neu", {
      kind: "offer",
      title: "Turnhalle freitags nachmittags (Formular)",
      body: "Matten und Bänke",
      themes: "Räume, Bewegung",
      municipality: "Celle",
      validUntil: dayFromToday(60),
      organisationId: w.school.id,
      status: "published",
    });
    expect(ok.statusCode).toBe(303);
    const page = await browser.get(ok.headers.location as string);
    expect(page.body).toContain("Turnhalle freitags nachmittags (Formular)");
    expect(page.body).toContain("Ihr Beitrag ist veröffentlicht.");
    expect(page.body).toContain(w.school.name);

    // Commenting, signed in.
    const comment = await browser.submit(ok.headers.location as string, `${ok.headers.location}/kommentare`, {
      body: "Wir hätten Interesse! <img src=x onerror=alert(1)>",
    });
    expect(comment.statusCode).toBe(303);
    const withComment = await browser.get(ok.headers.location as string);
    expect(withComment.body).toContain("Wir hätten Interesse! &lt;img src=x onerror=alert(1)&gt;");
  });

  it("anybody reports a post without an account; the moderator hides it with a reason the author is told", async () => {
    const post = await createPost(t.platform, w.member, postInput({ title: "Werbung für Nachhilfe" }));
    const visitor = new Browser(t.app);
    const empty = await visitor.submit(`/austausch/${post.id}/melden`, `/austausch/${post.id}/melden`, { reason: "" });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("Bitte füllen Sie dieses Feld aus");
    const reported = await visitor.submit(`/austausch/${post.id}/melden`, `/austausch/${post.id}/melden`, {
      reason: "Kommerzielle Werbung",
    });
    expect(reported.statusCode).toBe(303);
    const queue = await getModerationQueue(t.platform, w.admin);
    expect(queue.reports.some((r) => r.postId === post.id && r.reason === "Kommerzielle Werbung")).toBe(true);

    const admin = await createUser(t.platform, { role: "admin" });
    const mod = new Browser(t.app);
    await signIn(mod, admin.email, admin.password);
    const queuePage = await mod.get("/verwaltung/austausch");
    expect(queuePage.body).toContain("Kommerzielle Werbung");
    const noReason = await mod.submit(`/austausch/${post.id}`, `/austausch/${post.id}/moderation`, {
      action: "hide",
      reason: "",
    });
    expect(noReason.statusCode).toBe(422);
    const hidden = await mod.submit(`/austausch/${post.id}`, `/austausch/${post.id}/moderation`, {
      action: "hide",
      reason: "Kommerzielle Werbung ist im Austausch nicht erlaubt.",
    });
    expect(hidden.statusCode).toBe(303);
    expect((await t.app.inject({ url: `/austausch/${post.id}` })).statusCode).toBe(404);
    expect((await api("GET", "/api/v1/posts?q=nachhilfe")).json().items).toEqual([]);
    const mails = await mailsTo(w.member.email);
    expect(mails.some((m) => m.text_body.includes("Kommerzielle Werbung ist im Austausch nicht erlaubt."))).toBe(true);
    expect((await getModerationQueue(t.platform, w.admin)).reports.some((r) => r.postId === post.id)).toBe(false);

    const deleted = await mod.submit(`/austausch/${post.id}`, `/austausch/${post.id}/moderation`, {
      action: "delete",
      reason: "Wiederholt Werbung",
    });
    expect(deleted.statusCode).toBe(303);
    expect((await api("GET", `/api/v1/posts/${post.id}`, w.admin.authorization)).statusCode).toBe(404);
  });

  it("a moderator hides a comment with a reason the commenter is told; without a reason nothing happens", async () => {
    const post = await createPost(t.platform, w.member, postInput({ title: "Mit Kommentaren" }));
    const comment = await addComment(t.platform, w.otherMember, post.id, "Beleidigender Kommentar");
    const admin = await createUser(t.platform, { role: "admin" });
    const mod = new Browser(t.app);
    await signIn(mod, admin.email, admin.password);
    const page = await mod.get(`/austausch/${post.id}`);
    expect(page.body).toContain(`for="grund-${comment.id}"`);
    const url = `/austausch/${post.id}/kommentare/${comment.id}/moderation`;
    const none = await mod.submit(`/austausch/${post.id}`, url, { action: "hide", reason: "" });
    expect(none.statusCode).toBe(303);
    expect((await mod.get(`/austausch/${post.id}`)).body).toContain("Bitte geben Sie einen Grund an");
    expect((await t.app.inject({ url: `/austausch/${post.id}` })).body).toContain("Beleidigender Kommentar");
    const hidden = await mod.submit(`/austausch/${post.id}`, url, { action: "hide", reason: "Beleidigung" });
    expect(hidden.statusCode).toBe(303);
    expect((await t.app.inject({ url: `/austausch/${post.id}` })).body).not.toContain("Beleidigender Kommentar");
    const mails = await mailsTo(w.otherMember.email);
    expect(mails.some((m) => m.subject.includes("Kommentar") && m.text_body.includes("Beleidigung"))).toBe(true);
  });

  it("shows every known XSS payload as harmless text on the page, in posts and comments", async () => {
    const post = await createPost(
      t.platform,
      w.member,
      postInput({ title: "XSS-Sammlung", body: payloads.join("\n\n") }),
    );
    const stored = await t.platform.db.kysely
      .selectFrom("exchange_posts")
      .select("body_html")
      .where("id", "=", post.id)
      .executeTakeFirstOrThrow();
    expect(unsafeParts(stored.body_html)).toEqual([]);
    for (const p of payloads.slice(0, 20)) await addComment(t.platform, w.otherMember, post.id, p);
    const page = await t.app.inject({ url: `/austausch/${post.id}` });
    const main = page.body.slice(page.body.indexOf("<main"), page.body.indexOf("</main>"));
    const content = main.slice(main.indexOf("<h1"));
    // The page's own forms and links are allowed; what came from the text may not bring more.
    expect(content).not.toMatch(/<script/i);
    expect(content).not.toMatch(/<(img|iframe|svg|object|embed|style|math|video|audio|base|meta|link)\b/i);
    expect(content).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(content).not.toMatch(/<a\b[^>]*href="\s*(javascript|data|vbscript):/i);
  });
});

describe("the exchange.postChanged hook", () => {
  it("is emitted inside the transaction of every change, so a failing subscriber undoes the change", async () => {
    const seen: string[] = [];
    let fail = false;
    t.platform.hooks.on("exchange.postChanged", ({ change }) => {
      if (fail) throw new Error("index unavailable");
      seen.push(change);
    });
    const post = await createPost(t.platform, w.member, postInput({ title: "Für den Suchindex" }));
    await updatePost(t.platform, w.member, post.id, { title: "Für den Suchindex, geändert" });
    await moderatePost(t.platform, w.admin, post.id, "hide", "Test");
    await moderatePost(t.platform, w.admin, post.id, "show", "Test");
    await moderatePost(t.platform, w.admin, post.id, "delete", "Test");
    expect(seen).toEqual(["created", "updated", "hidden", "shown", "deleted"]);
    fail = true;
    const before = await countPosts();
    await expect(createPost(t.platform, w.member, postInput({ title: "Geht nicht" }))).rejects.toThrow(
      "index unavailable",
    );
    expect(await countPosts()).toBe(before);
    fail = false;
  });
});

describe("OpenAPI", () => {
  it("describes the posts endpoints with their fields", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/posts", "/api/v1/posts/{id}"]));
    expect(Object.keys(doc.paths["/api/v1/posts"])).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/api/v1/posts/{id}"])).toEqual(expect.arrayContaining(["get", "patch"]));
    expect(JSON.stringify(doc.paths["/api/v1/posts"].post)).toContain("bodyHtml");
  });
});

describe("rate limits", () => {
  it("posting is limited per account (page and API together), 429 in German", async () => {
    const limited = await createTestApp({ RATE_LIMIT: "on" });
    try {
      const world = await makeWorld(limited.platform);
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await limited.app.inject({
          method: "POST",
          url: "/api/v1/posts",
          headers: { authorization: world.member.authorization },
          payload: { kind: "idea", title: `Idee ${i}`, body: "Text" },
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
      expect(codes[10]).toBe(429);
      // Another account is not affected.
      const other = await limited.app.inject({
        method: "POST",
        url: "/api/v1/posts",
        headers: { authorization: world.otherMember.authorization },
        payload: { kind: "idea", title: "Andere Idee", body: "Text" },
      });
      expect(other.statusCode).toBe(201);

      // Reports: 10 per address in 10 minutes, also without an account; the page says so in German.
      const post = (await other.json()) as { id: string };
      const visitor = new Browser(limited.app);
      const page = await visitor.get(`/austausch/${post.id}/melden`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      const report = () =>
        limited.app.inject({
          method: "POST",
          url: `/austausch/${post.id}/melden`,
          remoteAddress: "192.0.2.40",
          headers: { cookie: visitor.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ _csrf: csrf, reason: "Spam" }).toString(),
        });
      const reports: number[] = [];
      for (let i = 0; i < 11; i++) reports.push((await report()).statusCode);
      expect(reports.slice(0, 10).every((c) => c === 303)).toBe(true);
      expect(reports[10]).toBe(429);
      expect((await report()).body).toContain("Zu viele Anfragen");
    } finally {
      await limited.close();
    }
  });
});
