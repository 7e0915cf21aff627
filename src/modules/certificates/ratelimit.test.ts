import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";

// Guessing codes: the public check (page and API together) allows 30 tries per address in
// ten minutes, then says 429 — in German on the page, as a problem in the API.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("the public check's rate limit", () => {
  it("shares one budget of 30 between page and API per address", async () => {
    const address = "192.0.2.77";
    const codes: number[] = [];
    for (let i = 0; i < 15; i++) {
      const page = await t.app.inject({
        method: "GET",
        url: `/bescheinigung/pruefen?code=BN-2222-3333-${String(4000 + i)}`,
        remoteAddress: address,
      });
      const api = await t.app.inject({
        method: "GET",
        url: `/api/v1/certificates/BN-2222-3333-${String(5000 + i)}`,
        remoteAddress: address,
      });
      codes.push(page.statusCode, api.statusCode);
    }
    expect(codes.every((c) => c === 404)).toBe(true);
    const api = await t.app.inject({
      method: "GET",
      url: "/api/v1/certificates/BN-2222-3333-6666",
      remoteAddress: address,
    });
    expect(api.statusCode).toBe(429);
    const page = await t.app.inject({
      method: "GET",
      url: "/bescheinigung/pruefen?code=BN-2222-3333-7777",
      remoteAddress: address,
    });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain("Zu viele Anfragen");
    // Another address is not affected.
    const other = await t.app.inject({
      method: "GET",
      url: "/api/v1/certificates/BN-2222-3333-6666",
      remoteAddress: "192.0.2.78",
    });
    expect(other.statusCode).toBe(404);
  });
});
