import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cooperations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    // vereinbarung | projekt | uebergang_kita_grundschule | schule_unternehmen | netzwerk | sonstige
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("starts_on", "text", (c) => c.notNull()) // YYYY-MM-DD
    .addColumn("ends_on", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active")) // proposed | active | ended
    .addColumn("themes", "text", (c) => c.notNull().defaultTo("[]")) // JSON array of strings
    .addColumn("origin", "text")
    .addColumn("origin_event_id", "text", (c) => c.references("events.id").onDelete("set null"))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("cooperations_status_idx").on("cooperations").columns(["status", "starts_on"]).execute();

  await db.schema
    .createTable("cooperation_partners")
    .addColumn("cooperation_id", "text", (c) => c.notNull().references("cooperations.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("confirmed_at", "text")
    .addColumn("confirmed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("cooperation_partners_pk", ["cooperation_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("cooperation_partners_organisation_idx")
    .on("cooperation_partners")
    .columns(["organisation_id", "cooperation_id"])
    .execute();

  await db.schema
    .createTable("networks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("purpose", "text")
    .addColumn("coordinator_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("visibility", "text", (c) => c.notNull().defaultTo("public")) // public | internal
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("network_members")
    .addColumn("network_id", "text", (c) => c.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("network_members_pk", ["network_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("network_members_organisation_idx")
    .on("network_members")
    .column("organisation_id")
    .execute();

  await db.schema
    .createTable("network_meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("network_id", "text", (c) => c.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull()) // ISO UTC
    .addColumn("place", "text")
    .addColumn("agenda", "text")
    .addColumn("minutes_file_id", "text", (c) => c.references("stored_files.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("network_meetings_network_idx")
    .on("network_meetings")
    .columns(["network_id", "starts_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["network_meetings", "network_members", "networks", "cooperation_partners", "cooperations"]) {
    await db.schema.dropTable(table).execute();
  }
}
