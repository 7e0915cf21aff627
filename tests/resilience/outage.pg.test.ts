// Database outage (issue 14, item 5): the app runs on a PostgreSQL cluster of this test's
// own (initdb + pg_ctl in a temporary folder, on a free port — never the machine's 5432),
// registrations and page views keep coming, and the cluster is stopped for 10 s. Meanwhile
// every request that needs the database gets 503 with Retry-After — a problem document in
// German for the API, the German error page for the web — never a 500 and never a dropped
// connection; /readyz says `database_unreachable`. When the cluster is back the app serves
// again by itself (no restart), and nothing is half-written: every acknowledged registration
// is there with its one e-mail, capacity and waitlist order hold.
// PostgreSQL only: part of the run when TEST_DATABASE_URL is set (vitest.config.ts).
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../bench/lib/server.js";
import {
  type AppProcess,
  createFachtag,
  editorToken,
  invariantProblems,
  listRegistrations,
  openStore,
  rush,
  type Store,
  sqliteStore,
  startApp,
  waitFor,
} from "./helpers.js";

const OUTAGE_MS = 10_000;
const CAPACITY = 40;

/** The newest PostgreSQL server binaries of the machine (Debian: /usr/lib/postgresql/<major>/bin). */
function postgresBin(): string {
  const base = "/usr/lib/postgresql";
  const majors = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = majors.map((m) => join(base, m, "bin")).find((b) => existsSync(join(b, "initdb")));
  if (!bin) throw new Error("initdb fehlt: apt-get install -y postgresql (die Server-Programme von PostgreSQL)");
  return bin;
}

/** A throw-away PostgreSQL cluster; as root it runs as the user postgres (initdb refuses root). */
async function startCluster() {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), "bn-outage-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const as = (program: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", join(bin, program), ...args], { stdio: "pipe" })
      : execFileSync(join(bin, program), args, { stdio: "pipe" });
  as("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = () => as("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "postgres.log"), "-w", "start"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    /** Fast shutdown: open sessions are ended, transactions in progress rolled back. */
    stop: () => as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    destroy() {
      try {
        as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Seen {
  at: number;
  status: number;
  type: string;
  retryAfter: string | null;
  body: string;
}

describe("PostgreSQL stopped for 10 s during traffic", () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let app: AppProcess | undefined;
  let store: Store;

  beforeAll(async () => {
    cluster = await startCluster();
    store = { ...sqliteStore(), databaseUrl: cluster.url };
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    cluster?.destroy();
    if (store) rmSync(store.dataDir, { recursive: true, force: true });
  });

  it("answers 503 in German meanwhile, reports it in /readyz and recovers by itself", async () => {
    const authorization = await editorToken(store);
    app = await startApp(store);
    const base = app.baseUrl;
    const fachtag = await createFachtag(base, authorization, CAPACITY, 2, CAPACITY / 2);

    // Page views and readiness probes beside the registrations, each noted with its time.
    const pages: Seen[] = [];
    const ready: Seen[] = [];
    let running = true;
    const probe = async (path: string, into: Seen[], every: number) => {
      while (running) {
        try {
          const res = await fetch(`${base}${path}`);
          into.push({
            at: Date.now(),
            status: res.status,
            type: res.headers.get("content-type") ?? "",
            retryAfter: res.headers.get("retry-after"),
            body: await res.text(),
          });
        } catch (error) {
          into.push({ at: Date.now(), status: 0, type: "", retryAfter: null, body: String(error) });
        }
        await new Promise((r) => setTimeout(r, every));
      }
    };
    const api: Seen[] = [];
    const probes = [probe("/", pages, 100), probe("/readyz", ready, 250)];
    const registrations = rush({
      baseUrl: base,
      fachtag,
      attempts: 100_000,
      connections: 4,
      pauseMs: 50,
      prefix: "ausfall",
      keepGoing: true,
      stop: () => !running,
      onResponse: (status, body, headers) =>
        api.push({
          at: Date.now(),
          status,
          type: headers.get("content-type") ?? "",
          retryAfter: headers.get("retry-after"),
          body,
        }),
    });

    await new Promise((r) => setTimeout(r, 2000));
    const down = Date.now();
    cluster.stop();
    const stopped = Date.now();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    const restarting = Date.now();
    cluster.start();
    const up = Date.now();
    await waitFor("/readyz 200 again", 20_000, () => ready.some((s) => s.at > up && s.status === 200)).catch(
      (error) => {
        throw new Error(
          `${error.message}; last /readyz: ${JSON.stringify(ready.slice(-2))}; exit ${app?.child.exitCode}; stderr: ${app?.stderr().slice(-2000)}`,
        );
      },
    );
    const recovered = Date.now();
    // Registrations go through again, without restarting the app.
    const acksAtRecovery = api.filter((s) => s.status === 201).length;
    await waitFor(
      "registrations succeed again",
      20_000,
      () => api.filter((s) => s.status === 201).length >= acksAtRecovery + 10,
    );
    running = false;
    const result = await registrations;
    await Promise.all(probes);

    // The app process lived through it: no dropped connection, no 500, anywhere.
    expect(app.child.exitCode).toBeNull();
    expect(result.failures, "requests without an answer").toBe(0);
    const all = [...api, ...pages, ...ready];
    expect(
      all
        .filter((s) => s.status === 0 || s.status >= 500)
        .map((s) => s.status)
        .filter((s) => s !== 503),
    ).toEqual([]);

    // While the cluster was down (after it had stopped, before it was started again):
    const outage = (s: Seen) => s.at > stopped + 200 && s.at < restarting;
    const apiDown = api.filter(outage);
    expect(apiDown.length).toBeGreaterThan(10);
    for (const s of apiDown) {
      expect(s.status).toBe(503);
      expect(s.type).toContain("application/problem+json");
      expect(s.retryAfter).toBe("10");
      expect(JSON.parse(s.body)).toMatchObject({ status: 503, code: "database_unavailable" });
      expect(JSON.parse(s.body).detail).toContain("Datenbank");
    }
    const pagesDown = pages.filter(outage);
    expect(pagesDown.length).toBeGreaterThan(10);
    for (const s of pagesDown) {
      expect(s.status).toBe(503);
      expect(s.type).toContain("text/html");
      expect(s.body).toContain('lang="de"');
      expect(s.body).toContain("Vorübergehend nicht erreichbar");
      expect(s.retryAfter).toBe("10");
    }
    const readyDown = ready.filter(outage);
    expect(readyDown.length).toBeGreaterThan(5);
    for (const s of readyDown) {
      expect(s.status).toBe(503);
      expect(JSON.parse(s.body)).toEqual({ status: "not_ready", reason: "database_unreachable" });
    }
    // Before the outage and after the recovery everything was fine.
    expect(pages.filter((s) => s.at < down).every((s) => s.status === 200)).toBe(true);
    expect(pages.filter((s) => s.at > recovered + 500).every((s) => s.status === 200)).toBe(true);

    // Nothing half-written: every 201 is there, whole, with exactly one mail.
    const rows = await listRegistrations(base, authorization, fachtag.id);
    const ids = new Set(rows.map((r) => r.id));
    expect(result.acknowledged.filter((a) => !ids.has(a.id))).toEqual([]);
    for (const ack of result.acknowledged) {
      expect(rows.find((r) => r.id === ack.id)?.status).toBe(ack.status);
    }
    expect(invariantProblems(rows, CAPACITY, CAPACITY / 2, fachtag.workshopIds)).toEqual([]);
    const platform = await openStore(store);
    try {
      const keys = (await platform.db.kysely.selectFrom("outbox").select("idempotency_key").execute()).map(
        (m) => m.idempotency_key,
      );
      for (const r of rows) expect(keys.filter((k) => k.endsWith(`:${r.id}`)).length, r.email).toBe(1);
    } finally {
      await platform.db.close();
    }
    console.info(
      `outage: stopped in ${((stopped - down) / 1000).toFixed(1)} s, started in ${((up - restarting) / 1000).toFixed(1)} s, ` +
        `ready again ${((recovered - up) / 1000).toFixed(1)} s after; ${apiDown.length} registrations and ${pagesDown.length} pages ` +
        `answered 503 meanwhile; ${result.acknowledged.length} acknowledged, ${rows.length} stored`,
    );
  }, 120_000);
});
