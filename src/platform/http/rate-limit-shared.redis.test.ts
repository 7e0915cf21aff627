import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";

// Two app instances with one Redis (REDIS_URL): a client's budget is counted once for
// both, as behind a load balancer. Runs when TEST_REDIS_URL is set (CI sets it; this
// machine kind runs Redis on 127.0.0.1:6379), like the PostgreSQL pass with TEST_DATABASE_URL.
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

let a: TestApp;
let b: TestApp;
let c: TestApp;
beforeAll(async () => {
  [a, b, c] = await Promise.all([
    createTestApp({ REDIS_URL: redisUrl }),
    createTestApp({ REDIS_URL: redisUrl }),
    createTestApp(),
  ]);
  // On a loaded machine the connection may take a moment; the test is about sharing, not that.
  for (let i = 0; i < 50 && [a, b].some((t) => t.app.rateLimitStore() !== "redis"); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
afterAll(async () => Promise.all([a?.close(), b?.close(), c?.close()]));

// A fresh client address per run: counters live in Redis for the budget's window.
const client = () => `10.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(1, 250)}`;
const attempt = (t: TestApp, remoteAddress: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/events/gibt-es-nicht/registrations",
    remoteAddress,
    headers: { "content-type": "application/json" },
    payload: "{}",
  });

describe("rate limits shared through Redis", () => {
  it("counts one client's registration attempts once across two instances (20 per 10 minutes)", async () => {
    const ip = client();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(a, ip)).statusCode);
    for (let i = 0; i < 9; i++) statuses.push((await attempt(b, ip)).statusCode);
    expect(statuses.slice(0, 20).includes(429)).toBe(false);
    expect(statuses[20]).toBe(429);
    // The 429 is the usual problem document, in German.
    const limited = await attempt(a, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe("rate_limited");
    // Another client is not affected.
    expect((await attempt(b, client())).statusCode).not.toBe(429);
  });

  it("reports the shared store in /readyz", async () => {
    expect((await a.app.inject("/readyz")).json()).toMatchObject({ status: "ready", rateLimits: "redis" });
    expect((await c.app.inject("/readyz")).json()).toMatchObject({ status: "ready", rateLimits: "memory" });
  });

  it("keeps counting per process without REDIS_URL (what two instances would get wrong)", async () => {
    const ip = client();
    const other = await createTestApp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await attempt(c, ip)).statusCode);
      for (let i = 0; i < 9; i++) statuses.push((await attempt(other, ip)).statusCode);
      expect(statuses.includes(429)).toBe(false);
    } finally {
      await other.close();
    }
  });
});
