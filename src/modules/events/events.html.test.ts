import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { messages } from "./messages.js";

let t: TestApp;
let editor: Browser;
let otherEditor: Browser;
let admin: Browser;
let member: Browser;
let editorToken: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = new Browser(t.app);
  otherEditor = new Browser(t.app);
  admin = new Browser(t.app);
  member = new Browser(t.app);
  await signInAs(t.platform, editor, "editor");
  await signInAs(t.platform, otherEditor, "editor");
  await signInAs(t.platform, admin, "admin");
  await signInAs(t.platform, member, "member");
  editorToken = (await createUserWithToken(t.platform, "editor")).authorization;
});
afterAll(async () => t?.close());

const eventFields = (over: Record<string, string> = {}) => ({
  title: "Kindliche Entwicklung stärken",
  subtitle: "Schätze statt Schwächen",
  organisers: "Fachberatung Kindertagesstätten\nTeam Bildungskommunen",
  targetGroups: "Leitungskräfte in Kitas\nPädagogische Fachkräfte",
  themes: "Frühkindliche Bildung",
  date: "2027-03-26",
  startTime: "09:00",
  endTime: "14:30",
  venueName: "Kreishaus Celle",
  venueRoom: "Neuer Kreistagssaal",
  venueAddress: "Trift 26, 29221 Celle",
  venueAccessibility: "Stufenlos über Aufzug erreichbar",
  venueDirections: "Bus bis Kreishaus",
  capacity: "150",
  confirmByEmail: "on",
  holdHours: "24",
  reminderDays: "3",
  creditHours: "5,5",
  contactName: "Bildungsbüro",
  contactEmail: "bildung@example.org",
  ...over,
});

/** Creates an event through the organiser form; returns its id. */
async function createViaForm(browser: Browser, over: Record<string, string> = {}) {
  const res = await browser.submit("/verwaltung/fachtage/neu", "/verwaltung/fachtage/neu", eventFields(over));
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  const id = /\/verwaltung\/fachtage\/([^/]+)\/programm/.exec(String(res.headers.location))?.[1];
  expect(id).toBeTruthy();
  return id as string;
}

async function slugOf(id: string) {
  const row = await t.platform.db.kysely
    .selectFrom("events")
    .select(["slug", "status", "title"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row;
}

describe("organiser pages: who may", () => {
  it("asks anonymous visitors to sign in and refuses members", async () => {
    const anonymous = await t.app.inject("/verwaltung/fachtage");
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).toContain("Anmeldung erforderlich");
    expect((await member.get("/verwaltung/fachtage")).statusCode).toBe(403);
    expect((await member.get("/verwaltung/fachtage/neu")).statusCode).toBe(403);
  });

  it("does not let a member create a Fachtag through the form", async () => {
    const before = await t.platform.db.kysely.selectFrom("events").select("id").execute();
    // the member's own valid CSRF token (from the logout form), so only the role is refused
    const res = await member.submit("/", "/verwaltung/fachtage/neu", eventFields());
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Keine Berechtigung");
    const after = await t.platform.db.kysely.selectFrom("events").select("id").execute();
    expect(after).toHaveLength(before.length);
  });

  it("lets an editor create and see own events, but not edit another editor's", async () => {
    const id = await createViaForm(editor, { title: "Mein Fachtag" });
    const list = await editor.get("/verwaltung/fachtage");
    expect(list.body).toContain("Mein Fachtag");
    expect(list.body).toContain("<caption");
    expect((await otherEditor.get("/verwaltung/fachtage")).body).not.toContain("Mein Fachtag");

    // Another editor's draft is not even known to exist (404) …
    expect((await otherEditor.get(`/verwaltung/fachtage/${id}`)).statusCode).toBe(404);
    const page = await otherEditor.get("/verwaltung/fachtage/neu");
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const hidden = await otherEditor.post(`/verwaltung/fachtage/${id}`, {
      ...eventFields({ title: "Gekapert" }),
      _csrf: token,
    });
    expect(hidden.statusCode).toBe(404);
    const status = await otherEditor.post(`/verwaltung/fachtage/${id}/status`, { status: "published", _csrf: token });
    expect(status.statusCode).toBe(404);
    expect(await slugOf(id)).toMatchObject({ title: "Mein Fachtag", status: "draft" });
    // … once published, it is public, and changing it is refused with the reason.
    await editor.submit(`/verwaltung/fachtage/${id}`, `/verwaltung/fachtage/${id}/status`, { status: "published" });
    expect((await otherEditor.get(`/verwaltung/fachtage/${id}`)).statusCode).toBe(403);
    const refused = await otherEditor.post(`/verwaltung/fachtage/${id}`, {
      ...eventFields({ title: "Gekapert" }),
      _csrf: token,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("andere Person angelegt");
    expect(await slugOf(id)).toMatchObject({ title: "Mein Fachtag", status: "published" });
  });

  it("lets an admin see and edit every event", async () => {
    const id = await createViaForm(editor, { title: "Für das Bildungsbüro" });
    expect((await admin.get("/verwaltung/fachtage")).body).toContain("Für das Bildungsbüro");
    const res = await admin.submit(
      `/verwaltung/fachtage/${id}`,
      `/verwaltung/fachtage/${id}`,
      eventFields({ title: "Vom Büro geändert" }),
    );
    expect(res.statusCode).toBe(303);
    expect((await slugOf(id)).title).toBe("Vom Büro geändert");
  });
});

describe("event form: times", () => {
  it("stores Berlin local time as UTC, in winter and in summer", async () => {
    const winter = await createViaForm(editor, {
      title: "Winterzeit",
      date: "2027-02-05",
      startTime: "09:00",
      endTime: "15:00",
    });
    const summer = await createViaForm(editor, {
      title: "Sommerzeit",
      date: "2027-06-04",
      startTime: "09:00",
      endTime: "15:00",
    });
    const row = (id: string) =>
      t.platform.db.kysely
        .selectFrom("events")
        .select(["starts_at", "ends_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    expect(await row(winter)).toEqual({ starts_at: "2027-02-05T08:00:00.000Z", ends_at: "2027-02-05T14:00:00.000Z" });
    expect(await row(summer)).toEqual({ starts_at: "2027-06-04T07:00:00.000Z", ends_at: "2027-06-04T13:00:00.000Z" });
    // and the edit form shows the local time again
    const edit = await editor.get(`/verwaltung/fachtage/${summer}`);
    expect(edit.body).toContain('name="startTime" type="time" value="09:00"');
  });

  it("offers the organiser UI on the back-office dashboard", async () => {
    const dashboard = await editor.get("/verwaltung");
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('href="/verwaltung/fachtage"');
    expect(dashboard.body).toContain("Fachtage verwalten");
    expect((await member.get("/verwaltung")).body).not.toContain('href="/verwaltung/fachtage"');
    expect((await editor.get("/fachtage")).body).toMatch(/href="\/fachtage"[^>]*aria-current="page"/);
  });
});

describe("event form: bad input", () => {
  it("shows German messages beside the fields and an error summary (422), storing nothing", async () => {
    const before = (await t.platform.db.kysely.selectFrom("events").select("id").execute()).length;
    const res = await editor.submit(
      "/verwaltung/fachtage/neu",
      "/verwaltung/fachtage/neu",
      eventFields({
        title: "",
        date: "2027-02-30",
        startTime: "9 Uhr",
        capacity: "0",
        contactEmail: "kein-mail",
        opensDate: "2027-01-01",
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Es gibt");
    expect(res.body).toContain("Bitte füllen Sie dieses Feld aus.");
    expect(res.body).toContain("Dieses Datum gibt es nicht");
    expect(res.body).toContain("Bitte geben Sie eine Uhrzeit zwischen 00:00 und 23:59 an");
    expect(res.body).toContain("Bitte geben Sie mindestens 1 Platz an.");
    expect(res.body).toContain("gültige E-Mail-Adresse");
    expect(res.body).toContain("Bitte geben Sie Datum und Uhrzeit an");
    expect(res.body).toContain('aria-invalid="true"');
    // what was typed stays in the form
    expect(res.body).toContain('value="9 Uhr"');
    expect((await t.platform.db.kysely.selectFrom("events").select("id").execute()).length).toBe(before);
  });

  it("puts the rule 'end after start' beside the end time", async () => {
    const res = await editor.submit(
      "/verwaltung/fachtage/neu",
      "/verwaltung/fachtage/neu",
      eventFields({ endTime: "08:00" }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="f-endTime-error"[^>]*>.*Das Ende muss nach dem Beginn liegen\./s);
  });
});

describe("programme editor and public page", () => {
  it("builds a programme without JavaScript, publishes it and shows parallel workshops as one time slot", async () => {
    const id = await createViaForm(editor, { title: "Fachtag mit Programm" });
    const { slug } = await slugOf(id);
    const programme = `/verwaltung/fachtage/${id}/programm`;
    const page = await editor.get(programme);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="speaker4Name"');

    const add = (fields: Record<string, string>) => editor.submit(programme, programme, fields);
    expect((await add({ kind: "welcome", title: "Begrüßung", startTime: "09:00", endTime: "09:15" })).statusCode).toBe(
      303,
    );
    expect(
      (
        await add({
          kind: "talk",
          title: "Schätze statt Schwächen",
          startTime: "09:15",
          endTime: "10:00",
          speaker1Name: "Dr. Beispiel (fiktiv)",
          speaker1Role: "Ärztin",
          speaker1Organisation: "Jugendärztlicher Dienst",
        })
      ).statusCode,
    ).toBe(303);
    for (const title of ["Sprachförderung im Alltag", "Übergang in die Grundschule", "Resilienz stärken"]) {
      const res = await add({
        kind: "workshop",
        title,
        startTime: "10:30",
        endTime: "12:00",
        capacity: "20",
        room: "Raum 1",
      });
      expect(res.statusCode).toBe(303);
    }
    const listed = await editor.get(programme);
    expect(listed.body).toContain("Zeitfenster 1");

    // a draft is invisible to the public
    expect((await t.app.inject(`/fachtage/${slug}`)).statusCode).toBe(404);
    const preview = await editor.get(`/fachtage/${slug}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Entwurf: Diese Seite sehen nur Sie");

    const published = await editor.submit(`/verwaltung/fachtage/${id}`, `/verwaltung/fachtage/${id}/status`, {
      status: "published",
    });
    expect(published.statusCode).toBe(303);

    const res = await t.app.inject(`/fachtage/${slug}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("<h1");
    expect(html).toContain("Fachtag mit Programm");
    expect(html).toContain("Freitag, 26. März 2027");
    expect(html).toContain("09:00 – 14:30 Uhr");
    expect(html).toContain("Neuer Kreistagssaal");
    expect(html).toContain("Stufenlos über Aufzug erreichbar");
    expect(html).toContain("Fachberatung Kindertagesstätten, Team Bildungskommunen");
    expect(html).toContain("Leitungskräfte in Kitas");
    expect(html).toContain("kostenfrei");
    expect(html).toContain("5,5 Stunden");
    expect(html).toContain("Dr. Beispiel (fiktiv)");
    expect(html).toContain("Parallele Workshops (3)");
    const slot = /<ul class="events-slot">(.*?)<\/ul>/s.exec(html)?.[1] ?? "";
    expect(slot.match(/<h4/g)).toHaveLength(3);
    expect(html).toContain("150 Plätze");
    expect(html).toContain('id="anmeldung"');
    expect(html).toContain(`/fachtage/${slug}/anmeldung`);
    expect(html).not.toContain("style=");
    expect(html).toContain('href="/assets/events.css?v=3"');
  });

  it("tells the organiser on the edit page whether people can register now and links to the registrations", async () => {
    // "Veröffentlicht" already opens the registration; without this line the button
    // "Anmeldung öffnen" suggested that registration was still closed.
    const id = await createViaForm(editor, { title: "Wann kann man sich anmelden?" });
    const page = `/verwaltung/fachtage/${id}`;
    const draft = (await editor.get(page)).body;
    expect(draft).toContain("Online-Anmeldung: Dieser Fachtag ist noch nicht veröffentlicht.");
    // … and leads to the event's registrations (the registrations module's desk).
    expect(draft).toContain(`href="/verwaltung/fachtage/${id}/anmeldungen"`);
    await editor.submit(page, `${page}/status`, { status: "published" });
    expect((await editor.get(page)).body).toContain("Online-Anmeldung: Anmeldung möglich");
    await editor.submit(page, `${page}/status`, { status: "registration_closed" });
    expect((await editor.get(page)).body).toContain("Online-Anmeldung: Die Anmeldung ist geschlossen.");
  });

  it("edits and deletes a programme item, with messages beside the fields for times off the event", async () => {
    const id = await createViaForm(editor, { title: "Programm ändern" });
    const programme = `/verwaltung/fachtage/${id}/programm`;
    await editor.submit(programme, programme, { kind: "workshop", title: "Alt", startTime: "10:00", endTime: "11:00" });
    const [session] = await t.platform.db.kysely
      .selectFrom("event_sessions")
      .selectAll()
      .where("event_id", "=", id)
      .execute();
    expect(session).toBeTruthy();
    const editUrl = `${programme}/${session?.id}`;
    const bad = await editor.submit(editUrl, editUrl, {
      kind: "workshop",
      title: "Neu",
      startTime: "11:00",
      endTime: "10:00",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Das Ende muss nach dem Beginn liegen.");
    const noName = await editor.submit(editUrl, editUrl, {
      kind: "workshop",
      title: "Neu",
      startTime: "10:00",
      endTime: "11:00",
      speaker2Role: "Moderation",
    });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain("Bitte geben Sie den Namen der Person an.");
    const good = await editor.submit(editUrl, editUrl, {
      kind: "workshop",
      title: "Neu",
      startTime: "10:00",
      endTime: "11:30",
      capacity: "12",
    });
    expect(good.statusCode).toBe(303);
    expect((await editor.get(programme)).body).toContain("Neu");
    expect((await otherEditor.get(editUrl)).statusCode).toBe(404);
    const deleted = await editor.submit(programme, `${editUrl}/loeschen`, {});
    expect(deleted.statusCode).toBe(303);
    const rows = await t.platform.db.kysely
      .selectFrom("event_sessions")
      .select("id")
      .where("event_id", "=", id)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("cancels a published event after confirmation and deletes only drafts", async () => {
    const id = await createViaForm(editor, { title: "Wird abgesagt" });
    await editor.submit(`/verwaltung/fachtage/${id}`, `/verwaltung/fachtage/${id}/status`, { status: "published" });
    const notDeleted = await editor.submit(`/verwaltung/fachtage/${id}`, `/verwaltung/fachtage/${id}/loeschen`, {});
    expect(notDeleted.statusCode).toBe(409);
    const confirm = await editor.get(`/verwaltung/fachtage/${id}/absagen`);
    expect(confirm.body).toContain("Ja, Fachtag absagen");
    const cancelled = await editor.submit(
      `/verwaltung/fachtage/${id}/absagen`,
      `/verwaltung/fachtage/${id}/absagen`,
      {},
    );
    expect(cancelled.statusCode).toBe(303);
    const { slug, status } = await slugOf(id);
    expect(status).toBe("cancelled");
    const page = await t.app.inject(`/fachtage/${slug}`);
    expect(page.body).toContain("Dieser Fachtag wurde abgesagt.");

    const draft = await createViaForm(editor, { title: "Entwurf weg" });
    const gone = await editor.submit(
      `/verwaltung/fachtage/${draft}/loeschen`,
      `/verwaltung/fachtage/${draft}/loeschen`,
      {},
    );
    expect(gone.statusCode).toBe(303);
    expect(
      await t.platform.db.kysely.selectFrom("events").select("id").where("id", "=", draft).executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe("calendar, archive, feeds", () => {
  const api = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { authorization: editorToken },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; slug: string };
  };

  it("splits upcoming and past events between /fachtage and /fachtage/archiv", async () => {
    const venue = { name: "VHS Celle" };
    await api({
      title: "Zukunft 2029",
      startsAt: "2029-05-04T09:00:00+02:00",
      endsAt: "2029-05-04T15:00:00+02:00",
      venue,
      capacity: 50,
      status: "published",
    });
    await api({
      title: "Vergangen 2020",
      startsAt: "2020-05-04T09:00:00+02:00",
      endsAt: "2020-05-04T15:00:00+02:00",
      venue,
      capacity: 50,
      status: "published",
    });
    await api({
      title: "Heimlicher Entwurf 2029",
      startsAt: "2029-06-04T09:00:00+02:00",
      endsAt: "2029-06-04T15:00:00+02:00",
      venue,
      capacity: 50,
    });
    const upcoming = await t.app.inject("/fachtage");
    expect(upcoming.body).toContain("Zukunft 2029");
    expect(upcoming.body).not.toContain("Vergangen 2020");
    expect(upcoming.body).not.toContain("Heimlicher Entwurf");
    const archive = await t.app.inject("/fachtage/archiv");
    expect(archive.body).toContain("Vergangen 2020");
    expect(archive.body).not.toContain("Zukunft 2029");
    expect(archive.body).not.toContain("Heimlicher Entwurf");
  });

  it("shows the next published Fachtage on the start page, without drafts", async () => {
    const home = await t.app.inject("/");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("Nächste Fachtage");
    expect(home.body).toMatch(/href="\/fachtage\/20\d\d-/);
    expect(home.body).not.toContain("Heimlicher Entwurf");
    expect(home.body).not.toContain("Vergangen 2020");
  });

  it("serves an iCalendar file per event and a feed of all published events", async () => {
    const event = await api({
      title: "Kalender; Test, mit Komma",
      startsAt: "2029-07-06T09:00:00+02:00",
      endsAt: "2029-07-06T15:00:00+02:00",
      venue: {
        name: "Kreishaus Celle",
        room: "Neuer Kreistagssaal des Landkreises Celle",
        address: "Trift 26, 29221 Celle",
      },
      capacity: 80,
      status: "published",
    });
    const ics = await t.app.inject(`/fachtage/${event.slug}.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    const body = ics.body;
    expect(body.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(body.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(body).not.toMatch(/[^\r]\n/);
    for (const line of body.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const unfolded = body.replace(/\r\n /g, "");
    expect(unfolded).toContain("SUMMARY:Kalender\\; Test\\, mit Komma");
    expect(unfolded).toContain("DTSTART:20290706T070000Z");
    expect(unfolded).toContain("DTEND:20290706T130000Z");
    expect(unfolded).toContain(
      "LOCATION:Kreishaus Celle\\, Neuer Kreistagssaal des Landkreises Celle\\, Trift 26\\, 29221 Celle",
    );
    expect(unfolded).toContain(`UID:${event.id}@`);

    const feed = await t.app.inject("/fachtage/kalender.ics");
    expect(feed.statusCode).toBe(200);
    expect(feed.body.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(1);
    expect(feed.body).not.toContain("Heimlicher Entwurf");
  });

  it("does not serve the iCalendar file of a draft", async () => {
    const draft = await api({
      title: "Entwurf ics",
      startsAt: "2029-08-06T09:00:00+02:00",
      endsAt: "2029-08-06T15:00:00+02:00",
      venue: { name: "X" },
      capacity: 5,
    });
    expect((await t.app.inject(`/fachtage/${draft.slug}.ics`)).statusCode).toBe(404);
  });

  it("offers an embeddable list that other sites may frame, without the site layout", async () => {
    const res = await t.app.inject("/fachtage/einbetten");
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-frame-options"]).toBeUndefined();
    expect(String(res.headers["content-security-policy"])).toContain("frame-ancestors *");
    expect(String(res.headers["content-security-policy"])).not.toContain("unsafe-inline");
    expect(res.body).toMatch(/^<!DOCTYPE html><html lang="de">/);
    expect(res.body).toContain("Zukunft 2029");
    expect(res.body).toContain('target="_top"');
    expect(res.body).not.toContain("site-header");
    // every other page stays unframeable by other sites
    expect(String((await t.app.inject("/fachtage")).headers["content-security-policy"])).toContain(
      "frame-ancestors 'self'",
    );
  });

  it("answers unknown event pages with a German 404", async () => {
    const res = await t.app.inject("/fachtage/gibt-es-nicht");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Diesen Fachtag gibt es nicht");
  });
});

describe("languages", () => {
  it("renders public and organiser pages in English without untranslated keys", async () => {
    const id = await createViaForm(editor, { title: "Sprachtest" });
    await editor.submit(`/verwaltung/fachtage/${id}/programm`, `/verwaltung/fachtage/${id}/programm`, {
      kind: "workshop",
      title: "W",
      startTime: "10:00",
      endTime: "11:00",
    });
    const { slug } = await slugOf(id);
    await editor.get("/sprache?lang=en&zurueck=/");
    for (const url of [
      "/fachtage",
      "/fachtage/archiv",
      `/fachtage/${slug}`,
      "/verwaltung/fachtage",
      `/verwaltung/fachtage/${id}`,
      `/verwaltung/fachtage/${id}/programm`,
    ]) {
      const res = await editor.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<html lang="en">');
      expect(res.body, url).not.toMatch(/>[^<]*\bevents\.[a-z]+\.[a-zA-Z_.]+/);
    }
    expect((await editor.get(`/fachtage/${slug}`)).body).toContain("Parallel workshops");
    await editor.get("/sprache?lang=de&zurueck=/");
  });
});

describe("messages", () => {
  it("has the same keys in German and English, all prefixed events.", () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.de).sort());
    for (const key of Object.keys(messages.de)) expect(key.startsWith("events.")).toBe(true);
  });
});
