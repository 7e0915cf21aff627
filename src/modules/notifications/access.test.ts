import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor } from "../../platform/auth/actor.js";
import { notificationsAccess } from "./access.js";
import { cancelOwnSubscription, getOwnSubscription, saveSubscription } from "./notifications.service.js";

// Role × permission: the own subscription is for everybody signed in, whatever their
// role, and for nobody else (401). Unsubscribing by link needs the secret, not a role.

let t: TestApp;
let actors: EventActors;
const table = (call: (actor: Actor) => unknown) => roleTable(actors, call);
const signedIn = { anonymous: 401, member: "ok", otherEditor: "ok", owner: "ok", admin: "ok", helper: "ok" };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors = await eventActors(t.platform);
});
afterAll(async () => t?.close());

describe("notification permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...notificationsAccess.permissions]).toEqual(["notifications.own"]);
  });

  it("notifications.own: reading, saving and cancelling one's subscription needs a sign-in", async () => {
    const input = { frequency: "weekly" as const, kinds: [], areas: [], municipalities: [], themes: ["Inklusion"] };
    expect(await table((actor) => saveSubscription(t.platform, actor, input))).toEqual(signedIn);
    expect(await table((actor) => getOwnSubscription(t.platform, actor))).toEqual(signedIn);
    expect(await table((actor) => cancelOwnSubscription(t.platform, actor))).toEqual(signedIn);
  });

  it("each person sees only their own subscription", async () => {
    const input = { frequency: "daily" as const, kinds: ["offer" as const], areas: [], municipalities: [], themes: [] };
    await saveSubscription(t.platform, actors.member, input);
    expect((await getOwnSubscription(t.platform, actors.member))?.kinds).toEqual(["offer"]);
    expect(await getOwnSubscription(t.platform, actors.admin)).toBeNull();
  });
});
