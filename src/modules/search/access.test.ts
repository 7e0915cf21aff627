import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { searchAccess } from "./access.js";
import { getIndexStatus, rebuildSearchIndex } from "./admin.service.js";
import { search } from "./search.service.js";

// Role × permission through the real service functions: only administrators see the
// index's status and rebuild it. Searching itself needs no permission (the index holds
// only what everybody may see), so every role gets the same answer.

let t: TestApp;
let actors: EventActors;

beforeAll(async () => {
  t = await createTestApp();
  actors = await eventActors(t.platform);
});
afterAll(async () => t?.close());

const adminsOnly = { anonymous: 401, member: 403, otherEditor: 403, owner: 403, admin: "ok", helper: 403 };

describe("search permissions", () => {
  it("lists every permission it tests", () => {
    expect(searchAccess.permissions).toEqual(["search.rebuild"]);
  });

  it("search.rebuild: the index page and the rebuild, administrators only", async () => {
    expect(await roleTable(actors, (a) => getIndexStatus(t.platform, a))).toEqual(adminsOnly);
    expect(await roleTable(actors, (a) => rebuildSearchIndex(t.platform, a))).toEqual(adminsOnly);
  });

  it("the rebuild button is refused over HTTP without a session", async () => {
    const page = await t.app.inject("/verwaltung/suche");
    expect(page.statusCode).toBe(401);
  });

  it("searching is the same for everybody", async () => {
    const answer = await search(t.platform, { q: "Schule" });
    expect(answer.searched).toBe(true);
  });
});
