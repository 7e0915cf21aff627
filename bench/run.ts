// Throughput and latency of the start page and of /healthz, measured in the same run:
// the ratio shows what rendering a page costs on top of the bare HTTP stack.
//   npm run bench                       # 10 s per URL, 20 connections
//   BENCH_SECONDS=5 BENCH_CONNECTIONS=50 npm run bench
// The server runs in its own process (production mode, demo data, RATE_LIMIT=off,
// LOG_LEVEL=warn, SQLite in a fresh DATA_DIR; DATABASE_URL=postgres://… to bench PostgreSQL).
import autocannon from "autocannon";
import { describeMachine } from "./lib/machine.js";
import { startBenchServer } from "./lib/server.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Figures {
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytesPerRequest: number;
}

async function measure(baseUrl: string, path: string, duration: number): Promise<Figures> {
  const result = await autocannon({
    url: `${baseUrl}${path}`,
    connections,
    duration,
    // Like a browser: compressed responses (the start page is sent with brotli).
    headers: { "accept-encoding": "br, gzip", accept: "text/html" },
  });
  return {
    path,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerRequest: result.requests.total ? result.throughput.total / result.requests.total : 0,
  };
}

const server = await startBenchServer(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {});
try {
  console.log(`Bildungsnetz-Benchmark: ${seconds} s je Adresse, ${connections} Verbindungen, ${server.baseUrl}`);
  console.log(`Maschine: ${describeMachine()}`);
  // Warm-up: JIT, template caches, SQLite page cache.
  await measure(server.baseUrl, "/", 2);
  await measure(server.baseUrl, "/healthz", 2);
  const start = await measure(server.baseUrl, "/", seconds);
  const health = await measure(server.baseUrl, "/healthz", seconds);

  const row = (f: Figures) =>
    `| \`${f.path}\` | ${Math.round(f.requestsPerSecond)} | ${f.p50} ms | ${f.p99} ms | ${Math.round(f.bytesPerRequest)} B | ${f.errors + f.non2xx} |`;
  console.log("");
  console.log("| Adresse | Anfragen/s | p50 | p99 | Bytes/Antwort | Fehler |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  console.log(row(start));
  console.log(row(health));
  const ratio = health.requestsPerSecond / Math.max(1, start.requestsPerSecond);
  console.log("");
  console.log(`Verhältnis /healthz : / = ${ratio.toFixed(1)} : 1 (Anfragen pro Sekunde)`);
  if (start.errors + start.non2xx + health.errors + health.non2xx > 0) {
    console.error("Es gab Fehler oder Antworten ohne 2xx – die Zahlen sind nicht belastbar.");
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
