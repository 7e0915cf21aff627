import type { FastifyInstance } from "fastify";
import type { Catalog } from "./i18n/i18n.js";
import type { Platform } from "./platform.js";
import type { NavItem } from "./views/page-context.js";

export interface SeedContext {
  platform: Platform;
  /** Lines printed once at start in development (e.g. demo accounts). */
  announce(line: string): void;
}

export interface Job {
  name: string;
  /** How often the job runs, in milliseconds. */
  everyMs: number;
  run(platform: Platform): Promise<void>;
}

/**
 * A domain module: its routes (HTML and API), its messages, its entries in the
 * main navigation, its demo data and its periodic jobs. Listed in src/modules/index.ts.
 */
export interface AppModule {
  name: string;
  messages?: Catalog;
  nav?: NavItem[];
  /** Links on the /verwaltung dashboard (the back office), shown to the given roles. */
  adminLinks?: NavItem[];
  register?(app: FastifyInstance, platform: Platform): Promise<void> | void;
  seedDemo?(ctx: SeedContext): Promise<void>;
  jobs?: Job[];
}
