import type { Conn } from "./db/database.js";
import type { Platform } from "./platform.js";

/**
 * Every hook of the application: its name, what the emitter passes and what each
 * subscriber returns. A module adds the hooks it emits by declaration merging in its
 * own `hooks.ts`:
 *
 *   declare module "../../platform/hooks.js" {
 *     interface HookMap { "events.changed": { payload: EventChanged; result: void } }
 *   }
 *
 * The emitting module never imports a subscriber: that is how a module further down
 * the dependency line (registrations) reacts to one further up (events).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the modules
export interface HookMap {}

export type HookName = keyof HookMap;
type Spec<K extends HookName> = HookMap[K] extends { payload: infer P; result: infer R }
  ? { payload: P; result: R }
  : never;
export type HookPayload<K extends HookName> = Spec<K>["payload"];
export type HookResult<K extends HookName> = Spec<K>["result"];

/**
 * What a handler gets besides the payload: the platform and the connection of the
 * emitter. Inside a transaction `db` is that transaction, so a handler's writes (an
 * e-mail in the outbox, a waitlist promotion) commit or roll back with the change.
 */
export interface HookContext {
  platform: Platform;
  db: Conn;
}

export type HookHandler<K extends HookName> = (
  payload: HookPayload<K>,
  ctx: HookContext,
) => Promise<HookResult<K>> | HookResult<K>;

/** The registry: modules subscribe in their manifest's `subscribe`, emitters call `emit`. */
export class Hooks {
  readonly #handlers = new Map<HookName, HookHandler<never>[]>();

  on<K extends HookName>(name: K, handler: HookHandler<K>): void {
    const list = this.#handlers.get(name) ?? [];
    list.push(handler as unknown as HookHandler<never>);
    this.#handlers.set(name, list);
  }

  /**
   * Runs every handler of `name` one after the other (so they share a transaction
   * safely) and returns their results in subscription order. No subscriber: [].
   */
  async emit<K extends HookName>(name: K, payload: HookPayload<K>, ctx: HookContext): Promise<HookResult<K>[]> {
    const results: HookResult<K>[] = [];
    for (const handler of this.#handlers.get(name) ?? []) {
      results.push(await (handler as unknown as HookHandler<K>)(payload, ctx));
    }
    return results;
  }

  /** Whether anybody listens: lets an emitter skip work nobody needs. */
  has(name: HookName): boolean {
    return (this.#handlers.get(name)?.length ?? 0) > 0;
  }
}
