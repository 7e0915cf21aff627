import type { Kysely } from "kysely";

// The directory of education actors: organisations, their kinds, areas, tags,
// offers, member links, contacts (public only with consent) and the change log.

const baseKinds: [string, string, string][] = [
  ["kita", "Kita / Kindertagespflege", "Day care centre"],
  ["grundschule", "Grundschule", "Primary school"],
  ["oberschule", "Oberschule / Haupt- und Realschule", "Secondary school (Oberschule)"],
  ["gymnasium", "Gymnasium", "Grammar school"],
  ["gesamtschule", "Gesamtschule", "Comprehensive school"],
  ["foerderschule", "Förderschule", "Special needs school"],
  ["berufsbildende_schule", "Berufsbildende Schule", "Vocational school"],
  ["hochschule", "Hochschule", "University"],
  ["erwachsenenbildung", "Volkshochschule / Erwachsenenbildung", "Adult education centre"],
  ["jugendhilfe", "Jugendhilfe / soziale Einrichtung", "Youth welfare / social institution"],
  ["beratungsstelle", "Beratungsstelle", "Counselling service"],
  ["integration", "Integrations- / Migrantenorganisation", "Integration / migrant organisation"],
  ["bibliothek_kultur", "Bibliothek / Kultur", "Library / culture"],
  ["verein", "Verein", "Association"],
  ["unternehmen", "Unternehmen / Kammer", "Company / chamber"],
  ["verwaltung", "Kommunalverwaltung", "Local administration"],
  ["gesundheit", "Gesundheitsdienst", "Health service"],
  ["sonstige", "Sonstige", "Other"],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation_kinds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("label_de", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  const now = "2026-11-27T03:00:00.000Z";
  await db
    .insertInto("organisation_kinds")
    .values(
      baseKinds.map(([id, de, en], i) => ({ id, label_de: de, label_en: en, position: (i + 1) * 10, created_at: now })),
    )
    .execute();

  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().references("organisation_kinds.id"))
    .addColumn("carrier_type", "text") // oeffentlich | frei_gemeinnuetzig | privat
    .addColumn("carrier_name", "text")
    .addColumn("municipality", "text", (c) => c.notNull())
    .addColumn("street", "text")
    .addColumn("postal_code", "text")
    .addColumn("city", "text")
    .addColumn("lat", "real")
    .addColumn("lon", "real")
    .addColumn("website", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("description", "text")
    .addColumn("target_groups", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("themes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("languages", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("accessibility", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published")) // published | proposed | rejected
    .addColumn("proposer_name", "text")
    .addColumn("proposer_email", "text")
    .addColumn("proposal_note", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sort_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("organisations_status_sort_idx")
    .on("organisations")
    .columns(["status", "sort_name"])
    .execute();
  await db.schema.createIndex("organisations_kind_idx").on("organisations").columns(["kind", "status"]).execute();
  await db.schema
    .createIndex("organisations_municipality_idx")
    .on("organisations")
    .columns(["municipality", "status"])
    .execute();

  await db.schema
    .createTable("organisation_areas")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("area", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_areas_pk", ["organisation_id", "area"])
    .execute();
  await db.schema
    .createIndex("organisation_areas_area_idx")
    .on("organisation_areas")
    .columns(["area", "organisation_id"])
    .execute();

  await db.schema
    .createTable("organisation_tags")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("facet", "text", (c) => c.notNull()) // theme | target_group | language
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_tags_pk", ["organisation_id", "facet", "value"])
    .execute();
  await db.schema
    .createIndex("organisation_tags_value_idx")
    .on("organisation_tags")
    .columns(["facet", "value", "organisation_id"])
    .execute();

  await db.schema
    .createTable("offers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull()) // kurs | beratung | programm | lernort | projekt
    .addColumn("description", "text")
    .addColumn("target_group", "text")
    .addColumn("age_from", "integer")
    .addColumn("age_to", "integer")
    .addColumn("area", "text")
    .addColumn("cost", "text")
    .addColumn("access_requirements", "text")
    .addColumn("languages", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("ongoing", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("starts_on", "text")
    .addColumn("ends_on", "text")
    .addColumn("schedule", "text")
    .addColumn("place", "text")
    .addColumn("contact", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sort_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("offers_organisation_idx")
    .on("offers")
    .columns(["organisation_id", "sort_name"])
    .execute();
  await db.schema.createIndex("offers_sort_idx").on("offers").column("sort_name").execute();

  await db.schema
    .createTable("organisation_members")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_members_pk", ["organisation_id", "user_id"])
    .execute();
  await db.schema.createIndex("organisation_members_user_idx").on("organisation_members").column("user_id").execute();

  await db.schema
    .createTable("contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("function", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("public_consent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("consent_date", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contacts_organisation_idx").on("contacts").column("organisation_id").execute();

  await db.schema
    .createTable("directory_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entity", "text", (c) => c.notNull()) // organisation | offer | contact | member
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.notNull()) // no FK: the log outlives deletions
    .addColumn("action", "text", (c) => c.notNull()) // create | update | delete
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("user_name", "text")
    .addColumn("user_role", "text")
    .addColumn("changes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("reviewed_at", "text")
    .addColumn("reviewed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("directory_changes_review_idx")
    .on("directory_changes")
    .columns(["reviewed_at", "changed_at"])
    .execute();
  await db.schema
    .createIndex("directory_changes_org_idx")
    .on("directory_changes")
    .columns(["organisation_id", "changed_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "directory_changes",
    "contacts",
    "organisation_members",
    "offers",
    "organisation_tags",
    "organisation_areas",
    "organisations",
    "organisation_kinds",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
