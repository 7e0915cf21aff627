import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("event_results")
    .addColumn("event_id", "text", (c) => c.primaryKey().references("events.id").onDelete("cascade"))
    .addColumn("results", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("event_agreements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "text")
    // open | in_progress | done
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("cooperation_id", "text", (c) => c.references("cooperations.id").onDelete("set null"))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("event_agreements_event_idx").on("event_agreements").columns(["event_id"]).execute();
  await db.schema
    .createTable("event_agreement_organisations")
    .addColumn("agreement_id", "text", (c) => c.notNull().references("event_agreements.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("event_agreement_organisations_pk", ["agreement_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("event_agreement_organisations_org_idx")
    .on("event_agreement_organisations")
    .columns(["organisation_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("event_agreement_organisations").execute();
  await db.schema.dropTable("event_agreements").execute();
  await db.schema.dropTable("event_results").execute();
}
