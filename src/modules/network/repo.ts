import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import type { CooperationsTable, NetworkMeetingsTable, NetworksTable } from "./tables.js";

type Conn = Kysely<Database> | Transaction<Database>;

// All SQL of the network module.

export interface PartnerRow {
  cooperation_id: string;
  organisation_id: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
}

export async function insertCooperation(db: Conn, row: CooperationsTable, partners: PartnerRow[]): Promise<void> {
  await db.insertInto("cooperations").values(row).execute();
  if (partners.length) await db.insertInto("cooperation_partners").values(partners).execute();
}

export async function updateCooperationRow(
  db: Conn,
  id: string,
  patch: Partial<Omit<CooperationsTable, "id" | "created_at" | "created_by">>,
): Promise<void> {
  await db.updateTable("cooperations").set(patch).where("id", "=", id).execute();
}

export async function deleteCooperation(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("cooperations").where("id", "=", id).execute();
}

export async function findCooperation(db: Conn, id: string): Promise<CooperationsTable | undefined> {
  return db.selectFrom("cooperations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function partnersOf(db: Conn, cooperationIds: readonly string[]): Promise<PartnerRow[]> {
  if (cooperationIds.length === 0) return [];
  const rows: PartnerRow[] = [];
  // Chunks keep the parameter count below every driver's limit.
  for (let i = 0; i < cooperationIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom("cooperation_partners")
        .selectAll()
        .where("cooperation_id", "in", cooperationIds.slice(i, i + 500))
        .execute()),
    );
  }
  return rows;
}

export async function addPartners(db: Conn, rows: PartnerRow[]): Promise<void> {
  if (rows.length) await db.insertInto("cooperation_partners").values(rows).execute();
}

export async function removePartners(db: Conn, cooperationId: string, organisationIds: string[]): Promise<void> {
  if (organisationIds.length === 0) return;
  await db
    .deleteFrom("cooperation_partners")
    .where("cooperation_id", "=", cooperationId)
    .where("organisation_id", "in", organisationIds)
    .execute();
}

export async function confirmPartnerRow(
  db: Conn,
  cooperationId: string,
  organisationId: string,
  userId: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable("cooperation_partners")
    .set({ confirmed_at: at, confirmed_by: userId })
    .where("cooperation_id", "=", cooperationId)
    .where("organisation_id", "=", organisationId)
    .where("confirmed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface CooperationFilter {
  kind?: string | undefined;
  status?: string | undefined;
  organisationId?: string | undefined;
  /** Only cooperations every partner has confirmed. */
  confirmedOnly: boolean;
}

function filtered(db: Conn, f: CooperationFilter) {
  let q = db.selectFrom("cooperations as c");
  if (f.kind) q = q.where("c.kind", "=", f.kind);
  if (f.status) q = q.where("c.status", "=", f.status);
  if (f.organisationId) {
    const orgId = f.organisationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("cooperation_partners as p")
          .select("p.cooperation_id")
          .whereRef("p.cooperation_id", "=", "c.id")
          .where("p.organisation_id", "=", orgId),
      ),
    );
  }
  if (f.confirmedOnly) {
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("cooperation_partners as u")
            .select("u.cooperation_id")
            .whereRef("u.cooperation_id", "=", "c.id")
            .where("u.confirmed_at", "is", null),
        ),
      ),
    );
  }
  return q;
}

export async function listCooperationRows(
  db: Conn,
  f: CooperationFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CooperationsTable[]; total: number }> {
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, f)
    .selectAll("c")
    .orderBy("c.starts_on", "desc")
    .orderBy("c.title")
    .orderBy("c.id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** The whole cooperation graph in two queries: what the analysis needs, nothing more. */
export async function cooperationsForAnalysis(db: Conn): Promise<{
  cooperations: Pick<CooperationsTable, "id" | "kind" | "status" | "starts_on" | "ends_on">[];
  partners: { cooperation_id: string; organisation_id: string; confirmed_at: string | null }[];
}> {
  const cooperations = await db
    .selectFrom("cooperations")
    .select(["id", "kind", "status", "starts_on", "ends_on"])
    .execute();
  const partners = await db
    .selectFrom("cooperation_partners")
    .select(["cooperation_id", "organisation_id", "confirmed_at"])
    .execute();
  return { cooperations, partners };
}

export async function pendingPartnerRows(db: Conn): Promise<{ cooperation_id: string; organisation_id: string }[]> {
  return db
    .selectFrom("cooperation_partners")
    .select(["cooperation_id", "organisation_id"])
    .where("confirmed_at", "is", null)
    .execute();
}

// --- networks -----------------------------------------------------------------------

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

/**
 * A fingerprint of everything the network analysis reads: counts and latest change
 * times. Reads the directory's tables too (aggregates only) so that the analysis
 * cache notices organisation changes without the directory having to call us.
 */
export async function networkFingerprint(db: Conn): Promise<string> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("organisations")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("orgs"),
      eb
        .selectFrom("organisations")
        .select((sub) => sub.fn.max("updated_at").as("u"))
        .as("orgs_changed"),
      eb
        .selectFrom("organisations")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .where("status", "=", "published")
        .as("published"),
      eb
        .selectFrom("organisation_areas")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("areas"),
      eb
        .selectFrom("cooperations")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("coops"),
      eb
        .selectFrom("cooperations")
        .select((sub) => sub.fn.max("updated_at").as("u"))
        .as("coops_changed"),
      eb
        .selectFrom("cooperation_partners")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("partners"),
      eb
        .selectFrom("cooperation_partners")
        .select((sub) => sub.fn.count<number>("confirmed_at").as("n"))
        .as("confirmed"),
    ])
    .executeTakeFirstOrThrow();
  return Object.values(row).map(String).join("|");
}
