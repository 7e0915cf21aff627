import type { FastifyRequest } from "fastify";
import { type Actor, anonymous } from "./actor.js";
import { actorForToken } from "./api-tokens.js";

/**
 * Who is asking: a bearer token, else — for pages only — whatever a module that
 * keeps sessions recognises (accounts: the session cookie). The JSON API never
 * reads the session cookie: a browser sends cookies to us from any page of the same
 * site, so an API that honoured them could be driven by another origin (CSRF).
 * A revoked token, an expired session or a deleted user is anonymous.
 */
export async function resolveActor(request: FastifyRequest): Promise<Actor> {
  const platform = request.server.platform;
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    return (await actorForToken(platform.db.kysely, header.slice(7).trim())) ?? anonymous;
  }
  if (request.url.startsWith("/api/")) return anonymous;
  for (const resolve of platform.contributions.actorResolvers) {
    const actor = await resolve(request);
    if (actor) return actor;
  }
  return anonymous;
}
