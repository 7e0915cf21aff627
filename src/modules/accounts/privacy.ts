import type { Conn } from "../../platform/db/database.js";
import type { HookHandler, HookResult } from "../../platform/hooks.js";
import { deleteResetTokens, deleteUserRow, findUserByEmail } from "./users.repo.js";

// The account's part of a data subject request. Art. 15: the account (name, address, role,
// language, when created, deactivated), its sign-ins (sessions with browser and address) and
// API tokens (names, never the secret). Art. 17, last stage: the account row goes; sessions,
// logins and tokens go with it (ON DELETE CASCADE), the Fachtage, organisations and posts it
// created keep their content without it (ON DELETE SET NULL).

const iso = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : v);

/** The id of the account with this address, or null: whom the other modules' parts look for. */
export async function accountIdForEmail(db: Conn, email: string): Promise<string | null> {
  return (await findUserByEmail(db, email))?.id ?? null;
}

export const exportAccount: HookHandler<"privacy.exportPerson"> = async ({ userId }, { db }) => {
  if (!userId) return null;
  const user = await db
    .selectFrom("users")
    .select([
      "name",
      "email",
      "role",
      "locale",
      "email_verified",
      "created_at",
      "deactivated_at",
      "deactivation_reason",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const sessions = await db
    .selectFrom("sessions")
    .select(["created_at", "expires_at", "ip_address", "user_agent"])
    .where("user_id", "=", userId)
    .execute();
  const tokens = await db
    .selectFrom("api_tokens")
    .select(["name", "prefix", "created_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .execute();
  return {
    part: "accounts",
    counts: { accounts: 1, sessions: sessions.length, apiTokens: tokens.length },
    data: {
      account: {
        name: user.name,
        email: user.email,
        role: user.role,
        locale: user.locale,
        emailVerified: user.email_verified === true || user.email_verified === 1,
        createdAt: iso(user.created_at),
        deactivatedAt: user.deactivated_at,
        deactivationReason: user.deactivation_reason,
      },
      sessions: sessions.map((s) => ({
        createdAt: iso(s.created_at),
        expiresAt: iso(s.expires_at),
        ipAddress: s.ip_address,
        userAgent: s.user_agent,
      })),
      apiTokens: tokens.map((t) => ({
        name: t.name,
        prefix: t.prefix,
        createdAt: t.created_at,
        lastUsedAt: t.last_used_at,
        revokedAt: t.revoked_at,
      })),
    },
  };
};

export const eraseAccount: HookHandler<"privacy.eraseIdentity"> = async (
  { userId },
  { db },
): Promise<HookResult<"privacy.eraseIdentity">> => {
  if (!userId) return { part: "accounts", removed: {}, kept: {} };
  await deleteResetTokens(db, userId);
  const exists = await db.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
  if (!exists) return { part: "accounts", removed: {}, kept: {} };
  await deleteUserRow(db, userId);
  return { part: "accounts", removed: { accounts: 1 }, kept: {} };
};
