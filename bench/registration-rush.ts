/**
 * Registration rush: 2,000 registration attempts at 50 concurrent connections for
 * one Fachtag with 150 places and 8 workshops, with GET /healthz measured in the
 * same run as baseline. Prints registrations/s, p50/p99 latency, status counts and
 * the final counts with an explicit overbooking check.
 *
 * The load is a closed loop (bench/lib/closed-loop.ts): each connection sends its next
 * attempt as soon as the previous one is answered, and every latency is recorded. The
 * server runs in its own process and also reports its event-loop delay, GC pauses and
 * the time requests spent inside the app.
 *
 *   npx tsx bench/registration-rush.ts                      # SQLite in a temp folder
 *   DATABASE_URL=postgres://… npx tsx bench/registration-rush.ts
 *
 * Options (environment): RUSH_ATTEMPTS (2000), RUSH_CONNECTIONS (50), RUSH_CAPACITY (150),
 * RUSH_WORKSHOPS (8), RUSH_WORKSHOP_CAPACITY (20), RUSH_WARMUP (400), RUSH_PROFILE (a file:
 * CPU profile of the measured part).
 */
import { fork } from "node:child_process";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { closedLoop, type LoadResult, percentile } from "./lib/closed-loop.js";
import { createRushFachtag } from "./lib/rush-fachtag.js";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ATTEMPTS = num("RUSH_ATTEMPTS", 2000);
const WARMUP = num("RUSH_WARMUP", 400); // registrations on a separate Fachtag before measuring
const CONNECTIONS = num("RUSH_CONNECTIONS", 50);
const CAPACITY = num("RUSH_CAPACITY", 150);
const WORKSHOPS = num("RUSH_WORKSHOPS", 8);
const WORKSHOP_CAPACITY = num("RUSH_WORKSHOP_CAPACITY", 20);

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
    /** A Fachtag like the seed's: double opt-in, WORKSHOPS parallel workshops in one slot. */
    const createFachtag = (title: string, capacity: number, workshopCapacity: number) =>
      createRushFachtag(base, auth.authorization, {
        title,
        capacity,
        workshops: WORKSHOPS,
        workshopCapacity,
        confirmByEmail: true,
      });
    /** Registration attempt i for a Fachtag: a random workshop of its slot. */
    const attempt = (fachtag: { id: string; workshopIds: string[] }, prefix: string) => (i: number) => {
      const workshop = fachtag.workshopIds[Math.floor(Math.random() * fachtag.workshopIds.length)];
      return {
        method: "POST",
        path: `/api/v1/events/${fachtag.id}/registrations`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          firstName: "Erika",
          lastName: `Müller ${i}`,
          email: `${prefix}-${i}@example.org`,
          organisation: "Kita Sonnenschein",
          workshopIds: workshop ? [workshop] : [],
          consents: { privacy: true },
        }),
      };
    };

    const event = await createFachtag(
      "Kindliche Entwicklung stärken – Schätze statt Schwächen (Lasttest)",
      CAPACITY,
      WORKSHOP_CAPACITY,
    );
    const workshopIds = event.workshopIds;

    // Warm-up on a separate Fachtag of the same shape (places, workshops, waitlist), so
    // that the figures show the steady state of the code paths measured, not the first
    // seconds of a cold process (JIT, statement cache).
    // RUSH_WARMUP=0 measures a cold process.
    if (WARMUP > 0) {
      const warm = await createFachtag(
        "Aufwärmen (Lasttest)",
        Math.ceil(WARMUP / 4),
        Math.ceil(WARMUP / 4 / WORKSHOPS),
      );
      await closedLoop({ url: base, connections: 10, amount: WARMUP, build: attempt(warm, "warm") });
    }

    // Baseline: the cheapest route of the same server.
    const healthz = { method: "GET", path: "/healthz" };
    await closedLoop({ url: base, connections: 10, amount: 500, build: () => healthz });
    const health = await closedLoop({
      url: base,
      connections: CONNECTIONS,
      amount: ATTEMPTS * 2,
      build: () => healthz,
    });

    const ask = <T>(message: string) =>
      new Promise<T>((resolve) => {
        child.once("message", (reply) => resolve(reply as T));
        child.send(message);
      });
    await ask("measure");
    const rush = await closedLoop({
      url: base,
      connections: CONNECTIONS,
      amount: ATTEMPTS,
      build: attempt(event, "rush"),
    });
    const seconds = rush.seconds;
    const server = await ask<{
      loopDelayP99: number;
      loopDelayMax: number;
      gcCount: number;
      gcTotal: number;
      gcMax: number;
      handledP99: number;
      handledMax: number;
    }>("stats");

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
    const statusCounts = rush.statusCounts;
    const ms = (r: LoadResult, p: number) => percentile(r.latencies, p).toFixed(0);
    const created201 = statusCounts["201"] ?? 0;

    const lines = [
      "Registration rush",
      `  machine:     ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free), Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
      `  database:    ${database}`,
      `  load:        ${ATTEMPTS} attempts, ${CONNECTIONS} connections, ${CAPACITY} places, ${WORKSHOPS} workshops × ${WORKSHOP_CAPACITY}`,
      "",
      `  GET /healthz baseline: ${(health.latencies.length / health.seconds).toFixed(0)} req/s, p50 ${ms(health, 50)} ms, p99 ${ms(health, 99)} ms, errors ${health.errors}, statuses ${JSON.stringify(health.statusCounts)}`,
      `  POST registrations:    ${(rush.latencies.length / seconds).toFixed(0)} req/s, ${(created201 / seconds).toFixed(0)} registrations/s, p50 ${ms(rush, 50)} ms, p99 ${ms(rush, 99)} ms, max ${ms(rush, 100)} ms`,
      `  server:      handled in p99 ${server.handledP99.toFixed(0)} ms, max ${server.handledMax.toFixed(0)} ms; event-loop delay p99 ${server.loopDelayP99.toFixed(0)} ms, max ${server.loopDelayMax.toFixed(0)} ms; ${server.gcCount} GC pauses, ${server.gcTotal.toFixed(0)} ms in all, longest ${server.gcMax.toFixed(0)} ms`,
      `  responses:   ${JSON.stringify(statusCounts)}, errors ${rush.errors}`,
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
