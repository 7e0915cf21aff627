import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testDatabase } from "../../../tests/helpers/test-app.js";
import { createPlatform } from "../../platform/bootstrap.js";
import { buildApp } from "../../platform/http/app.js";
import type { Platform } from "../../platform/platform.js";
import { modules } from "../index.js";
import { createFachtag, validApiBody } from "./test-fixtures.js";

// The core promise: no overbooking and nothing lost, however many people press
// "Anmelden" at the same moment — on SQLite and PostgreSQL, and on PostgreSQL also
// with two app instances sharing the database.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

interface Outcome {
  statusCode: number;
  body: { id?: string; status?: string; waitlistPosition?: number; workshopIds?: string[]; code?: string };
}

async function rush(
  apps: FastifyInstance[],
  eventId: string,
  workshopIds: string[],
  attempts: number,
  prefix: string,
): Promise<Outcome[]> {
  const requests = Array.from({ length: attempts }, (_, i) => {
    // A third choose the small workshop, a third the unlimited one, a third none;
    // every tenth person presses twice (same e-mail).
    const n = i % 10 === 9 ? i - 1 : i;
    const choice = n % 3 === 0 ? [workshopIds[0]] : n % 3 === 1 ? [workshopIds[1]] : [];
    const app = apps[i % apps.length] as FastifyInstance;
    return app.inject({
      method: "POST",
      url: `/api/v1/events/${eventId}/registrations`,
      payload: validApiBody(`${prefix}-${n}`, { workshopIds: choice }),
    });
  });
  const responses = await Promise.all(requests);
  return responses.map((r) => ({ statusCode: r.statusCode, body: r.json() }));
}

async function checkInvariants(
  platform: Platform,
  eventId: string,
  outcomes: Outcome[],
  capacity: number,
  small: string,
  smallCapacity: number,
) {
  // Only the expected answers, never a server error.
  for (const o of outcomes) {
    expect([201, 409]).toContain(o.statusCode);
    if (o.statusCode === 409) expect(["workshop_full", "already_registered"]).toContain(o.body.code);
  }
  const rows = await platform.db.kysely
    .selectFrom("registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .execute();
  // Nothing lost: every acknowledged registration is in the database, nothing else is.
  const acknowledged = outcomes.filter((o) => o.statusCode === 201).map((o) => o.body.id);
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(acknowledged));
  // No overbooking.
  const holding = rows.filter((r) => r.status === "confirmed" || r.status === "pending");
  expect(holding.length).toBe(capacity);
  const inSmall = await platform.db.kysely
    .selectFrom("registration_workshops as rw")
    .innerJoin("registrations as r", "r.id", "rw.registration_id")
    .select("r.id")
    .where("rw.session_id", "=", small)
    .where("r.status", "in", ["confirmed", "pending"])
    .execute();
  expect(inSmall.length).toBeLessThanOrEqual(smallCapacity);
  expect(inSmall.length).toBe(smallCapacity);
  // No duplicates.
  expect(new Set(rows.map((r) => r.email)).size).toBe(rows.length);
  expect(outcomes.filter((o) => o.body.code === "already_registered").length).toBeGreaterThan(0);
  // The rest waits, in consecutive positions 1..n as answered.
  const waiting = outcomes.filter((o) => o.body.status === "waitlisted").map((o) => o.body.waitlistPosition);
  expect(waiting.length).toBe(rows.filter((r) => r.status === "waitlisted").length);
  expect([...waiting].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(waiting.map((_, i) => i + 1));
  // Every answered "place" or "waitlist" e-mail was queued once.
  const mails = await platform.db.kysely
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(
      "to_address",
      "in",
      rows.map((r) => r.email),
    )
    .executeTakeFirstOrThrow();
  expect(Number(mails.n)).toBe(rows.length);
}

describe(`registration rush on ${testDatabase}`, () => {
  it("never overbooks the Fachtag or a workshop under 300 simultaneous registrations", async () => {
    const ev = await createFachtag(t.platform, {
      capacity: 20,
      workshops: [
        { title: "Kleiner Workshop", capacity: 5 },
        { title: "Offener Workshop", capacity: null, slot: 0 },
      ],
    });
    const outcomes = await rush([t.app], ev.id, ev.workshops, 300, "one");
    await checkInvariants(t.platform, ev.id, outcomes, 20, ev.workshops[0] as string, 5);
  });
});

if (testDatabase === "postgres") {
  describe("two app instances on one PostgreSQL", () => {
    it("still never overbooks: the event row lock serialises across instances", async () => {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.platform.db.kysely)).rows[0]?.s;
      expect(schema).toMatch(/^t_/);
      const second = await createPlatform(t.config, modules, {
        schema: schema as string,
        poolSize: 10,
        logger: pino({ level: "silent" }),
      });
      const app2 = await buildApp({ platform: second, modules });
      await app2.ready();
      try {
        const ev = await createFachtag(t.platform, {
          capacity: 15,
          workshops: [
            { title: "Kleiner Workshop", capacity: 4 },
            { title: "Offener Workshop", capacity: null, slot: 0 },
          ],
        });
        const outcomes = await rush([t.app, app2], ev.id, ev.workshops, 240, "two");
        await checkInvariants(t.platform, ev.id, outcomes, 15, ev.workshops[0] as string, 4);
      } finally {
        await app2.close();
        await second.db.close();
      }
    });
  });
}
