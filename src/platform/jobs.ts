import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Conn } from "./db/database.js";

// Scheduled jobs across several app instances: every instance ticks, one runs.

/** This process, as a lease holder: host, process id and a random part (restarts differ). */
export const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * Takes the lease of job `name` for `leaseMs` when nobody holds it (or the lease ran out):
 * one conditional update, so of two instances ticking at once exactly one gets `true`.
 * The lease is a little shorter than the job's period, so the next period's tick of any
 * instance can take it again; an instance that died simply lets its lease run out.
 */
export async function claimJobLease(
  db: Conn,
  name: string,
  holder: string,
  leaseMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  const nowIso = now.toISOString();
  await db
    .insertInto("job_leases")
    .values({ name, holder: "", lease_until: new Date(0).toISOString(), last_started_at: null })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const result = await db
    .updateTable("job_leases")
    .set({ holder, lease_until: new Date(now.getTime() + leaseMs).toISOString(), last_started_at: nowIso })
    .where("name", "=", name)
    .where("lease_until", "<=", nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The lease for a job that runs every `everyMs`: 90 % of the period, at least one second shorter. */
export const leaseFor = (everyMs: number): number => Math.max(500, Math.min(everyMs * 0.9, everyMs - 1000));
