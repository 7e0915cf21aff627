import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventActors, roleTable } from "../../../tests/helpers/access.js";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { personalDataDueAt } from "../events/index.js";
import { retentionAccess } from "./access.js";
import { auditLog } from "./audit.service.js";
import { runRetention } from "./retention.service.js";
import { heldFachtag } from "./test-fixtures.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

describe("retention permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...retentionAccess.permissions]).toEqual(["audit.read"]);
  });

  it("audit.read: only admins read the log (401 for nobody, 403 for the others)", async () => {
    const actors = await eventActors(t.platform);
    expect(await roleTable(actors, (actor) => auditLog(t.platform, actor, { limit: 10, offset: 0 }))).toEqual({
      anonymous: 401,
      member: 403,
      otherEditor: 403,
      owner: 403,
      admin: "ok",
      helper: 403,
    });
  });

  it("the log page lists the retention in German, with counts and no names", async () => {
    const ev = await heldFachtag(t.platform, { people: 3 });
    await runRetention(t.platform, new Date(Date.parse(personalDataDueAt(ev.endsAt, 6)) + 60_000));
    const admin = new Browser(t.app);
    await signInAs(t.platform, admin, "admin");
    const page = await admin.get("/verwaltung/protokoll");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Anmeldedaten gelöscht");
    expect(page.body).toContain(`Vernetzung früher Bildung ${ev.tag}`);
    expect(page.body).toContain("Anmeldungen anonymisiert: 3");
    expect(page.body).not.toContain(`Zwetschgenbaum${ev.tag}`);
    expect((await admin.get("/verwaltung")).body).toContain('href="/verwaltung/protokoll"');

    const editor = new Browser(t.app);
    await signInAs(t.platform, editor, "editor");
    expect((await editor.get("/verwaltung/protokoll")).statusCode).toBe(403);
    expect((await editor.get("/verwaltung")).body).not.toContain('href="/verwaltung/protokoll"');
  });
});
