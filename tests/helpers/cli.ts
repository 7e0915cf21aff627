import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliIo, runCli } from "../../src/cli/main.js";
import { dropSchema, ensureSchema } from "../../src/platform/db/database.js";

/**
 * A database of its own for a test file of the command line, as `npm run cli` finds it through
 * the environment: a temp folder for SQLite, a fresh schema on TEST_DATABASE_URL for PostgreSQL.
 */
export interface CliDatabase {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  close(): Promise<void>;
}

export async function cliDatabase(prefix: string, extra: NodeJS.ProcessEnv = {}): Promise<CliDatabase> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), `bn-${prefix}-`));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    ...extra,
  };
  let schema: string | undefined;
  if (pgUrl) {
    schema = `${prefix}_${randomBytes(5).toString("hex")}`;
    await ensureSchema(pgUrl, schema);
    const url = new URL(pgUrl);
    url.searchParams.set("options", `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  return {
    env,
    dataDir,
    async close() {
      if (pgUrl && schema) await dropSchema(pgUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the CLI's code in-process with this environment; its exit code and what it printed. */
export async function runCliIn(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { env, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await runCli(args, io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
