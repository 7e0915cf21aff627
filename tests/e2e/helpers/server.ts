import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { freePort } from "../../../bench/lib/server.js";
import { modules } from "../../../src/modules/index.js";
import { createPlatform, seedDemo as loadDemoData } from "../../../src/platform/bootstrap.js";
import { loadConfig } from "../../../src/platform/config.js";
import { dropSchema, ensureSchema } from "../../../src/platform/db/database.js";
import { buildApp } from "../../../src/platform/http/app.js";
import type { Platform } from "../../../src/platform/platform.js";

export interface StartedServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  platform: Platform;
  /** Lines the demo seed announced (demo accounts etc.). */
  announced: string[];
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** Load every module's demo data (default true: the browser suites walk the demo site). */
  seedDemo?: boolean;
  /** Extra configuration variables, e.g. { RATE_LIMIT: "on" }. */
  env?: Record<string, string>;
}

/**
 * Starts the real application in this process on 127.0.0.1 with a fresh database:
 * a new SQLite file in a temporary DATA_DIR, or a new schema in the PostgreSQL of
 * TEST_DATABASE_URL. Rate limiting is off unless env says otherwise, because a
 * crawl makes many requests from one address.
 */
export async function startServer(options: StartServerOptions = {}): Promise<StartedServer> {
  const { seedDemo = true, env = {} } = options;
  const dataDir = mkdtempSync(join(tmpdir(), "bn-e2e-"));
  const pgUrl = process.env.TEST_DATABASE_URL;
  const schema = pgUrl ? `e2e_${randomBytes(6).toString("hex")}` : undefined;
  if (pgUrl && schema) await ensureSchema(pgUrl, schema);

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      BASE_URL: baseUrl,
      DATA_DIR: dataDir,
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-12345",
      SEED_DEMO: String(seedDemo),
      LOG_LEVEL: "silent",
      RATE_LIMIT: "off",
      ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
      ...env,
    });
    const platform = await createPlatform(config, modules, {
      ...(schema ? { schema } : {}),
      poolSize: 10,
      logger: pino({ level: config.logLevel }),
    });
    const announced: string[] = [];
    try {
      if (attempt === 0 && seedDemo) await loadDemoData(platform, modules, (line) => announced.push(line));
      const app = await buildApp({ platform, modules });
      try {
        await app.listen({ port, host: "127.0.0.1" });
      } catch (error) {
        await app.close();
        throw error;
      }
      return {
        baseUrl,
        platform,
        announced,
        async close() {
          await app.close();
          await platform.db.close();
          if (pgUrl && schema) await dropSchema(pgUrl, schema).catch(() => undefined);
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await platform.db.close();
      // Only a lost race for the port is retried; anything else is a real failure.
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") {
        if (pgUrl && schema) await dropSchema(pgUrl, schema).catch(() => undefined);
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
      lastError = error;
    }
  }
  throw lastError;
}
