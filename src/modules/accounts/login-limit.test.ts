import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";

// A file of its own: the per-client failure count would block the other sign-in tests.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("failed sign-ins per client", () => {
  it("stops trying passwords on many addresses from one client after 30 failures", async () => {
    const user = await createUser(t.platform, { role: "member" });
    const browser = new Browser(t.app);
    const token = /name="_csrf" value="([^"]+)"/.exec((await browser.get("/anmelden")).body)?.[1] ?? "";
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await browser.post("/anmelden", {
        email: `versuch-${i}@test.example`,
        password: "Sommer-2026-Sommer",
        _csrf: token,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 422)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another client (address) can still sign in.
    const other = await t.app.inject({
      method: "POST",
      url: "/anmelden",
      remoteAddress: "10.0.0.7",
      headers: { cookie: browser.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ email: user.email, password: user.password, _csrf: token }).toString(),
    });
    expect(other.statusCode).toBe(303);
  });
});
