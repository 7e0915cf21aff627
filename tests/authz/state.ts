import { sql } from "kysely";
import type { Platform } from "../../src/platform/platform.js";

// "No state changed": every table gets triggers that note its name in authz_changes on
// each inserted, updated or deleted row. After a request the test reads which tables
// changed; a refused request must leave that list empty. After an allowed request the
// changed tables are put back from a snapshot taken once, so every request meets the same
// data set (cheap: usually one or two tables).

/** Never tracked: the migrations' own tables. */
const UNTRACKED = new Set(["kysely_migration", "kysely_migration_lock"]);
/** Written on reads too: a change of only these columns is no change of state. */
const VOLATILE: Record<string, string[]> = {
  api_tokens: ["last_used_at"],
  sessions: ["updated_at", "expires_at", "ip_address", "user_agent"],
  job_leases: ["*"],
};

/** SQLite's full-text index (an FTS5 table and its shadow tables) cannot carry triggers. */
const isFts = (name: string) => /^search_fts(_(data|idx|docsize|config|content))?$/.test(name);

export interface StateTracker {
  /** The tables changed since the last reset(), sorted, without changes of volatile columns only. */
  changed(): Promise<string[]>;
  /** Puts the changed tables back as they were at the snapshot. */
  reset(): Promise<void>;
}

export async function trackState(platform: Platform): Promise<StateTracker> {
  const { kysely: k, dialect } = platform.db;
  const pg = dialect === "postgres";
  // PostgreSQL lists the tables of every schema: only this test's (its search_path) count.
  const schema = pg ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(k)).rows[0]?.s : undefined;
  const tables = (await k.introspection.getTables())
    .filter((t) => !pg || t.schema === schema)
    .map((t) => t.name)
    .filter((n) => !UNTRACKED.has(n) && !isFts(n) && !n.startsWith("authz_"));
  await sql`CREATE TABLE authz_changes (tbl TEXT NOT NULL)`.execute(k);
  if (pg) {
    await sql`CREATE FUNCTION authz_note() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO authz_changes(tbl) VALUES (TG_TABLE_NAME); RETURN NULL; END $$`.execute(k);
    for (const t of tables) {
      await sql
        .raw(
          `CREATE TRIGGER authz_${t} AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION authz_note()`,
        )
        .execute(k);
    }
  } else {
    for (const t of tables) {
      for (const op of ["INSERT", "UPDATE", "DELETE"]) {
        await sql
          .raw(
            `CREATE TRIGGER authz_${t}_${op} AFTER ${op} ON "${t}" BEGIN INSERT INTO authz_changes(tbl) VALUES ('${t}'); END`,
          )
          .execute(k);
      }
    }
  }
  const snapshot = new Map<string, Record<string, unknown>[]>();
  for (const t of [...tables, ...(pg ? [] : ["search_fts"])]) {
    const rows =
      t === "search_fts"
        ? (await sql<Record<string, unknown>>`SELECT rowid AS rowid, * FROM search_fts`.execute(k)).rows
        : await k
            .selectFrom(t as never)
            .selectAll()
            .execute();
    snapshot.set(t, rows as Record<string, unknown>[]);
  }
  const encode = (row: Record<string, unknown>) =>
    pg
      ? Object.fromEntries(
          Object.entries(row).map(([key, v]) => [
            key,
            v !== null && typeof v === "object" && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v,
          ]),
        )
      : row;

  const touched = async () =>
    (await sql<{ tbl: string }>`SELECT DISTINCT tbl FROM authz_changes`.execute(k)).rows.map((r) => r.tbl).sort();
  const strip = (rows: Record<string, unknown>[], ignore: string[]) =>
    rows
      .map((row) => JSON.stringify(Object.entries(row).filter(([key]) => !ignore.includes(key))))
      .sort()
      .join("\n");
  const changed = async () => {
    const out: string[] = [];
    for (const name of await touched()) {
      const ignore = VOLATILE[name];
      if (ignore?.includes("*")) continue;
      if (ignore) {
        const now = (await k
          .selectFrom(name as never)
          .selectAll()
          .execute()) as Record<string, unknown>[];
        if (strip(now, ignore) === strip(snapshot.get(name) ?? [], ignore)) continue;
      }
      out.push(name);
    }
    return out;
  };

  async function restore(db: typeof k, names: string[]) {
    for (const t of names) {
      await db.deleteFrom(t as never).execute();
      const rows = snapshot.get(t) ?? [];
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto(t as never)
          .values(rows.slice(i, i + 200).map(encode) as never)
          .execute();
      }
    }
    await db.deleteFrom("authz_changes" as never).execute();
  }

  return {
    changed,
    async reset() {
      const names = await touched();
      if (names.length === 0) return;
      // The search index of SQLite (FTS5, no triggers) goes back with its entries.
      if (!pg && names.some((n) => n.startsWith("search_"))) names.push("search_fts");
      if (pg) {
        await k.transaction().execute(async (trx) => {
          await sql`SET LOCAL session_replication_role = replica`.execute(trx);
          await restore(trx, names);
        });
      } else {
        await sql`PRAGMA foreign_keys = OFF`.execute(k);
        try {
          await k.transaction().execute((trx) => restore(trx, names));
        } finally {
          await sql`PRAGMA foreign_keys = ON`.execute(k);
        }
      }
    },
  };
}
