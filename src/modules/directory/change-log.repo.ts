import type { Conn } from "../../platform/db/database.js";
import type { DirectoryChangesTable } from "./tables.js";

export async function insertChange(db: Conn, row: DirectoryChangesTable): Promise<void> {
  await db.insertInto("directory_changes").values(row).execute();
}

export async function listChanges(
  db: Conn,
  options: { openOnly: boolean; membersOnly: boolean; limit: number; offset: number },
): Promise<{ rows: (DirectoryChangesTable & { org_name: string | null; org_slug: string | null })[]; total: number }> {
  let q = db.selectFrom("directory_changes as c").leftJoin("organisations as o", "o.id", "c.organisation_id");
  if (options.openOnly) q = q.where("c.reviewed_at", "is", null);
  if (options.membersOnly) q = q.where("c.user_role", "=", "member");
  const countRow = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll("c")
    .select(["o.name as org_name", "o.slug as org_slug"])
    .orderBy("c.changed_at", "desc")
    .orderBy("c.id")
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return { rows, total: Number(countRow.n) };
}

export async function markChangeReviewed(db: Conn, id: string, userId: string | null, now: string): Promise<number> {
  const result = await db
    .updateTable("directory_changes")
    .set({ reviewed_at: now, reviewed_by: userId })
    .where("id", "=", id)
    .where("reviewed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks every open change as reviewed, or only those of members. */
export async function markAllReviewed(
  db: Conn,
  filter: { membersOnly: boolean },
  userId: string | null,
  now: string,
): Promise<number> {
  let q = db
    .updateTable("directory_changes")
    .set({ reviewed_at: now, reviewed_by: userId })
    .where("reviewed_at", "is", null);
  if (filter.membersOnly) q = q.where("user_role", "=", "member");
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
