import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { Database } from "../../platform/db/schema.js";
import { nowIso } from "../../platform/db/time.js";

type Conn = Kysely<Database> | Transaction<Database>;

// Better Auth's tables keep its native types: timestamptz and boolean on PostgreSQL,
// ISO text and 0/1 on SQLite (see migration 2026-11-27-0001). These two functions
// hold that difference.
export const authTime = (db: Db, date = new Date()): string | Date =>
  db.dialect === "postgres" ? date : date.toISOString();
export const authBool = (db: Db, value: boolean): number | boolean =>
  db.dialect === "postgres" ? value : value ? 1 : 0;

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  email_verified: number | boolean;
  created_at: string | Date;
}

const userColumns = ["id", "name", "email", "role", "email_verified", "created_at"] as const;

export async function findUserByEmail(db: Conn, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").select(userColumns).where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Conn, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").select(userColumns).where("id", "=", id).executeTakeFirst();
}

export async function listUsers(db: Conn): Promise<UserRow[]> {
  return db.selectFrom("users").select(userColumns).orderBy("name").orderBy("email").execute();
}

export async function countUsers(db: Conn): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(
  db: Db,
  trx: Conn,
  user: { id: string; name: string; email: string; role: string; verified: boolean },
): Promise<void> {
  const now = authTime(db);
  await trx
    .insertInto("users")
    .values({
      id: user.id,
      name: user.name,
      email: user.email.toLowerCase(),
      email_verified: authBool(db, user.verified),
      image: null,
      role: user.role,
      locale: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** The e-mail + password login of a user, as Better Auth's "credential" account. */
export async function insertCredentialAccount(
  db: Db,
  trx: Conn,
  account: { id: string; userId: string; passwordHash: string },
): Promise<void> {
  const now = authTime(db);
  await trx
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
  db: Db,
  trx: Conn,
  token: { id: string; token: string; userId: string; expiresAt: Date },
): Promise<void> {
  const identifier = createHash("sha256").update(`reset-password:${token.token}`).digest("base64url");
  const now = authTime(db);
  await trx
    .insertInto("verifications")
    .values({
      id: token.id,
      identifier,
      value: token.userId,
      expires_at: authTime(db, token.expiresAt),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Makes every earlier password-setting link of this user void (before a new invitation). */
export async function deleteResetTokens(trx: Conn, userId: string): Promise<void> {
  await trx.deleteFrom("verifications").where("value", "=", userId).execute();
}

export async function markEmailVerified(db: Db, userId: string): Promise<void> {
  await db.kysely
    .updateTable("users")
    .set({ email_verified: authBool(db, true), updated_at: authTime(db) })
    .where("id", "=", userId)
    .execute();
}

export async function updateRole(db: Db, trx: Conn, userId: string, role: string): Promise<void> {
  await trx
    .updateTable("users")
    .set({ role, updated_at: authTime(db) })
    .where("id", "=", userId)
    .execute();
}

export async function deleteUserRow(trx: Conn, userId: string): Promise<void> {
  // Sessions, accounts and API tokens go with the user (ON DELETE CASCADE).
  await trx.deleteFrom("users").where("id", "=", userId).execute();
}

export async function countAdmins(db: Conn): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export async function listTokens(db: Conn, userId: string): Promise<TokenRow[]> {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

/** Revokes one of the user's own tokens; false when there is no such active token. */
export async function revokeToken(db: Conn, userId: string, tokenId: string): Promise<boolean> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso() })
    .where("id", "=", tokenId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
