/**
 * Site search benchmark: the directory benchmark's data (5,000 organisations, 10,000
 * offers, bench/directory-data.ts), 20,000 posts of the Austausch and 500 Fachtage with
 * four programme items and a public document each, written straight into the tables and
 * indexed with one rebuild; then the one search is asked, in-process and over HTTP.
 *
 *   npx tsx bench/search-bench.ts                                            # SQLite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/search-bench.ts
 *   BENCH_DURATION=5 BENCH_CONNECTIONS=4 BENCH_ROUNDS=40 …
 *
 * Targets (p95): under 30 ms on SQLite, under 50 ms on PostgreSQL. Exit code 1 when missed.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { modules } from "../src/modules/index.js";
import { rebuildIndex } from "../src/modules/search/index.js";
import { search } from "../src/modules/search/search.service.js";
import { createPlatform } from "../src/platform/bootstrap.js";
import { loadConfig } from "../src/platform/config.js";
import { dropSchema, ensureSchema } from "../src/platform/db/database.js";
import { buildApp } from "../src/platform/http/app.js";
import { generateDirectoryData } from "./directory-data.js";

interface AutocannonInstance extends PromiseLike<{ requests: { average: number }; non2xx: number }> {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => AutocannonInstance;

const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 40);
const pgUrl = process.env.BENCH_DATABASE_URL;
const target = pgUrl ? 50 : 30;

const queries: { name: string; input: Parameters<typeof search>[1] }[] = [
  { name: "Sprachförderung", input: { q: "Sprachförderung" } },
  { name: "Schule (viele Treffer)", input: { q: "Schule" } },
  { name: "Kita Celle", input: { q: "Kita Celle" } },
  { name: "VHS", input: { q: "VHS" } },
  { name: "DaZ", input: { q: "DaZ" } },
  { name: "Grundschule Inklusion, Beiträge", input: { q: "Grundschule Inklusion", type: "post" } },
  { name: "Schule + Bereich + Gemeinde", input: { q: "Schule", area: "schule", municipality: "Celle" } },
  { name: "Seite 5 von „Förderung“", input: { q: "Förderung", page: 5 } },
];
const httpPaths = [
  "/api/v1/search?q=Sprachf%C3%B6rderung",
  "/api/v1/search?q=Schule&type=organisation",
  "/suche?q=Sprachf%C3%B6rderung",
  "/suche?q=Kita&gemeinde=Celle",
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
const ms = (v: number) => Math.round(v * 10) / 10;

const topics = [
  ["Sprachförderung", "Sprachförderung für neu zugewanderte Kinder", "Wir fördern Deutsch als Zweitsprache im Alltag."],
  ["Elternarbeit", "Elterncafé am Nachmittag", "Eltern treffen sich in der Kita und tauschen sich aus."],
  ["Inklusion", "Inklusive Ganztagsangebote", "Alle Kinder spielen zusammen, Schulbegleitung inklusive."],
  ["Digitalisierung", "Tablets im Unterricht", "Erfahrungen mit Lern-Apps in der Grundschule."],
  ["Berufsorientierung", "Praktikumsbörse", "Betriebe bieten Plätze für Schülerinnen und Schüler an."],
  ["Lesen", "Lesepaten gesucht", "Die Bücherei sucht Ehrenamtliche für Vorlesestunden."],
  ["Migration", "Lotsenprojekt für Familien", "Ehrenamtliche begleiten zugewanderte Familien zu Ämtern."],
  ["Übergang", "Schnuppertag vor dem Schulstart", "Kita und Grundschule bereiten den Übergang gemeinsam vor."],
] as const;
const kinds = ["idea", "experience", "practice", "offer", "request"] as const;
const places = ["Celle", "Bergen", "Wietze", "Südheide", "Faßberg", "Eschede", "Hambühren", "Winsen (Aller)"];
const areas = ["fruehkindlich", "schule", "weiterbildung", "non_formal", "beruflich"];

const dataDir = mkdtempSync(join(tmpdir(), "bn-search-bench-"));
const schema = pgUrl ? `bench_${randomBytes(4).toString("hex")}` : undefined;
if (pgUrl && schema) await ensureSchema(pgUrl, schema);
const config = loadConfig({
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret-1234",
  SEED_DEMO: "false",
  LOG_LEVEL: "warn",
  RATE_LIMIT: "off",
  BASE_URL: "http://127.0.0.1",
  ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
});
const platform = await createPlatform(config, modules, {
  ...(schema ? { schema } : {}),
  poolSize: 10,
  logger: pino({ level: "warn" }),
});
let failed = false;
try {
  const db = platform.db.kysely;
  const generated = await generateDirectoryData(db, { cooperations: 0 });
  const started = performance.now();
  const now = new Date().toISOString();
  const posts = Array.from({ length: 20_000 }, (_, i) => {
    const [theme, title, text] = topics[i % topics.length] ?? topics[0];
    const kind = kinds[i % kinds.length] ?? "idea";
    return {
      id: `post-${String(i).padStart(6, "0")}-bench`,
      kind,
      title: `${title} ${i + 1}`,
      body: `${text} Beitrag ${i + 1}.`,
      body_html: `<p>${text} Beitrag ${i + 1}.</p>`,
      areas: JSON.stringify([areas[i % areas.length]]),
      themes: JSON.stringify([theme]),
      target_groups: JSON.stringify(["Kinder"]),
      municipality: places[i % places.length] ?? "Celle",
      organisation_id: `org-${String(i % generated.organisations).padStart(6, "0")}-bench`,
      status: i % 17 === 0 ? "draft" : "published",
      hidden: i % 101 === 0 ? 1 : 0,
      created_at: now,
      updated_at: now,
      published_at: now,
    };
  });
  for (let i = 0; i < posts.length; i += 500)
    await db
      .insertInto("exchange_posts")
      .values(posts.slice(i, i + 500))
      .execute();
  const events = Array.from({ length: 500 }, (_, i) => {
    const [theme, title, text] = topics[i % topics.length] ?? topics[0];
    const day = new Date(Date.UTC(2020 + (i % 8), i % 12, 1 + (i % 27), 8)).toISOString();
    return {
      id: `event-${String(i).padStart(4, "0")}-bench`,
      slug: `bench-fachtag-${i}`,
      title: `Fachtag ${title} ${i + 1}`,
      subtitle: "Fachtag für pädagogische Fachkräfte",
      description: `${text} Vorträge, Workshops und Austausch.`,
      themes: JSON.stringify([theme]),
      target_groups: JSON.stringify(["Fachkräfte"]),
      organisers: JSON.stringify(["Bildungsbüro"]),
      starts_at: day,
      ends_at: day,
      venue_name: "Kreishaus Celle",
      capacity: 100,
      confirm_by_email: 0,
      hold_hours: 24,
      reminder_days: 3,
      status: i % 10 === 0 ? ("draft" as const) : ("documented" as const),
      workshop_choice: "first_come" as const,
      created_at: now,
      updated_at: now,
    };
  });
  await db.insertInto("events").values(events).execute();
  const sessions = events.flatMap((e, i) =>
    ["Begrüßung", "Vortrag zur Praxis", "Workshop Mehrsprachigkeit", "Markt der Möglichkeiten"].map((t, k) => ({
      id: `${e.id}-s${k}`,
      event_id: e.id,
      kind: k === 2 ? ("workshop" as const) : ("talk" as const),
      title: `${t} ${i + 1}`,
      abstract: "Beispiele aus Kita, Schule und Verein.",
      speakers: JSON.stringify([{ name: "Fiktive Referentin" }]),
      starts_at: e.starts_at,
      ends_at: e.ends_at,
      position: k,
      created_at: now,
      updated_at: now,
    })),
  );
  for (let i = 0; i < sessions.length; i += 500)
    await db
      .insertInto("event_sessions")
      .values(sessions.slice(i, i + 500))
      .execute();
  await db
    .insertInto("event_documents")
    .values(
      events.map((e) => ({
        id: `${e.id}-doc`,
        event_id: e.id,
        kind: "documentation",
        title: "Dokumentation des Fachtags",
        public: 1,
        storage_key: `bench/${e.id}.pdf`,
        content_type: "application/pdf",
        size_bytes: 1000,
        sha256: "0".repeat(64),
        original_name: "doku.pdf",
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const written = Math.round(performance.now() - started);
  const rebuildStart = performance.now();
  const entries = await rebuildIndex(platform);
  const rebuildMs = Math.round(performance.now() - rebuildStart);
  if (platform.db.dialect === "sqlite") platform.db.sqlite?.pragma("optimize");
  console.log(
    `Daten: ${generated.organisations} Organisationen, ${generated.offers} Angebote, ${posts.length} Beiträge, ${events.length} Fachtage (${sessions.length} Programmpunkte) in ${generated.ms + written} ms; Index: ${entries} Einträge in ${rebuildMs} ms`,
  );
  console.log(
    `Maschine: ${cpus().length} Kerne (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${platform.db.dialect}; Last (1 min) ${loadavg()[0]?.toFixed(1)}\n`,
  );

  console.log(`Im Prozess (search(), ${rounds} Aufrufe nacheinander je Anfrage):\n`);
  console.log("| Anfrage | Treffer | p50 ms | p95 ms | Ziel |");
  console.log("| --- | ---: | ---: | ---: | --- |");
  for (const q of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < rounds + 5; i++) {
      const start = performance.now();
      total = (await search(platform, q.input)).total;
      if (i >= 5) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    const ok = p95 < target;
    if (!ok) failed = true;
    console.log(
      `| ${q.name} | ${total} | ${ms(percentile(times, 50))} | ${ms(p95)} | ${ok ? "✓" : "✗"} < ${target} ms |`,
    );
  }

  const app = await buildApp({ platform, modules });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  console.log(`\nÜber HTTP (autocannon, ${connections} Verbindungen, ${duration} s je Adresse):\n`);
  console.log("| Adresse | Anfragen | p50 ms | p95 ms | Anfragen/s | nicht 2xx | Ziel |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const path of httpPaths) {
    const times: number[] = [];
    const instance = autocannon({
      url: base + path,
      connections,
      duration,
      headers: { accept: "text/html,application/json" },
    });
    instance.on("response", (_c, _s, _b, responseTime) => times.push(responseTime));
    const result = await instance;
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    const ok = p95 < target && result.non2xx === 0;
    if (!ok) failed = true;
    console.log(
      `| \`${path}\` | ${times.length} | ${ms(percentile(times, 50))} | ${ms(p95)} | ${Math.round(result.requests.average)} | ${result.non2xx} | ${ok ? "✓" : "✗"} < ${target} ms |`,
    );
  }
  await app.close();
} finally {
  await platform.db.close();
  if (pgUrl && schema) await dropSchema(pgUrl, schema);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
