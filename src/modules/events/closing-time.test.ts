import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createFachtag } from "../registrations/test-fixtures.js";

// The Fachtag page and the registration section say the same about when registration
// closes: a window that ends at midnight ends with the day before, at 23:59.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

it("shows a registration window ending at midnight as 23:59 of the day before, never 00:00", async () => {
  // 2 March 2027, 00:00 in Berlin (CET) = 1 March, 23:00 UTC.
  const event = await createFachtag(t.platform, {
    startsInDays: 200,
    registrationClosesAt: "2027-03-01T23:00:00.000Z",
  });
  const page = await t.app.inject(`/fachtage/${event.slug}`);
  expect(page.statusCode).toBe(200);
  const text = page.body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  expect(text).toContain("01.03.2027, 23:59");
  expect(text).not.toMatch(/02\.03\.2027, 00:00/);
});
