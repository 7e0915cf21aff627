/**
 * Retention of a Fachtag with 1,000 registrations (target: under 2 s on the 2-core machine):
 * the whole run as the daily job and `retention:run` do it — find the due Fachtag, anonymise
 * every registration in one statement, delete its people's mails from an outbox that also
 * holds 5,000 other mails, its internal document, unlink the certificate, write the audit
 * entry, commit, and (SQLite) the truncating checkpoint. Each run takes a fresh Fachtag; prints
 * each run and the median.
 *
 *   npx tsx bench/retention-bench.ts                 (SQLite)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/retention-bench.ts
 */

import { personalDataDueAt } from "../src/modules/events/index.js";
import { runRetention } from "../src/modules/retention/retention.service.js";
import { heldFachtag } from "../src/modules/retention/test-fixtures.js";
import { newId } from "../src/platform/db/ids.js";
import { nowIso } from "../src/platform/db/time.js";
import { createTestApp } from "../tests/helpers/test-app.js";

const PEOPLE = Number(process.env.REGISTRATIONS ?? 1000);
const RUNS = Number(process.env.RUNS ?? 3);

const t = await createTestApp({ RATE_LIMIT: "off" });
try {
  const db = t.platform.db.kysely;
  const other = Array.from({ length: 5000 }, (_, i) => ({
    id: newId(),
    idempotency_key: `bench:other:${i}`,
    to_address: `andere-${i}@example.org`,
    subject: "Newsletter",
    text_body: "Ein anderer Fachtag",
    html_body: null,
    attachments: null,
    status: "sent" as const,
    next_attempt_at: nowIso(),
    locked_until: null,
    last_error: null,
    created_at: nowIso(),
    sent_at: nowIso(),
  }));
  for (let i = 0; i < other.length; i += 500)
    await db
      .insertInto("outbox")
      .values(other.slice(i, i + 500))
      .execute();

  const setupStarted = performance.now();
  const events = [];
  // Ended a few days apart, so each run finds exactly one Fachtag due.
  for (let run = 0; run < RUNS; run++)
    events.push(await heldFachtag(t.platform, { people: PEOPLE, endedDaysAgo: 2 + run * 3 }));
  console.log(
    `setup: ${RUNS} Fachtage with ${PEOPLE} registrations each in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s (${t.platform.db.dialect})`,
  );

  const times: number[] = [];
  // Oldest first: each run's --now is just after that Fachtag's due time and before the next one's.
  for (const ev of [...events].reverse()) {
    const now = new Date(Date.parse(personalDataDueAt(ev.endsAt, 6)) + 60_000);
    const started = performance.now();
    const report = await runRetention(t.platform, now);
    const ms = performance.now() - started;
    times.push(ms);
    const done = report.anonymised.find((a) => a.eventId === ev.id);
    if (!done || done.counts.registrations !== PEOPLE || report.anonymised.length !== 1) {
      throw new Error(`unexpected report: ${JSON.stringify(report)}`);
    }
    console.log(
      `run: ${ms.toFixed(0)} ms — ${done.counts.registrations} registrations, ${done.counts.mails} mails, ${done.counts.internalFiles} file`,
    );
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`median: ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(0)} ms (target < 2000 ms)`);
} finally {
  await t.close();
}
