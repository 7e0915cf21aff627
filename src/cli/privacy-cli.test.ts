import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliDatabase, cliDatabase, runCliIn } from "../../tests/helpers/cli.js";
import { modules } from "../modules/index.js";
import { figuresOf, heldFachtag } from "../modules/retention/test-fixtures.js";
import { createPlatform } from "../platform/bootstrap.js";
import { loadConfig } from "../platform/config.js";
import type { Platform } from "../platform/platform.js";

// The command-line contract of the data subject requests: `privacy:export --email` writes the
// JSON to standard output, `privacy:erase --email --reason` erases and prints one German line.

let database: CliDatabase;
let env: NodeJS.ProcessEnv;
let platform: Platform;

beforeAll(async () => {
  database = await cliDatabase("pcli", { SESSION_SECRET: "test-secret-test-secret-test-secret-1234" });
  env = database.env;
  platform = await createPlatform(loadConfig({ ...env, LOG_LEVEL: "silent" }), modules);
});
afterAll(async () => {
  await platform?.db.close();
  await database?.close();
});

const cli = (...args: string[]) => runCliIn(env, ...args);

describe("npm run cli -- privacy:export / privacy:erase", () => {
  it("refuses a missing or malformed address and a missing reason, in German with the usage", async () => {
    const missing = await cli("privacy:export");
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain("Die Option --email fehlt.");
    const bad = await cli("privacy:export", "--email", "kein-at");
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain("ist keine gültige E-Mail-Adresse");
    const noReason = await cli("privacy:erase", "--email", "a@beispiel.de");
    expect(noReason.code).toBe(64);
    expect(noReason.stderr).toContain("Die Option --reason fehlt.");
    expect(noReason.stderr).toContain('Aufruf: npm run cli -- privacy:erase --email E-MAIL --reason "GRUND"');
    const unknown = await cli("privacy:erase", "--email", "niemand@beispiel.de", "--reason", "Antrag 2026-7");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Zu niemand@beispiel.de ist nichts gespeichert.");
    expect((await cli("--help")).stdout).toContain("privacy:erase");
  });

  it("exports a person as JSON on stdout, erases them keeping the figures, and logs both as the command line", async () => {
    const ev = await heldFachtag(platform, { people: 3 });
    const [person] = ev.people;
    if (!person) throw new Error("fixture");
    const before = await figuresOf(platform, ev.id);

    const exported = await cli("privacy:export", "--email", person.email);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc.email).toBe(person.email);
    expect(doc.parts.registrations.data.registrations[0].lastName).toBe(person.lastName);
    expect(doc.parts.certificates.data.certificates[0].code).toBe(ev.code);

    const erased = await cli(
      "privacy:erase",
      "--email",
      person.email,
      "--reason",
      "Antrag nach Art. 17, Vorgang 2026-7",
    );
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain("Gelöscht oder anonymisiert: Anmeldungen zu Fachtagen: 1");
    expect(erased.stdout).toContain("Erhalten: Teilnahmebescheinigungen: 1");
    expect(await figuresOf(platform, ev.id)).toEqual(before);

    const after = JSON.parse((await cli("privacy:export", "--email", person.email)).stdout);
    expect(after.parts).toEqual({});
    const log = await platform.db.kysely
      .selectFrom("audit_log")
      .select(["actor", "action", "details"])
      .where("action", "like", "privacy.%")
      .orderBy("at")
      .execute();
    expect(log.map((e) => [e.actor, e.action])).toEqual([
      ["cli", "privacy.exported"],
      ["cli", "privacy.erased"],
      ["cli", "privacy.exported"],
    ]);
    expect(log.map((e) => e.details).join(" ")).not.toContain(person.email);
  });
});
