import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { organisationKinds } from "./vocab.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("directory migration", () => {
  it("seeds every base organisation kind with a German label", async () => {
    const rows = await t.platform.db.kysely.selectFrom("organisation_kinds").selectAll().orderBy("position").execute();
    expect(rows.map((r) => r.id)).toEqual(organisationKinds.map((k) => k.id));
    expect(rows.find((r) => r.id === "foerderschule")?.label_de).toBe("Förderschule");
  });
});
