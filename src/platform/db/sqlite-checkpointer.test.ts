import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "./database.js";

const dirs: string[] = [];
const opened: Db[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "bn-ckpt-"));
  dirs.push(dir);
  return dir;
}

/**
 * Rows in the database file itself, leaving out what still sits in the write-ahead log
 * (throws "no such table" while even the table exists only in the log).
 */
function rowsInMainFile(file: string): number {
  const copy = join(tempDir(), "copy.db");
  copyFileSync(file, copy); // without the -wal file: SQLite sees the main file only
  const db = new SQLite(copy, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from t").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function writeRows(db: Db, count: number) {
  await sql`create table t (id integer primary key, body text not null)`.execute(db.kysely);
  for (let i = 0; i < count; i++) await sql`insert into t (body) values (${`Zeile ${i}`})`.execute(db.kysely);
}

describe("background WAL checkpoints (SQLite)", () => {
  it("copies committed rows into the database file on the worker thread", async () => {
    const file = join(tempDir(), "app.db");
    const db = openDatabase(`sqlite:${file}`, { backgroundCheckpoints: true });
    opened.push(db);
    await writeRows(db, 50);
    let inFile = 0;
    for (let waited = 0; waited < 5000 && inFile < 50; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFile = (() => {
        try {
          return rowsInMainFile(file);
        } catch {
          return 0;
        }
      })();
    }
    expect(inFile).toBe(50);
  });

  it("without it, a few commits stay in the log until SQLite's own mark (the test above can fail)", async () => {
    const file = join(tempDir(), "app.db");
    const db = openDatabase(`sqlite:${file}`);
    opened.push(db);
    await writeRows(db, 50);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(() => rowsInMainFile(file)).toThrow(/no such table/);
  });

  it("stops the thread on close and leaves a complete database", async () => {
    const file = join(tempDir(), "app.db");
    const db = openDatabase(`sqlite:${file}`, { backgroundCheckpoints: true });
    await writeRows(db, 20);
    await db.close();
    expect(rowsInMainFile(file)).toBe(20);
  });
});
