import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor } from "../../platform/auth/actor.js";
import { canManageEvent } from "./access.js";
import { seedEventsDemo } from "./demo.js";
import { createEvent, slugFor } from "./events.service.js";
import { getEventForRegistration } from "./listing.service.js";
import { listSessions } from "./programme.service.js";
import { registrationState } from "./registration-state.js";
import { timeSlots } from "./slots.js";

const base = {
  status: "published" as const,
  startsAt: "2027-03-12T08:00:00.000Z",
  registrationOpensAt: null as string | null,
  registrationClosesAt: null as string | null,
};
const at = (iso: string) => new Date(iso);

describe("registrationState", () => {
  it("is open for a published event before it starts when no window is set", () => {
    expect(registrationState(base, at("2027-01-01T00:00:00Z"))).toEqual({ open: true });
    expect(registrationState({ ...base, status: "registration_open" }, at("2027-01-01T00:00:00Z")).open).toBe(true);
  });

  it("respects the window: not yet open, open, closed", () => {
    const windowed = {
      ...base,
      registrationOpensAt: "2027-01-10T00:00:00.000Z",
      registrationClosesAt: "2027-03-01T00:00:00.000Z",
    };
    expect(registrationState(windowed, at("2027-01-09T23:59:00Z"))).toEqual({ open: false, reason: "not_yet_open" });
    expect(registrationState(windowed, at("2027-01-10T00:00:00Z")).open).toBe(true);
    expect(registrationState(windowed, at("2027-03-01T00:00:00Z"))).toEqual({ open: false, reason: "closed" });
  });

  it("closes when the event starts, and for draft, closed, cancelled, held and documented events", () => {
    expect(registrationState(base, at("2027-03-12T08:00:00Z"))).toEqual({ open: false, reason: "past" });
    const early = at("2027-01-01T00:00:00Z");
    expect(registrationState({ ...base, status: "draft" }, early).reason).toBe("not_published");
    expect(registrationState({ ...base, status: "registration_closed" }, early).reason).toBe("closed");
    expect(registrationState({ ...base, status: "cancelled" }, early).reason).toBe("cancelled");
    expect(registrationState({ ...base, status: "held" }, early).reason).toBe("past");
    expect(registrationState({ ...base, status: "documented" }, early).reason).toBe("past");
  });
});

describe("permissions", () => {
  const editor: Actor = { kind: "user", id: "u1", email: "a@x", name: "A", role: "editor", via: "session" };
  const other: Actor = { ...editor, id: "u2" };
  const admin: Actor = { ...editor, id: "u3", role: "admin" };
  const member: Actor = { ...editor, id: "u1", role: "member" };
  it("lets editors manage only their own events and admins all", () => {
    expect(canManageEvent(editor, { createdBy: "u1" })).toBe(true);
    expect(canManageEvent(other, { createdBy: "u1" })).toBe(false);
    expect(canManageEvent(admin, { createdBy: "u1" })).toBe(true);
    expect(canManageEvent(member, { createdBy: "u1" })).toBe(false);
    expect(canManageEvent({ kind: "anonymous" }, { createdBy: null })).toBe(false);
  });
});

describe("slugs", () => {
  it("puts the Berlin date first and spells umlauts out", () => {
    expect(slugFor("Kindliche Entwicklung stärken – Schätze statt Schwächen", "2025-03-28T08:00:00.000Z")).toBe(
      "2025-03-28-kindliche-entwicklung-staerken-schaetze-statt-schwaechen",
    );
    expect(slugFor("Spät", "2027-06-09T22:30:00.000Z")).toBe("2027-06-10-spaet");
  });
});

describe("with a database", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it("refuses to create events for members and anonymous visitors", async () => {
    const input = {
      title: "X",
      startsAt: "2027-03-12T08:00:00.000Z",
      endsAt: "2027-03-12T14:00:00.000Z",
      venue: { name: "Y" },
      capacity: 10,
    };
    const member: Actor = { kind: "user", id: "m", email: "m@x", name: "M", role: "member", via: "session" };
    await expect(createEvent(t.platform, member, input)).rejects.toMatchObject({ status: 403 });
    await expect(createEvent(t.platform, { kind: "anonymous" }, input)).rejects.toMatchObject({ status: 401 });
  });

  it("seeds the Fachtage of the seed text, the one held in 2026 and an upcoming one, once", async () => {
    const ctx = { platform: t.platform, announce: () => {} };
    await seedEventsDemo(ctx);
    await seedEventsDemo(ctx);
    const rows = await t.platform.db.kysely
      .selectFrom("events")
      .select(["id", "slug", "status"])
      .orderBy("starts_at")
      .execute();
    expect(rows.map((r) => [r.slug.slice(0, 10), r.status])).toEqual([
      ["2024-02-23", "documented"],
      ["2025-03-28", "documented"],
      ["2026-09-25", "held"],
      ["2027-03-12", "published"],
    ]);
    const kita = await getEventForRegistration(t.platform.db.kysely, rows[1]?.slug ?? "");
    expect(kita).toMatchObject({
      title: "Kindliche Entwicklung stärken – Schätze statt Schwächen",
      capacity: 150,
      venue: { room: "Neuer Kreistagssaal des Landkreises Celle" },
      organisers: [
        "Fachberatung Kindertagesstätten",
        "Team Bildungskommunen",
        "Jugendärztlicher Dienst des Landkreises Celle",
      ],
    });
    const sessions = await listSessions(t.platform.db.kysely, kita?.id ?? "");
    expect(sessions.filter((s) => s.kind === "talk")).toHaveLength(2);
    const slots = timeSlots(sessions);
    expect(slots).toHaveLength(1);
    expect(slots[0]?.sessions).toHaveLength(8);
    expect(
      sessions.flatMap((s) => s.speakers).every((sp) => sp.name.includes("(fiktiv)") || !sp.name.includes("Dr.")),
    ).toBe(true);

    const upcoming = await getEventForRegistration(t.platform.db.kysely, rows[3]?.id ?? "");
    expect(upcoming).toMatchObject({ capacity: 120, registrationOpen: true });
    expect(
      timeSlots(await listSessions(t.platform.db.kysely, upcoming?.id ?? "")).map((s) => s.sessions.length),
    ).toEqual([2, 2]);
  });
});

describe("slugs under concurrency", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it("gives events with the same title and day different addresses, also when created at once", async () => {
    const editor: Actor = { kind: "user", id: "u-slug", email: "e@x", name: "E", role: "editor", via: "token" };
    await t.platform.db.kysely
      .insertInto("users")
      .values({
        id: "u-slug",
        name: "E",
        email: "e-slug@x.example",
        email_verified: t.platform.db.dialect === "postgres" ? true : 1,
        image: null,
        role: "editor",
        locale: null,
        created_at: t.platform.db.dialect === "postgres" ? new Date() : new Date().toISOString(),
        updated_at: t.platform.db.dialect === "postgres" ? new Date() : new Date().toISOString(),
      })
      .execute();
    const input = {
      title: "Gleicher Titel",
      startsAt: "2027-05-07T07:00:00.000Z",
      endsAt: "2027-05-07T13:00:00.000Z",
      venue: { name: "VHS" },
      capacity: 20,
    };
    const created = await Promise.all(Array.from({ length: 5 }, () => createEvent(t.platform, editor, input)));
    expect(new Set(created.map((e) => e.slug)).size).toBe(5);
    expect(created.every((e) => e.slug.startsWith("2027-05-07-gleicher-titel"))).toBe(true);
  });
});
