import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../tests/helpers/test-app.js";
import { claimJobLease, leaseFor } from "./jobs.js";

// Two (or ten) instances ticking the same job: one runs it per period.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("job leases", () => {
  it("gives a period's run to one instance and the next period to whoever ticks first", async () => {
    const db = t.platform.db.kysely;
    const start = new Date("2026-12-03T10:00:00Z");
    const later = (ms: number) => new Date(start.getTime() + ms);
    expect(await claimJobLease(db, "demo:reminders", "instance-a", 54_000, start)).toBe(true);
    expect(await claimJobLease(db, "demo:reminders", "instance-b", 54_000, later(30_000))).toBe(false);
    expect(await claimJobLease(db, "demo:reminders", "instance-a", 54_000, later(30_000))).toBe(false);
    // The lease ran out: the next tick of any instance takes it.
    expect(await claimJobLease(db, "demo:reminders", "instance-b", 54_000, later(60_000))).toBe(true);
    const row = await db.selectFrom("job_leases").selectAll().where("name", "=", "demo:reminders").executeTakeFirst();
    expect(row?.holder).toBe("instance-b");
    // Another job has its own lease.
    expect(await claimJobLease(db, "demo:expiry", "instance-a", 54_000, later(60_000))).toBe(true);
  });

  it("lets exactly one of ten instances ticking at the same moment run the job", async () => {
    const db = t.platform.db.kysely;
    const now = new Date("2026-12-03T11:00:00Z");
    const won = await Promise.all(
      Array.from({ length: 10 }, (_, i) => claimJobLease(db, "demo:race", `instance-${i}`, 54_000, now)),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it("keeps the lease shorter than the period, so the next period is never skipped", () => {
    expect(leaseFor(60_000)).toBe(54_000);
    expect(leaseFor(2_000)).toBe(1_000);
    expect(leaseFor(15 * 60_000)).toBeLessThan(15 * 60_000);
  });
});
