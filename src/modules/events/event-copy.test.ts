import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { toBerlinIso } from "../../lib/berlin-time.js";
import type { Actor } from "../../platform/auth/actor.js";
import { anonymous } from "../../platform/auth/actor.js";
import { changeEventStatus, copyEvent, createEvent } from "./events.service.js";
import { addSession, listSessions, nextItemDefaults, nextRoom } from "./programme.service.js";

// Copying a Fachtag (everything but dates and registrations, dates shifted, as a draft),
// copying a programme item, and the "add" form's defaults after an item was saved.

let t: TestApp;
let owner: Actor;
let other: Actor;
let member: Actor;
let browser: Browser;
let browserActor: Actor;

const actorOf = async (role: "editor" | "member"): Promise<Actor> => {
  const u = await createUserWithToken(t.platform, role);
  return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" };
};

beforeAll(async () => {
  t = await createTestApp();
  owner = await actorOf("editor");
  other = await actorOf("editor");
  member = await actorOf("member");
  browser = new Browser(t.app);
  const u = await signInAs(t.platform, browser, "editor");
  browserActor = { kind: "user", id: u.id, email: u.email, name: "e", role: "editor", via: "session" };
});
afterAll(async () => t?.close());

/** The 2024 Fachtag of the seed text, in winter time, with a registration window and a programme. */
async function fachtag2024(actor = owner) {
  const event = await createEvent(t.platform, actor, {
    title: "Migrationsbedingte Vielfalt in der Bildung",
    subtitle: "Fachtag im Programm Bildungskommunen",
    startsAt: "2024-02-23T08:00:00.000Z", // 09:00 Berlin
    endsAt: "2024-02-23T14:30:00.000Z",
    venue: { name: "Kreishaus Celle", room: "Neuer Kreistagssaal", address: "Trift 26, 29221 Celle" },
    capacity: 60,
    registrationOpensAt: "2024-01-08T07:00:00.000Z",
    registrationClosesAt: "2024-02-16T22:59:00.000Z",
    organisers: ["Team Bildungskommunen"],
    fee: "kostenfrei",
    creditHours: 5,
    status: "published",
  });
  await addSession(t.platform, actor, event.id, {
    kind: "talk",
    title: "Vielfalt als Normalfall",
    startsAt: "2024-02-23T08:30:00.000Z",
    endsAt: "2024-02-23T09:15:00.000Z",
  });
  await addSession(t.platform, actor, event.id, {
    kind: "workshop",
    title: "Sprachbildung",
    room: "Raum 1.03",
    capacity: 15,
    startsAt: "2024-02-23T10:00:00.000Z",
    endsAt: "2024-02-23T11:30:00.000Z",
  });
  return changeEventStatus(t.platform, actor, event.id, "held");
}

describe("copyEvent", () => {
  it("copies everything but dates and registrations; the dates move, wall-clock times stay, also into summer time", async () => {
    const source = await fachtag2024();
    const copy = await copyEvent(t.platform, owner, source.id, {
      title: "Kindliche Entwicklung stärken",
      date: "2025-03-28",
    });
    expect(copy).toMatchObject({
      status: "draft",
      title: "Kindliche Entwicklung stärken",
      subtitle: "Fachtag im Programm Bildungskommunen",
      venue: { name: "Kreishaus Celle", room: "Neuer Kreistagssaal", address: "Trift 26, 29221 Celle" },
      capacity: 60,
      organisers: ["Team Bildungskommunen"],
      fee: "kostenfrei",
      creditHours: 5,
      createdBy: owner.kind === "user" ? owner.id : null,
      icsSequence: 0,
    });
    expect(copy.id).not.toBe(source.id);
    expect(copy.slug).toBe("2025-03-28-kindliche-entwicklung-staerken");
    expect(toBerlinIso(copy.startsAt)).toBe("2025-03-28T09:00:00+01:00");
    expect(toBerlinIso(copy.endsAt)).toBe("2025-03-28T15:30:00+01:00");
    // 399 days later, same wall-clock times.
    expect(toBerlinIso(copy.registrationOpensAt as string)).toBe("2025-02-10T08:00:00+01:00");
    expect(toBerlinIso(copy.registrationClosesAt as string)).toBe("2025-03-21T23:59:00+01:00");
    const sessions = await listSessions(t.platform.db.kysely, copy.id);
    expect(sessions.map((s) => [s.title, toBerlinIso(s.startsAt), toBerlinIso(s.endsAt), s.room, s.capacity])).toEqual([
      ["Vielfalt als Normalfall", "2025-03-28T09:30:00+01:00", "2025-03-28T10:15:00+01:00", null, null],
      ["Sprachbildung", "2025-03-28T11:00:00+01:00", "2025-03-28T12:30:00+01:00", "Raum 1.03", 15],
    ]);
    const summer = await copyEvent(t.platform, owner, source.id, { title: "Sommer", date: "2026-06-05" });
    expect(toBerlinIso(summer.startsAt)).toBe("2026-06-05T09:00:00+02:00");
    // The original is untouched and keeps its programme.
    expect((await listSessions(t.platform.db.kysely, source.id)).map((s) => toBerlinIso(s.startsAt))).toEqual([
      "2024-02-23T09:30:00+01:00",
      "2024-02-23T11:00:00+01:00",
    ]);
  });

  it("takes no registrations along and tells modules further down inside the transaction", async () => {
    const source = await fachtag2024();
    const seen: { fromEventId: string; toEventId: string }[] = [];
    t.platform.hooks.on("events.copied", (payload) => {
      seen.push(payload);
    });
    const copy = await copyEvent(t.platform, owner, source.id, { title: "Kopie", date: "2027-02-26" });
    expect(seen).toContainEqual({ fromEventId: source.id, toEventId: copy.id });
    const registrations = await t.platform.db.kysely
      .selectFrom("registrations")
      .select("id")
      .where("event_id", "=", copy.id)
      .execute();
    expect(registrations).toEqual([]);
  });

  it("who may copy: organisers, from any Fachtag they may see; a draft of another stays unknown", async () => {
    const source = await fachtag2024();
    const refused = async (actor: Actor, id: string) =>
      copyEvent(t.platform, actor, id, { title: "x", date: "2027-01-15" }).then(
        () => "ok",
        (e: { status: number }) => e.status,
      );
    expect(await refused(anonymous, source.id)).toBe(401);
    expect(await refused(member, source.id)).toBe(403);
    expect(await refused(other, source.id)).toBe("ok");
    const draft = await copyEvent(t.platform, owner, source.id, { title: "Entwurf", date: "2027-01-22" });
    expect(await refused(other, draft.id)).toBe(404);
  });
});

describe("copy form and links", () => {
  it("copies from the back-office list and the archive; bad dates are refused beside the field", async () => {
    const source = await fachtag2024(browserActor);
    const list = (await browser.get("/verwaltung/fachtage")).body;
    expect(list).toContain(`/verwaltung/fachtage/${source.id}/kopieren`);
    const archive = (await browser.get("/fachtage/archiv")).body;
    expect(archive).toContain(`/verwaltung/fachtage/${source.id}/kopieren`);
    expect((await t.app.inject({ url: "/fachtage/archiv" })).body).not.toContain("/kopieren");
    const url = `/verwaltung/fachtage/${source.id}/kopieren`;
    const form = await browser.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Migrationsbedingte Vielfalt in der Bildung"');
    const bad = await browser.submit(url, url, { title: "Neu", date: "2025-02-30" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Dieses Datum gibt es nicht");
    const good = await browser.submit(url, url, { title: "Kindliche Entwicklung stärken", date: "2025-03-28" });
    expect(good.statusCode).toBe(303);
    const copyId = /\/verwaltung\/fachtage\/([^/#?]+)$/.exec(String(good.headers.location))?.[1] as string;
    expect(copyId).not.toBe(source.id);
    const edit = await browser.get(`/verwaltung/fachtage/${copyId}`);
    expect(edit.body).toContain("Kopie wurde als Entwurf angelegt");
    expect(edit.body).toContain('value="2025-03-28"');
  });
});

describe("programme items: copy and the next item's defaults", () => {
  it("nextRoom counts the room on", () => {
    expect(nextRoom("Raum 1.03")).toBe("Raum 1.04");
    expect(nextRoom("Seminarraum 9")).toBe("Seminarraum 10");
    expect(nextRoom("Aula")).toBe("Aula");
    expect(nextRoom(null)).toBe("");
  });

  it("after saving an item the add form starts when it ended, with the next room and the same places", async () => {
    const event = await createEvent(t.platform, browserActor, {
      title: "Programm",
      startsAt: "2030-03-12T08:00:00.000Z",
      endsAt: "2030-03-12T15:00:00.000Z",
      venue: { name: "Kreishaus" },
      capacity: 100,
    });
    const programme = `/verwaltung/fachtage/${event.id}/programm`;
    const saved = await browser.submit(programme, programme, {
      kind: "workshop",
      title: "Workshop A",
      startTime: "10:00",
      endTime: "11:30",
      room: "Raum 2",
      capacity: "20",
    });
    expect(saved.statusCode).toBe(303);
    const page = (await browser.get(programme)).body;
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page)?.[1];
    expect([value("startTime"), value("endTime"), value("room"), value("capacity")]).toEqual([
      "11:30",
      "13:00",
      "Raum 3",
      "20",
    ]);
    expect(page).toMatch(/<option value="workshop" selected/);
    expect(nextItemDefaults([])).toEqual({ kind: "workshop" });
  });

  it("Kopieren fills the add form with the item (same time, for a parallel workshop); only its organisers", async () => {
    const event = await createEvent(t.platform, browserActor, {
      title: "Parallel",
      startsAt: "2030-03-13T08:00:00.000Z",
      endsAt: "2030-03-13T15:00:00.000Z",
      venue: { name: "Kreishaus" },
      capacity: 100,
    });
    const item = await addSession(t.platform, browserActor, event.id, {
      kind: "workshop",
      title: "Sprache",
      abstract: "Sprachanlässe im Alltag",
      room: "Raum 1",
      capacity: 12,
      startsAt: "2030-03-13T09:00:00.000Z",
      endsAt: "2030-03-13T10:30:00.000Z",
      speakers: [{ name: "Anna Muster (fiktiv)" }],
    });
    const programme = `/verwaltung/fachtage/${event.id}/programm`;
    const page = (await browser.get(`${programme}?vorlage=${item.id}`)).body;
    expect(page).toContain(`${programme}?vorlage=${item.id}#neu`);
    const form = page.slice(page.indexOf('id="neu"'));
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form)?.[1];
    expect([value("title"), value("startTime"), value("endTime"), value("room"), value("speaker1Name")]).toEqual([
      "Sprache",
      "10:00",
      "11:30",
      "Raum 1",
      "Anna Muster (fiktiv)",
    ]);
    expect(form).toContain("Sprachanlässe im Alltag");
    expect(page).toContain("sind unten eingetragen");
    // An unknown or foreign template is ignored, never an error.
    expect((await browser.get(`${programme}?vorlage=gibt-es-nicht`)).statusCode).toBe(200);
  });
});
