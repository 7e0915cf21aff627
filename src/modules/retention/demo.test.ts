import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { personalDataDueAt } from "../events/index.js";
import { retentionModule } from "./index.js";
import { runRetention } from "./retention.service.js";
import { heldFachtag } from "./test-fixtures.js";

// A demo server runs the daily job too: the demo's past Fachtage (2024, 2025) are the example
// of the archive, the survey and the certificates, so its seed gives them five years.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("retention and the demo", () => {
  it("the demo's past Fachtage keep their people for 60 months; later Fachtage keep their own period", async () => {
    const past = await heldFachtag(t.platform, { people: 2, endedDaysAgo: 400 });
    await retentionModule.seedDemo?.({ platform: t.platform, announce: () => {} });
    const future = await heldFachtag(t.platform, { people: 2, endedDaysAgo: 1 });
    const months = await t.platform.db.kysely
      .selectFrom("events")
      .select(["id", "retention_months"])
      .where("id", "in", [past.id, future.id])
      .execute();
    expect(Object.fromEntries(months.map((m) => [m.id, Number(m.retention_months)]))).toEqual({
      [past.id]: 60,
      [future.id]: 6,
    });
    expect((await runRetention(t.platform)).anonymised).toEqual([]);
    const later = await runRetention(t.platform, new Date(Date.parse(personalDataDueAt(past.endsAt, 60)) + 60_000));
    expect(later.anonymised.map((a) => a.eventId).sort()).toEqual([past.id, future.id].sort());
  });
});
