import type { Actor, UserActor } from "../../platform/auth/actor.js";
import { createApiToken } from "../../platform/auth/api-tokens.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { accountsAccess } from "./access.js";
import { listTokens, revokeToken } from "./tokens.repo.js";
import { findUserByEmail } from "./users.repo.js";
import type { TokenView } from "./views/account-page.js";

// API tokens: a person creates and revokes their own on "Mein Konto"; the operator
// creates one for any account on the command line. A token carries its account's role.

const { requireAccess } = accountsAccess;

export async function listMyTokens(platform: Platform, actor: Actor): Promise<TokenView[]> {
  requireAccess(actor, "tokens.own", undefined);
  const userId = (actor as UserActor).id;
  const rows = await listTokens(platform.db.kysely, userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    active: r.revoked_at === null,
  }));
}

/** Creates an API token with the actor's role; the token itself is returned once and never stored. */
export async function createMyToken(platform: Platform, actor: Actor, name: string): Promise<{ token: string }> {
  requireAccess(actor, "tokens.own", undefined);
  const userId = (actor as UserActor).id;
  const { token } = await createApiToken(platform.db.kysely, userId, name);
  return { token };
}

/** Revokes one of the actor's own tokens; another's token (or none) is not found. */
export async function revokeMyToken(platform: Platform, actor: Actor, tokenId: string): Promise<void> {
  requireAccess(actor, "tokens.own", undefined);
  const userId = (actor as UserActor).id;
  if (!(await revokeToken(platform.db.kysely, userId, tokenId))) throw new NotFoundError();
}

/**
 * A token for the account with this address, for the operator's command line (no actor:
 * whoever runs it holds the server's keys). Undefined when there is no such account.
 */
export async function createTokenForAccount(
  platform: Platform,
  email: string,
  name: string,
): Promise<{ token: string; role: string } | undefined> {
  const user = await findUserByEmail(platform.db.kysely, email);
  if (!user) return undefined;
  const { token } = await createApiToken(platform.db.kysely, user.id, name);
  return { token, role: user.role };
}
