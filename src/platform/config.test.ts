import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const base = { DATA_DIR: mkdtempSync(join(tmpdir(), "bn-config-")) };

function problems(env: Record<string, string>) {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("has working defaults: port 3000, SQLite in DATA_DIR, demo data on", () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe(`sqlite:${join(base.DATA_DIR, "bildungsnetz.db")}`);
    expect(config.seedDemo).toBe(true);
    expect(config.rateLimit).toBe(true);
    expect(config.baseUrl).toBe("http://localhost:3000");
    expect(config.district.name).toBe("Landkreis Celle");
  });

  it("keeps a generated session secret across starts outside production", () => {
    expect(loadConfig(base).sessionSecret).toBe(loadConfig(base).sessionSecret);
    expect(loadConfig(base).sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ["PORT", "abc", "muss eine Zahl sein"],
    ["PORT", "70000", "erlaubt sind 1 bis 65535"],
    ["DATABASE_URL", "mysql://x", "erlaubt sind postgres://"],
    ["SEED_DEMO", "vielleicht", "SEED_DEMO muss true oder false sein"],
    ["LOG_LEVEL", "laut", "erlaubt sind fatal"],
    ["RATE_LIMIT", "maybe", "erlaubt sind on oder off"],
    ["SMTP_URL", "mail.example.org", "smtp://"],
  ])("rejects %s=%s with a message naming the variable", (variable, value, message) => {
    const found = problems({ [variable]: value });
    expect(found).toHaveLength(1);
    expect(found[0]?.variable).toBe(variable);
    expect(found[0]?.message).toContain(message);
  });

  it("requires SESSION_SECRET in production", () => {
    expect(problems({ NODE_ENV: "production" })[0]?.variable).toBe("SESSION_SECRET");
  });

  it("logs quietly (warn) for the demo and one line per request (info) in production", () => {
    expect(loadConfig(base).logLevel).toBe("warn");
    const secret = "s".repeat(40);
    expect(loadConfig({ ...base, NODE_ENV: "production", SESSION_SECRET: secret }).logLevel).toBe("info");
    expect(loadConfig({ ...base, LOG_LEVEL: "debug" }).logLevel).toBe("debug");
  });

  it("switches rate limits off only when asked", () => {
    expect(loadConfig({ ...base, RATE_LIMIT: "off" }).rateLimit).toBe(false);
  });

  it("stops the server start with exit code ≠ 0 and a clear message for a bad PORT", { timeout: 120_000 }, () => {
    const run = spawnSync("npx", ["tsx", "src/server.ts"], {
      env: { ...process.env, ...base, PORT: "abc" },
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("PORT");
    expect(run.stderr).toContain("muss eine Zahl sein");
  });

  it("stops the server start for a DATABASE_URL that cannot be used", { timeout: 120_000 }, () => {
    const run = spawnSync("npx", ["tsx", "src/server.ts"], {
      env: { ...process.env, ...base, DATABASE_URL: "ftp://nowhere" },
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("DATABASE_URL");
  });
});
