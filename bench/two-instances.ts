/**
 * Two app instances on one PostgreSQL behind nginx, with shared rate limits in Redis:
 * the third setup of the registration rush (issue 14), for real on loopback.
 *
 *   npx tsx bench/two-instances.ts
 *
 * What it does, in a fresh database and temporary folders (nothing of the machine's
 * PostgreSQL besides one new database, dropped at the end):
 *   1. starts two instances of `src/server.ts` (production mode, FILE_STORAGE=database,
 *      REDIS_URL, TRUST_PROXY, rate limits ON) and nginx in front of them;
 *   2. rush: RUSH_ATTEMPTS (2,000) registrations at 50 connections for 150 places and 8
 *      workshops × 20 through nginx, every attempt from its own client address
 *      (X-Forwarded-For), so every request asks Redis for its rate limit;
 *   3. checks: exactly 150 places taken, every workshop within capacity, waitlist positions
 *      1..n without gaps, every 201 stored, no 5xx, both instances served, each registrant
 *      got exactly one e-mail (the .eml files of both instances' outbox workers, by
 *      Message-ID);
 *   4. one client sends 25 registrations: the shared budget (20 per 10 minutes) answers 429
 *      from whichever instance gets the request;
 *   5. a file uploaded through one instance is served by the other (FILE_STORAGE=database);
 *   6. one instance is killed with SIGKILL in the middle of a second rush: the other keeps
 *      serving through nginx, every 201 is stored, the counts still hold.
 * Exit code 1 when a check fails.
 *
 * Environment: PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/test), REDIS_URL
 * (redis://127.0.0.1:6379), NGINX (/usr/sbin/nginx; `apt-get install -y nginx`),
 * RUSH_ATTEMPTS, RUSH_CONNECTIONS, KILL_ATTEMPTS (1,000; b is killed after 30 % of them).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { hashToken } from "../src/platform/auth/api-tokens.js";
import { percentile } from "./lib/closed-loop.js";
import { createRushFachtag } from "./lib/rush-fachtag.js";
import { freePort } from "./lib/server.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ATTEMPTS = num("RUSH_ATTEMPTS", 2000);
const CONNECTIONS = num("RUSH_CONNECTIONS", 50);
const KILL_ATTEMPTS = num("KILL_ATTEMPTS", 1000); // the second rush, during which instance b dies
const CAPACITY = 150;
const WORKSHOPS = 8;
const WORKSHOP_CAPACITY = 20;
const ADMIN_URL = process.env.PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";
const SECRET = "two-instances-secret-two-instances-secret-42";

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

interface Instance {
  name: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url}/readyz did not answer 200 within ${timeoutMs} ms`);
}

async function startInstance(name: string, databaseUrl: string, baseUrl: string, work: string): Promise<Instance> {
  const port = await freePort();
  const dataDir = join(work, name);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      FILE_STORAGE: "database",
      TRUST_PROXY: "true",
      RATE_LIMIT: "on",
      BASE_URL: baseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "error",
      SMTP_URL: "",
    },
  });
  await waitReady(`http://127.0.0.1:${port}`);
  return { name, port, dataDir, child };
}

function nginxConfig(work: string, port: number, upstreams: number[]): string {
  const t = (d: string) => join(work, "nginx", d);
  for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(t(d), { recursive: true });
  return `worker_processes 1;
pid ${t("nginx.pid")};
error_log ${t("error.log")} warn;
user root;
events { worker_connections 2048; }
http {
  log_format upstream '$upstream_addr $status';
  access_log ${t("access.log")} upstream;
  client_body_temp_path ${t("body")};
  proxy_temp_path ${t("proxy")};
  fastcgi_temp_path ${t("fastcgi")};
  uwsgi_temp_path ${t("uwsgi")};
  scgi_temp_path ${t("scgi")};
  client_max_body_size 25m;
  upstream bildungsnetz {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=2 fail_timeout=10s;`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://bildungsnetz;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
`;
}

interface Answer {
  status: number;
  body: string;
  latency: number;
}

/** Closed loop like bench/lib/closed-loop.ts, but keeps every answer's body (ids of 201s). */
async function rush(
  base: string,
  amount: number,
  build: (i: number) => { path: string; body: string; ip: string },
  onAnswer?: (done: number) => void,
): Promise<{ answers: Answer[]; errors: number; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = new URL(base);
  const answers: Answer[] = [];
  let errors = 0;
  let next = 0;
  const send = (spec: ReturnType<typeof build>) =>
    new Promise<Answer>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: spec.path,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(spec.body),
            "x-forwarded-for": spec.ip,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString(),
              latency: performance.now() - t0,
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(spec.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < amount) {
        const i = next++;
        try {
          answers.push(await send(build(i)));
        } catch {
          errors++;
        }
        onAnswer?.(answers.length + errors);
      }
    }),
  );
  agent.destroy();
  return { answers, errors, seconds: (performance.now() - started) / 1000 };
}

const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function main() {
  if (!existsSync(NGINX)) throw new Error(`nginx fehlt (${NGINX}): apt-get install -y nginx`);
  const work = mkdtempSync(join(tmpdir(), "bn-two-"));
  const dbName = `bn_two_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const databaseUrl = `${ADMIN_URL.replace(/\/[^/]*$/, "")}/${dbName}`;
  const nginxPort = await freePort();
  const base = `http://127.0.0.1:${nginxPort}`;
  const children: ChildProcess[] = [];
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    // The first instance migrates; the second starts on the migrated database.
    const a = await startInstance("a", databaseUrl, base, work);
    children.push(a.child);
    const b = await startInstance("b", databaseUrl, base, work);
    children.push(b.child);
    writeFileSync(join(work, "nginx.conf"), nginxConfig(work, nginxPort, [a.port, b.port]));
    const nginx = spawn(NGINX, ["-p", work, "-c", join(work, "nginx.conf"), "-g", "daemon off;"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(nginx);
    await waitReady(base);
    await db.connect();

    // An editor with an API token, written straight into the shared database.
    const token = `bn_two_instances_${Date.now()}`;
    await db.query(
      "INSERT INTO users (id, name, email, email_verified, role, created_at, updated_at) VALUES ($1, $2, $3, true, 'editor', now(), now())",
      ["two-editor", "Rush Editor", "rush-editor@example.org"],
    );
    await db.query(
      "INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, 'rush', $3, $4, $5)",
      ["two-token", "two-editor", hashToken(token), token.slice(0, 10), new Date().toISOString()],
    );
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const createFachtag = (title: string) =>
      createRushFachtag(base, auth.authorization, {
        title,
        capacity: CAPACITY,
        workshops: WORKSHOPS,
        workshopCapacity: WORKSHOP_CAPACITY,
        confirmByEmail: true,
      });
    const attempt = (f: { id: string; workshopIds: string[] }, prefix: string, ipOffset: number) => (i: number) => ({
      path: `/api/v1/events/${f.id}/registrations`,
      ip: ipOf(ipOffset + i),
      body: JSON.stringify({
        firstName: "Erika",
        lastName: `Müller ${i}`,
        email: `${prefix}-${i}@example.org`,
        organisation: "Kita Sonnenschein",
        workshopIds: [f.workshopIds[i % f.workshopIds.length]],
        consents: { privacy: true },
      }),
    });
    const listRegistrations = async (eventId: string) => {
      const res = await fetch(`${base}/api/v1/events/${eventId}/registrations`, { headers: auth });
      return (await res.json()) as {
        id: string;
        status: string;
        email: string;
        workshopIds: string[];
        waitlistPosition?: number;
      }[];
    };
    const verify = async (f: { id: string; workshopIds: string[] }, answers: Answer[], label: string) => {
      const rows = await listRegistrations(f.id);
      const held = rows.filter((r) => r.status === "confirmed" || r.status === "pending");
      const created = answers.filter((x) => x.status === 201).map((x) => (JSON.parse(x.body) as { id: string }).id);
      const stored = new Set(rows.map((r) => r.id));
      const positions = rows
        .filter((r) => r.status === "waitlisted")
        .map((r) => r.waitlistPosition ?? 0)
        .sort((x, y) => x - y);
      check(held.length === CAPACITY, `${label}: exactly ${CAPACITY} places taken (${held.length})`);
      const perWorkshop = f.workshopIds.map((w) => held.filter((r) => r.workshopIds.includes(w)).length);
      check(
        perWorkshop.every((n) => n <= WORKSHOP_CAPACITY),
        `${label}: every workshop within capacity (${perWorkshop.join(", ")} of ${WORKSHOP_CAPACITY})`,
      );
      check(
        positions.every((p, i) => p === i + 1),
        `${label}: waitlist positions 1..${positions.length} without gaps`,
      );
      check(
        created.every((id) => stored.has(id)),
        `${label}: every acknowledged registration (${created.length} × 201) is stored`,
      );
      check(rows.length === created.length, `${label}: nothing stored that was not acknowledged (${rows.length} rows)`);
      return rows;
    };

    console.log("Two instances behind nginx, PostgreSQL + Redis");
    console.log(
      `  machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(`  instances on ports ${a.port} and ${b.port}, nginx on ${nginxPort}, database ${dbName}\n`);

    // 2–3: the rush.
    const fachtag = await createFachtag("Kindliche Entwicklung stärken (Lasttest, zwei Instanzen)");
    const warm = await createFachtag("Aufwärmen (zwei Instanzen)");
    await rush(base, 300, attempt(warm, "warm", 900_000));
    const result = await rush(base, ATTEMPTS, attempt(fachtag, "rush", 0));
    const latencies = result.answers.map((x) => x.latency).sort((x, y) => x - y);
    const statuses: Record<number, number> = {};
    for (const x of result.answers) statuses[x.status] = (statuses[x.status] ?? 0) + 1;
    const created = statuses[201] ?? 0;
    console.log(
      `  rush: ${ATTEMPTS} attempts, ${CONNECTIONS} connections: ${(created / result.seconds).toFixed(0)} registrations/s, ` +
        `${(result.answers.length / result.seconds).toFixed(0)} req/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms; ` +
        `statuses ${JSON.stringify(statuses)}, errors ${result.errors}`,
    );
    const rows = await verify(fachtag, result.answers, "rush");
    check(!result.answers.some((x) => x.status >= 500) && result.errors === 0, "rush: no 5xx, no connection error");
    const log = readFileSync(join(work, "nginx", "access.log"), "utf8")
      .trim()
      .split("\n");
    const served = (port: number) => log.filter((l) => l.startsWith(`127.0.0.1:${port} `)).length;
    check(served(a.port) > 0 && served(b.port) > 0, `both instances served (${served(a.port)} / ${served(b.port)})`);

    // Mails: the outbox workers of both instances drain the shared outbox; each mail once.
    const until = Date.now() + 180_000;
    let pending = 1;
    while (Date.now() < until) {
      const r = await db.query("SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'");
      pending = r.rows[0].n as number;
      if (pending === 0) break;
      await sleep(500);
    }
    check(pending === 0, "outbox drained by the two workers");
    const messageIds: string[] = [];
    const recipients: string[] = [];
    for (const inst of [a, b]) {
      const folder = join(inst.dataDir, "mail");
      if (!existsSync(folder)) continue;
      for (const f of readdirSync(folder)) {
        const text = readFileSync(join(folder, f), "utf8");
        messageIds.push(/^Message-ID: (.+)$/im.exec(text)?.[1]?.trim() ?? f);
        const to = /^To: (.+)$/im.exec(text)?.[1]?.trim() ?? "";
        if (to.includes("rush-")) recipients.push(to);
      }
    }
    check(
      new Set(messageIds).size === messageIds.length,
      `no mail sent twice (${messageIds.length} mails, by Message-ID)`,
    );
    check(
      recipients.length === rows.length && new Set(recipients).size === rows.length,
      `one e-mail per registrant (${recipients.length} mails for ${rows.length} registrants)`,
    );

    // 4: one client, one budget across both instances.
    const limited = await createFachtag("Budget (zwei Instanzen)");
    // A fresh address per run: Redis keeps the counters of an earlier run for 10 minutes.
    const budgetIp = `198.18.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
    const one = await rush(base, 25, (i) => ({ ...attempt(limited, "budget", 0)(i), ip: budgetIp }));
    const accepted = one.answers.filter((x) => x.status === 201).length;
    const refused = one.answers.filter((x) => x.status === 429).length;
    check(
      accepted === 20 && refused === 5,
      `shared rate limit: one client gets 20 registrations, then 429 (${accepted} × 201, ${refused} × 429)`,
    );

    // 5: a file uploaded through instance a is served by instance b.
    const event = fachtag.id;
    const form = new FormData();
    form.set("title", "Programmheft");
    form.set("kind", "documentation");
    form.set("public", "true");
    form.set("file", new Blob(["%PDF-1.4\n% zwei Instanzen\n"], { type: "application/pdf" }), "programm.pdf");
    const upload = await fetch(`http://127.0.0.1:${a.port}/api/v1/events/${event}/documents`, {
      method: "POST",
      headers: { authorization: auth.authorization },
      body: form,
    });
    if (upload.status === 201) {
      const doc = (await upload.json()) as { id: string; url: string };
      const fromB = await fetch(`http://127.0.0.1:${b.port}${new URL(doc.url).pathname}`);
      const body = await fromB.text();
      check(
        fromB.status === 200 && body.includes("zwei Instanzen"),
        `a file uploaded through instance a is served by instance b (${fromB.status})`,
      );
    } else {
      console.log(
        `  (file check left out: POST …/documents answered ${upload.status} ${(await upload.text()).slice(0, 120)})`,
      );
    }

    // 6: instance b is killed in the middle of a second rush; a keeps serving through nginx.
    const second = await createFachtag("Zweiter Ansturm (eine Instanz fällt aus)");
    let killed = false;
    const killAt = Math.round(KILL_ATTEMPTS * 0.3);
    const crash = await rush(base, KILL_ATTEMPTS, attempt(second, "crash", 100_000), (done) => {
      if (!killed && done >= killAt) {
        killed = true;
        b.child.kill("SIGKILL");
      }
    });
    const crashStatuses: Record<number, number> = {};
    for (const x of crash.answers) crashStatuses[x.status] = (crashStatuses[x.status] ?? 0) + 1;
    console.log(
      `  instance b killed after ${killAt} answers: statuses ${JSON.stringify(crashStatuses)}, errors ${crash.errors}`,
    );
    await verify(second, crash.answers, "after the kill");
    const late = crash.answers.slice(killAt + 100);
    check(
      late.length > 0 && late.every((x) => x.status < 500),
      `the other instance keeps serving (${late.length} answers after the kill, none 5xx)`,
    );
  } finally {
    for (const c of children.reverse()) c.kill("SIGTERM");
    await sleep(1500);
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await db.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(failures.length ? `\nFAILED: ${failures.length} check(s)` : "\nall checks passed");
  process.exitCode = failures.length ? 1 : 0;
}

await main();
