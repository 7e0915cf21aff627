import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor } from "../../platform/auth/actor.js";
import { reportsAccess } from "./access.js";
import { getPublicFigures, getReport, getSummary } from "./reports.service.js";
import { addPeople, fachtagOn } from "./test-fixtures.js";

// Role × permission: the dashboard and the summary through the real service functions as
// nobody, a member, an editor of another Fachtag, the owner, an admin and a check-in
// helper. "ok" went through; a number is the refusal's status. The other editor gets a
// report — of their own Fachtage, which holds none of the owner's.

let t: TestApp;
let actors: EventActors;

const table = (call: (actor: Actor) => unknown) => roleTable(actors, call);
const organisers = { anonymous: 401, member: 403, otherEditor: "ok", owner: "ok", admin: "ok", helper: 403 };

beforeAll(async () => {
  t = await createTestApp();
  actors = await eventActors(t.platform);
  const ev = await fachtagOn(t.platform, "2025-05-05", {
    createdBy: actors.owner.kind === "user" ? actors.owner.id : null,
  });
  await addPeople(t.platform, ev.id, [{ present: true }, { present: false }]);
});
afterAll(async () => t?.close());

describe("report permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...reportsAccess.permissions].sort()).toEqual(["reports.event", "reports.view"]);
  });

  it("reports.view: the dashboard and the summary only for editors and admins", async () => {
    expect(await table((actor) => getReport(t.platform, actor, { year: 2025 }))).toEqual(organisers);
    expect(await table((actor) => getSummary(t.platform, actor, {}))).toEqual(organisers);
  });

  it("reports.event: an editor's report counts only the Fachtage they manage", async () => {
    const counted = async (actor: Actor) => (await getReport(t.platform, actor, { year: 2025 })).current.events;
    expect(await counted(actors.owner)).toBe(1);
    expect(await counted(actors.admin)).toBe(1);
    expect(await counted(actors.otherEditor)).toBe(0);
    expect(
      (await getSummary(t.platform, actors.otherEditor, { from: "2025-01-01", to: "2025-12-31" })).registrations.total,
    ).toBe(0);
  });

  it("the public figures need nobody", async () => {
    expect(await table(() => getPublicFigures(t.platform))).toEqual({
      anonymous: "ok",
      member: "ok",
      otherEditor: "ok",
      owner: "ok",
      admin: "ok",
      helper: "ok",
    });
  });
});
