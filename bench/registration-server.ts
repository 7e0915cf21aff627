/**
 * The server half of bench/registration-rush.ts, run in its own process so that the
 * load generator does not share the server's event loop. Starts the whole app with
 * RATE_LIMIT=off on a temporary SQLite file (or DATABASE_URL), creates an editor
 * with an API token and reports { port, token, database } to the parent.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import pino from "pino";
import { modules } from "../src/modules/index.js";
import { createApiToken } from "../src/platform/auth/api-tokens.js";
import { createPlatform } from "../src/platform/bootstrap.js";
import { loadConfig } from "../src/platform/config.js";
import { newId } from "../src/platform/db/ids.js";
import { buildApp } from "../src/platform/http/app.js";

const dataDir = mkdtempSync(join(tmpdir(), "bn-rush-"));
const config = loadConfig({
  ...process.env,
  NODE_ENV: "production",
  SESSION_SECRET: "rush-secret-rush-secret-rush-secret-1234",
  DATA_DIR: dataDir,
  SEED_DEMO: "false",
  LOG_LEVEL: "silent",
  RATE_LIMIT: "off",
  BASE_URL: "http://localhost:3000",
});
const platform = await createPlatform(config, modules, {
  poolSize: 20,
  backgroundCheckpoints: true,
  logger: pino({ level: "silent" }),
});
const app = await buildApp({ platform, modules });
// Time from the request's arrival in the app to its response (waiting for the database
// connection included), for comparison with the client's latency: a difference is time
// the request spent unread in the socket.
let serverTimes: number[] = [];
app.addHook("onResponse", async (request, reply) => {
  if (request.method === "POST") serverTimes.push(reply.elapsedTime);
});
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();

const userId = newId();
const now = new Date();
const pgTime = platform.db.dialect === "postgres";
await platform.db.kysely
  .insertInto("users")
  .values({
    id: userId,
    name: "Rush Editor",
    email: `rush-${userId.slice(0, 8)}@example.org`,
    email_verified: pgTime ? true : 1,
    image: null,
    role: "editor",
    locale: null,
    created_at: pgTime ? now : now.toISOString(),
    updated_at: pgTime ? now : now.toISOString(),
  })
  .execute();
const { token } = await createApiToken(platform.db.kysely, userId, "rush");

process.send?.({
  port: typeof address === "object" && address ? address.port : 0,
  token,
  database: platform.db.dialect === "postgres" ? "PostgreSQL" : "SQLite (WAL, file)",
});

// RUSH_PROFILE=file.cpuprofile: a CPU profile of the measured part only (open it in
// Chrome DevTools), without start-up and warm-up.
const profiler = process.env.RUSH_PROFILE ? new Session() : undefined;
profiler?.connect();

// Event-loop delay and garbage-collection pauses during the measured part: a long
// stall shows up here rather than as an unexplained latency tail.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let gcPauses: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push(entry.duration);
}).observe({ entryTypes: ["gc"] });

process.on("message", async (message) => {
  if (message === "measure") {
    if (profiler) {
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    loopDelay.reset();
    loopDelay.enable();
    gcPauses = [];
    serverTimes = [];
    process.send?.("measuring");
    return;
  }
  if (message === "stats") {
    loopDelay.disable();
    if (profiler && process.env.RUSH_PROFILE) {
      const { profile } = await profiler.post("Profiler.stop");
      writeFileSync(process.env.RUSH_PROFILE, JSON.stringify(profile));
    }
    process.send?.({
      loopDelayP99: loopDelay.percentile(99) / 1e6,
      loopDelayMax: loopDelay.max / 1e6,
      gcCount: gcPauses.length,
      gcTotal: gcPauses.reduce((a, b) => a + b, 0),
      gcMax: Math.max(0, ...gcPauses),
      handledP99: serverTimes.sort((a, b) => a - b)[Math.floor(serverTimes.length * 0.99)] ?? 0,
      handledMax: serverTimes.at(-1) ?? 0,
    });
    return;
  }
  if (message !== "stop") return;
  await app.close();
  await platform.db.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
