import type { FastifyInstance, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { Actor } from "./auth/actor.js";
import type { Hooks } from "./hooks.js";
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
 * The places in a page where other modules may add a section, and what the owning
 * page passes to each contribution. A module that owns such a page declares its slots
 * by declaration merging, e.g. events: `interface SectionSlots { "events.page": EventPageSlot }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the modules
export interface SectionSlots {}
export type SlotName = keyof SectionSlots;

export interface SectionContribution<K extends SlotName = SlotName> {
  slot: K;
  /** Sections are shown in ascending order. */
  order: number;
  /** The section, or null when it has nothing to show for this input. */
  render(input: SectionSlots[K], request: FastifyRequest): Promise<VNode | null> | VNode | null;
}

/** Identifies the person behind a request from something only this module understands (a session). */
export type ActorResolver = (request: FastifyRequest) => Promise<Actor | undefined>;

/**
 * A domain module: its routes (HTML and API), its messages, its entries in the
 * main navigation, its demo data, its periodic jobs — and what it adds to other
 * modules without their importing it: hook subscriptions and page sections.
 * Listed in src/modules/index.ts; the platform receives the list and imports no module.
 */
export interface AppModule {
  name: string;
  messages?: Catalog;
  nav?: NavItem[];
  /** Links on the /verwaltung dashboard (the back office), shown to the given roles. */
  adminLinks?: NavItem[];
  /** Sections this module adds to pages of other modules (see SectionSlots). */
  sections?: SectionContribution[];
  /** Subscribes to hooks that other modules emit (see HookMap). Called once per platform. */
  subscribe?(hooks: Hooks): void;
  /** Who is signed in, for modules that keep sessions (accounts). Tried after bearer tokens. */
  resolveActor?: ActorResolver;
  register?(app: FastifyInstance, platform: Platform): Promise<void> | void;
  seedDemo?(ctx: SeedContext): Promise<void>;
  jobs?: Job[];
}

/** Typed helper so a module's section contributions are checked against the slot's input. */
export function section<K extends SlotName>(contribution: SectionContribution<K>): SectionContribution {
  return contribution as unknown as SectionContribution;
}
