import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from "fastify";
import { sql } from "kysely";
import pino from "pino";
import type { z } from "zod";
import { modules } from "../../src/modules/index.js";
import { createPlatform, seedDemo } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import { dropSchema, ensureSchema } from "../../src/platform/db/database.js";
import { buildApp } from "../../src/platform/http/app.js";
import type { AppModule } from "../../src/platform/module.js";
import type { Platform } from "../../src/platform/platform.js";

// The fuzzing harness: the whole app on a fresh database with the demo data, every
// state-changing route as the app registered it (an onRoute hook in each module's
// scope, so a new module or route is fuzzed without touching these files), the row
// count of every table, and the POST forms found by walking the pages signed in.

/** Fixed unless FUZZ_SEED says otherwise; fast-check prints it with every counterexample. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);
/** Runs per route; FUZZ_RUNS raises it for a longer hunt. */
export const fuzzRuns = (fallback: number) => Number(process.env.FUZZ_RUNS ?? fallback);

export interface WriteRoute {
  method: string;
  /** The pattern as registered, e.g. /api/v1/events/:id/sessions */
  url: string;
  module: string;
  bodySchema?: z.ZodType;
}

export interface FuzzApp {
  app: FastifyInstance;
  platform: Platform;
  routes: WriteRoute[];
  /** The patterns of every GET route (pages, downloads, API reads). */
  pages: string[];
  /** What the app logged as errors (the cause of a 500), newest last. */
  errors: string[];
  close(): Promise<void>;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function createFuzzApp(): Promise<FuzzApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "bn-fuzz-"));
  const errors: string[] = [];
  const pgUrl = process.env.TEST_DATABASE_URL;
  const schema = pgUrl ? `fuzz_${randomBytes(6).toString("hex")}` : undefined;
  if (pgUrl && schema) await ensureSchema(pgUrl, schema);
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    SESSION_SECRET: "fuzz-secret-fuzz-secret-fuzz-secret-1234",
    SEED_DEMO: "false",
    LOG_LEVEL: "silent",
    RATE_LIMIT: "off",
    ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
  });
  const platform = await createPlatform(config, modules, {
    ...(schema ? { schema } : {}),
    poolSize: 10,
    logger: pino(
      { level: "error" },
      {
        write(line: string) {
          const entry = JSON.parse(line) as { err?: { message?: string; stack?: string } };
          errors.push(entry.err?.stack?.split("\n").slice(0, 4).join(" | ") ?? line.slice(0, 500));
        },
      },
    ),
  });
  await seedDemo(platform, modules, () => undefined);
  const routes: WriteRoute[] = [];
  const pages: string[] = [];
  const watched: AppModule[] = modules.map((m) => {
    const register = m.register;
    if (!register) return m;
    return {
      ...m,
      register(scope, p) {
        scope.addHook("onRoute", (route: RouteOptions) => {
          for (const method of ([] as string[]).concat(route.method)) {
            if (method === "GET") pages.push(route.url);
            if (!UNSAFE.has(method)) continue;
            const bodySchema = (route.schema as { body?: z.ZodType } | undefined)?.body;
            routes.push({ method, url: route.url, module: m.name, ...(bodySchema ? { bodySchema } : {}) });
          }
        });
        return register(scope, p);
      },
    };
  });
  const app = await buildApp({ platform, modules: watched });
  await app.ready();
  return {
    app,
    platform,
    routes,
    pages,
    errors,
    async close() {
      await app.close();
      await platform.db.close();
      if (pgUrl && schema) await dropSchema(pgUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Tables a refused request may rightly add to: the audit log notes who saw a list of
// participants, and a form shown again with its messages shows that list again.
const COUNTED_EVEN_WHEN_REFUSED = new Set<string>(["kysely_migration", "kysely_migration_lock", "audit_log"]);

const tableNames = new WeakMap<Platform, string[]>();

/** The number of rows of every table, in one query. */
export async function tableCounts(platform: Platform): Promise<Record<string, number>> {
  let tables = tableNames.get(platform);
  if (!tables) {
    tables = (await platform.db.kysely.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !COUNTED_EVEN_WHEN_REFUSED.has(name));
    tableNames.set(platform, tables);
  }
  const parts = tables.map((name) => sql`select ${name} as t, count(*) as n from ${sql.table(name)}`);
  const { rows } = await sql<{ t: string; n: number | string }>`${sql.join(parts, sql` union all `)}`.execute(
    platform.db.kysely,
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** Tables whose count differs between two snapshots, with before → after. */
export function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}

/** A route pattern as a regular expression over concrete paths. */
export function patternOf(url: string): RegExp {
  const source = url
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

/** What went wrong with an answer, or undefined: never 5xx; API errors as RFC 9457 problems. */
export function answerProblem(res: LightMyRequestResponse, api: boolean, json = false): string | undefined {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return undefined;
  const type = String(res.headers["content-type"] ?? "");
  if (api) {
    if (!type.startsWith("application/problem+json")) return `status ${res.statusCode} as ${type}, not a problem`;
    let problem: { status?: unknown; code?: unknown; detail?: unknown };
    try {
      problem = JSON.parse(res.body);
    } catch {
      return `status ${res.statusCode}: problem body is no JSON`;
    }
    if (problem.status !== res.statusCode || typeof problem.code !== "string" || typeof problem.detail !== "string") {
      return `status ${res.statusCode}: incomplete problem ${res.body.slice(0, 200)}`;
    }
    return undefined;
  }
  if (json && type.startsWith("application/json")) return undefined;
  if (!type.startsWith("text/html")) return `status ${res.statusCode} as ${type}, not a page`;
  if (!res.body.includes('<html lang="de"')) return `status ${res.statusCode}: page not in German`;
  return undefined;
}

/**
 * Runs the property with the fixed seed and fails with a short message: the seed, the
 * path to replay it (FUZZ_SEED, and fast-check's `path`) and the first problem found.
 */
export async function fuzz<T>(arbitrary: fc.Arbitrary<T>, runs: number, check: (value: T) => Promise<void>) {
  const out = await fc.check(fc.asyncProperty(arbitrary, check), {
    seed: FUZZ_SEED,
    numRuns: runs,
    endOnFailure: true,
  });
  if (out.failed) {
    const error = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    throw new Error(
      `seed ${out.seed}, path "${out.counterexamplePath}" after ${out.numRuns} runs: ${error.slice(0, 2000)}`,
    );
  }
}
