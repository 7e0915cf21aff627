import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { type Actor, anonymous } from "../../platform/auth/actor.js";
import { outcomesAccess } from "./access.js";
import {
  addAgreement,
  deleteAgreement,
  getAgreementForEdit,
  getOutcomesPage,
  getPublicOutcomes,
  saveResults,
  updateAgreement,
} from "./outcomes.service.js";
import { createFachtag, createOrg, type FixtureEvent } from "./test-fixtures.js";

// Role × permission: every state change of the outcomes, called through the real service
// functions by nobody, a member, an editor of another Fachtag, the owner, an admin and a
// check-in helper. "ok" went through; a number is the refusal's status.

let t: TestApp;
let actors: EventActors;
let ev: FixtureEvent;
let draft: FixtureEvent;
let orgs: string[];

const table = (call: (actor: Actor) => unknown) => roleTable(actors, call);
const organisersOnly = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok", helper: 403 };
const input = (title: string) => ({ title, organisationIds: orgs, dueOn: undefined, status: "open" as const });
const add = (title: string) => addAgreement(t.platform, actors.admin, ev.id, input(title));

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors = await eventActors(t.platform);
  const createdBy = actors.owner.kind === "user" ? actors.owner.id : null;
  ev = await createFachtag(t.platform, { createdBy });
  draft = await createFachtag(t.platform, { createdBy, status: "draft" });
  orgs = [
    (await createOrg(t.platform, actors.admin, "Kita Zugriff")).id,
    (await createOrg(t.platform, actors.admin, "Schule Zugriff", "grundschule")).id,
  ];
});
afterAll(async () => t?.close());

describe("outcomes permissions", () => {
  it("lists exactly one permission", () => {
    expect(outcomesAccess.permissions).toEqual(["outcomes.manage"]);
  });

  it("outcomes.manage: the page, the results, adding, changing and deleting agreements are the owner's and admins'", async () => {
    expect(await table((a) => getOutcomesPage(t.platform, a, ev.id))).toEqual(organisersOnly);
    expect(await table((a) => saveResults(t.platform, a, ev.id, "Ein gemeinsames Bild vom Kind."))).toEqual(
      organisersOnly,
    );
    expect(await table((a) => addAgreement(t.platform, a, ev.id, input("Neu")))).toEqual(organisersOnly);
    const agreement = await add("Zum Bearbeiten");
    expect(await table((a) => getAgreementForEdit(t.platform, a, ev.id, agreement.id))).toEqual(organisersOnly);
    expect(await table((a) => updateAgreement(t.platform, a, ev.id, agreement.id, input("Geändert")))).toEqual(
      organisersOnly,
    );
    // one fresh agreement per caller, so that a permitted delete does not hide a later refusal
    expect(await table(async (a) => deleteAgreement(t.platform, a, ev.id, (await add("Weg")).id))).toEqual(
      organisersOnly,
    );
  });

  it("a refused write leaves nothing behind: no agreement, no cooperation proposal", async () => {
    const before = await t.platform.db.kysely.selectFrom("cooperations").select("id").execute();
    await table((a) =>
      a === actors.owner || a === actors.admin ? null : addAgreement(t.platform, a, ev.id, input("Nie")),
    );
    const after = await t.platform.db.kysely.selectFrom("cooperations").select("id").execute();
    expect(after.length).toBe(before.length);
    const titles = (await getPublicOutcomes(t.platform, anonymous, ev.id)).agreements.map((a) => a.title);
    expect(titles).not.toContain("Nie");
  });

  it("a published Fachtag's outcomes are everybody's to read; a draft's are unknown (404) to all but its organisers", async () => {
    expect(await table((a) => getPublicOutcomes(t.platform, a, ev.slug))).toEqual({
      anonymous: "ok",
      member: "ok",
      otherEditor: "ok",
      owner: "ok",
      admin: "ok",
      helper: "ok",
    });
    expect(await table((a) => getPublicOutcomes(t.platform, a, draft.slug))).toEqual({
      anonymous: 404,
      member: 404,
      otherEditor: 404,
      owner: "ok",
      admin: "ok",
      helper: 404,
    });
  });
});
