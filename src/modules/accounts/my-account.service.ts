import { isAPIError } from "better-auth/api";
import type { Actor, Role, UserActor } from "../../platform/auth/actor.js";
import { passwordWeakness } from "../../platform/auth/password.js";
import { DomainError, ValidationError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import type { NavItem } from "../../platform/views/page-context.js";
import { accountsAccess } from "./access.js";
import { authFor } from "./better-auth.js";
import { listMyTokens } from "./tokens.service.js";
import type { AccountView } from "./views/account-page.js";

// "Mein Konto" (who am I, my password, my tokens) and the back-office dashboard
// every signed-in person lands on.

const { requireAccess } = accountsAccess;

/** The account page: the signed-in person and their API tokens. */
export async function getMyAccount(platform: Platform, actor: Actor): Promise<AccountView> {
  requireAccess(actor, "account.own", undefined);
  const { name, email, role } = actor as UserActor;
  return { name, email, role, tokens: await listMyTokens(platform, actor) };
}

/** Changes the signed-in user's password and ends their other sessions; returns the new cookie. */
export async function changePassword(
  platform: Platform,
  actor: Actor,
  cookieHeader: string,
  input: { current: string; password: string },
): Promise<string[]> {
  requireAccess(actor, "account.own", undefined);
  // A password is changed in the browser session that knows it, never with an API token.
  if ((actor as UserActor).via !== "session") throw new DomainError(403, "session_required", "error.forbidden.text");
  const weakness = passwordWeakness(input.password);
  if (weakness) throw new ValidationError({ password: `accounts.password.${weakness}` });
  try {
    const { headers } = await authFor(platform).api.changePassword({
      body: { currentPassword: input.current, newPassword: input.password, revokeOtherSessions: true },
      headers: new Headers({ cookie: cookieHeader }),
      returnHeaders: true,
    });
    return headers.getSetCookie();
  } catch (error) {
    if (isAPIError(error) && error.body?.code === "INVALID_PASSWORD") {
      throw new ValidationError({ current: "accounts.password.wrongCurrent" });
    }
    throw error;
  }
}

/** The account behind a token or session (GET /api/v1/me). */
export function whoAmI(_platform: Platform, actor: Actor): { id: string; email: string; name: string; role: Role } {
  requireAccess(actor, "account.own", undefined);
  const { id, email, name, role } = actor as UserActor;
  return { id, email, name, role };
}

/** The dashboard's links: every module's admin links (see the manifests) the actor's role may see. */
export function dashboardLinks(platform: Platform, actor: Actor): { links: NavItem[]; role: Role } {
  requireAccess(actor, "backoffice.enter", undefined);
  const { role } = actor as UserActor;
  const links = platform.contributions.adminLinks
    .filter((link) => !link.roles || link.roles.includes(role))
    .sort((a, b) => a.order - b.order || a.href.localeCompare(b.href));
  return { links, role };
}
