/**
 * The server half of bench/registration-rush.ts, run in its own process so that the
 * load generator does not share the server's event loop. Starts the whole app with
 * RATE_LIMIT=off on a temporary SQLite file (or DATABASE_URL), creates an editor
 * with an API token and reports { port, token, database } to the parent.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
const platform = await createPlatform(config, { poolSize: 20, logger: pino({ level: "silent" }) });
const app = await buildApp({ platform, modules });
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

process.on("message", async (message) => {
  if (message !== "stop") return;
  await app.close();
  await platform.db.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
