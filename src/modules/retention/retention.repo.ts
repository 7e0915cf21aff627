import type { Conn } from "../../platform/db/database.js";

// The retention module's own SQL: who is told about a coming deletion.

export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** The Fachtag's organiser (its creator), or — when nobody created it through an account — the admins. */
export async function organisersToRemind(db: Conn, createdBy: string | null): Promise<Recipient[]> {
  if (createdBy) {
    const creator = await db
      .selectFrom("users")
      .select(["id", "email", "name"])
      .where("id", "=", createdBy)
      .executeTakeFirst();
    if (creator) return [creator];
  }
  return db.selectFrom("users").select(["id", "email", "name"]).where("role", "=", "admin").orderBy("email").execute();
}

/**
 * Demo data only: the demo's past Fachtage (2024, 2025) keep their people for five years, so
 * a demo server does not anonymise its own example a day after start. Real Fachtage keep
 * the period their organiser chose.
 */
export async function keepPastDemoFachtage(db: Conn, now: string): Promise<void> {
  await db
    .updateTable("events")
    .set({ retention_months: 60 })
    .where("ends_at", "<", now)
    .where("personal_data_removed_at", "is", null)
    .execute();
}

/** Titles of some Fachtage, by id (for the audit log page). */
export async function eventTitles(db: Conn, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("events")
    .select(["id", "title"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}
