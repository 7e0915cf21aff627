import type { Conn } from "../../platform/db/database.js";

// The first-wish rate for reports, from the placements of PUBLISHED allocation runs (a
// draft is no result yet): of the (participant, time slot) pairs that got a workshop,
// how many got their first wish (rank 1). Places made by hand outside the wishes count
// as placed, not as first wishes.

export async function firstWishCounts(
  db: Conn,
  eventIds: readonly string[],
): Promise<{ placed: number; firstWish: number }> {
  if (eventIds.length === 0) return { placed: 0, firstWish: 0 };
  const row = await db
    .selectFrom("allocation_placements")
    .innerJoin("allocation_runs", "allocation_runs.id", "allocation_placements.run_id")
    .where("allocation_runs.event_id", "in", eventIds)
    .where("allocation_runs.published_at", "is not", null)
    .where("allocation_placements.session_id", "is not", null)
    .select((eb) => [
      eb.fn.countAll<number | string | bigint>().as("placed"),
      eb.fn
        .sum<number | string | bigint>(eb.case().when("allocation_placements.rank", "=", 1).then(1).else(0).end())
        .as("first"),
    ])
    .executeTakeFirst();
  return { placed: Number(row?.placed ?? 0), firstWish: Number(row?.first ?? 0) };
}
