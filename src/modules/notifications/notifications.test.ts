import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createTransport, deliverDueMail } from "../../platform/mail/worker.js";
import { createFachtag } from "../registrations/test-fixtures.js";
import { runDigest } from "./notifications.service.js";
import { parseXml, publishedPost } from "./test-fixtures.js";

// What a subscriber notices: the weekly digest with what fits their theme and nothing
// else, no mail when nothing is new, never the same digest twice, and one click to stop.

let t: TestApp;
const DAY = 24 * 3600_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY);

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

const outbox = (to: string) =>
  t.platform.db.kysely.selectFrom("outbox").selectAll().where("to_address", "=", to).execute();

describe("digest", () => {
  it("a subscriber to a theme gets the weekly digest of what fits, and unsubscribes with one click", async () => {
    const browser = new Browser(t.app);
    const member = await signInAs(t.platform, browser, "member");
    const other = new Browser(t.app);
    const quiet = await signInAs(t.platform, other, "editor");

    const bad = await browser.submit("/konto/benachrichtigungen", "/konto/benachrichtigungen", {
      frequency: "monthly",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Bitte wählen Sie, wie oft Sie benachrichtigt werden möchten.");

    const saved = await browser.submit("/konto/benachrichtigungen", "/konto/benachrichtigungen", {
      frequency: "weekly",
      themes: "Sprachförderung",
    });
    expect(saved.statusCode).toBe(303);
    const page = await browser.get("/konto/benachrichtigungen");
    expect(page.body).toContain('value="Sprachförderung"');
    expect(page.body).toContain("Sie haben Benachrichtigungen bestellt.");
    // Daily, only offers: nothing of that kind comes, so this one gets no mail.
    await other.submit("/konto/benachrichtigungen", "/konto/benachrichtigungen", {
      frequency: "daily",
      kinds: "offer",
    });

    await publishedPost(t.platform, {
      title: "Lesepaten in der Kita",
      themes: ["Sprachförderung"],
      at: inDays(2).toISOString(),
    });
    await publishedPost(t.platform, { title: "Schulgarten-AG", themes: ["Umwelt"], at: inDays(2).toISOString() });
    const ev = await createFachtag(t.platform, { title: "Fachtag Sprache", startsInDays: 40 });
    await t.platform.db.kysely
      .updateTable("events")
      .set({ themes: JSON.stringify(["Sprachförderung"]), created_at: inDays(3).toISOString() })
      .where("id", "=", ev.id)
      .execute();

    // Before the week is over nothing goes out.
    expect((await runDigest(t.platform, inDays(5))).sent).toBe(0);
    expect(await outbox(member.email)).toHaveLength(0);

    const week = inDays(7);
    await runDigest(t.platform, week);
    const mails = await outbox(member.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.subject).toBe("Neu im Bildungsnetz diese Woche: 2 Einträge");
    expect(mail?.text_body).toContain("Lesepaten in der Kita");
    expect(mail?.text_body).toContain("Fachtag Sprache");
    expect(mail?.text_body).not.toContain("Schulgarten-AG");
    const headers = JSON.parse(mail?.headers ?? "{}") as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const link = /^<(.+)>$/.exec(headers["List-Unsubscribe"] ?? "")?.[1] ?? "";
    expect(mail?.text_body).toContain(link);
    expect(await outbox(quiet.email)).toHaveLength(0);

    // The mail that leaves carries both header lines, so mail programs offer "Abbestellen".
    await deliverDueMail(t.platform.db, t.config, createTransport(t.config), 100);
    const folder = join(t.config.dataDir, "mail");
    const eml = readdirSync(folder)
      // Long header lines are folded onto the next line; a mail program unfolds them.
      .map((f) => readFileSync(join(folder, f), "utf8").replace(/\r?\n[ \t]+/g, " "))
      .find((text) => text.includes(`To: ${member.email}`));
    expect(eml).toContain(`List-Unsubscribe: <${link}>`);
    expect(eml).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    // The same hour again (a second instance, a restart): no second digest.
    await runDigest(t.platform, week);
    expect(await outbox(member.email)).toHaveLength(1);

    // Opening the link only asks; the mail program's one-click POST (no cookie, no CSRF token) unsubscribes.
    const path = new URL(link).pathname;
    const ask = await t.app.inject({ method: "GET", url: path });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain("Jetzt abbestellen");
    const click = await t.app.inject({
      method: "POST",
      url: path,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(click.statusCode).toBe(200);
    expect(click.body).toContain("Sie erhalten keine Benachrichtigungen mehr.");
    expect((await t.app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    expect((await browser.get("/konto/benachrichtigungen")).body).toContain("noch keine Benachrichtigungen bestellt");

    await publishedPost(t.platform, { title: "Sprachcafé", themes: ["Sprachförderung"], at: inDays(9).toISOString() });
    await runDigest(t.platform, inDays(15));
    expect(await outbox(member.email)).toHaveLength(1);
  });

  it("signed-in people cancel on their page; nobody signed in is sent to sign in", async () => {
    const browser = new Browser(t.app);
    await signInAs(t.platform, browser, "checkin");
    await browser.submit("/konto/benachrichtigungen", "/konto/benachrichtigungen", { frequency: "daily" });
    const cancelled = await browser.submit("/konto/benachrichtigungen", "/konto/benachrichtigungen/abbestellen", {});
    expect(cancelled.statusCode).toBe(303);
    expect((await browser.get("/konto/benachrichtigungen")).body).toContain("noch keine Benachrichtigungen bestellt");
    const anonymous = await t.app.inject({ method: "GET", url: "/konto/benachrichtigungen" });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe("/anmelden?zurueck=%2Fkonto%2Fbenachrichtigungen");
  });

  it("'Mein Konto' links to the notifications page", async () => {
    const browser = new Browser(t.app);
    await signInAs(t.platform, browser, "editor");
    const account = await browser.get("/konto");
    expect(account.body).toMatch(
      /<a class="kern-link" href="\/konto\/benachrichtigungen">Benachrichtigungen einstellen<\/a>/,
    );
  });
});

describe("feeds", () => {
  it("the Austausch feed is valid Atom, narrowed by kind and theme, with escaped text", async () => {
    await publishedPost(t.platform, {
      title: "Angebot: Räume <frei> & günstig",
      kind: "offer",
      themes: ["Räume"],
      at: new Date().toISOString(),
    });
    const all = await t.app.inject({ method: "GET", url: "/austausch/feed.xml" });
    expect(all.statusCode).toBe(200);
    expect(all.headers["content-type"]).toContain("application/atom+xml");
    const titles = (xml: string) =>
      parseXml(xml)
        .filter((e) => e.path === "feed/entry/title")
        .map((e) => e.text);
    expect(titles(all.body)).toContain("Angebot: Räume <frei> & günstig");
    expect(parseXml(all.body)[0]?.attrs.xmlns).toBe("http://www.w3.org/2005/Atom");

    const offers = await t.app.inject({ method: "GET", url: "/austausch/feed.xml?art=angebot" });
    expect(titles(offers.body)).toEqual(["Angebot: Räume <frei> & günstig"]);
    const theme = await t.app.inject({
      method: "GET",
      url: `/austausch/feed.xml?thema=${encodeURIComponent("Umwelt")}`,
    });
    expect(titles(theme.body)).toEqual(["Schulgarten-AG"]);
    const links = parseXml(theme.body).filter((e) => e.path === "feed/entry/link");
    expect(links[0]?.attrs.href).toMatch(/\/austausch\/[0-9a-f-]{36}$/);
  });

  it("the lists at /austausch and /fachtage announce their feeds to feed readers, narrowed like the list", async () => {
    // The offer of the test before: "Angebot: Räume <frei> & günstig", theme Räume.
    const feedsOf = (html: string) =>
      [...html.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="([^"]+)" href="([^"]+)"/g)].map(
        (m) => ({ title: m[1], href: m[2]?.replace(/&amp;/g, "&") }),
      );
    const whole = feedsOf((await t.app.inject({ url: "/austausch" })).body);
    expect(whole).toEqual([{ title: "Austausch – alle neuen Beiträge (Atom-Feed)", href: "/austausch/feed.xml" }]);

    const narrowed = feedsOf(
      (await t.app.inject({ url: "/austausch?art=angebot&thema=R%C3%A4ume&gemeinde=Celle" })).body,
    );
    expect(narrowed.map((f) => f.title)).toEqual([
      "Austausch – Angebot, Thema Räume (Atom-Feed)",
      "Austausch – alle neuen Beiträge (Atom-Feed)",
    ]);
    const feed = await t.app.inject({ url: narrowed[0]?.href ?? "" });
    expect(feed.headers["content-type"]).toContain("application/atom+xml");
    expect(
      parseXml(feed.body)
        .filter((e) => e.path === "feed/entry/title")
        .map((e) => e.text),
    ).toEqual(["Angebot: Räume <frei> & günstig"]);

    const events = feedsOf((await t.app.inject({ url: "/fachtage" })).body);
    expect(events).toEqual([{ title: "Kommende Fachtage (Atom-Feed)", href: "/fachtage/feed.xml" }]);
    expect((await t.app.inject({ url: "/fachtage/feed.xml" })).headers["content-type"]).toContain(
      "application/atom+xml",
    );
  });

  it("the Fachtage feed lists the coming Fachtage as valid Atom", async () => {
    const res = await t.app.inject({ method: "GET", url: "/fachtage/feed.xml" });
    expect(res.statusCode).toBe(200);
    const entries = parseXml(res.body).filter((e) => e.path === "feed/entry/title");
    expect(entries.map((e) => e.text)).toContain("Fachtag Sprache");
  });
});

describe("start page", () => {
  it("shows the newest practice examples, the open offers and requests and a few figures", async () => {
    const res = await t.app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    const practice = res.body.slice(
      res.body.indexOf("Neue Praxisbeispiele"),
      res.body.indexOf("Offene Angebote und Gesuche"),
    );
    expect(practice).toContain("Lesepaten in der Kita");
    const open = res.body.slice(
      res.body.indexOf("Offene Angebote und Gesuche"),
      res.body.indexOf("Das Bildungsnetz in Zahlen"),
    );
    expect(open).toContain("Angebot: Räume &lt;frei");
    expect(open).not.toContain("Lesepaten");
    // The digest test dated three posts ahead; only the offer is already there.
    expect(res.body).toMatch(/Beiträge im Austausch<\/dt><dd[^>]*>1<\/dd>/);
    expect(res.body).toContain('href="/austausch/feed.xml"');
  });
});
