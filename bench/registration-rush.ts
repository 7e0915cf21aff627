/**
 * Registration rush: 2,000 registration attempts at 50 concurrent connections for
 * one Fachtag with 150 places and 8 workshops, with GET /healthz measured in the
 * same run as baseline. Prints registrations/s, p50/p99 latency, status counts and
 * the final counts with an explicit overbooking check.
 *
 *   npx tsx bench/registration-rush.ts                      # SQLite in a temp folder
 *   DATABASE_URL=postgres://… npx tsx bench/registration-rush.ts
 *
 * Options (environment): RUSH_ATTEMPTS (2000), RUSH_CONNECTIONS (50), RUSH_CAPACITY (150),
 * RUSH_WORKSHOPS (8), RUSH_WORKSHOP_CAPACITY (20).
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ATTEMPTS = num("RUSH_ATTEMPTS", 2000);
const WARMUP = num("RUSH_WARMUP", 400); // registrations on a separate Fachtag before measuring
const CONNECTIONS = num("RUSH_CONNECTIONS", 50);
const CAPACITY = num("RUSH_CAPACITY", 150);
const WORKSHOPS = num("RUSH_WORKSHOPS", 8);
const WORKSHOP_CAPACITY = num("RUSH_WORKSHOP_CAPACITY", 20);

// autocannon ships without types; the little used here is typed here.
interface Histogram {
  average: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
}
interface Result {
  requests: Histogram;
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
interface RequestParams {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface Options {
  url: string;
  connections: number;
  amount: number;
  timeout?: number;
  requests?: (RequestParams & { setupRequest?: (req: RequestParams) => RequestParams })[];
}
const autocannon = createRequire(import.meta.url)("autocannon") as (
  options: Options,
  done: (error: Error | null, result: Result) => void,
) => unknown;

function run(options: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 30, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

interface ServerInfo {
  port: number;
  token: string;
  database: string;
}

async function startServer() {
  const child = fork(fileURLToPath(new URL("./registration-server.ts", import.meta.url)), {
    execArgv: ["--import", "tsx", ...(process.env.RUSH_SERVER_NODE_OPTIONS?.split(" ").filter(Boolean) ?? [])],
    env: process.env,
  });
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    child.once("message", (m) => resolve(m as ServerInfo));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, info };
}

async function main() {
  const { child, info } = await startServer();
  const base = `http://127.0.0.1:${info.port}`;
  const database = info.database;
  try {
    const auth = { authorization: `Bearer ${info.token}`, "content-type": "application/json" };
    const day = new Date(Date.now() + 60 * 24 * 3600_000);
    day.setUTCHours(8, 0, 0, 0);
    const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
    const created = await fetch(`${base}/api/v1/events`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        title: "Kindliche Entwicklung stärken – Schätze statt Schwächen (Lasttest)",
        startsAt: at(0),
        endsAt: at(7),
        venue: { name: "Neuer Kreistagssaal", address: "Trift 26, 29221 Celle" },
        capacity: CAPACITY,
        confirmByEmail: true,
        status: "published",
      }),
    });
    if (created.status !== 201) throw new Error(`POST /api/v1/events: ${created.status} ${await created.text()}`);
    const event = (await created.json()) as { id: string };
    const workshopIds: string[] = [];
    for (let i = 0; i < WORKSHOPS; i++) {
      const res = await fetch(`${base}/api/v1/events/${event.id}/sessions`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({
          kind: "workshop",
          title: `Workshop ${i + 1}`,
          startsAt: at(2),
          endsAt: at(3.5),
          capacity: WORKSHOP_CAPACITY,
        }),
      });
      if (res.status !== 201) throw new Error(`POST sessions: ${res.status} ${await res.text()}`);
      workshopIds.push(((await res.json()) as { id: string }).id);
    }

    // Warm-up of the registration route on a separate Fachtag (JIT, statement cache), so the
    // figures show the steady state rather than the first seconds of a cold process.
    const warm = await fetch(`${base}/api/v1/events`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        title: "Aufwärmen (Lasttest)",
        startsAt: at(0),
        endsAt: at(7),
        venue: { name: "Kreishaus Celle" },
        capacity: 50,
        status: "published",
      }),
    });
    const warmId = ((await warm.json()) as { id: string }).id;
    let w = 0;
    await run({
      url: base,
      connections: 10,
      amount: WARMUP,
      requests: [
        {
          method: "POST",
          path: `/api/v1/events/${warmId}/registrations`,
          headers: { "content-type": "application/json" },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              firstName: "Aufwärm",
              lastName: `Person ${w}`,
              email: `warm-${w++}@example.org`,
              consents: { privacy: true },
            }),
          }),
        },
      ],
    });

    // Baseline: the cheapest route of the same server.
    await run({ url: `${base}/healthz`, connections: 10, amount: 500 });
    const health = await run({ url: `${base}/healthz`, connections: CONNECTIONS, amount: ATTEMPTS * 2 });

    let n = 0;
    const started = Date.now();
    const rush = await run({
      url: base,
      connections: CONNECTIONS,
      amount: ATTEMPTS,
      requests: [
        {
          method: "POST",
          path: `/api/v1/events/${event.id}/registrations`,
          headers: { "content-type": "application/json" },
          setupRequest: (req) => {
            const i = n++;
            const workshop = workshopIds[Math.floor(Math.random() * workshopIds.length)];
            return {
              ...req,
              body: JSON.stringify({
                firstName: "Erika",
                lastName: `Müller ${i}`,
                email: `rush-${i}@example.org`,
                organisation: "Kita Sonnenschein",
                workshopIds: workshop ? [workshop] : [],
                consents: { privacy: true },
              }),
            };
          },
        },
      ],
    });
    const seconds = (Date.now() - started) / 1000;

    // Final counts through the contract API (editor token), the way an integration sees them.
    const listed = await fetch(`${base}/api/v1/events/${event.id}/registrations`, { headers: auth });
    const rows = (await listed.json()) as { id: string; status: string; email: string; workshopIds: string[] }[];
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    const held = count("confirmed") + count("pending");
    const workshopCounts = workshopIds.map((id, i) => ({
      workshop: `Workshop ${i + 1}`,
      taken: rows.filter((r) => (r.status === "confirmed" || r.status === "pending") && r.workshopIds.includes(id))
        .length,
      capacity: WORKSHOP_CAPACITY,
    }));
    const overbookedEvent = held > CAPACITY;
    const overbookedWorkshops = workshopCounts.filter((w) => w.taken > w.capacity);
    const duplicates = rows.length - new Set(rows.map((r) => r.email)).size;
    const statusCounts = Object.fromEntries(
      Object.entries(rush.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]),
    );
    const created201 = statusCounts["201"] ?? 0;

    const lines = [
      "Registration rush",
      `  machine:     ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free), Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
      `  database:    ${database}`,
      `  load:        ${ATTEMPTS} attempts, ${CONNECTIONS} connections, ${CAPACITY} places, ${WORKSHOPS} workshops × ${WORKSHOP_CAPACITY}`,
      "",
      `  GET /healthz baseline: ${health.requests.average.toFixed(0)} req/s, p50 ${health.latency.p50} ms, p99 ${health.latency.p99} ms, errors ${health.errors}, non-2xx ${health.non2xx}`,
      `  POST registrations:    ${(rush.requests.total / seconds).toFixed(0)} req/s, ${(created201 / seconds).toFixed(0)} registrations/s, p50 ${rush.latency.p50} ms, p99 ${rush.latency.p99} ms, max ${rush.latency.max} ms`,
      `  responses:   ${JSON.stringify(statusCounts)}, errors ${rush.errors}, timeouts ${rush.timeouts}`,
      `  final:       confirmed ${count("confirmed")}, pending ${count("pending")}, waitlisted ${count("waitlisted")}, rows ${rows.length}, duplicates ${duplicates}`,
      `  workshops:   ${workshopCounts.map((w) => `${w.taken}/${w.capacity}`).join(", ")}`,
      `  overbooking: event ${held}/${CAPACITY} ${overbookedEvent ? "OVERBOOKED" : "ok"}; workshops ${overbookedWorkshops.length ? `OVERBOOKED: ${overbookedWorkshops.map((w) => w.workshop).join(", ")}` : "ok"}`,
      `  acknowledged = stored: ${created201 === rows.length ? "yes" : `NO (${created201} × 201, ${rows.length} rows)`}`,
    ];
    console.log(lines.join("\n"));
    const failed =
      overbookedEvent ||
      overbookedWorkshops.length > 0 ||
      duplicates > 0 ||
      rush.errors > 0 ||
      (statusCounts["500"] ?? 0) > 0 ||
      created201 !== rows.length;
    process.exitCode = failed ? 1 : 0;
  } finally {
    child.send("stop");
  }
}

await main();
