import { join } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import { modules } from "../modules/index.js";
import type { Config } from "./config.js";
import { type Db, type OpenOptions, openDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrator.js";
import { createLogger } from "./logger.js";
import { createTransport, deliverDueMail } from "./mail/worker.js";
import type { Platform } from "./platform.js";
import { LocalFileStorage } from "./storage/storage.js";

export async function createPlatform(
  config: Config,
  options: OpenOptions & { logger?: FastifyBaseLogger } = {},
): Promise<Platform> {
  const db: Db = openDatabase(config.databaseUrl, options);
  await migrateToLatest(db);
  return {
    config,
    db,
    storage: new LocalFileStorage(join(config.dataDir, "files")),
    logger: options.logger ?? (createLogger(config) as unknown as FastifyBaseLogger),
  };
}

/** True when nobody has used this database yet: no user account exists. */
export async function isEmptyDatabase(platform: Platform): Promise<boolean> {
  const row = await platform.db.kysely.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}

/** Loads the demo data of every module, in module order. */
export async function seedDemo(platform: Platform, announce: (line: string) => void): Promise<void> {
  for (const module of modules) {
    if (module.seedDemo) await module.seedDemo({ platform, announce });
  }
}

/** Starts the periodic jobs (mail delivery, module jobs). Returns a stop function. */
export function startJobs(platform: Platform): () => void {
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
  every("mail", 2000, () => deliverDueMail(platform.db, platform.config, transport));
  for (const module of modules) {
    for (const job of module.jobs ?? []) every(`${module.name}:${job.name}`, job.everyMs, () => job.run(platform));
  }
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
