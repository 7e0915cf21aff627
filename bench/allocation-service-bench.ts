/**
 * The allocation's whole service path, as the organiser's "Zuteilung berechnen" runs it:
 * 1,000 confirmed registrations × 3 time slots × 12 workshops with 3 ranked wishes each,
 * through the API (bearer token, access check, the Fachtag's lock, reading every wish,
 * the algorithm, storing the run and its 3,000 rows). Then one publish: every
 * participant's workshops written and 1,000 mails put into the outbox, in one transaction.
 * bench/allocation-bench.ts measures the algorithm alone.
 *
 *   npx tsx bench/allocation-service-bench.ts                      (SQLite)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/allocation-service-bench.ts
 */
import { preferenceFachtag, registerWithWishes } from "../src/modules/allocation/test-fixtures.js";
import { createTestApp } from "../tests/helpers/test-app.js";
import { createUserWithToken } from "../tests/helpers/users.js";
import { describeMachine } from "./lib/machine.js";

const PARTICIPANTS = Number(process.env.ALLOC_PARTICIPANTS ?? 1000);
const SLOTS = 3;
const WORKSHOPS = 12;
const RUNS = 6;

function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const t = await createTestApp({ RATE_LIMIT: "off" });
try {
  const editor = await createUserWithToken(t.platform, "editor");
  // The same shape as the algorithm's benchmark: popular workshops smaller, places for all.
  const ev = await preferenceFachtag(t.platform, {
    createdBy: editor.id,
    capacity: PARTICIPANTS,
    workshops: Array.from({ length: SLOTS * WORKSHOPS }, (_, i) => ({
      title: `Workshop ${Math.floor(i / WORKSHOPS) + 1}.${(i % WORKSHOPS) + 1}`,
      capacity: i % WORKSHOPS < 3 ? 60 : 95,
      slot: Math.floor(i / WORKSHOPS),
    })),
  });
  const random = seeded(1000);
  const ids = ev.workshops;
  // Zipf-like: workshop w of a slot is wished with weight 1/(w+1).
  const pick = (exclude: number[]) => {
    const weights = Array.from({ length: WORKSHOPS }, (_, w) => (exclude.includes(w) ? 0 : 1 / (w + 1)));
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let w = 0; w < WORKSHOPS; w++) {
      r -= weights[w] ?? 0;
      if (r <= 0) return w;
    }
    return WORKSHOPS - 1;
  };
  const setup = performance.now();
  for (let i = 0; i < PARTICIPANTS; i++) {
    const wishes = Array.from({ length: SLOTS }, (_, s) => {
      const chosen: number[] = [];
      while (chosen.length < 3) chosen.push(pick(chosen));
      return chosen.map((w) => ids[s * WORKSHOPS + w] ?? "");
    });
    await registerWithWishes(t.platform, ev, wishes, { firstName: "Jörg", lastName: `Bänkler ${i + 1}` });
  }
  const setupSeconds = ((performance.now() - setup) / 1000).toFixed(1);

  const post = (url: string, payload?: Record<string, unknown>) =>
    t.app.inject({
      method: "POST",
      url,
      headers: { authorization: editor.authorization },
      ...(payload ? { payload } : {}),
    });
  const runs: number[] = [];
  let last: { assigned: number; unassigned: number; byRank: Record<string, number> } | undefined;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const res = await post(`/api/v1/events/${ev.id}/allocation`, { seed: 2000 + run });
    runs.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`run ${run + 1}: HTTP ${res.statusCode} ${res.body}`);
    last = res.json();
  }
  const publishStarted = performance.now();
  const published = await post(`/api/v1/events/${ev.id}/allocation/publish`);
  const publishMs = performance.now() - publishStarted;
  if (published.statusCode !== 200) throw new Error(`publish: HTTP ${published.statusCode} ${published.body}`);
  const mails = await t.platform.db.kysely
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("idempotency_key", "like", "allocation:published:%")
    .executeTakeFirstOrThrow();

  const sorted = [...runs].sort((a, b) => a - b);
  const pairs = (last?.assigned ?? 0) + (last?.unassigned ?? 0);
  const share = (rank: string) => `${(((last?.byRank[rank] ?? 0) / pairs) * 100).toFixed(1)} %`;
  console.log(describeMachine());
  console.log(`database: ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"}`);
  console.log(`setup: ${PARTICIPANTS} registrations with wishes in ${setupSeconds} s`);
  console.log(
    `run (API → stored draft), ${PARTICIPANTS} × ${SLOTS} slots × ${WORKSHOPS} workshops: ` +
      runs.map((ms) => `${ms.toFixed(0)}`).join(", ") +
      ` ms · median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`,
  );
  console.log(
    `placed ${last?.assigned} of ${pairs} · 1st ${share("1")}, 2nd ${share("2")}, 3rd ${share("3")} · unplaced ${last?.unassigned}`,
  );
  console.log(`publish: ${publishMs.toFixed(0)} ms (${PARTICIPANTS} registrations written, ${mails.n} mails queued)`);
} finally {
  await t.close();
}
