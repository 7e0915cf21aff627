import { type Kysely, PostgresAdapter } from "kysely";

// Small, stable helpers for migrations. Keep them unchanged once used: migrations are frozen in time.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema of their day
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
