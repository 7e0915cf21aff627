import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliIo, runCli } from "../../cli/main.js";
import { createPlatform } from "../../platform/bootstrap.js";
import { loadConfig } from "../../platform/config.js";
import { dropSchema, ensureSchema } from "../../platform/db/database.js";
import type { Platform } from "../../platform/platform.js";
import { verifyCode } from "../certificates/certificates.service.js";
import { personalDataDueAt } from "../events/index.js";
import { modules } from "../index.js";
import { figuresOf, heldFachtag } from "./test-fixtures.js";

// The command-line contract `npm run cli -- retention:run [--now ISO-TIME]`, as outside
// checks call it: on the database of DATABASE_URL (SQLite file, or a fresh PostgreSQL schema).

const run = promisify(execFile);
const pgUrl = process.env.TEST_DATABASE_URL;
let dataDir: string;
let schema: string | undefined;
let env: NodeJS.ProcessEnv;
let platform: Platform;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "bn-retention-cli-"));
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    SESSION_SECRET: "test-secret-test-secret-test-secret-1234",
  };
  if (pgUrl) {
    schema = `rcli_${randomBytes(5).toString("hex")}`;
    await ensureSchema(pgUrl, schema);
    const url = new URL(pgUrl);
    url.searchParams.set("options", `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  platform = await createPlatform(loadConfig({ ...env, LOG_LEVEL: "silent" }), modules);
});
afterAll(async () => {
  await platform?.db.close();
  if (pgUrl && schema) await dropSchema(pgUrl, schema);
  rmSync(dataDir, { recursive: true, force: true });
});

const cli = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { env, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await runCli(args, io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
};

describe("npm run cli -- retention:run", () => {
  it("refuses a --now that is no ISO time, in German with the usage", async () => {
    for (const bad of ["morgen", "2027-13-45", "30.09.2027"]) {
      const res = await cli("retention:run", "--now", bad);
      expect(res.code).toBe(64);
      expect(res.stderr).toContain("Die Option --now braucht eine Zeit nach ISO 8601");
      expect(res.stderr).toContain("Aufruf: npm run cli -- retention:run [--now ISO-ZEIT]");
    }
    expect((await cli("retention:run", "--now")).stderr).toContain("Bei --now fehlt der Wert.");
    expect((await cli("--help")).stdout).toContain("retention:run");
  });

  it("six months later leaves the figures, removes every name, the code still verifies; twice does nothing", async () => {
    const ev = await heldFachtag(platform, { people: 6 });
    const before = await figuresOf(platform, ev.id);
    const now = new Date(Date.parse(personalDataDueAt(ev.endsAt, 6)) + 3_600_000).toISOString();

    const { stdout } = await run("npx", ["tsx", "src/cli.ts", "retention:run", "--now", now], {
      env,
      timeout: 100_000,
    });
    expect(stdout).toContain(
      `Fachtag „Vernetzung früher Bildung ${ev.tag}“: 6 Anmeldungen anonymisiert, 1 interne Dateien gelöscht`,
    );
    expect(await figuresOf(platform, ev.id)).toEqual(before);
    const names = await platform.db.kysely
      .selectFrom("registrations")
      .select(["first_name", "last_name", "email", "organisation"])
      .where("event_id", "=", ev.id)
      .execute();
    expect(names.every((r) => r.first_name === "" && r.last_name === "" && r.organisation === null)).toBe(true);
    expect(names.every((r) => !r.email.includes("@"))).toBe(true);
    expect((await verifyCode(platform, ev.code)).name).toContain(`Zwetschgenbaum${ev.tag}x0`);

    const again = await cli("retention:run", "--now", now);
    expect(again).toMatchObject({ code: 0, stdout: "Keine Fachtage mit abgelaufener Löschfrist." });
  }, 120_000);
});
