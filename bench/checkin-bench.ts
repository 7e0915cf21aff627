/**
 * 200 check-ins from 4 "devices" at once: each device works through its own list of
 * ticket codes, and a quarter of the codes are on two devices' lists (the same person at
 * two doors, or a queued offline check-in replayed). Requests go through the whole
 * application (app.inject: routing, bearer token, validation, SQL). Afterwards present must
 * equal the number of distinct codes: nobody counted twice. Prints throughput and latency.
 *
 *   npx tsx bench/checkin-bench.ts                      (SQLite)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-bench.ts
 */
import { createFachtag } from "../src/modules/registrations/test-fixtures.js";
import { createTestApp } from "../tests/helpers/test-app.js";
import { createUserWithToken } from "../tests/helpers/users.js";

const DEVICES = 4;
const CHECKINS = 200;
const DISTINCT = 160; // 40 codes appear on two devices' lists

const t = await createTestApp({ RATE_LIMIT: "off" });
try {
  const event = await createFachtag(t.platform, { capacity: DISTINCT, confirmByEmail: false });
  const { authorization } = await createUserWithToken(t.platform, "checkin");
  const codes: string[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${event.id}/registrations`,
      payload: {
        firstName: "Erika",
        lastName: `Bench ${i}`,
        email: `bench-${i}@example.org`,
        consents: { privacy: true },
      },
    });
    const { id } = res.json() as { id: string };
    const row = await t.platform.db.kysely
      .selectFrom("registrations")
      .select("ticket_code")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    codes.push(row.ticket_code);
  }
  // 160 distinct codes, the first 40 twice, dealt round-robin so duplicates land on other devices.
  const all = [...codes, ...codes.slice(0, CHECKINS - DISTINCT)];
  const lists = Array.from({ length: DEVICES }, (_, d) => all.filter((_, i) => (i + d) % DEVICES === 0));
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const started = performance.now();
  await Promise.all(
    lists.map(async (list) => {
      for (const code of list) {
        const t0 = performance.now();
        const res = await t.app.inject({
          method: "POST",
          url: `/api/v1/events/${event.id}/checkins`,
          headers: { authorization },
          payload: { code },
        });
        latencies.push(performance.now() - t0);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const summary = (
    await t.app.inject({
      method: "GET",
      url: `/api/v1/events/${event.id}/checkins/summary`,
      headers: { authorization },
    })
  ).json() as { expected: number; present: number };
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  console.log(`database: ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"}`);
  console.log(`${CHECKINS} check-ins from ${DEVICES} devices, ${DISTINCT} distinct codes`);
  console.log(`answers: ${JSON.stringify(statuses)} (201 first, 200 already checked in)`);
  console.log(`present ${summary.present} of ${summary.expected} expected`);
  console.log(
    `throughput ${(CHECKINS / seconds).toFixed(0)} check-ins/s; latency median ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms`,
  );
  if (summary.present !== DISTINCT || statuses[201] !== DISTINCT) {
    console.error("FAILED: somebody was counted twice or not at all");
    process.exitCode = 1;
  }
} finally {
  await t.close();
}
