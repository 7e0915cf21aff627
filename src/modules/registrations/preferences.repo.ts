import type { Conn } from "../../platform/db/database.js";
import type { RegistrationStatus } from "./tables.js";

// SQL on ranked workshop wishes (preference mode) and on the placements an allocation writes.

export interface PreferenceRow {
  registrationId: string;
  /** The time slot (start time of the slot, ISO UTC), as in registration_workshops. */
  slot: string;
  /** 1 = first wish. */
  rank: number;
  sessionId: string;
}

export async function insertPreferences(
  db: Conn,
  registrationId: string,
  rows: Omit<PreferenceRow, "registrationId">[],
  now: string,
): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto("registration_preferences")
    .values(
      rows.map((r) => ({
        registration_id: registrationId,
        slot: r.slot,
        rank: r.rank,
        session_id: r.sessionId,
        created_at: now,
      })),
    )
    .execute();
}

export async function deletePreferences(db: Conn, registrationId: string): Promise<void> {
  await db.deleteFrom("registration_preferences").where("registration_id", "=", registrationId).execute();
}

/** The wishes of some registrations, by slot and rank. */
export async function preferencesOf(db: Conn, registrationIds: string[]): Promise<PreferenceRow[]> {
  const out: PreferenceRow[] = [];
  // Chunked: SQLite limits the number of bound parameters.
  for (let i = 0; i < registrationIds.length; i += 500) {
    const rows = await db
      .selectFrom("registration_preferences")
      .select(["registration_id", "slot", "rank", "session_id"])
      .where("registration_id", "in", registrationIds.slice(i, i + 500))
      .orderBy("registration_id")
      .orderBy("slot")
      .orderBy("rank")
      .execute();
    out.push(
      ...rows.map((r) => ({
        registrationId: r.registration_id,
        slot: r.slot,
        rank: Number(r.rank),
        sessionId: r.session_id,
      })),
    );
  }
  return out;
}

/**
 * Every wish of a Fachtag's registrations with the given statuses (the allocation takes
 * the confirmed ones), in registration order, then slot and rank.
 */
export async function listEventPreferences(
  db: Conn,
  eventId: string,
  statuses: RegistrationStatus[] = ["confirmed"],
): Promise<PreferenceRow[]> {
  const rows = await db
    .selectFrom("registration_preferences as p")
    .innerJoin("registrations as r", "r.id", "p.registration_id")
    .select(["p.registration_id", "p.slot", "p.rank", "p.session_id"])
    .where("r.event_id", "=", eventId)
    .where("r.status", "in", statuses)
    .orderBy("r.created_at")
    .orderBy("r.id")
    .orderBy("p.slot")
    .orderBy("p.rank")
    .execute();
  return rows.map((r) => ({
    registrationId: r.registration_id,
    slot: r.slot,
    rank: Number(r.rank),
    sessionId: r.session_id,
  }));
}

/**
 * Replaces the workshops each registration holds with the placements of an allocation (one
 * per slot). The caller holds the Fachtag's lock and has checked capacities. Written in
 * chunks rather than per person: publishing 1,000 people took two statements each.
 */
export async function placeInWorkshops(
  db: Conn,
  entries: { registrationId: string; placements: { sessionId: string; slot: string }[] }[],
  now: string,
): Promise<void> {
  // 500 ids per delete, 2,000 rows of 4 parameters per insert: far below SQLite's 32,766
  // bound parameters.
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500);
    await db
      .deleteFrom("registration_workshops")
      .where(
        "registration_id",
        "in",
        chunk.map((e) => e.registrationId),
      )
      .execute();
    const rows = chunk.flatMap((e) =>
      e.placements.map((p) => ({
        registration_id: e.registrationId,
        session_id: p.sessionId,
        slot: p.slot,
        created_at: now,
      })),
    );
    for (let r = 0; r < rows.length; r += 2000) {
      await db
        .insertInto("registration_workshops")
        .values(rows.slice(r, r + 2000))
        .execute();
    }
  }
}
