import { afterAll, beforeAll, expect, it } from "vitest";
import { roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { type Actor, anonymous, type Role } from "../../platform/auth/actor.js";
import { allocationAccess } from "./access.js";
import { getAllocationOverview, placeByHand, publishAllocation, runAllocation } from "./allocation.service.js";
import { preferenceFachtag, registerWithWishes } from "./test-fixtures.js";

// Role × permission: every permission of the allocation module, called through the real
// service functions by nobody, a member, an editor of another Fachtag, the editor who owns
// the Fachtag and an admin. Refused calls change nothing.

let t: TestApp;
const actors: Record<"anonymous" | "member" | "otherEditor" | "owner" | "admin", Actor> = {
  anonymous,
  member: anonymous,
  otherEditor: anonymous,
  owner: anonymous,
  admin: anonymous,
};
const managers = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok" };

const userActor = async (role: Role): Promise<Actor> => {
  const u = await createUserWithToken(t.platform, role);
  return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" };
};

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors.member = await userActor("member");
  actors.otherEditor = await userActor("editor");
  actors.owner = await userActor("editor");
  actors.admin = await userActor("admin");
});

afterAll(async () => {
  await t?.close();
});

const ownerId = () => (actors.owner.kind === "user" ? actors.owner.id : null);

async function fachtag(status: "published" | "draft" = "published") {
  const ev = await preferenceFachtag(t.platform, {
    createdBy: ownerId(),
    status,
    workshops: [
      { title: "Eins", capacity: 1 },
      { title: "Zwei", capacity: 5 },
    ],
  });
  const [one, two] = ev.workshops as [string, string];
  // A draft takes no registrations: its run is empty, which is all the 404 test needs.
  if (status === "draft") return { ev, one, two };
  await registerWithWishes(t.platform, ev, [[one]]);
  await registerWithWishes(t.platform, ev, [[one]]);
  return { ev, one, two };
}

/** The one person the run left without a place ("Eins" has one place, both wished only it). */
const unplacedOf = async (eventId: string) =>
  t.platform.db.kysely
    .selectFrom("allocation_placements as p")
    .innerJoin("allocation_runs as r", "r.id", "p.run_id")
    .select(["p.registration_id as id", "p.session_id"])
    .where("r.event_id", "=", eventId)
    .where("p.session_id", "is", null)
    .executeTakeFirstOrThrow();

const runCount = async (eventId: string) =>
  (await t.platform.db.kysely.selectFrom("allocation_runs").select("id").where("event_id", "=", eventId).execute())
    .length;

it("lists every permission of the module in this table", () => {
  expect([...allocationAccess.permissions].sort()).toEqual(
    ["allocation.organise", "allocation.place", "allocation.publish", "allocation.run", "allocation.see"].sort(),
  );
});

it("allocation.see / allocation.run: only the owner and admins", async () => {
  const { ev } = await fachtag();
  expect(await roleTable(actors, (a) => getAllocationOverview(t.platform, a, ev.id))).toEqual(managers);
  // Each successful run replaces the draft; refused ones write nothing.
  expect(await roleTable(actors, (a) => runAllocation(t.platform, a, ev.id, { seed: 1 }))).toEqual(managers);
  expect(await runCount(ev.id)).toBe(1);
});

it("allocation.place: only the owner and admins; refused calls leave the draft as it was", async () => {
  const { ev, two } = await fachtag();
  await runAllocation(t.platform, actors.owner, ev.id, { seed: 1 });
  const unplaced = await unplacedOf(ev.id);
  const [slot] = ev.slotKeys as [string];
  const table = await roleTable(actors, (a, who) =>
    who === "owner" || who === "admin"
      ? Promise.resolve() // checked below, once: a second place would be refused as already placed
      : placeByHand(t.platform, a, ev.id, { registrationId: unplaced.id, slot, sessionId: two }),
  );
  expect(table).toEqual(managers);
  expect((await unplacedOf(ev.id)).id).toBe(unplaced.id);
  await placeByHand(t.platform, actors.owner, ev.id, { registrationId: unplaced.id, slot, sessionId: two });
  await expect(unplacedOf(ev.id)).rejects.toThrow();
  const admin = await fachtag();
  await runAllocation(t.platform, actors.admin, admin.ev.id, { seed: 1 });
  await placeByHand(t.platform, actors.admin, admin.ev.id, {
    registrationId: (await unplacedOf(admin.ev.id)).id,
    slot: admin.ev.slotKeys[0] ?? "",
    sessionId: admin.two,
  });
});

it("allocation.publish: only the owner and admins; refused calls publish nothing", async () => {
  const events = { owner: await fachtag(), admin: await fachtag(), refused: await fachtag() };
  for (const e of Object.values(events)) await runAllocation(t.platform, actors.owner, e.ev.id, { seed: 1 });
  const table = await roleTable(actors, (a, who) =>
    publishAllocation(t.platform, a, who === "owner" || who === "admin" ? events[who].ev.id : events.refused.ev.id),
  );
  expect(table).toEqual(managers);
  const published = await t.platform.db.kysely
    .selectFrom("events")
    .select("allocation_published_at")
    .where("id", "=", events.refused.ev.id)
    .executeTakeFirstOrThrow();
  expect(published.allocation_published_at).toBeNull();
});

it("another's draft Fachtag is not known to exist (404)", async () => {
  const { ev } = await fachtag("draft");
  expect(await roleTable(actors, (a) => runAllocation(t.platform, a, ev.id, { seed: 1 }))).toEqual({
    ...managers,
    otherEditor: 404,
  });
});
