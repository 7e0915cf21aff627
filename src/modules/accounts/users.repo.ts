import { createHash } from "node:crypto";
import type { Conn, Dialect } from "../../platform/db/database.js";
import type { DeactivationColumns } from "./tables.js";

// Better Auth's tables keep its native types: timestamptz and boolean on PostgreSQL,
// ISO text and 0/1 on SQLite (see migration 2026-11-27-0001). These two functions
// hold that difference; the writes below take the dialect for them.
const authTime = (dialect: Dialect, date = new Date()): string | Date =>
  dialect === "postgres" ? date : date.toISOString();
const authBool = (dialect: Dialect, value: boolean): number | boolean =>
  dialect === "postgres" ? value : value ? 1 : 0;

export interface UserRow extends DeactivationColumns {
  id: string;
  name: string;
  email: string;
  role: string;
  email_verified: number | boolean;
  created_at: string | Date;
}

const userColumns = [
  "id",
  "name",
  "email",
  "role",
  "email_verified",
  "created_at",
  "deactivated_at",
  "deactivation_reason",
] as const;

export async function findUserByEmail(db: Conn, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").select(userColumns).where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Conn, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").select(userColumns).where("id", "=", id).executeTakeFirst();
}

export async function listUsers(db: Conn): Promise<UserRow[]> {
  return db.selectFrom("users").select(userColumns).orderBy("name").orderBy("email").execute();
}

export async function insertUser(
  db: Conn,
  dialect: Dialect,
  user: { id: string; name: string; email: string; role: string; verified: boolean },
): Promise<void> {
  const now = authTime(dialect);
  await db
    .insertInto("users")
    .values({
      id: user.id,
      name: user.name,
      email: user.email.toLowerCase(),
      email_verified: authBool(dialect, user.verified),
      image: null,
      role: user.role,
      locale: null,
      deactivated_at: null,
      deactivation_reason: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** The e-mail + password login of a user, as Better Auth's "credential" account. */
export async function insertCredentialAccount(
  db: Conn,
  dialect: Dialect,
  account: { id: string; userId: string; passwordHash: string },
): Promise<void> {
  const now = authTime(dialect);
  await db
    .insertInto("accounts")
    .values({
      id: account.id,
      account_id: account.userId,
      provider_id: "credential",
      user_id: account.userId,
      password: account.passwordHash,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function hasCredential(db: Conn, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("accounts")
    .select("id")
    .where("user_id", "=", userId)
    .where("provider_id", "=", "credential")
    .where("password", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A password-setting link for an invited user, stored the way Better Auth stores
 * its reset tokens ("reset-password:<token>", hashed), so its reset endpoint accepts it.
 */
export async function insertResetToken(
  db: Conn,
  dialect: Dialect,
  token: { id: string; token: string; userId: string; expiresAt: Date },
): Promise<void> {
  const identifier = createHash("sha256").update(`reset-password:${token.token}`).digest("base64url");
  const now = authTime(dialect);
  await db
    .insertInto("verifications")
    .values({
      id: token.id,
      identifier,
      value: token.userId,
      expires_at: authTime(dialect, token.expiresAt),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Makes every earlier password-setting link of this user void (before a new invitation). */
export async function deleteResetTokens(db: Conn, userId: string): Promise<void> {
  await db.deleteFrom("verifications").where("value", "=", userId).execute();
}

export async function markEmailVerified(db: Conn, dialect: Dialect, userId: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ email_verified: authBool(dialect, true), updated_at: authTime(dialect) })
    .where("id", "=", userId)
    .execute();
}

export async function updateRole(db: Conn, dialect: Dialect, userId: string, role: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ role, updated_at: authTime(dialect) })
    .where("id", "=", userId)
    .execute();
}

export async function deleteUserRow(db: Conn, userId: string): Promise<void> {
  // Sessions, accounts and API tokens go with the user (ON DELETE CASCADE).
  await db.deleteFrom("users").where("id", "=", userId).execute();
}

/** Deactivates (with the time and the optional reason) or, with null, reactivates an account. */
export async function setDeactivation(
  db: Conn,
  dialect: Dialect,
  userId: string,
  deactivation: { at: string; reason: string | null } | null,
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      deactivated_at: deactivation?.at ?? null,
      deactivation_reason: deactivation?.reason ?? null,
      updated_at: authTime(dialect),
    })
    .where("id", "=", userId)
    .execute();
}

/** Ends every session of the user: their browsers are signed out on the next request. */
export async function deleteSessions(db: Conn, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Whether the account is switched off (unknown accounts are not: they have nothing to refuse). */
export async function isDeactivated(db: Conn, userId: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("deactivated_at").where("id", "=", userId).executeTakeFirst();
  return Boolean(row?.deactivated_at);
}
