import type { Conn, Database } from "../../platform/db/database.js";
import type { NetworkMeetingsTable, NetworksTable } from "./tables.js";

// All SQL about networks / working groups, their members, meetings and minutes files.

export async function insertNetwork(db: Conn, row: NetworksTable, memberIds: string[]): Promise<void> {
  await db.insertInto("networks").values(row).execute();
  await setNetworkMembers(db, row.id, memberIds);
}

export async function updateNetwork(
  db: Conn,
  id: string,
  patch: Partial<Omit<NetworksTable, "id" | "created_at">>,
  memberIds: string[],
): Promise<void> {
  await db.updateTable("networks").set(patch).where("id", "=", id).execute();
  await setNetworkMembers(db, id, memberIds);
}

async function setNetworkMembers(db: Conn, networkId: string, memberIds: string[]): Promise<void> {
  await db.deleteFrom("network_members").where("network_id", "=", networkId).execute();
  if (memberIds.length) {
    await db
      .insertInto("network_members")
      .values(memberIds.map((organisation_id) => ({ network_id: networkId, organisation_id })))
      .execute();
  }
}

export async function findNetworkBySlug(db: Conn, slug: string): Promise<NetworksTable | undefined> {
  return db.selectFrom("networks").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function slugTaken(db: Conn, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom("networks").select("id").where("slug", "=", slug);
  if (exceptId) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function listNetworkRows(db: Conn, includeInternal: boolean): Promise<NetworksTable[]> {
  let q = db.selectFrom("networks").selectAll().orderBy("name");
  if (!includeInternal) q = q.where("visibility", "=", "public");
  return q.execute();
}

export async function networkMemberIds(db: Conn, networkIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (networkIds.length === 0) return map;
  const rows = await db
    .selectFrom("network_members")
    .select(["network_id", "organisation_id"])
    .where("network_id", "in", networkIds)
    .execute();
  for (const r of rows) map.set(r.network_id, [...(map.get(r.network_id) ?? []), r.organisation_id]);
  return map;
}

export async function insertMeeting(db: Conn, row: NetworkMeetingsTable): Promise<void> {
  await db.insertInto("network_meetings").values(row).execute();
}

export async function meetingsOf(
  db: Conn,
  networkId: string,
): Promise<(NetworkMeetingsTable & { minutes_name: string | null })[]> {
  return db
    .selectFrom("network_meetings as m")
    .leftJoin("stored_files as f", "f.id", "m.minutes_file_id")
    .selectAll("m")
    .select("f.original_name as minutes_name")
    .where("m.network_id", "=", networkId)
    .orderBy("m.starts_at", "desc")
    .execute();
}

export async function findMeeting(db: Conn, networkId: string, meetingId: string) {
  return db
    .selectFrom("network_meetings as m")
    .innerJoin("stored_files as f", "f.id", "m.minutes_file_id")
    .select(["m.id", "f.storage_key", "f.original_name", "f.content_type"])
    .where("m.network_id", "=", networkId)
    .where("m.id", "=", meetingId)
    .executeTakeFirst();
}

export async function insertStoredFile(db: Conn, row: Database["stored_files"]): Promise<void> {
  await db.insertInto("stored_files").values(row).execute();
}
