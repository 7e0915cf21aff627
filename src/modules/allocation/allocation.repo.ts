import type { Selectable } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { AllocationPlacementsTable, AllocationRunsTable } from "./tables.js";

// SQL on allocation runs and their (participant, slot) rows.

export type RunRow = Selectable<AllocationRunsTable>;
export type PlacementRow = Selectable<AllocationPlacementsTable>;

/** The newest run of a Fachtag (a draft, or the published one). */
export async function latestRun(db: Conn, eventId: string): Promise<RunRow | undefined> {
  return db
    .selectFrom("allocation_runs")
    .selectAll()
    .where("event_id", "=", eventId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Only the newest draft is worth keeping: a new run replaces the drafts before it. */
export async function deleteDraftRuns(db: Conn, eventId: string): Promise<void> {
  const drafts = db
    .selectFrom("allocation_runs")
    .select("id")
    .where("event_id", "=", eventId)
    .where("published_at", "is", null);
  await db.deleteFrom("allocation_placements").where("run_id", "in", drafts).execute();
  await db.deleteFrom("allocation_runs").where("event_id", "=", eventId).where("published_at", "is", null).execute();
}

const PLACEMENT_CHUNK = 2000;

export async function insertRun(db: Conn, run: AllocationRunsTable, rows: AllocationPlacementsTable[]): Promise<void> {
  await db.insertInto("allocation_runs").values(run).execute();
  // Chunked: SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535 (7 per
  // row). Large chunks matter: on PostgreSQL each statement is a round trip, and 3,000 rows
  // in chunks of 100 took most of a run's time.
  for (let i = 0; i < rows.length; i += PLACEMENT_CHUNK) {
    await db
      .insertInto("allocation_placements")
      .values(rows.slice(i, i + PLACEMENT_CHUNK))
      .execute();
  }
}

export async function placementsOfRun(db: Conn, runId: string, registrationId?: string): Promise<PlacementRow[]> {
  return db
    .selectFrom("allocation_placements")
    .selectAll()
    .where("run_id", "=", runId)
    .$if(registrationId !== undefined, (q) => q.where("registration_id", "=", registrationId ?? ""))
    .orderBy("registration_id")
    .orderBy("slot")
    .execute();
}

export async function setPlacement(
  db: Conn,
  key: { runId: string; registrationId: string; slot: string },
  placement: { sessionId: string; rank: number | null },
): Promise<void> {
  await db
    .updateTable("allocation_placements")
    .set({ session_id: placement.sessionId, rank: placement.rank, by_hand: 1 })
    .where("run_id", "=", key.runId)
    .where("registration_id", "=", key.registrationId)
    .where("slot", "=", key.slot)
    .execute();
}

export async function markRunPublished(db: Conn, runId: string, at: string): Promise<void> {
  await db.updateTable("allocation_runs").set({ published_at: at }).where("id", "=", runId).execute();
}
