import type { FastifyRequest } from "fastify";
import { type Actor, anonymous } from "./actor.js";
import { actorForToken } from "./api-tokens.js";

/**
 * Who is asking: a bearer token (JSON API), else whatever a module that keeps
 * sessions recognises (accounts: the session cookie). A revoked token, an expired
 * session or a deleted user is anonymous.
 */
export async function resolveActor(request: FastifyRequest): Promise<Actor> {
  const platform = request.server.platform;
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    return (await actorForToken(platform.db.kysely, header.slice(7).trim())) ?? anonymous;
  }
  for (const resolve of platform.contributions.actorResolvers) {
    const actor = await resolve(request);
    if (actor) return actor;
  }
  return anonymous;
}
