import type { FastifyRequest } from "fastify";
import { type Actor, type Role, roles } from "../../platform/auth/actor.js";
import { authFor, sessionCookieName } from "./better-auth.js";

/**
 * The signed-in person behind a page request, from the Better Auth session cookie.
 * No cookie means no database round trip: most public pages are read anonymously.
 * An expired session, a forged cookie, a deleted or a deactivated user is nobody (undefined).
 */
export async function actorForSession(request: FastifyRequest): Promise<Actor | undefined> {
  const platform = request.server.platform;
  if (!request.cookies?.[sessionCookieName(platform)]) return undefined;
  try {
    const session = await authFor(platform).api.getSession({
      headers: new Headers({ cookie: request.headers.cookie ?? "" }),
      query: { disableRefresh: true },
    });
    if (!session) return undefined;
    const user = session.user as typeof session.user & { role?: string; deactivated_at?: string | null };
    if (!user.role || !(roles as readonly string[]).includes(user.role)) return undefined;
    // Deactivating deletes the sessions; this catches one made by a sign-in at that moment.
    if (user.deactivated_at) return undefined;
    return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role as Role, via: "session" };
  } catch (error) {
    request.log.debug({ err: error }, "session lookup failed");
    return undefined;
  }
}
