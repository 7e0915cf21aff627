// Shared parts of the resilience tests: the real server in its own process (so it can be
// killed with SIGKILL), a database of its own per test (a SQLite file in a temporary
// DATA_DIR, or a new PostgreSQL database on the server of TEST_DATABASE_URL), an SMTP sink
// that counts the Message-IDs it receives, and a registration rush over HTTP.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import pino from "pino";
import { createRushFachtag } from "../../bench/lib/rush-fachtag.js";
import { freePort } from "../../bench/lib/server.js";
import { runCli } from "../../src/cli/main.js";
import { modules } from "../../src/modules/index.js";
import { createPlatform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import type { Platform } from "../../src/platform/platform.js";
import { createUserWithToken } from "../helpers/users.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const pgUrl = process.env.TEST_DATABASE_URL;
export const SECRET = "resilience-secret-resilience-secret-1234";

/** The URL of another database on the same PostgreSQL server as `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new, empty PostgreSQL database on the server of `url`; returns its URL and a drop function. */
export async function createDatabase(url: string, prefix: string) {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    url: databaseUrl(url, name),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Where one test's data lives: DATA_DIR always, DATABASE_URL for PostgreSQL. */
export interface Store {
  dataDir: string;
  databaseUrl: string | undefined;
  sqliteFile: string;
}

export function sqliteStore(dataDir = mkdtempSync(join(tmpdir(), "bn-resilience-"))): Store {
  return { dataDir, databaseUrl: undefined, sqliteFile: join(dataDir, "bildungsnetz.db") };
}

function configEnv(store: Store, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    SESSION_SECRET: SECRET,
    DATA_DIR: store.dataDir,
    SEED_DEMO: "false",
    LOG_LEVEL: "silent",
    RATE_LIMIT: "off",
    BASE_URL: "http://127.0.0.1:3000",
    DATABASE_URL: store.databaseUrl ?? "",
    ...extra,
  };
}

/** Opens the store in this process (migrates it), e.g. to create an editor or read the result. */
export async function openStore(store: Store): Promise<Platform> {
  const config = loadConfig(configEnv(store));
  return createPlatform(config, modules, { logger: pino({ level: "silent" }) });
}

/** An editor with an API token, created directly in the store before the server starts. */
export async function editorToken(store: Store): Promise<string> {
  const platform = await openStore(store);
  try {
    return (await createUserWithToken(platform, "editor")).authorization;
  } finally {
    await platform.db.close();
  }
}

/** Runs a program (pg_dump, pg_restore) and fails with its stderr when it does not exit 0. */
export async function run(program: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c) => {
    out += String(c);
  });
  child.stderr?.on("data", (c) => {
    err += String(c);
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${program} ${args.join(" ")}: exit ${code}: ${err}`);
  return out;
}

/**
 * The same command in this process (its own database connection, beside the server's
 * process): saves the CLI's start-up of many seconds on a loaded machine.
 */
export async function cliInProcess(store: Store, ...args: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(args, {
    env: configEnv(store),
    out: (line) => {
      out += `${line}\n`;
    },
    err: (line) => {
      err += `${line}\n`;
    },
  });
  return { code, out, err };
}

export interface AppProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Resolves with the exit code / signal when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts `src/server.ts` in its own process, as `npm start` would (production mode), on
 * the given store and a free port; resolves when /readyz answers 200.
 */
export async function startApp(store: Store, extra: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      ...configEnv(store, { HOST: "127.0.0.1", PORT: String(port), BASE_URL: baseUrl, ...extra }),
    },
  });
  let err = "";
  child.stderr?.on("data", (chunk) => {
    err += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (done) throw new Error(`Server beendet, bevor er bereit war: ${err}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Server nach 90 s nicht bereit: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    child,
    exited,
    stderr: () => err,
    async stop() {
      if (done) return;
      child.kill("SIGTERM");
      const timeout = new Promise((r) => setTimeout(r, 10_000, "timeout"));
      if ((await Promise.race([exited, timeout])) === "timeout") child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A Fachtag with `capacity` places (no double opt-in: 201 means confirmed or waitlisted) and workshops. */
export function createFachtag(
  baseUrl: string,
  authorization: string,
  capacity: number,
  workshops: number,
  workshopCapacity: number,
): Promise<{ id: string; workshopIds: string[] }> {
  return createRushFachtag(baseUrl, authorization, {
    title: "Fachtag Widerstandsfähigkeit",
    capacity,
    workshops,
    workshopCapacity,
    confirmByEmail: false,
  });
}

export interface Acknowledged {
  id: string;
  email: string;
  status: string;
  waitlistPosition?: number;
  workshopIds: string[];
  /** performance.now() when the 201 arrived. */
  at: number;
}

export interface RushResult {
  acknowledged: Acknowledged[];
  statuses: Record<string, number>;
  /** Requests that got no answer (connection refused or reset: the server was gone). */
  failures: number;
}

/**
 * `attempts` registrations on `connections` parallel loops; `onAck` is told about each 201
 * (e.g. to kill the server after the n-th). A loop stops when the server is gone.
 */
export async function rush(options: {
  baseUrl: string;
  fachtag: { id: string; workshopIds: string[] };
  attempts: number;
  connections: number;
  prefix: string;
  onAck?: (ack: Acknowledged, all: Acknowledged[]) => void;
  /** Keep going after a failed request (outage test); default: stop the loop. */
  keepGoing?: boolean;
  /** Pause of each loop between its requests (a steady trickle instead of a burst). */
  pauseMs?: number;
  /** Stops the loops early when it returns true. */
  stop?: () => boolean;
  /** Told about every answer (status, body, headers). */
  onResponse?: (status: number, body: string, headers: Headers) => void;
}): Promise<RushResult> {
  const acknowledged: Acknowledged[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (next < options.attempts && !options.stop?.()) {
      const i = next++;
      const workshop = options.fachtag.workshopIds[i % Math.max(1, options.fachtag.workshopIds.length)];
      const email = `${options.prefix}-${i}@example.org`;
      try {
        const res = await fetch(`${options.baseUrl}/api/v1/events/${options.fachtag.id}/registrations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            firstName: "Erika",
            lastName: `Müller ${i}`,
            email,
            organisation: "Kita Sonnenschein",
            workshopIds: workshop ? [workshop] : [],
            consents: { privacy: true },
          }),
        });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const text = await res.text();
        options.onResponse?.(res.status, text, res.headers);
        if (res.status === 201) {
          const ack = { ...(JSON.parse(text) as Omit<Acknowledged, "at" | "email">), email, at: performance.now() };
          acknowledged.push(ack);
          options.onAck?.(ack, acknowledged);
        }
      } catch {
        failures++;
        if (!options.keepGoing) return;
      }
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  return { acknowledged, statuses, failures };
}

export interface ListedRegistration {
  id: string;
  status: string;
  email: string;
  workshopIds: string[];
  waitlistPosition?: number;
}

export async function listRegistrations(
  baseUrl: string,
  authorization: string,
  eventId: string,
): Promise<ListedRegistration[]> {
  const res = await fetch(`${baseUrl}/api/v1/events/${eventId}/registrations`, { headers: { authorization } });
  if (res.status !== 200) throw new Error(`GET registrations: ${res.status} ${await res.text()}`);
  return (await res.json()) as ListedRegistration[];
}

/**
 * What must hold for a Fachtag's registrations whatever happened to the server: within
 * capacity (event and each workshop), one registration per address, waitlist positions
 * 1..n without gaps in the order they came.
 */
export function invariantProblems(
  rows: ListedRegistration[],
  capacity: number,
  workshopCapacity: number,
  workshopIds: string[],
): string[] {
  const problems: string[] = [];
  const held = rows.filter((r) => r.status === "confirmed" || r.status === "pending");
  if (held.length > capacity) problems.push(`overbooked: ${held.length} > ${capacity}`);
  for (const id of workshopIds) {
    const taken = held.filter((r) => r.workshopIds.includes(id)).length;
    if (taken > workshopCapacity) problems.push(`workshop ${id} overbooked: ${taken} > ${workshopCapacity}`);
  }
  if (new Set(rows.map((r) => r.email)).size !== rows.length) problems.push("duplicate addresses");
  const positions = rows
    .filter((r) => r.status === "waitlisted")
    .map((r) => r.waitlistPosition)
    .sort((a, b) => (a ?? 0) - (b ?? 0));
  const expected = positions.map((_, i) => i + 1);
  if (JSON.stringify(positions) !== JSON.stringify(expected)) {
    problems.push(`waitlist positions ${JSON.stringify(positions)} are not 1..${positions.length}`);
  }
  return problems;
}

/**
 * A minimal SMTP server on 127.0.0.1 that accepts every message and records its Message-ID
 * (no TLS, no auth: nodemailer falls back to plain SMTP when STARTTLS is not offered).
 */
export async function smtpSink(onMessage?: (count: number) => void) {
  const received: { messageId: string; to: string }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let buffer = "";
    let inData = false;
    let to = "";
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const id = /^message-id:\s*(<[^>]+>)/im.exec(message)?.[1] ?? "(none)";
          received.push({ messageId: id, to });
          // Told before the answer: a test may kill the sender between "received" and "250".
          onMessage?.(received.length);
          socket.write("250 OK queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-sink\r\n250 8BITMIME\r\n");
        else if (verb === "RCPT") {
          to = /<([^>]*)>/.exec(line)?.[1] ?? "";
          socket.write("250 OK\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 End data with <CR><LF>.<CR><LF>\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 Bye\r\n");
          return;
        } else socket.write("250 OK\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Waits until `check` returns true (polled), or fails after `ms`. */
export async function waitFor(what: string, ms: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`nach ${ms / 1000} s nicht erreicht: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
