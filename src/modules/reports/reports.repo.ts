import type { Conn } from "../../platform/db/database.js";

// The Fachtage a report counts: every one that took or takes place (published or later),
// neither drafts nor cancelled ones. The registrations' figures come from that module.

export interface ReportEventRow {
  id: string;
  title: string;
  startsAt: string;
  createdBy: string | null;
}

export async function countedEvents(db: Conn): Promise<ReportEventRow[]> {
  const rows = await db
    .selectFrom("events")
    .select(["id", "title", "starts_at", "created_by"])
    .where("status", "not in", ["draft", "cancelled"])
    .orderBy("starts_at")
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.starts_at, createdBy: r.created_by }));
}
