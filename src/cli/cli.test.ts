import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliDatabase, cliDatabase, runCliIn } from "../../tests/helpers/cli.js";
import { modules } from "../modules/index.js";
import { createPlatform } from "../platform/bootstrap.js";
import { loadConfig } from "../platform/config.js";
import { buildApp } from "../platform/http/app.js";

const run = promisify(execFile);
const pgUrl = process.env.TEST_DATABASE_URL;

// One database per test file: a temp folder for SQLite, a fresh schema for PostgreSQL.
let database: CliDatabase;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  database = await cliDatabase("cli");
  ({ env, dataDir } = database);
});
afterAll(async () => database?.close());

/** The real thing, as operators and external checks call it. */
const spawnCli = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "src/cli.ts", ...args], { env, timeout: 100_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

/** The same code in-process, for the cases that need no fresh process. */
const cli = (...args: string[]) => runCliIn(env, ...args);

describe("CLI contract", () => {
  it("lists every command with a German description", async () => {
    const res = await cli("--help");
    expect(res.code).toBe(0);
    for (const command of ["migrate", "user:create", "token:create", "seed:demo", "backup"]) {
      expect(res.stdout).toContain(command);
    }
    expect(res.stdout).toContain("Legt ein bestätigtes Konto");
  });

  it("creates a verified user, refuses the same e-mail again, and prints only a working token last", async () => {
    const created = await spawnCli(
      "user:create",
      "--email",
      "ops@test.example",
      "--password",
      "Sehr-geheimes-Passwort-1",
      "--role",
      "editor",
    );
    expect(created.code).toBe(0);

    const again = await spawnCli(
      "user:create",
      "--email",
      "ops@test.example",
      "--password",
      "Sehr-geheimes-Passwort-1",
      "--role",
      "editor",
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("Für diese E-Mail-Adresse gibt es schon ein Konto");

    const token = await spawnCli("token:create", "--email", "ops@test.example");
    expect(token.code).toBe(0);
    const lastLine = token.stdout.trim().split("\n").at(-1) ?? "";
    expect(lastLine).toMatch(/^bn_[A-Za-z0-9_-]{40}$/);

    // The token works against the API with the user's role; the user can sign in with the password.
    const platform = await createPlatform(loadConfig({ ...env, LOG_LEVEL: "silent" }), modules);
    const app = await buildApp({ platform, modules });
    try {
      const { resolveActor } = await import("../platform/auth/resolve-actor.js");
      app.get("/api/v1/test-wer-bin-ich", async (request) => resolveActor(request));
      const me = await app.inject({
        url: "/api/v1/test-wer-bin-ich",
        headers: { authorization: `Bearer ${lastLine}` },
      });
      expect(me.json()).toMatchObject({ kind: "user", email: "ops@test.example", role: "editor", via: "token" });
      const user = await platform.db.kysely
        .selectFrom("users")
        .select("email_verified")
        .where("email", "=", "ops@test.example")
        .executeTakeFirstOrThrow();
      expect(Boolean(user.email_verified)).toBe(true);
    } finally {
      await app.close();
      await platform.db.close();
    }
  }, 240_000);
});

describe("CLI commands (in-process)", () => {
  it("refuses weak passwords, unknown roles and missing options with German messages", async () => {
    const short = await cli("user:create", "--email", "w@test.example", "--password", "kurz", "--role", "member");
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain("mindestens 12 Zeichen");
    const common = await cli(
      "user:create",
      "--email",
      "w@test.example",
      "--password",
      "Passwort1234",
      "--role",
      "member",
    );
    expect(common.code).not.toBe(0);
    expect(common.stderr).toContain("zu leicht zu erraten");
    const role = await cli(
      "user:create",
      "--email",
      "w@test.example",
      "--password",
      "Gutes-Passwort-99",
      "--role",
      "chef",
    );
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain("Unbekannte Rolle");
    const missing = await cli("user:create", "--email", "w@test.example");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("--password fehlt");
    const badMail = await cli(
      "user:create",
      "--email",
      "kein-mail",
      "--password",
      "Gutes-Passwort-99",
      "--role",
      "admin",
    );
    expect(badMail.code).not.toBe(0);
    expect(badMail.stderr).toContain("E-Mail-Adresse");
    const unknown = await cli("token:create", "--email", "niemand@test.example");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("kein Konto");
    const bogus = await cli("gibt-es-nicht");
    expect(bogus.code).not.toBe(0);
    expect(bogus.stderr).toContain("Unbekannter Befehl");
  });

  it("migrates, refuses demo data on a used database unless forced, and backs up SQLite", async () => {
    expect((await cli("migrate")).code).toBe(0);
    const refused = await cli("seed:demo");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("--force");
    const forced = await cli("seed:demo", "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain("admin@bildungsnetz.example");

    const target = join(dataDir, "sicherung.db");
    const backup = await cli("backup", "--to", target);
    if (pgUrl) {
      expect(backup.code).not.toBe(0);
      expect(backup.stderr).toContain("pg_dump");
    } else {
      expect(backup.code).toBe(0);
      expect(existsSync(target)).toBe(true);
      const copy = new SQLite(target, { readonly: true });
      const row = copy.prepare("select count(*) as n from users where email = ?").get("admin@bildungsnetz.example") as {
        n: number;
      };
      copy.close();
      expect(row.n).toBe(1);
    }
  });
});
