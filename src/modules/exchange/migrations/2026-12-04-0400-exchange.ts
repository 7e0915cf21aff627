import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("exchange_posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("areas", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("themes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("target_groups", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("practice", "text")
    .addColumn("municipality", "text")
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hidden_reason", "text")
    .addColumn("valid_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .execute();
  await db.schema
    .createIndex("exchange_posts_list_idx")
    .on("exchange_posts")
    .columns(["status", "hidden", "kind", "published_at"])
    .execute();
  await db.schema.createIndex("exchange_posts_org_idx").on("exchange_posts").column("organisation_id").execute();

  await db.schema
    .createTable("exchange_post_revisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("exchange_posts.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("edited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exchange_post_revisions_post_idx")
    .on("exchange_post_revisions")
    .columns(["post_id", "created_at"])
    .execute();

  await db.schema
    .createTable("exchange_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("exchange_posts.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exchange_comments_post_idx")
    .on("exchange_comments")
    .columns(["post_id", "created_at"])
    .execute();

  await db.schema
    .createTable("exchange_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("exchange_posts.id").onDelete("cascade"))
    .addColumn("comment_id", "text", (c) => c.references("exchange_comments.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("reporter_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("exchange_reports_status_idx")
    .on("exchange_reports")
    .columns(["status", "created_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("exchange_reports").execute();
  await db.schema.dropTable("exchange_comments").execute();
  await db.schema.dropTable("exchange_post_revisions").execute();
  await db.schema.dropTable("exchange_posts").execute();
}
