import { type Actor, anonymous, type Role } from "../../src/platform/auth/actor.js";
import type { Platform } from "../../src/platform/platform.js";
import { createUserWithToken } from "./users.js";

/** What a service call answered: "ok", or the HTTP status of the domain error it refused with. */
export type Outcome = number | "ok";

export async function outcome(call: () => unknown): Promise<Outcome> {
  try {
    await call();
    return "ok";
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === undefined) throw error;
    return status;
  }
}

/** One call per actor, one after the other: the row of a role × permission table. */
export async function roleTable<W extends string>(
  actors: Record<W, Actor>,
  call: (actor: Actor, who: W) => unknown,
): Promise<Record<W, Outcome>> {
  const out = {} as Record<W, Outcome>;
  for (const who of Object.keys(actors) as W[]) out[who] = await outcome(() => call(actors[who], who));
  return out;
}

/** Who a Fachtag's role table asks: nobody, a member, an editor of another Fachtag, the owner, an admin, a check-in helper. */
export type EventActors = Record<"anonymous" | "member" | "otherEditor" | "owner" | "admin" | "helper", Actor>;

/** A token-signed-in actor of a fresh user with `role`. */
export async function userActor(platform: Platform, role: Role): Promise<Actor> {
  const u = await createUserWithToken(platform, role);
  return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" };
}

/** The six people of a Fachtag's role table, each a fresh user (`owner` is the editor who will own the Fachtag). */
export async function eventActors(platform: Platform): Promise<EventActors> {
  return {
    anonymous,
    member: await userActor(platform, "member"),
    otherEditor: await userActor(platform, "editor"),
    owner: await userActor(platform, "editor"),
    admin: await userActor(platform, "admin"),
    helper: await userActor(platform, "checkin"),
  };
}
