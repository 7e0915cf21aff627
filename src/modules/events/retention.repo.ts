import type { Conn } from "../../platform/db/database.js";

// The retention job's view of the events table (the retention module owns the job, the
// events module its table): Fachtage whose personal data is still there, and the marker.

export interface RetentionCandidate {
  id: string;
  title: string;
  status: string;
  endsAt: string;
  retentionMonths: number;
  createdBy: string | null;
}

/** Fachtage that ended before `endedBefore` and still hold personal data (drafts hold none worth a job). */
export async function listEventsWithPersonalData(db: Conn, endedBefore: string): Promise<RetentionCandidate[]> {
  const rows = await db
    .selectFrom("events")
    .select(["id", "title", "status", "ends_at", "retention_months", "created_by"])
    .where("personal_data_removed_at", "is", null)
    .where("ends_at", "<", endedBefore)
    .orderBy("ends_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    endsAt: r.ends_at,
    retentionMonths: Number(r.retention_months),
    createdBy: r.created_by,
  }));
}

/** Marks the Fachtag's personal data as removed, once: false when another run got there first. */
export async function markPersonalDataRemoved(db: Conn, eventId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("events")
    .set({ personal_data_removed_at: at })
    .where("id", "=", eventId)
    .where("personal_data_removed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
