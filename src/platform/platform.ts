import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import type { Contributions } from "./contributions.js";
import type { Db } from "./db/database.js";
import type { Hooks } from "./hooks.js";
import type { FileStorage } from "./storage/storage.js";

/** The cross-cutting services every module receives. */
export interface Platform {
  config: Config;
  db: Db;
  storage: FileStorage;
  logger: FastifyBaseLogger;
  /** Typed hooks: how a module reacts to another one's changes without an import back. */
  hooks: Hooks;
  /** Back-office links, page sections and session resolvers of all modules. */
  contributions: Contributions;
}
