import type { Conn } from "../../platform/db/database.js";
import type { OrganisationsTable } from "./tables.js";

// Members: user accounts linked to an organisation as its representatives. The users
// table belongs to accounts; the directory only reads names and e-mail addresses.

export async function isMember(db: Conn, userId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("organisation_members")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function memberIdsOf(db: Conn, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("organisation_members")
    .select("user_id")
    .where("organisation_id", "=", organisationId)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function membersOf(
  db: Conn,
  organisationId: string,
): Promise<{ user_id: string; name: string; email: string; created_at: string }[]> {
  return db
    .selectFrom("organisation_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.name", "u.email", "m.created_at"])
    .where("m.organisation_id", "=", organisationId)
    .orderBy("u.name")
    .execute();
}

export async function organisationsOfMember(db: Conn, userId: string): Promise<OrganisationsTable[]> {
  return db
    .selectFrom("organisation_members as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .selectAll("o")
    .where("m.user_id", "=", userId)
    .orderBy("o.sort_name")
    .execute();
}

export async function insertMember(db: Conn, organisationId: string, userId: string, now: string): Promise<void> {
  await db
    .insertInto("organisation_members")
    .values({ organisation_id: organisationId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(["organisation_id", "user_id"]).doNothing())
    .execute();
}

export async function deleteMember(db: Conn, organisationId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("organisation_members")
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .execute();
}

export async function findUserByEmail(
  db: Conn,
  email: string,
): Promise<{ id: string; name: string; email: string; role: string } | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

/** The first admin account: the demo seed acts as it, so the change log names a real account. */
export async function findAnyAdmin(db: Conn): Promise<{ id: string; name: string; email: string } | undefined> {
  return db.selectFrom("users").select(["id", "name", "email"]).where("role", "=", "admin").executeTakeFirst();
}
