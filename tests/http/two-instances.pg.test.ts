import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The third setup of the registration rush, small enough for CI: two app instances on one
// PostgreSQL behind nginx, rate limits in Redis (bench/two-instances.ts, which also runs the
// full 2,000-attempt version by hand). Part of the run only with TEST_DATABASE_URL (see
// vitest.config.ts); nginx must be installed (`apt-get install -y nginx`; .ci/run does).
const root = fileURLToPath(new URL("../..", import.meta.url));

describe("two instances behind nginx on one PostgreSQL", () => {
  it("take exactly the places there are, lose no acknowledged registration and keep serving when one dies", () => {
    expect(existsSync(process.env.NGINX ?? "/usr/sbin/nginx"), "nginx fehlt: apt-get install -y nginx").toBe(true);
    const run = spawnSync(process.execPath, ["--import", "tsx", "bench/two-instances.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 280_000,
      env: {
        ...process.env,
        PG_ADMIN_URL: process.env.TEST_DATABASE_URL,
        REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
        RUSH_ATTEMPTS: "200",
        RUSH_CONNECTIONS: "20",
        KILL_ATTEMPTS: "300",
      },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output, output).toContain("all checks passed");
    expect(output).toContain("ok   rush: exactly 150 places taken (150)");
    expect(output).toContain("ok   one e-mail per registrant (200 mails for 200 registrants)");
    expect(output).toMatch(/ok {3}after the kill: every acknowledged registration \(\d+ × 201\) is stored/);
    expect(run.status).toBe(0);
  }, 300_000);
});
