// The quick start as a person runs it: `npm start` builds to dist/ and starts the built
// server with the demo data. Files the app reads at run time (public/, the map outline)
// must be found from dist/ too, not only from src/ as in every other test.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

let server: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "bn-built-"));

afterAll(() => {
  server?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

it("builds, starts from dist/ with the demo data and serves the main pages", { timeout: 240_000 }, async () => {
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], { encoding: "utf8", timeout: 180_000 });
  expect(build.status, build.stderr || build.stdout).toBe(0);
  const port = await freePort();
  // As on a fresh machine: no test runner's variables (Vitest sets BASE_URL="/"), SQLite default.
  const { DATABASE_URL: _db, BASE_URL: _base, TEST_DATABASE_URL: _test, ...rest } = process.env;
  const env = {
    ...rest,
    NODE_ENV: "development",
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    BASE_URL: `http://127.0.0.1:${port}`,
  };
  server = spawn(process.execPath, ["dist/src/server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  server.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const started = Date.now();
  while (!output.includes("läuft auf") && Date.now() - started < 60_000) {
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(output, output).toContain("läuft auf");
  expect(output).toContain("Demo-Daten geladen");
  for (const path of ["/", "/fachtage", "/akteure", "/akteure/karte", "/netzwerk", "/assets/app.css?v=2"]) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    expect(res.status, path).toBe(200);
  }
});
