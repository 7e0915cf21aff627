import type { Kysely } from "kysely";

/**
 * Workshop allocations (preference mode): a run per computation with its seed and
 * summary, and one row per (participant, time slot) pair — placed or not. Only the
 * newest draft and the published run are kept; placements go with their run.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("allocation_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("seed", "bigint", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("published_at", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("allocation_runs_event_idx")
    .on("allocation_runs")
    .columns(["event_id", "created_at"])
    .execute();
  await db.schema
    .createTable("allocation_placements")
    .addColumn("run_id", "text", (c) => c.notNull().references("allocation_runs.id").onDelete("cascade"))
    .addColumn("registration_id", "text", (c) => c.notNull().references("registrations.id").onDelete("cascade"))
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.references("event_sessions.id").onDelete("set null"))
    .addColumn("rank", "integer")
    .addColumn("wishes", "text", (c) => c.notNull())
    .addColumn("by_hand", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("allocation_placements_pk", ["run_id", "registration_id", "slot"])
    .execute();
  await db.schema
    .createIndex("allocation_placements_registration_idx")
    .on("allocation_placements")
    .column("registration_id")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("allocation_placements").execute();
  await db.schema.dropTable("allocation_runs").execute();
}
