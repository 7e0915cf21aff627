import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { eventsModule } from "../events/index.js";
import { registrationsModule } from "./index.js";

// The demo's Fachtag with wishes: on first start the allocation has people to allocate.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const ctx = { platform: t.platform, announce: () => {} };
  await eventsModule.seedDemo?.(ctx);
  await registrationsModule.seedDemo?.(ctx);
  await registrationsModule.seedDemo?.(ctx); // a second start adds nothing
});
afterAll(async () => t?.close());

describe("demo participants", () => {
  it("registers 150 people for the 2025 Kita Fachtag in preference mode, each with three wishes, none placed", async () => {
    const db = t.platform.db.kysely;
    const event = await db
      .selectFrom("events")
      .select(["id", "workshop_choice", "allocation_published_at"])
      .where("title", "=", "Kindliche Entwicklung stärken – Schätze statt Schwächen")
      .executeTakeFirstOrThrow();
    expect(event.workshop_choice).toBe("preferences");
    expect(event.allocation_published_at).toBeNull();
    const regs = await db
      .selectFrom("registrations")
      .select(["id", "status"])
      .where("event_id", "=", event.id)
      .execute();
    expect(regs).toHaveLength(150);
    expect(new Set(regs.map((r) => r.status))).toEqual(new Set(["confirmed"]));
    const wishes = await db
      .selectFrom("registration_preferences as p")
      .innerJoin("registrations as r", "r.id", "p.registration_id")
      .innerJoin("event_sessions as s", "s.id", "p.session_id")
      .select(["p.registration_id", "p.rank", "s.title", "s.capacity"])
      .where("r.event_id", "=", event.id)
      .execute();
    expect(wishes).toHaveLength(450);
    const perPerson = new Map<string, Set<string>>();
    for (const w of wishes)
      perPerson.set(w.registration_id, (perPerson.get(w.registration_id) ?? new Set()).add(w.title));
    expect([...perPerson.values()].every((titles) => titles.size === 3)).toBe(true);
    // Demand is uneven, so the allocation has to decide: some first wishes far exceed 20 places.
    const firstWishes = new Map<string, number>();
    for (const w of wishes.filter((w) => Number(w.rank) === 1))
      firstWishes.set(w.title, (firstWishes.get(w.title) ?? 0) + 1);
    expect(Math.max(...firstWishes.values())).toBeGreaterThan(30);
    expect(wishes.every((w) => w.capacity === 20)).toBe(true);
    const placed = await db
      .selectFrom("registration_workshops")
      .select("registration_id")
      .where(
        "registration_id",
        "in",
        regs.map((r) => r.id),
      )
      .execute();
    expect(placed).toEqual([]);
  });

  it("gives the next Fachtag (first come) 24 confirmed people with a workshop per slot, for the entrance and the badges", async () => {
    const db = t.platform.db.kysely;
    const event = await db
      .selectFrom("events")
      .select(["id", "workshop_choice"])
      .where("title", "=", "Übergänge gestalten – Kita und Grundschule im Dialog")
      .executeTakeFirstOrThrow();
    const regs = await db
      .selectFrom("registrations")
      .select(["id", "status", "ticket_code"])
      .where("event_id", "=", event.id)
      .execute();
    expect(regs).toHaveLength(24);
    expect(regs.every((r) => r.status === "confirmed" && r.ticket_code.length >= 20)).toBe(true);
    const held = await db
      .selectFrom("registration_workshops as w")
      .innerJoin("event_sessions as s", "s.id", "w.session_id")
      .select(["w.registration_id", "w.slot", "s.capacity", "s.id"])
      .where("s.event_id", "=", event.id)
      .execute();
    // Two time slots: everybody holds one workshop in each, within the places.
    expect(held).toHaveLength(48);
    const perWorkshop = new Map<string, number>();
    for (const h of held) perWorkshop.set(h.id, (perWorkshop.get(h.id) ?? 0) + 1);
    expect([...perWorkshop.values()].every((n) => n <= 60)).toBe(true);
  });

  it("fills the 2024 and the 2026 Fachtag: places taken, a few cancelled, a waitlist, a workshop for each, from many places", async () => {
    const db = t.platform.db.kysely;
    for (const [title, places, cancelled, waiting] of [
      ["Migrationsbedingte Vielfalt in der Bildung", 60, 6, 26],
      ["Ganztag gemeinsam gestalten – Grundschulen und ihre Partner", 90, 5, 9],
    ] as const) {
      const event = await db
        .selectFrom("events")
        .select(["id", "capacity"])
        .where("title", "=", title)
        .executeTakeFirstOrThrow();
      const regs = await db
        .selectFrom("registrations")
        .select(["id", "status", "municipality", "organisation_kind", "email", "waitlist_order"])
        .where("event_id", "=", event.id)
        .execute();
      const count = (status: string) => regs.filter((r) => r.status === status).length;
      expect([count("confirmed"), count("cancelled"), count("waitlisted")], title).toEqual([
        places,
        cancelled,
        waiting,
      ]);
      expect(Number(event.capacity)).toBe(places);
      expect(new Set(regs.map((r) => r.email)).size).toBe(regs.length);
      const order = regs
        .flatMap((r) => (r.waitlist_order === null ? [] : [Number(r.waitlist_order)]))
        .sort((a, b) => a - b);
      expect(order).toEqual(Array.from({ length: waiting }, (_, i) => i + 1));
      const confirmed = regs.filter((r) => r.status === "confirmed");
      expect(new Set(confirmed.map((r) => r.municipality)).size).toBeGreaterThan(7);
      expect(new Set(confirmed.map((r) => r.organisation_kind)).size).toBeGreaterThan(5);
      const held = await db
        .selectFrom("registration_workshops as w")
        .innerJoin("event_sessions as s", "s.id", "w.session_id")
        .innerJoin("registrations as r", "r.id", "w.registration_id")
        .select(["r.status", "s.id", "s.capacity", "w.slot"])
        .where("s.event_id", "=", event.id)
        .execute();
      const slots = new Set(held.map((h) => h.slot)).size;
      expect(held.every((h) => h.status === "confirmed")).toBe(true);
      expect(held).toHaveLength(places * slots);
      const perWorkshop = new Map<string, number>();
      for (const h of held) perWorkshop.set(h.id, (perWorkshop.get(h.id) ?? 0) + 1);
      expect([...perWorkshop.entries()].every(([id, n]) => n <= Number(held.find((h) => h.id === id)?.capacity))).toBe(
        true,
      );
    }
  });
});
