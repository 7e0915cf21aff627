import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { type Actor, anonymous } from "../../platform/auth/actor.js";
import { register } from "../registrations/index.js";
import { createFachtag, type FixtureEvent } from "../registrations/test-fixtures.js";
import { checkinAccess } from "./access.js";
import {
  attendanceSummary,
  checkInByCode,
  checkInById,
  getEntrance,
  listEntrances,
  undoCheckIn,
  walkIn,
} from "./checkin.service.js";

// Role × permission: every permission of the check-in, called through the real service
// functions by nobody, a member, an editor of another Fachtag, the owner, an admin and a
// check-in helper. "ok" went through; a number is the refusal's status.

let t: TestApp;
let actors: EventActors;
let ev: FixtureEvent;
let n = 0;

const person = async (eventId = ev.id) => {
  n++;
  const r = await register(
    t.platform,
    anonymous,
    eventId,
    {
      firstName: "Erika",
      lastName: `Einlass ${n}`,
      email: `einlass-${n}@example.org`,
      workshopIds: [],
      consents: { privacy: true, photos: false, participantList: false },
      answers: {},
    },
    "api",
  );
  const row = await t.platform.db.kysely
    .selectFrom("registrations")
    .select("ticket_code")
    .where("id", "=", r.id)
    .executeTakeFirstOrThrow();
  return { id: r.id, code: row.ticket_code };
};

const table = (call: (actor: Actor, who: keyof typeof actors) => unknown) => roleTable(actors, call);
const entrance = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok", helper: "ok" };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors = await eventActors(t.platform);
  ev = await createFachtag(t.platform, {
    confirmByEmail: false,
    createdBy: actors.owner.kind === "user" ? actors.owner.id : null,
  });
});
afterAll(async () => t?.close());

describe("check-in permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...checkinAccess.permissions].sort()).toEqual(["checkin.entrance", "checkin.list", "checkin.undo"]);
  });

  it("checkin.list: organisers and helpers open the list of entrances", async () => {
    expect(await table((actor) => listEntrances(t.platform, actor))).toEqual({
      ...entrance,
      otherEditor: "ok",
    });
  });

  it("checkin.entrance: the page, the count, check-ins and walk-ins for the owner, admins and helpers", async () => {
    expect(await table((actor) => getEntrance(t.platform, actor, ev.id))).toEqual(entrance);
    expect(await table((actor) => attendanceSummary(t.platform, actor, ev.id))).toEqual(entrance);
    const byCode = Object.fromEntries(await Promise.all(Object.keys(actors).map(async (w) => [w, await person()])));
    expect(await table((actor, who) => checkInByCode(t.platform, actor, ev.id, { code: byCode[who].code }))).toEqual(
      entrance,
    );
    const byId = Object.fromEntries(await Promise.all(Object.keys(actors).map(async (w) => [w, await person()])));
    expect(
      await table((actor, who) => checkInById(t.platform, actor, ev.id, { registrationId: byId[who].id })),
    ).toEqual(entrance);
    expect(
      await table((actor, who) =>
        walkIn(t.platform, actor, ev.id, {
          firstName: "Vor",
          lastName: "Ort",
          email: `walkin-${who}@example.org`,
          workshopIds: [],
          privacy: true,
        }),
      ),
    ).toEqual(entrance);
  });

  it("checkin.entrance: a draft is unknown to helpers and other editors", async () => {
    const draft = await createFachtag(t.platform, {
      status: "draft",
      createdBy: actors.owner.kind === "user" ? actors.owner.id : null,
    });
    expect(await table((actor) => getEntrance(t.platform, actor, draft.id))).toEqual({
      ...entrance,
      otherEditor: 404,
      helper: 404,
    });
  });

  it("checkin.undo: only the owner and admins take a check-in back", async () => {
    const people: Record<string, Awaited<ReturnType<typeof person>>> = Object.fromEntries(
      await Promise.all(Object.keys(actors).map(async (w) => [w, await person()])),
    );
    for (const p of Object.values(people)) await checkInById(t.platform, actors.admin, ev.id, { registrationId: p.id });
    expect(await table((actor, who) => undoCheckIn(t.platform, actor, ev.id, people[who]?.id ?? ""))).toEqual({
      ...entrance,
      helper: 403,
    });
  });
});
