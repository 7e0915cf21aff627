import type { FastifyRequest } from "fastify";
import { type Actor, anonymous, type Role, roles } from "./actor.js";
import { actorForToken } from "./api-tokens.js";
import { authFor, sessionCookieName } from "./better-auth.js";

/**
 * Who is asking: a bearer token (JSON API) or, for pages, the Better Auth
 * session cookie. A revoked token, an expired session or a deleted user is anonymous.
 */
export async function resolveActor(request: FastifyRequest): Promise<Actor> {
  const platform = request.server.platform;
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    return (await actorForToken(platform.db.kysely, header.slice(7).trim())) ?? anonymous;
  }
  // No session cookie, no database round trip: most public pages are read anonymously.
  if (!request.cookies?.[sessionCookieName(platform)]) return anonymous;
  return actorForSession(request);
}

async function actorForSession(request: FastifyRequest): Promise<Actor> {
  const platform = request.server.platform;
  try {
    const session = await authFor(platform).api.getSession({
      headers: new Headers({ cookie: request.headers.cookie ?? "" }),
      query: { disableRefresh: true },
    });
    if (!session) return anonymous;
    const user = session.user as typeof session.user & { role?: string };
    if (!user.role || !(roles as readonly string[]).includes(user.role)) return anonymous;
    return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role as Role, via: "session" };
  } catch (error) {
    // A broken or forged cookie is simply no session.
    request.log.debug({ err: error }, "session lookup failed");
    return anonymous;
  }
}
