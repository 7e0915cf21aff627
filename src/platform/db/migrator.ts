import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from "kysely";
import type { Db } from "./database.js";

const srcRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Migrations live beside the code they belong to: src/platform/db/migrations and
 * src/modules/<module>/migrations. Their file names start with a date, so sorting
 * by file name gives one global order across all modules.
 */
export function migrationFiles(): { name: string; path: string }[] {
  const folders = [join(srcRoot, "platform", "db", "migrations")];
  for (const entry of readdirSync(join(srcRoot, "modules"), { withFileTypes: true })) {
    if (entry.isDirectory()) folders.push(join(srcRoot, "modules", entry.name, "migrations"));
  }
  const files: { name: string; path: string }[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const file of names) {
      if (!/^\d{4}-\d{2}-\d{2}.*\.(ts|js)$/.test(file) || file.endsWith(".d.ts")) continue;
      files.push({ name: file.replace(/\.(ts|js)$/, ""), path: join(folder, file) });
    }
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

class ModuleMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of migrationFiles()) {
      if (migrations[file.name]) throw new Error(`Migration ${file.name} gibt es zweimal`);
      migrations[file.name] = (await import(pathToFileURL(file.path).href)) as Migration;
    }
    return migrations;
  }
}

async function migrator(db: Db): Promise<Migrator> {
  // On PostgreSQL Kysely would look for its own tables in every schema of the database;
  // several schemas (tests, CI, a second installation) must not see each other's.
  const schema =
    db.dialect === "postgres"
      ? (db.schema ?? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s)
      : undefined;
  return new Migrator({
    db: db.kysely,
    provider: new ModuleMigrationProvider(),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await (await migrator(db)).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** True when every known migration has run (used by /readyz). */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  const all = await (await migrator(db)).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
