import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { anonymous } from "../../platform/auth/actor.js";
import { register } from "./register.service.js";
import { createFachtag } from "./test-fixtures.js";
import { getAvailability, workshopSlots } from "./view-models.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

const person = (n: number, workshopIds: string[] = []) => ({
  firstName: "Jörg",
  lastName: `Bäcker ${n}`,
  email: `Joerg.${n}@Example.org`,
  workshopIds,
  consents: { privacy: true, photos: false, participantList: true },
  answers: {},
});

describe("availability and the core rule", () => {
  it("counts pending and confirmed places, waitlists when full", async () => {
    const ev = await createFachtag(t.platform, { capacity: 2, workshops: [{ title: "Sprache", capacity: 1 }] });
    expect(await getAvailability(t.platform.db.kysely, ev.id)).toMatchObject({
      capacity: 2,
      taken: 0,
      free: 2,
      waitlist: 0,
    });
    const a = await register(t.platform, anonymous, ev.slug, person(1, ev.workshops), "web");
    expect(a.status).toBe("pending");
    const b = await register(t.platform, anonymous, ev.id, person(2), "api");
    expect(b.status).toBe("pending");
    const c = await register(t.platform, anonymous, ev.id, person(3, ev.workshops), "api");
    expect(c).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    const av = await getAvailability(t.platform.db.kysely, ev.id);
    expect(av).toMatchObject({ capacity: 2, taken: 2, free: 0, waitlist: 1 });
    expect(av?.workshops[ev.workshops[0] as string]).toEqual({ capacity: 1, taken: 1, free: 0 });
  });

  it("groups overlapping workshops into one time slot with the events module's rule", () => {
    const w = (id: string, from: string, to: string) => ({
      id,
      eventId: "e",
      kind: "workshop" as const,
      title: id.toUpperCase(),
      abstract: null,
      speakers: [],
      room: null,
      startsAt: `2026-03-28T${from}:00.000Z`,
      endsAt: `2026-03-28T${to}:00.000Z`,
      capacity: 10,
      position: 0,
      slotIndex: null,
    });
    const slots = workshopSlots([w("a", "09:00", "10:30"), w("b", "09:00", "10:30"), w("c", "10:30", "12:00")]);
    expect(slots.map((s) => s.workshops.map((x) => x.id))).toEqual([["a", "b"], ["c"]]);
    expect(slots.map((s) => s.key)).toEqual(["2026-03-28T09:00:00.000Z", "2026-03-28T10:30:00.000Z"]);
  });
});
