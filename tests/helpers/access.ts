import type { Actor } from "../../src/platform/auth/actor.js";

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
