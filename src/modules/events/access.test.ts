import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { type Actor, anonymous, type Role } from "../../platform/auth/actor.js";
import { eventsAccess } from "./access.js";
import type { EventView } from "./event-views.js";
import {
  changeEventStatus,
  createEvent,
  deleteDraftEvent,
  getManageableEvent,
  getVisibleEvent,
  listManagedEvents,
  startNewEvent,
  updateEvent,
} from "./events.service.js";
import { addSession, deleteSession, getProgramme, updateSession } from "./programme.service.js";

// Role × permission: every permission of the events module, called through the real
// service functions by nobody, a member, an editor of another Fachtag, the editor who
// owns it and an admin. Each row says who is refused and with which status.

let t: TestApp;
const actors: Record<"anonymous" | "member" | "otherEditor" | "owner" | "admin", Actor> = {
  anonymous,
  member: anonymous,
  otherEditor: anonymous,
  owner: anonymous,
  admin: anonymous,
};
type Who = keyof typeof actors;
const everybody = Object.keys(actors) as Who[];

const userActor = async (role: Role): Promise<Actor> => {
  const u = await createUserWithToken(t.platform, role);
  return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" };
};

const input = (title: string, status: "draft" | "published" = "published") => ({
  title,
  startsAt: "2030-03-12T08:00:00.000Z",
  endsAt: "2030-03-12T14:00:00.000Z",
  venue: { name: "Kreishaus" },
  capacity: 20,
  status,
});
const workshop = {
  kind: "workshop" as const,
  title: "Sprache",
  startsAt: "2030-03-12T09:00:00.000Z",
  endsAt: "2030-03-12T10:00:00.000Z",
  capacity: 5,
};

let published: EventView;
let draft: EventView;

beforeAll(async () => {
  t = await createTestApp();
  actors.member = await userActor("member");
  actors.otherEditor = await userActor("editor");
  actors.owner = await userActor("editor");
  actors.admin = await userActor("admin");
  published = await createEvent(t.platform, actors.owner, input("Öffentlich"));
  draft = await createEvent(t.platform, actors.owner, input("Entwurf", "draft"));
});
afterAll(async () => t?.close());

const table = (call: (actor: Actor, who: Who) => unknown) => roleTable(actors, call);

const organisers = { anonymous: 401, member: 403, otherEditor: "ok", owner: "ok", admin: "ok" };
const managers = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok" };

describe("events permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...eventsAccess.permissions].sort()).toEqual(
      ["event.manage", "event.manageAll", "event.organise", "event.see"].sort(),
    );
  });

  it("event.organise: only organisers open the back office and create Fachtage", async () => {
    expect(await table((actor) => startNewEvent(t.platform, actor))).toEqual(organisers);
    expect(await table((actor) => listManagedEvents(t.platform, actor))).toEqual(organisers);
    expect(await table((actor, who) => createEvent(t.platform, actor, input(`Neu ${who}`, "draft")))).toEqual(
      organisers,
    );
  });

  it("event.manageAll: only admins see every organiser's Fachtage", async () => {
    const seen = async (actor: Actor) => (await listManagedEvents(t.platform, actor)).events.map((e) => e.id);
    expect(await seen(actors.admin)).toEqual(expect.arrayContaining([published.id, draft.id]));
    expect(await seen(actors.otherEditor)).not.toContain(published.id);
    expect((await listManagedEvents(t.platform, actors.admin)).all).toBe(true);
    expect((await listManagedEvents(t.platform, actors.owner)).all).toBe(false);
  });

  it("event.manage: the owner and admins edit, others are refused", async () => {
    expect(await table((actor) => getManageableEvent(t.platform, actor, published.id))).toEqual(managers);
    expect(await table((actor) => getProgramme(t.platform, actor, published.id))).toEqual(managers);
    expect(await table((actor) => updateEvent(t.platform, actor, published.id, { fee: "10 €" }))).toEqual(managers);
    expect(await table((actor) => changeEventStatus(t.platform, actor, published.id, "registration_closed"))).toEqual(
      managers,
    );
    expect(await table((actor) => addSession(t.platform, actor, published.id, workshop))).toEqual(managers);
  });

  it("event.manage: programme items are changed and deleted only by the owner and admins", async () => {
    const session = await addSession(t.platform, actors.owner, published.id, workshop);
    expect(await table((actor) => updateSession(t.platform, actor, published.id, session.id, workshop))).toEqual(
      managers,
    );
    const refused = await table(async (actor, who) => {
      if (who === "owner" || who === "admin") return;
      await deleteSession(t.platform, actor, published.id, session.id);
    });
    expect(refused).toEqual({ ...managers, owner: "ok", admin: "ok" });
    expect(await outcome(() => deleteSession(t.platform, actors.owner, published.id, session.id))).toBe("ok");
  });

  it("event.manage: only the owner and admins delete a draft", async () => {
    const drafts: Record<Who, EventView> = {} as Record<Who, EventView>;
    for (const who of everybody)
      drafts[who] = await createEvent(t.platform, actors.owner, input(`Weg ${who}`, "draft"));
    // Another editor is not told that the draft exists.
    expect(await table((actor, who) => deleteDraftEvent(t.platform, actor, drafts[who].id))).toEqual({
      ...managers,
      otherEditor: 404,
    });
  });

  it("event.see: a draft is hidden (404) from everybody who may not manage it; a published one is public", async () => {
    expect(await table((actor) => getVisibleEvent(t.platform, actor, draft.slug))).toEqual({
      anonymous: 404,
      member: 404,
      otherEditor: 404,
      owner: "ok",
      admin: "ok",
    });
    expect(await table((actor) => getVisibleEvent(t.platform, actor, published.slug))).toEqual({
      anonymous: "ok",
      member: "ok",
      otherEditor: "ok",
      owner: "ok",
      admin: "ok",
    });
  });
});
