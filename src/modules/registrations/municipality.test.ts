import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createFachtag } from "./test-fixtures.js";

// The registration form offers the district's municipalities from the directory's one list.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

it("suggests today's municipalities of the Landkreis (Südheide, not Hermannsburg) and keeps free text possible", async () => {
  const event = await createFachtag(t.platform);
  const page = await t.app.inject(`/fachtage/${event.slug}/anmeldung`);
  expect(page.statusCode).toBe(200);
  const list = /<datalist id="f-municipality-vorschlaege">([\s\S]*?)<\/datalist>/.exec(page.body)?.[1] ?? "";
  const names = [...list.matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
  expect(names).toContain("Südheide");
  expect(names).toContain("Celle");
  expect(names).toContain("Lohheide");
  expect(names).not.toContain("Hermannsburg");
  expect(page.body).toMatch(/<input[^>]*name="municipality"[^>]*list="f-municipality-vorschlaege"/);
});
