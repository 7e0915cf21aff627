/**
 * One digest run for 5,000 subscribers (target: under 30 s on the 2-core machine): 5,000
 * weekly subscriptions whose week is over, narrowed by one of 12 themes, a kind or a
 * municipality (a tenth: everything), over 400 posts published in that week and 12 new
 * Fachtage. Measures runDigest itself — reading the due subscriptions, matching, writing
 * each digest into the outbox and the new period, in transactions of 200 — and counts the
 * mails. A second run at the same time must send nothing (all periods moved on).
 *
 *   npx tsx bench/digest-bench.ts                 (SQLite)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/digest-bench.ts
 */

import { runDigest } from "../src/modules/notifications/notifications.service.js";
import { publishedPost } from "../src/modules/notifications/test-fixtures.js";
import { createFachtag } from "../src/modules/registrations/test-fixtures.js";
import { newId } from "../src/platform/db/ids.js";
import { createTestApp, testDatabase } from "../tests/helpers/test-app.js";

const SUBSCRIBERS = Number(process.env.DIGEST_SUBSCRIBERS ?? 5000);
const POSTS = 400;
const DAY = 24 * 3600_000;
const themes = [
  "Sprachförderung",
  "Inklusion",
  "Digitale Bildung",
  "Übergang Kita–Schule",
  "Elternarbeit",
  "MINT",
  "Berufsorientierung",
  "Demokratiebildung",
  "Gesundheit",
  "Ganztag",
  "Kulturelle Bildung",
  "Umwelt",
];
const kinds = ["idea", "experience", "practice", "offer", "request"];
const places = ["Celle", "Bergen", "Faßberg", "Eschede", "Südheide", "Winsen (Aller)"];

const t = await createTestApp({ RATE_LIMIT: "off" });
try {
  const db = t.platform.db.kysely;
  const now = new Date();
  const weekAgo = new Date(now.getTime() - 7 * DAY - 60_000).toISOString();
  for (let i = 0; i < SUBSCRIBERS; i += 500) {
    const users = Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, k) => ({
      id: newId(),
      name: `Leserin ${i + k}`,
      email: `leserin-${i + k}@bench.example`,
      email_verified: 1,
      image: null,
      role: "member",
      locale: "de",
      created_at: weekAgo,
      updated_at: weekAgo,
    }));
    await db.insertInto("users").values(users).execute();
    await db
      .insertInto("notification_subscriptions")
      .values(
        users.map((u, k) => {
          const n = i + k;
          const choice = n % 10;
          return {
            id: newId(),
            user_id: u.id,
            frequency: "weekly",
            themes: JSON.stringify(choice < 6 ? [themes[n % themes.length]] : []),
            areas: "[]",
            municipalities: JSON.stringify(choice === 6 || choice === 7 ? [places[n % places.length]] : []),
            kinds: JSON.stringify(choice === 8 ? [kinds[n % kinds.length], "fachtag"] : []),
            token: newId(),
            last_run_at: weekAgo,
            last_sent_at: null,
            created_at: weekAgo,
          };
        }),
      )
      .execute();
  }
  for (let p = 0; p < POSTS; p++) {
    await publishedPost(t.platform, {
      title: `Beitrag ${p}: ${themes[p % themes.length]}`,
      kind: kinds[p % kinds.length] as string,
      themes: [themes[p % themes.length] as string, themes[(p * 7) % themes.length] as string],
      municipality: places[p % places.length] as string,
      at: new Date(now.getTime() - ((p % 160) + 1) * 3600_000).toISOString(),
    });
  }
  for (let e = 0; e < 12; e++) {
    const ev = await createFachtag(t.platform, { title: `Fachtag ${e}`, startsInDays: 10 + e });
    await db
      .updateTable("events")
      .set({ themes: JSON.stringify([themes[e]]), created_at: new Date(now.getTime() - e * 3600_000).toISOString() })
      .where("id", "=", ev.id)
      .execute();
  }

  const started = performance.now();
  const result = await runDigest(t.platform, now);
  const ms = performance.now() - started;
  const again = await runDigest(t.platform, now);
  const mails = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("idempotency_key", "like", "digest:%")
    .executeTakeFirst();
  console.log(
    `digest (${testDatabase}): ${result.looked} subscriptions due, ${result.sent} digests written ` +
      `(${Number(mails?.n)} in the outbox) in ${(ms / 1000).toFixed(2)} s; second run: ${again.sent} sent`,
  );
  if (ms > 30_000 || again.sent !== 0) process.exitCode = 1;
} finally {
  await t.close();
}
