import { join } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import { Contributions } from "./contributions.js";
import { type Db, type OpenOptions, openDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrator.js";
import { Hooks } from "./hooks.js";
import { claimJobLease, instanceId, leaseFor } from "./jobs.js";
import { createLogger } from "./logger.js";
import { createTransport, drainOutbox } from "./mail/worker.js";
import type { AppModule } from "./module.js";
import type { Platform } from "./platform.js";
import { DatabaseFileStorage, LocalFileStorage } from "./storage/storage.js";

/**
 * Opens and migrates the database and wires the modules together: their hook
 * subscriptions and contributions. The modules come from the caller (server, CLI,
 * tests), so the platform itself imports none of them.
 */
export async function createPlatform(
  config: Config,
  modules: readonly AppModule[],
  options: OpenOptions & { logger?: FastifyBaseLogger } = {},
): Promise<Platform> {
  const db: Db = openDatabase(config.databaseUrl, options);
  await migrateToLatest(db);
  const hooks = new Hooks();
  for (const module of modules) module.subscribe?.(hooks);
  return {
    config,
    db,
    storage:
      config.fileStorage === "database"
        ? new DatabaseFileStorage(db.kysely)
        : new LocalFileStorage(join(config.dataDir, "files")),
    logger: options.logger ?? (createLogger(config) as unknown as FastifyBaseLogger),
    hooks,
    contributions: new Contributions(modules),
  };
}

/** True when nobody has used this database yet: no user account exists. */
export async function isEmptyDatabase(platform: Platform): Promise<boolean> {
  const row = await platform.db.kysely.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}

/** Loads the demo data of every module, in module order. */
export async function seedDemo(
  platform: Platform,
  modules: readonly AppModule[],
  announce: (line: string) => void,
): Promise<void> {
  for (const module of modules) {
    if (module.seedDemo) await module.seedDemo({ platform, announce });
  }
}

/** Starts the periodic jobs (mail delivery, module jobs). Returns a stop function. */
export function startJobs(platform: Platform, modules: readonly AppModule[]): () => void {
  const timers: NodeJS.Timeout[] = [];
  const transport = createTransport(platform.config);
  const every = (name: string, ms: number, run: () => Promise<unknown>) => {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await run();
      } catch (error) {
        platform.logger.error({ err: error, job: name }, "job failed");
      } finally {
        running = false;
      }
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  every("mail", 2000, () => drainOutbox(platform.db, platform.config, transport));
  // Mail delivery claims each row itself (several workers are fine); a module's job runs
  // once per period across all instances: the one that takes the lease runs it.
  for (const module of modules) {
    for (const job of module.jobs ?? []) {
      const name = `${module.name}:${job.name}`;
      every(name, job.everyMs, async () => {
        if (await claimJobLease(platform.db.kysely, name, instanceId, leaseFor(job.everyMs))) await job.run(platform);
      });
    }
  }
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
