import type { FastifyRequest } from "fastify";
import { type Actor, anonymous } from "./actor.js";
import { actorForToken } from "./api-tokens.js";

/**
 * Who is asking: a bearer token (JSON API) or, for pages, the session cookie.
 * Session lookup is added by the accounts work (Better Auth).
 */
export async function resolveActor(request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    return (await actorForToken(request.server.platform.db.kysely, header.slice(7).trim())) ?? anonymous;
  }
  return anonymous;
}
