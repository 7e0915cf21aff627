// Runs the whole suite: unit and HTTP tests, then browser tests in Debian's Chromium.
// The database is SQLite unless TEST_DATABASE_URL points to a PostgreSQL server.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `Chromium fehlt (${chromium}). Die Browser-Tests brauchen ihn: apt-get install -y chromium\n` +
      "(or set CHROMIUM_PATH to another Chromium binary)",
  );
  process.exit(1);
}
console.log(`Datenbank der Tests: ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"}`);
const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
