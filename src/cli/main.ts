import { writeSync } from "node:fs";
import { parseArgs } from "node:util";
import type { FastifyBaseLogger } from "fastify";
import pino from "pino";
import { createTokenForAccount, createUserWithPassword } from "../modules/accounts/index.js";
import { modules } from "../modules/index.js";
import { erasePersonData, erasureLine, exportPersonData } from "../modules/privacy/index.js";
import { retentionReportLines, runRetention } from "../modules/retention/index.js";
import { rebuildIndex } from "../modules/search/index.js";
import { roles } from "../platform/auth/actor.js";
import { createPlatform, isEmptyDatabase, seedDemo } from "../platform/bootstrap.js";
import { type Config, ConfigError, loadConfig } from "../platform/config.js";
import { backupSqlite } from "../platform/db/backup.js";
import { openDatabase } from "../platform/db/database.js";
import { migrateToLatest } from "../platform/db/migrator.js";
import { DomainError, ValidationError } from "../platform/http/errors.js";
import type { Platform } from "../platform/platform.js";

/** Where the CLI writes: stdout only for results (a token, a summary), stderr for everything else. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CliIo = {
  env: process.env,
  out: (line) => writeSync(1, `${line}\n`),
  err: (line) => writeSync(2, `${line}\n`),
};

/** A problem the operator can fix; printed in German, exit code 1 (or the given one). */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

interface Command {
  name: string;
  usage: string;
  description: string;
  options: Record<string, { type: "string" | "boolean" }>;
  run(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<void>;
}

const EX_USAGE = 64;
const EX_CONFIG = 78;

const commands: Command[] = [
  {
    name: "migrate",
    usage: "migrate",
    description: "Bringt die Datenbank auf den neuesten Stand (führt ausstehende Migrationen aus).",
    options: {},
    async run(_values, io) {
      const config = configFrom(io);
      const db = openDatabase(config.databaseUrl);
      try {
        const result = await migrateToLatest(db);
        const done = (result.results ?? []).filter((r) => r.status === "Success");
        for (const r of done) io.err(`  ausgeführt: ${r.migrationName}`);
        io.out(
          done.length
            ? `Datenbank aktualisiert: ${done.length} Migration(en) ausgeführt.`
            : "Datenbank ist bereits auf dem neuesten Stand.",
        );
      } finally {
        await db.close();
      }
    },
  },
  {
    name: "user:create",
    usage: "user:create --email E-MAIL --password PASSWORT --role admin|editor|member [--name NAME]",
    description:
      "Legt ein bestätigtes Konto mit Passwort und Rolle an (Passwort: mindestens 12 Zeichen, kein gängiges Passwort).",
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
    },
    async run(values, io) {
      const email = required(values, "email");
      const password = required(values, "password");
      const role = required(values, "role");
      if (!(roles as readonly string[]).includes(role)) {
        throw new CliError(`Unbekannte Rolle „${role}“. Erlaubt sind: ${roles.join(", ")}.`, EX_USAGE);
      }
      await withPlatform(io, async (platform) => {
        try {
          const name = typeof values.name === "string" ? values.name : undefined;
          const user = await createUserWithPassword(platform, { email, password, role, name, verified: true });
          io.out(`Konto angelegt: ${user.email} (Rolle ${role}).`);
        } catch (error) {
          throw explain(error);
        }
      });
    },
  },
  {
    name: "token:create",
    usage: "token:create --email E-MAIL [--name NAME]",
    description:
      "Erstellt ein API-Token für das Konto mit dieser E-Mail-Adresse; die letzte Ausgabezeile ist nur das Token.",
    options: { email: { type: "string" }, name: { type: "string" } },
    async run(values, io) {
      const email = required(values, "email").trim().toLowerCase();
      const name = typeof values.name === "string" && values.name.trim() ? values.name.trim() : "Kommandozeile";
      await withPlatform(io, async (platform) => {
        const created = await createTokenForAccount(platform, email, name);
        if (!created) throw new CliError(`Es gibt kein Konto mit der E-Mail-Adresse ${email}.`);
        io.err(`API-Token „${name}“ für ${email} (Rolle ${created.role}) erstellt. Es wird nur jetzt angezeigt:`);
        io.out(created.token);
      });
    },
  },
  {
    name: "seed:demo",
    usage: "seed:demo [--force]",
    description:
      "Lädt die Demo-Daten (Landkreis Celle, Demo-Konten). Verweigert das bei einer benutzten Datenbank, außer mit --force.",
    options: { force: { type: "boolean" } },
    async run(values, io) {
      await withPlatform(io, async (platform) => {
        if (!values.force && !(await isEmptyDatabase(platform))) {
          throw new CliError(
            "Die Datenbank enthält schon Konten. Demo-Daten werden nur in eine leere Datenbank geladen (mit --force trotzdem).",
          );
        }
        const lines: string[] = [];
        await seedDemo(platform, modules, (line) => lines.push(line));
        io.out("Demo-Daten geladen.");
        if (!platform.config.isProduction) for (const line of lines) io.out(`  ${line}`);
      });
    },
  },
  {
    name: "search:rebuild",
    usage: "search:rebuild",
    description:
      "Baut den Suchindex aus allen veröffentlichten Inhalten neu auf (nach einer Änderung der Synonymliste oder einem Import an der Anwendung vorbei).",
    options: {},
    async run(_values, io) {
      await withPlatform(io, async (platform) => {
        io.out(`Suchindex neu aufgebaut: ${await rebuildIndex(platform)} Einträge.`);
      });
    },
  },
  {
    name: "backup",
    usage: "backup --to DATEI",
    description:
      "Schreibt eine Sicherung der SQLite-Datenbank im laufenden Betrieb: den Stand eines Augenblicks, ohne Anmeldungen aufzuhalten (bei PostgreSQL: pg_dump benutzen).",
    options: { to: { type: "string" } },
    async run(values, io) {
      const target = required(values, "to");
      await withPlatform(io, async (platform) => {
        if (platform.db.dialect !== "sqlite" || !platform.db.sqlite) {
          throw new CliError(
            'Die Datenbank ist PostgreSQL: Bitte sichern Sie sie mit pg_dump, z. B. pg_dump --format=custom --file=bildungsnetz.dump "$DATABASE_URL".',
          );
        }
        backupSqlite(platform.db.sqlite, target);
        io.out(`Sicherung geschrieben: ${target}`);
      });
    },
  },
  {
    name: "retention:run",
    usage: "retention:run [--now ISO-ZEIT]",
    description:
      "Löscht jetzt die personenbezogenen Daten der Fachtage, deren Löschfrist abgelaufen ist, und erinnert die Veranstalter zwei Wochen vorher – mit --now so, als wäre es diese Zeit (z. B. 2027-09-30T12:00:00Z).",
    options: { now: { type: "string" } },
    async run(values, io) {
      const now = values.now === undefined ? new Date() : isoTime(String(values.now), "now");
      await withPlatform(io, async (platform) => {
        for (const line of retentionReportLines(await runRetention(platform, now))) io.out(line);
      });
    },
  },
  {
    name: "privacy:export",
    usage: "privacy:export --email E-MAIL",
    description:
      "Auskunft nach Art. 15 DSGVO: schreibt alles, was die Plattform zu dieser E-Mail-Adresse speichert, als JSON auf die Standardausgabe (im Protokoll vermerkt).",
    options: { email: { type: "string" } },
    async run(values, io) {
      const email = emailOption(values);
      await withPlatform(io, async (platform) => {
        io.out(JSON.stringify(await exportPersonData(platform, email), null, 2));
      });
    },
  },
  {
    name: "privacy:erase",
    usage: 'privacy:erase --email E-MAIL --reason "GRUND"',
    description:
      "Löschung nach Art. 17 DSGVO: löscht oder anonymisiert die Person mit dieser E-Mail-Adresse in einem Schritt; Bescheinigungen bleiben prüfbar, die Zahlen der Fachtage bleiben. Der Grund steht im Protokoll.",
    options: { email: { type: "string" }, reason: { type: "string" } },
    async run(values, io) {
      const email = emailOption(values);
      const reason = required(values, "reason").trim();
      if (reason.length < 5)
        throw new CliError("Die Option --reason braucht einen Grund mit mindestens 5 Zeichen.", EX_USAGE);
      await withPlatform(io, async (platform) => {
        try {
          io.out(erasureLine(await erasePersonData(platform, { email, reason: reason.slice(0, 500) })));
        } catch (error) {
          if (error instanceof DomainError && error.code === "person_unknown") {
            throw new CliError(`Zu ${email} ist nichts gespeichert.`);
          }
          throw error;
        }
      });
    },
  },
];

/** A well-formed --email, lower case; anything else is a usage error in German. */
function emailOption(values: Record<string, string | boolean | undefined>): string {
  const email = required(values, "email").trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new CliError(`„${email}“ ist keine gültige E-Mail-Adresse.`, EX_USAGE);
  }
  return email;
}

/** An ISO 8601 time (a date alone means midnight UTC); anything else is a usage error in German. */
function isoTime(value: string, option: string): Date {
  const date = new Date(value);
  if (
    !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim()) ||
    Number.isNaN(date.getTime())
  ) {
    throw new CliError(
      `Die Option --${option} braucht eine Zeit nach ISO 8601, z. B. 2027-09-30T12:00:00Z oder 2027-09-30 („${value}“ ist keine).`,
      EX_USAGE,
    );
  }
  return date;
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "Bildungsnetz – Kommandozeile",
    "",
    "Aufruf: npm run cli -- <befehl> [optionen]",
    "",
    "Befehle:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.description}\n  ${"".padEnd(width)}${c.usage}`),
    `  ${"--help".padEnd(width)}Zeigt diese Hilfe.`,
    "",
    "Die Kommandozeile liest dieselben Umgebungsvariablen wie der Server (DATABASE_URL, DATA_DIR, …).",
  ].join("\n");
}

/** Runs one CLI command; returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(helpText());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unbekannter Befehl „${name}“.\n\n${helpText()}`);
    return EX_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`${command.description}\nAufruf: npm run cli -- ${command.usage}`);
    return 0;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: command.options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    io.err(`${germanArgError(error as Error)}\nAufruf: npm run cli -- ${command.usage}`);
    return EX_USAGE;
  }
  try {
    await command.run(values, io);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`Fehler: ${error.message}`);
      if (error.exitCode === EX_USAGE) io.err(`Aufruf: npm run cli -- ${command.usage}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EX_CONFIG;
    }
    io.err(`Fehler: ${(error as Error).message}`);
    return 1;
  }
}

function germanArgError(error: Error): string {
  const option = /'(--?[\w-]+)/.exec(error.message)?.[1];
  if (/Unknown option/i.test(error.message)) return `Unbekannte Option ${option ?? ""}.`.replace(" .", ".");
  if (/argument missing|requires an argument/i.test(error.message))
    return `Bei ${option ?? "einer Option"} fehlt der Wert.`;
  if (/positional/i.test(error.message)) return "Unerwartetes Argument (Optionen beginnen mit --).";
  return `Ungültige Argumente: ${error.message}`;
}

function required(values: Record<string, string | boolean | undefined>, option: string): string {
  const value = values[option];
  if (typeof value !== "string" || value.trim() === "") {
    throw new CliError(`Die Option --${option} fehlt.`, EX_USAGE);
  }
  return value;
}

function configFrom(io: CliIo): Config {
  return loadConfig(io.env);
}

async function withPlatform(io: CliIo, work: (platform: Platform) => Promise<void>): Promise<void> {
  const config = configFrom(io);
  // Logs go to stderr: standard output stays clean for results such as a token.
  const logger = pino({ level: config.logLevel === "info" ? "warn" : config.logLevel }, pino.destination(2));
  let platform: Platform;
  try {
    platform = await createPlatform(config, modules, { logger: logger as unknown as FastifyBaseLogger });
  } catch (error) {
    throw new CliError(
      `Datenbank nicht erreichbar oder Migration fehlgeschlagen (DATABASE_URL): ${(error as Error).message}`,
      69,
    );
  }
  try {
    await work(platform);
  } finally {
    await platform.db.close();
  }
}

/** German texts of the modules' message keys (the CLI renders no page, so it asks the catalogues itself). */
const de = (key: string) => {
  for (const module of modules) {
    const text = module.messages?.de[key];
    if (text !== undefined) return text;
  }
  return key;
};
const fieldNames: Record<string, string> = { email: "--email", password: "--password", role: "--role", name: "--name" };

/** Domain errors of the accounts service, in German for the terminal. */
function explain(error: unknown): Error {
  if (error instanceof ValidationError) {
    const lines = Object.entries(error.fieldErrors).map(([field, key]) => {
      const text = key.startsWith("accounts.")
        ? de(key)
        : key === "validation.email"
          ? "Keine gültige E-Mail-Adresse."
          : key === "validation.choice"
            ? `Erlaubt sind: ${roles.join(", ")}.`
            : key === "validation.required"
              ? "Darf nicht leer sein."
              : key;
      return `${fieldNames[field] ?? field}: ${text}`;
    });
    return new CliError(lines.join("\n       "));
  }
  if (error instanceof DomainError && error.code === "email_taken") {
    return new CliError(de("accounts.users.emailTaken"));
  }
  return error as Error;
}
