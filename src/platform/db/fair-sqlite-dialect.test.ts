import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { FairSqliteDialect } from "./fair-sqlite-dialect.js";

interface Schema {
  counter: { id: number; value: number };
  log: { n: number };
}

const dirs: string[] = [];
const dbs: Kysely<Schema>[] = [];

async function open(dialect: "fair" | "kysely"): Promise<Kysely<Schema>> {
  const dir = mkdtempSync(join(tmpdir(), "bn-fair-"));
  dirs.push(dir);
  const database = new SQLite(join(dir, "test.db"));
  database.pragma("journal_mode = WAL");
  const config = { database };
  const db = new Kysely<Schema>({
    dialect: dialect === "fair" ? new FairSqliteDialect(config) : new SqliteDialect(config),
  });
  dbs.push(db);
  await sql`create table counter (id integer primary key, value integer not null)`.execute(db);
  await sql`create table log (n integer not null)`.execute(db);
  await db.insertInto("counter").values({ id: 1, value: 0 }).execute();
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.destroy();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A read-modify-write transaction, like a capacity decision: lost updates would show. */
const increment = (db: Kysely<Schema>, n: number) =>
  db.transaction().execute(async (trx) => {
    const { value } = await trx.selectFrom("counter").select("value").where("id", "=", 1).executeTakeFirstOrThrow();
    await trx.insertInto("log").values({ n }).execute();
    await trx
      .updateTable("counter")
      .set({ value: value + 1 })
      .where("id", "=", 1)
      .execute();
  });

/**
 * Starts `count` transactions at once and tells how many had finished when a timer
 * due at once got its turn (`count` if it only got it after the whole burst).
 */
async function burst(db: Kysely<Schema>, count: number) {
  let finished = 0;
  let finishedWhenTimerFired: number | undefined;
  setTimeout(() => {
    finishedWhenTimerFired = finished;
  }, 0);
  await Promise.all(Array.from({ length: count }, (_, n) => increment(db, n).then(() => finished++)));
  return finishedWhenTimerFired ?? count;
}

describe("FairSqliteDialect", () => {
  it("lets the event loop run between queued transactions (a timer fires during a burst)", async () => {
    const db = await open("fair");
    expect(await burst(db, 40)).toBeLessThan(40);
  });

  it("differs from Kysely's own SQLite dialect, which runs the whole burst in one turn", async () => {
    const db = await open("kysely");
    expect(await burst(db, 40)).toBe(40);
  });

  it("hands the connection out first come, first served, and loses no update", async () => {
    const db = await open("fair");
    await Promise.all(Array.from({ length: 30 }, (_, n) => increment(db, n)));
    const order = (await db.selectFrom("log").select("n").orderBy(sql`rowid`).execute()).map((r) => r.n);
    expect(order).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect((await db.selectFrom("counter").select("value").executeTakeFirstOrThrow()).value).toBe(30);
  });

  it("releases the connection when a transaction fails, and rolls it back", async () => {
    const db = await open("fair");
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto("log").values({ n: -1 }).execute();
      throw new Error("Abbruch");
    });
    const after = increment(db, 1);
    await expect(failing).rejects.toThrow("Abbruch");
    await after;
    expect((await db.selectFrom("log").select("n").execute()).map((r) => r.n)).toEqual([1]);
  });

  it("answers a single query at once when nobody else waits", async () => {
    const db = await open("fair");
    await new Promise((resolve) => setImmediate(resolve)); // a fresh turn of the event loop
    let timerFired = false;
    setImmediate(() => {
      timerFired = true;
    });
    await db.selectFrom("counter").select("value").execute();
    expect(timerFired).toBe(false);
  });
});
