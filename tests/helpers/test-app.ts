import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { modules } from "../../src/modules/index.js";
import { createPlatform } from "../../src/platform/bootstrap.js";
import { type Config, loadConfig } from "../../src/platform/config.js";
import { dropSchema, ensureSchema } from "../../src/platform/db/database.js";
import { buildApp } from "../../src/platform/http/app.js";
import type { Platform } from "../../src/platform/platform.js";

export interface TestApp {
  app: FastifyInstance;
  platform: Platform;
  config: Config;
  close(): Promise<void>;
}

/** Which database the suite runs against: PostgreSQL when TEST_DATABASE_URL is set. */
export const testDatabase = process.env.TEST_DATABASE_URL ? "postgres" : "sqlite";

/**
 * Builds the whole application against a fresh database: a new SQLite file in a
 * temporary folder, or a new schema in the PostgreSQL of TEST_DATABASE_URL.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "bn-test-"));
  const pgUrl = process.env.TEST_DATABASE_URL;
  const schema = pgUrl ? `t_${randomBytes(6).toString("hex")}` : undefined;
  if (pgUrl && schema) await ensureSchema(pgUrl, schema);
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    SESSION_SECRET: "test-secret-test-secret-test-secret-1234",
    SEED_DEMO: "false",
    LOG_LEVEL: "silent",
    ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
    ...env,
  });
  const platform = await createPlatform(config, modules, {
    ...(schema ? { schema } : {}),
    poolSize: 20,
    logger: pino({ level: "silent" }),
  });
  const app = await buildApp({ platform, modules });
  await app.ready();
  return {
    app,
    platform,
    config,
    async close() {
      await app.close();
      await platform.db.close();
      if (pgUrl && schema) await dropSchema(pgUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A cookie jar for app.inject: keeps cookies between requests like a browser. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private store(setCookie: string | string[] | undefined) {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const [pair] = line.split(";");
      const index = pair?.indexOf("=") ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: "GET", url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.store(res.headers["set-cookie"]);
    return res;
  }

  /** Fetches the page, takes its CSRF token and posts the form like a browser would. */
  async submit(pageUrl: string, action: string, fields: Record<string, string | string[]>) {
    const page = await this.get(pageUrl);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${pageUrl}`);
    return this.post(action, { ...fields, _csrf: token });
  }

  async post(url: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      for (const v of ([] as string[]).concat(value)) body.append(key, v);
    }
    const res = await this.app.inject({
      method: "POST",
      url,
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      payload: body.toString(),
    });
    this.store(res.headers["set-cookie"]);
    return res;
  }
}
