import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { modules } from "../../src/modules/index.js";
import { createPlatform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import { dropSchema, ensureSchema } from "../../src/platform/db/database.js";
import { buildApp } from "../../src/platform/http/app.js";
import type { Platform } from "../../src/platform/platform.js";

// The in-process set-up the directory and search benchmarks share: a fresh database (SQLite
// in a temporary folder, or a schema of its own on BENCH_DATABASE_URL's PostgreSQL), the
// whole app's platform on it (production mode, no demo data, no rate limit), and the app
// itself on a local port when HTTP is measured.

export interface BenchPlatform {
  platform: Platform;
  /** The PostgreSQL address when BENCH_DATABASE_URL is set, else undefined (SQLite). */
  pgUrl: string | undefined;
  /** Closes the database and removes the temporary folder and schema. */
  close(): Promise<void>;
}

export async function openBenchPlatform(prefix = "bn-bench-"): Promise<BenchPlatform> {
  const pgUrl = process.env.BENCH_DATABASE_URL || undefined;
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const schema = pgUrl ? `bench_${randomBytes(4).toString("hex")}` : undefined;
  if (pgUrl && schema) await ensureSchema(pgUrl, schema);
  const config = loadConfig({
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret-1234",
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
    RATE_LIMIT: "off",
    BASE_URL: "http://127.0.0.1",
    ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
  });
  const platform = await createPlatform(config, modules, {
    ...(schema ? { schema } : {}),
    poolSize: 10,
    logger: pino({ level: "warn" }),
  });
  return {
    platform,
    pgUrl,
    async close() {
      await platform.db.close();
      if (pgUrl && schema) await dropSchema(pgUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The whole app on a free local port. */
export async function listenApp(platform: Platform): Promise<{ base: string; close(): Promise<void> }> {
  const app = await buildApp({ platform, modules });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  return {
    base: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    async close() {
      // A load generator stopped on time leaves requests that are still being answered:
      // let them finish before the database closes under them.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await app.close();
    },
  };
}
