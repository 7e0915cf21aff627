import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import type { FileStorage } from "./storage/storage.js";

/** The cross-cutting services every module receives. */
export interface Platform {
  config: Config;
  db: Db;
  storage: FileStorage;
  logger: FastifyBaseLogger;
}
