import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";

// Who may do what with accounts. Signing in, the password-reset and confirmation links
// are open to everybody (they prove who somebody is); the operator's tools (CLI, demo
// data, test factories) run with the server's keys and have no actor.

const signedIn = (actor: Actor) => actor.kind === "user";

export const accountsAccess = defineAccess<{
  /** The user list, invitations, role changes and deleting accounts: the education office. */
  "users.manage": undefined;
  /**
   * List, create and revoke API tokens: every signed-in person, for their own tokens only
   * (each token query is scoped to the actor's id, so another's token is not found).
   */
  "tokens.own": undefined;
  /** "Mein Konto": see one's own account, change one's password, GET /api/v1/me. */
  "account.own": undefined;
  /** The back-office dashboard /verwaltung: every signed-in person, with the links of their role. */
  "backoffice.enter": undefined;
}>({
  "users.manage": (actor) => actor.kind === "user" && actor.role === "admin",
  "tokens.own": signedIn,
  "account.own": signedIn,
  "backoffice.enter": signedIn,
});
