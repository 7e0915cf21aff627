import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { UserActor } from "../../platform/auth/actor.js";
import { adminActor, makeOrg } from "../directory/test-fixtures.js";
import { runRetention } from "../retention/index.js";
import { getReport, getSummary } from "./reports.service.js";
import { addPeople, fachtagOn } from "./test-fixtures.js";

// The figures of a period whose personal data the retention job removed stay the same:
// the registrations stay as rows without a person (status, kind, municipality, the
// organisation, attendance). Only the role (free text a person typed) goes, so the
// breakdown by role becomes "ohne Angabe" — said here so nobody is surprised.

let t: TestApp;
let admin: UserActor;

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminActor(t.platform);
  const kita = await makeOrg(t.platform, admin, { name: "Kita Löwenzahn", kind: "kita", areas: ["fruehkindlich"] });
  const ev = await fachtagOn(t.platform, "2024-05-05");
  await addPeople(t.platform, ev.id, [
    { present: true, kind: "kita", municipality: "Celle", role: "Erzieherin", organisationId: kita.id },
    { present: true, kind: "kita", municipality: "Hermannsburg", role: "Leitung" },
    { present: false, kind: "grundschule", municipality: "Bergen" },
    { status: "waitlisted", kind: "kita", municipality: "Celle" },
    { status: "cancelled", kind: "kita" },
  ]);
});
afterAll(async () => t?.close());

describe("figures before and after the retention job", () => {
  it("stay the same once the Fachtag's personal data is gone", async () => {
    const before = await getReport(t.platform, admin, { year: 2024 });
    const summaryBefore = await getSummary(t.platform, admin, { from: "2024-01-01", to: "2024-12-31" });
    const run = await runRetention(t.platform, new Date("2031-01-01T00:00:00Z"));
    expect(run.anonymised).toHaveLength(1);
    const names = await t.platform.db.kysely.selectFrom("registrations").select(["last_name", "email"]).execute();
    expect(names.every((n) => n.last_name === "" && !n.email.includes("@"))).toBe(true);

    const after = await getReport(t.platform, admin, { year: 2024 });
    expect(after.current.registrations).toEqual(before.current.registrations);
    expect(after.current.registrations).toMatchObject({ total: 5, confirmed: 3, present: 2, waitlistOnly: 1 });
    expect(after.current.events).toBe(before.current.events);
    expect(after.current.perYear).toEqual(before.current.perYear);
    expect(after.current.byKind).toEqual(before.current.byKind);
    expect(after.current.byMunicipality).toEqual(before.current.byMunicipality);
    expect(after.current.byArea).toEqual(before.current.byArea);
    expect(after.current.firstWish).toEqual(before.current.firstWish);
    expect(after.network).toEqual(before.network);
    expect(await getSummary(t.platform, admin, { from: "2024-01-01", to: "2024-12-31" })).toEqual(summaryBefore);

    // The typed-in role was personal: it goes with the rest.
    expect(before.current.byRole.map((r) => r.key)).toContain("Erzieherin");
    expect(after.current.byRole).toEqual([{ key: "ohne_angabe", count: 2 }]); // the two present
    expect(after.current.registrations.participants).toBe(2);
  });
});
