// Backups (issue 14, item 10), done the way docs/operations.md tells an operator:
// SQLite: `npm run cli -- backup --to FILE` while registrations arrive, then the documented
// restore (stop, replace the database file, remove -wal/-shm, start). PostgreSQL:
// `pg_dump --format=custom` while registrations arrive, `pg_restore --no-owner` into a new
// database, the app started on it. In both: every registration acknowledged before the
// backup began is in the restored data, the database is sound, and a backup taken when the
// traffic has stopped holds exactly the same rows as the original, table by table.
// Runs on SQLite, and on PostgreSQL (databases of its own) when TEST_DATABASE_URL is set.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppProcess,
  cliInProcess,
  createDatabase,
  createFachtag,
  editorToken,
  invariantProblems,
  listRegistrations,
  pgUrl,
  type RushResult,
  run,
  rush,
  type Store,
  sqliteStore,
  startApp,
} from "./helpers.js";

const CAPACITY = 60;
const WORKSHOPS = 3;
const WORKSHOP_CAPACITY = 20;

describe(`backup during traffic and restore (${pgUrl ? "PostgreSQL: pg_dump/pg_restore" : "SQLite: cli backup"})`, () => {
  const folder = mkdtempSync(join(tmpdir(), "bn-backup-"));
  const store: Store = sqliteStore();
  const drops: (() => Promise<void>)[] = [];
  let app: AppProcess | undefined;

  beforeAll(async () => {
    if (pgUrl) {
      const database = await createDatabase(pgUrl, "bn_backup_src");
      store.databaseUrl = database.url;
      drops.push(database.drop);
    }
  });
  afterAll(async () => {
    await app?.stop();
    for (const drop of drops) await drop();
    rmSync(folder, { recursive: true, force: true });
    rmSync(store.dataDir, { recursive: true, force: true });
  });

  it("restores every registration acknowledged before the backup began, and the app runs on it", async () => {
    const authorization = await editorToken(store);
    app = await startApp(store);
    const running = app;
    const fachtag = await createFachtag(app.baseUrl, authorization, CAPACITY, WORKSHOPS, WORKSHOP_CAPACITY);

    // Registrations keep arriving while the backup runs (a trickle from 4 clients).
    let stopTraffic = false;
    const traffic: Promise<RushResult> = rush({
      baseUrl: app.baseUrl,
      fachtag,
      attempts: 5000,
      connections: 4,
      pauseMs: 10,
      prefix: "sicherung",
      stop: () => stopTraffic,
    });
    const live = () => listRegistrations(running.baseUrl, authorization, fachtag.id);
    await new Promise((r) => setTimeout(r, 1500));
    const beforeBackup = await live();

    const file = join(folder, pgUrl ? "bildungsnetz.dump" : "bildungsnetz.db");
    const startedAt = Date.now();
    if (pgUrl && store.databaseUrl) {
      await run("pg_dump", ["--format=custom", `--file=${file}`, store.databaseUrl]);
    } else {
      const backup = await cliInProcess(store, "backup", "--to", file);
      expect(backup.code, backup.err).toBe(0);
      expect(backup.out).toContain("Sicherung geschrieben");
    }
    const backupSeconds = (Date.now() - startedAt) / 1000;
    const duringBackup = (await live()).length - beforeBackup.length;
    await new Promise((r) => setTimeout(r, 500));
    stopTraffic = true;
    const result = await traffic;
    expect(result.failures).toBe(0);
    expect(result.statuses["500"] ?? 0).toBe(0);
    expect(duringBackup, "registrations arrived while the backup ran").toBeGreaterThan(0);
    const original = await listRegistrations(app.baseUrl, authorization, fachtag.id);
    expect(original.length).toBeGreaterThan(beforeBackup.length);

    // Restore as documented, and start the app on the restored data.
    await app.stop();
    // Quiet now (server stopped): a second backup must hold exactly what the original holds.
    const quietFile = join(folder, pgUrl ? "ruhig.dump" : "ruhig.db");
    if (pgUrl && store.databaseUrl) {
      await run("pg_dump", ["--format=custom", `--file=${quietFile}`, store.databaseUrl]);
    } else {
      expect((await cliInProcess(store, "backup", "--to", quietFile)).code).toBe(0);
    }

    let restored: Store;
    let quietCounts: Record<string, number>;
    let originalCounts: Record<string, number>;
    if (pgUrl) {
      const target = await createDatabase(pgUrl, "bn_backup_restored");
      drops.push(target.drop);
      await run("pg_restore", ["--no-owner", `--dbname=${target.url}`, file]);
      const quiet = await createDatabase(pgUrl, "bn_backup_quiet");
      drops.push(quiet.drop);
      await run("pg_restore", ["--no-owner", `--dbname=${quiet.url}`, quietFile]);
      originalCounts = await pgCounts(store.databaseUrl as string);
      quietCounts = await pgCounts(quiet.url);
      restored = { ...sqliteStore(mkdtempSync(join(folder, "restored-"))), databaseUrl: target.url };
    } else {
      // Stop the service, copy the backup over the database file, remove -wal and -shm, start.
      originalCounts = sqliteCounts(store.sqliteFile);
      quietCounts = sqliteCounts(quietFile);
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${store.sqliteFile}${suffix}`, { force: true });
      copyFileSync(file, store.sqliteFile);
      expect(existsSync(`${store.sqliteFile}-wal`)).toBe(false);
      const check = new SQLite(store.sqliteFile, { readonly: true });
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(check.pragma("foreign_key_check")).toEqual([]);
      check.close();
      restored = store;
    }
    expect(quietCounts).toEqual(originalCounts);
    expect(originalCounts.registrations).toBe(original.length);

    app = await startApp(restored);
    const rows = await listRegistrations(app.baseUrl, authorization, fachtag.id);
    const ids = new Set(rows.map((r) => r.id));
    const missing = beforeBackup.filter((r) => !ids.has(r.id));
    expect(missing, "acknowledged before the backup, missing after the restore").toEqual([]);
    for (const r of beforeBackup) expect(rows.find((x) => x.id === r.id)?.status).toBe(r.status);
    expect(rows.length).toBeLessThanOrEqual(original.length);
    expect(invariantProblems(rows, CAPACITY, WORKSHOP_CAPACITY, fachtag.workshopIds)).toEqual([]);
    // The restored app takes registrations again.
    const res = await fetch(`${app.baseUrl}/api/v1/events/${fachtag.id}/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        firstName: "Nach",
        lastName: "Wiederherstellung",
        email: "danach@example.org",
        consents: { privacy: true },
      }),
    });
    expect(res.status).toBe(201);
    console.info(
      `backup (${pgUrl ? "pg_dump" : "cli backup"}): ${backupSeconds.toFixed(1)} s during traffic, ` +
        `${duringBackup} registrations acknowledged meanwhile; restored ${rows.length} of ${original.length} ` +
        `(${beforeBackup.length} acknowledged before the backup began)`,
    );
  }, 180_000);
});

function sqliteCounts(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

async function pgCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      counts[name] = Number((await client.query(`select count(*) as n from "${name}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}
