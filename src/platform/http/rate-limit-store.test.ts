import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";

// REDIS_URL set but Redis away: the instance keeps serving (limits suspended, a warning
// logged) and says so in /readyz; no request waits for the unreachable counter.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ REDIS_URL: "redis://127.0.0.1:1" });
});
afterAll(async () => t?.close());

describe("rate limits without a reachable Redis", () => {
  it("serves requests and reports the suspended limits", async () => {
    const started = Date.now();
    const res = await t.app.inject("/");
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    const ready = await t.app.inject("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: "ready", rateLimits: "redis_unreachable" });
  });

  it("does not turn API calls into errors while Redis is away", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/events/gibt-es-nicht/registrations",
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
