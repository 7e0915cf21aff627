import { defineConfig } from "vitest/config";

// Two projects: fast unit + HTTP tests beside the code, and browser tests in tests/e2e.
// Both run against SQLite by default and against PostgreSQL when TEST_DATABASE_URL is set.
// Tests that need a Redis server (*.redis.test.ts: several instances sharing rate limits)
// run when TEST_REDIS_URL is set — CI sets it; this machine kind runs Redis on 6379.
// PostgreSQL-only tests (*.pg.test.ts: the database outage) run when TEST_DATABASE_URL is set.
// tests/resilience: the server killed, backed up and restored, its database stopped.
// tests/fuzz: hostile input to every API body and form (fast-check, fixed seed; FUZZ_SEED, FUZZ_RUNS).
// `npm test` runs both in one Vitest run: first all unit tests (group 0), then the browser
// tests (group 1), one file at a time, so Chromium does not compete with the unit workers.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: [
            "src/**/*.test.ts",
            "src/**/*.test.tsx",
            "tests/http/**/*.test.ts",
            "tests/resilience/**/*.test.ts",
            "tests/fuzz/**/*.test.ts",
          ],
          exclude: [
            "**/node_modules/**",
            ...(process.env.TEST_REDIS_URL ? [] : ["**/*.redis.test.ts"]),
            ...(process.env.TEST_DATABASE_URL ? [] : ["**/*.pg.test.ts"]),
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          sequence: { groupOrder: 1 },
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
});
