import type { Conn } from "../../platform/db/database.js";
import type { CooperationsTable } from "./tables.js";

// All SQL about cooperations and their partners.

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

/** Withdraws every partner's confirmation except those of `keep` (a change to agree to again). */
export async function withdrawConfirmations(db: Conn, cooperationId: string, keep: string[]): Promise<void> {
  let q = db
    .updateTable("cooperation_partners")
    .set({ confirmed_at: null, confirmed_by: null })
    .where("cooperation_id", "=", cooperationId);
  if (keep.length) q = q.where("organisation_id", "not in", keep);
  await q.execute();
}

export async function confirmPartnerRow(
  db: Conn,
  cooperationId: string,
  organisationId: string,
  userId: string | null,
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

export async function pendingPartnerRows(db: Conn): Promise<{ cooperation_id: string; organisation_id: string }[]> {
  return db
    .selectFrom("cooperation_partners")
    .select(["cooperation_id", "organisation_id"])
    .where("confirmed_at", "is", null)
    .execute();
}

export async function hasAnyCooperation(db: Conn): Promise<boolean> {
  return (await db.selectFrom("cooperations").select("id").limit(1).executeTakeFirst()) !== undefined;
}
