import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { newId } from "../db/ids.js";
import type { Database } from "../db/schema.js";
import { nowIso } from "../db/time.js";
import { type Actor, type Role, roles } from "./actor.js";

/** Tokens are shown once; only their SHA-256 hash is stored. "bn_" makes leaked tokens easy to spot. */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export async function createApiToken(
  db: Kysely<Database>,
  userId: string,
  name: string,
): Promise<{ id: string; token: string }> {
  const token = `bn_${randomBytes(30).toString("base64url")}`;
  const id = newId();
  await db
    .insertInto("api_tokens")
    .values({
      id,
      user_id: userId,
      name,
      token_hash: hashToken(token),
      prefix: token.slice(0, 10),
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, token };
}

/**
 * The actor behind a bearer token, or undefined for unknown or revoked tokens and for
 * tokens of a deactivated account (they are kept and work again once it is reactivated).
 */
export async function actorForToken(db: Kysely<Database>, token: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as tokenId",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "api_tokens.last_used_at",
    ])
    .where("api_tokens.token_hash", "=", hashToken(token))
    .where("api_tokens.revoked_at", "is", null)
    .where("users.deactivated_at", "is", null)
    .executeTakeFirst();
  if (!row || !(roles as readonly string[]).includes(row.role)) return undefined;
  // Record use at most once an hour: no write on every API call.
  const now = nowIso();
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 3600_000) {
    await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.tokenId).execute();
  }
  return { kind: "user", id: row.id, email: row.email, name: row.name, role: row.role as Role, via: "token" };
}
