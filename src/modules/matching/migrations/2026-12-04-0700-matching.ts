import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("post_matches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("offer_id", "text", (c) => c.notNull().references("exchange_posts.id").onDelete("cascade"))
    .addColumn("request_id", "text", (c) => c.notNull().references("exchange_posts.id").onDelete("cascade"))
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("post_matches_pair_unique", ["offer_id", "request_id"])
    .execute();
  await db.schema.createIndex("post_matches_request_idx").on("post_matches").column("request_id").execute();
  await db.schema
    .createTable("bookmarks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("ref_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("bookmarks_unique", ["user_id", "type", "ref_id"])
    .execute();
  await db.schema
    .createTable("matching_settings")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("notify", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("matching_settings").execute();
  await db.schema.dropTable("bookmarks").execute();
  await db.schema.dropTable("post_matches").execute();
}
