// Two app instances on one PostgreSQL (issue 14, item 4, second half): one is killed with
// SIGKILL in the middle of a rush to both; the other keeps serving without a single failed
// request, every registration acknowledged by either is there, capacity and the waitlist
// order hold across both, and the survivor sends the dead instance's mails too (once its
// claim on them has run out) — each Message-ID delivered.
// PostgreSQL only: part of the run when TEST_DATABASE_URL is set (vitest.config.ts).
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppProcess,
  createDatabase,
  createFachtag,
  editorToken,
  invariantProblems,
  listRegistrations,
  openStore,
  pgUrl,
  rush,
  type Store,
  smtpSink,
  sqliteStore,
  startApp,
  waitFor,
} from "./helpers.js";

const CAPACITY = 20;
const WORKSHOPS = 4;
const MAIL_BATCH = 20;

describe("one of two instances killed during a rush", () => {
  const store: Store = sqliteStore();
  let dropDatabase: (() => Promise<void>) | undefined;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let killOnMail: ((count: number) => void) | undefined;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    const database = await createDatabase(pgUrl as string, "bn_instances");
    store.databaseUrl = database.url;
    dropDatabase = database.drop;
    sink = await smtpSink((count) => killOnMail?.(count));
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await sink?.close();
    await dropDatabase?.();
    rmSync(store.dataDir, { recursive: true, force: true });
  });

  it("the other instance serves on, and every acknowledged registration and mail is kept", async () => {
    const authorization = await editorToken(store);
    const env = { SMTP_URL: sink.url, MAIL_FROM: "Bildungsbüro <bildung@example.org>" };
    const [a, b] = await Promise.all([startApp(store, env), startApp(store, env)]);
    if (!a || !b) throw new Error("two instances expected");
    apps.push(a, b);
    const fachtag = await createFachtag(a.baseUrl, authorization, CAPACITY, WORKSHOPS, CAPACITY / WORKSHOPS);

    let killedAt = 0;
    let killedPerf = 0;
    killOnMail = (count) => {
      if (count !== 3 || killedAt) return;
      killedAt = Date.now();
      killedPerf = performance.now();
      a.child.kill("SIGKILL");
    };
    let acks = 0;
    const common = {
      fachtag,
      attempts: 1000,
      connections: 3,
      pauseMs: 100,
      onAck: () => {
        acks++;
      },
    };
    // The survivor goes on for 4 s after the kill, and until the waitlist has begun.
    const [onA, onB] = await Promise.all([
      rush({ ...common, baseUrl: a.baseUrl, prefix: "a" }),
      rush({
        ...common,
        baseUrl: b.baseUrl,
        prefix: "b",
        stop: () => killedAt > 0 && Date.now() > killedAt + 4000 && acks > CAPACITY + 3,
      }),
    ]);
    killOnMail = undefined;
    expect((await a.exited).signal).toBe("SIGKILL");
    expect(onA.failures).toBeGreaterThan(0);
    // The survivor: no failed request, no 5xx, registrations before and after the kill.
    expect(onB.failures).toBe(0);
    expect(Object.keys(onB.statuses).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(onB.acknowledged.filter((x) => x.at < killedPerf).length).toBeGreaterThan(0);
    expect(onB.acknowledged.filter((x) => x.at > killedPerf + 500).length).toBeGreaterThan(0);

    const rows = await listRegistrations(b.baseUrl, authorization, fachtag.id);
    const ids = new Set(rows.map((r) => r.id));
    const acknowledged = [...onA.acknowledged, ...onB.acknowledged];
    expect(acknowledged.filter((x) => !ids.has(x.id))).toEqual([]);
    for (const x of acknowledged) expect(rows.find((r) => r.id === x.id)?.status).toBe(x.status);
    expect(invariantProblems(rows, CAPACITY, CAPACITY / WORKSHOPS, fachtag.workshopIds)).toEqual([]);
    expect(rows.some((r) => r.status === "waitlisted")).toBe(true);

    // Mails: the survivor sends all but the dead instance's claimed batch by itself; that
    // batch follows once the claim (2 minutes) has run out — moved into the past here.
    const platform = await openStore(store);
    try {
      const mails = async () =>
        (
          await platform.db.kysely.selectFrom("outbox").select(["idempotency_key", "status", "locked_until"]).execute()
        ).filter((m) => m.idempotency_key.startsWith("registrations:"));
      const claimedByTheDead = (m: { status: string; locked_until: string | null }) =>
        m.status !== "sent" && m.locked_until !== null && Date.parse(m.locked_until) <= killedAt + 121_000;
      await waitFor("all mails sent but the dead instance's batch", 45_000, async () =>
        (await mails()).every((m) => m.status === "sent" || claimedByTheDead(m)),
      );
      expect((await mails()).filter((m) => m.status !== "sent").length).toBeLessThanOrEqual(MAIL_BATCH);
      await platform.db.kysely
        .updateTable("outbox")
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where("status", "=", "pending")
        .execute();
      await waitFor("every mail sent", 30_000, async () => (await mails()).every((m) => m.status === "sent"));
      const expected = (await mails()).map((m) => `<${m.idempotency_key}@127.0.0.1>`).sort();
      expect(expected.length).toBe(rows.length);
      const received = sink.received.map((m) => m.messageId);
      expect([...new Set(received)].sort()).toEqual(expected);
      expect(received.length - new Set(received).size).toBeLessThanOrEqual(MAIL_BATCH);
      console.info(
        `two instances: ${onA.acknowledged.length} acknowledged by the killed one, ${onB.acknowledged.length} by the survivor; ` +
          `${received.length} mails for ${expected.length} Message-IDs`,
      );
    } finally {
      await platform.db.close();
    }
  }, 180_000);
});
