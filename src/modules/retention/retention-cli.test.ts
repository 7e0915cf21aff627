import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliDatabase, cliDatabase, runCliIn } from "../../../tests/helpers/cli.js";
import { createPlatform } from "../../platform/bootstrap.js";
import { loadConfig } from "../../platform/config.js";
import type { Platform } from "../../platform/platform.js";
import { verifyCode } from "../certificates/certificates.service.js";
import { personalDataDueAt } from "../events/index.js";
import { modules } from "../index.js";
import { figuresOf, heldFachtag } from "./test-fixtures.js";

// The command-line contract `npm run cli -- retention:run [--now ISO-TIME]`, as outside
// checks call it: on the database of DATABASE_URL (SQLite file, or a fresh PostgreSQL schema).

const run = promisify(execFile);
let database: CliDatabase;
let env: NodeJS.ProcessEnv;
let platform: Platform;

beforeAll(async () => {
  database = await cliDatabase("rcli", { SESSION_SECRET: "test-secret-test-secret-test-secret-1234" });
  env = database.env;
  platform = await createPlatform(loadConfig({ ...env, LOG_LEVEL: "silent" }), modules);
});
afterAll(async () => {
  await platform?.db.close();
  await database?.close();
});

const cli = (...args: string[]) => runCliIn(env, ...args);

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
