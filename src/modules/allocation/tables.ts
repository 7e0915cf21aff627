// Tables owned by the allocation module (see migrations/). Times are ISO UTC strings.

/** One computed allocation of a Fachtag: the newest draft, or the one that was published. */
export interface AllocationRunsTable {
  id: string;
  event_id: string;
  /** The seed of the draw that breaks ties (unsigned 32-bit): the same input and seed, the same result. */
  seed: number;
  created_at: string;
  /** User id of the organiser who ran it. */
  created_by: string | null;
  published_at: string | null;
  /** JSON (RunSummary): counts, ranks, the capacities and demand the run saw, a hash of its input. */
  summary: string;
}

/**
 * One (participant, time slot) pair of a run: the workshop placed, or none (session_id
 * null: no wish of that slot had a place).
 */
export interface AllocationPlacementsTable {
  run_id: string;
  registration_id: string;
  /** The time slot (its start time, ISO UTC), as in registration_workshops. */
  slot: string;
  session_id: string | null;
  /** Rank of the placed wish (1 = first wish); null when unplaced or placed by hand outside the wishes. */
  rank: number | null;
  /** JSON array of the session ids wished in this slot, first wish first (the run's input). */
  wishes: string;
  /** 1 when the organiser placed the person by hand. */
  by_hand: number;
}

export interface AllocationTables {
  allocation_runs: AllocationRunsTable;
  allocation_placements: AllocationPlacementsTable;
}

declare module "../../platform/db/schema.js" {
  // Adds this module's tables to the one database type.
  interface Database extends AllocationTables {}
}
