import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { FairSqliteDialect } from "./fair-sqlite-dialect.js";
import type { Database } from "./schema.js";
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from "./sqlite-checkpointer.js";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL only: the schema this connection works in, when not the default. */
  schema?: string;
  /** Only for SQLite: the raw handle, used for online backups. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export type { Database };

/** What a repo function works on: the database or an open transaction. */
export type Conn = Kysely<Database> | Transaction<Database>;

// PostgreSQL returns BIGINT (count(*)) as string by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export interface OpenOptions {
  /** PostgreSQL only: schema to use (created when missing); tests use one per file. */
  schema?: string;
  poolSize?: number;
  /**
   * SQLite file only: run WAL checkpoints on a worker thread instead of inside the
   * commit that happens to cross the mark (see sqlite-checkpointer.ts). The server
   * turns this on; short-lived processes (CLI, tests) do not need the extra thread.
   */
  backgroundCheckpoints?: boolean;
  /** Told when PostgreSQL drops an idle pooled connection (e.g. the server was stopped). */
  logger?: { warn(object: object, message: string): void };
}

/**
 * How long a request waits for a PostgreSQL connection (a new one, or a free one of the
 * pool) before it fails with 503 instead of hanging while the database is unreachable.
 */
const CONNECT_TIMEOUT_MS = 10_000;

export function openDatabase(url: string, options: OpenOptions = {}): Db {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // When PostgreSQL is stopped or restarted it ends every session (57P01). A connection
    // that hears this outside a query emits 'error' — the pool's for an idle one, its own
    // for one in use (between the statements of a transaction) — and an 'error' nobody
    // listens to ends the Node process. With these listeners the statement in progress
    // fails (503), the pool drops the broken connection (idle, or on release, as it is no
    // longer queryable) and opens new ones once the database is back.
    const lost = (error: Error) =>
      options.logger?.warn({ err: error }, "database connection lost; a new one is opened on next use");
    pool.on("error", lost);
    pool.on("connect", (client) => client.on("error", lost));
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      dialect: "postgres",
      ...(options.schema ? { schema: options.schema } : {}),
      close: () => kysely.destroy(),
    };
  }
  const file = url.replace(/^sqlite:/, "");
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Deleted and overwritten rows are zeroed in the file, not left in free pages: retention
  // (DSGVO) must remove personal data from the disk, not only from the tables.
  sqlite.pragma("secure_delete = ON");
  const checkpointer = options.backgroundCheckpoints && file !== ":memory:" ? startCheckpointer(file) : undefined;
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const kysely = new Kysely<Database>({ dialect: new FairSqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    kysely,
    dialect: "sqlite",
    sqlite,
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused. Caching the
 * prepared statements by SQL text (the queries are parameterised, so the texts repeat)
 * saves the parse and plan step on every request. Bounded, oldest out first.
 */
function withStatementCache(database: SQLite.Database, size = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  const cachedPrepare = (source: string) => {
    let statement = cache.get(source);
    if (statement) return statement;
    statement = prepare(source);
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(source, statement);
    return statement;
  };
  return new Proxy(database, {
    get(target, property, receiver) {
      return property === "prepare" ? cachedPrepare : Reflect.get(target, property, receiver);
    },
  });
}

/** Creates the PostgreSQL schema named in options (tests and CI use a fresh one per run). */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, "")}" CASCADE`);
  } finally {
    await client.end();
  }
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
