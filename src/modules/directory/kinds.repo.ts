import type { Conn } from "../../platform/db/database.js";
import type { OrganisationKindsTable } from "./tables.js";

// The organisation kinds: the base list of the migration plus those admins added.

export async function listKinds(db: Conn): Promise<OrganisationKindsTable[]> {
  return db.selectFrom("organisation_kinds").selectAll().orderBy("position").orderBy("id").execute();
}

export async function findKind(db: Conn, id: string): Promise<OrganisationKindsTable | undefined> {
  return db.selectFrom("organisation_kinds").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertKind(db: Conn, row: OrganisationKindsTable): Promise<void> {
  await db.insertInto("organisation_kinds").values(row).execute();
}

export async function maxKindPosition(db: Conn): Promise<number> {
  const row = await db
    .selectFrom("organisation_kinds")
    .select((eb) => eb.fn.max<number>("position").as("m"))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}
