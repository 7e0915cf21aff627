// Runs the whole suite in one Vitest run: the unit and HTTP tests (project "unit") and the
// browser tests in Debian's Chromium with axe-core and the Nu HTML Checker (project "e2e").
// Any failing test in either project makes the exit code non-zero.
// The database is SQLite unless TEST_DATABASE_URL points to a PostgreSQL server.
// Extra arguments go to Vitest, e.g. `npm test -- --project unit` or `npm test -- src/modules/events`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasJava = () => spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0;

// A fresh Debian/Ubuntu machine lacks the browser and Java; as root we install them.
const missing = [];
if (!existsSync(chromium) && !process.env.CHROMIUM_PATH) missing.push("chromium");
if (!hasJava()) missing.push("default-jre-headless");
// On PostgreSQL two real instances run behind nginx (tests/http/two-instances.pg.test.ts).
if (process.env.TEST_DATABASE_URL && !existsSync(process.env.NGINX ?? "/usr/sbin/nginx")) missing.push("nginx");
if (missing.length && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  console.log(`Installiere ${missing.join(", ")} (apt-get) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "inherit", env });
}

const problems = [];
if (!existsSync(chromium)) {
  problems.push(
    `Chromium fehlt (${chromium}). Die Browser-Tests brauchen ihn: apt-get install -y chromium ` +
      "(oder CHROMIUM_PATH auf ein anderes Chromium setzen)",
  );
}
if (!hasJava()) {
  problems.push("Java fehlt. Der Nu HTML Checker (vnu.jar) braucht es: apt-get install -y default-jre-headless");
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}

const database = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";
console.log(`Datenbank der Tests: ${database}`);
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const started = Date.now();
const result = spawnSync(process.execPath, [vitest, "run", ...process.argv.slice(2)], { stdio: "inherit" });
const seconds = Math.round((Date.now() - started) / 1000);
const status = result.status ?? 1;
console.log(`\nnpm test (${database}): ${status === 0 ? "PASS" : `FAIL (exit ${status})`} in ${seconds} s`);
process.exit(status);
