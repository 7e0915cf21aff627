/**
 * Directory and network benchmark: fills a fresh database with
 * 5,000 organisations, 10,000 offers and 20,000 cooperations (bench/directory-data.ts),
 * starts the whole app on a local port and measures
 *   - p95 latency of the filtered list and the search (HTML and JSON API) with autocannon,
 *   - the time of the network analysis (/api/v1/network/analysis), cold and warm.
 *
 *   npx tsx bench/directory-bench.ts                       # SQLite in a temporary folder
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/directory-bench.ts
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=4 …                # seconds per scenario, parallel clients
 *
 * Targets: p95 < 50 ms for list and search, analysis < 1 s. Exit code 1 when missed.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { computeNetworkAnalysis } from "../src/modules/network/analysis.service.js";
import { generateDirectoryData } from "./directory-data.js";
import { listenApp, openBenchPlatform } from "./lib/bench-platform.js";
import { measureLatency, percentile } from "./lib/http-latency.js";

const duration = Number(process.env.BENCH_DURATION ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);

const scenarios: { name: string; path: string; target: number }[] = [
  { name: "Liste gefiltert (Art + Gemeinde)", path: "/akteure?art=grundschule&gemeinde=Celle", target: 50 },
  { name: "Liste gefiltert (Bereich + Thema)", path: "/akteure?bereich=schule&thema=Inklusion", target: 50 },
  { name: "Suche „Schule“", path: "/akteure?q=Schule", target: 50 },
  { name: "Suche „ueber“ + Bereich", path: "/akteure?q=ueber&bereich=schule", target: 50 },
  { name: "API Suche q=kita", path: "/api/v1/organisations?q=kita", target: 50 },
  { name: "API gefiltert kind+municipality", path: "/api/v1/organisations?kind=kita&municipality=Celle", target: 50 },
  { name: "API Suche + area", path: "/api/v1/organisations?q=schule&area=schule", target: 50 },
];

const bench = await openBenchPlatform();
const { platform } = bench;
let failed = false;
try {
  const generated = await generateDirectoryData(platform.db.kysely);
  console.log(
    `Daten: ${generated.organisations} Organisationen, ${generated.offers} Angebote, ${generated.cooperations} Kooperationen (${generated.partners} Beteiligungen) in ${generated.ms} ms`,
  );
  if (platform.db.dialect === "sqlite") platform.db.sqlite?.pragma("optimize");
  const app = await listenApp(platform);
  const { base } = app;

  console.log(
    `\nMaschine: ${cpus().length} Kerne (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${platform.db.dialect}; Last (1 min) ${loadavg()[0]!.toFixed(1)}; ${connections} parallele Verbindungen, ${duration} s je Szenario\n`,
  );
  console.log("| Szenario | Pfad | Anfragen | p50 ms | p95 ms | p99 ms | Anfragen/s | nicht 2xx | Ziel |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const s of scenarios) {
    const probe = await fetch(base + s.path);
    if (probe.status === 404) {
      console.log(`| ${s.name} | \`${s.path}\` | – | – | – | – | – | – | fehlt (404) |`);
      continue;
    }
    const r = await measureLatency(base + s.path, connections, duration);
    const ok = r.p95 < s.target && r.non2xx === 0;
    if (!ok) failed = true;
    console.log(
      `| ${s.name} | \`${s.path}\` | ${r.n} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} | ${r.non2xx} | ${ok ? "✓" : "✗"} < ${s.target} ms |`,
    );
  }

  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 8; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const res = await fetch(`${base}/api/v1/network/analysis`);
    const body = (await res.json()) as {
      organisations: number;
      cooperations: number;
      components: number;
      density: number;
    };
    times.push(Math.round(performance.now() - start));
    const used = process.cpuUsage(cpu);
    cpuTimes.push(Math.round((used.user + used.system) / 1000));
    if (i === 0) {
      console.log(
        `\nAnalyse: ${body.organisations} Organisationen, ${body.cooperations} gezählte Kooperationen, ${body.components} Komponenten, Dichte ${body.density.toFixed(5)}`,
      );
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const worst = sorted.at(-1)!;
  if (worst >= 1000) failed = true;
  console.log(
    `Analyse (/api/v1/network/analysis), 8 Aufrufe nacheinander (der erste während der Vorberechnung nach dem Start): ${times.join(", ")} ms; Median ${percentile(sorted, 50)} ms, Maximum ${worst} ms ${worst < 1000 ? "✓" : "✗"} < 1000 ms`,
  );
  console.log(`  CPU-Zeit des Prozesses je Aufruf: ${cpuTimes.join(", ")} ms`);
  // The computation alone, without HTTP and cache (reading + analysing): what one change costs.
  const compute: string[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    await computeNetworkAnalysis(platform);
    const used = process.cpuUsage(cpu);
    compute.push(
      `${Math.round(performance.now() - start)} ms (CPU ${Math.round((used.user + used.system) / 1000)} ms)`,
    );
  }
  console.log(`  Berechnung ohne Cache (lesen + analysieren), 3 Läufe: ${compute.join(", ")}`);

  for (const path of ["/netzwerk/analyse", "/netzwerk?gemeinde=Celle", "/netzwerk/analyse.csv"]) {
    const start = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    console.log(`${path}: ${res.status} in ${Math.round(performance.now() - start)} ms`);
  }
  await app.close();
} finally {
  await bench.close();
}
process.exit(failed ? 1 : 0);
