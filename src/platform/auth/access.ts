import { ForbiddenError, NotFoundError, UnauthorizedError } from "../http/errors.js";
import type { Actor } from "./actor.js";

/**
 * One module's permissions: each name with the resource its policy looks at
 * (`undefined` when the answer depends only on who asks).
 */
export type PermissionMap = Record<string, unknown>;

/** A policy answers "may this actor do it to this resource?" — nothing else, no I/O. */
export type Policy<R> = (actor: Actor, resource: R) => boolean;

export type Policies<P extends PermissionMap> = { [K in keyof P]: Policy<P[K]> };

export interface Access<P extends PermissionMap> {
  /** Every permission of the module, for the role × permission tests. */
  readonly permissions: readonly (keyof P & string)[];
  can<K extends keyof P & string>(actor: Actor, permission: K, resource: P[K]): boolean;
  /**
   * The first line of every service function that reads protected data or changes
   * state. Refuses with 401 for nobody signed in, 403 otherwise — or with 404 when
   * `hide` is set, so that a draft or another's record is not even known to exist.
   */
  requireAccess<K extends keyof P & string>(
    actor: Actor,
    permission: K,
    resource: P[K],
    options?: { hide?: boolean },
  ): void;
}

/** The permission list of a module, with its policies: `defineAccess({ "event.create": … })`. */
export function defineAccess<P extends PermissionMap>(policies: Policies<P>): Access<P> {
  return {
    permissions: Object.keys(policies) as (keyof P & string)[],
    can: (actor, permission, resource) => policies[permission](actor, resource),
    requireAccess(actor, permission, resource, options) {
      if (policies[permission](actor, resource)) return;
      if (options?.hide) throw new NotFoundError();
      if (actor.kind === "anonymous") throw new UnauthorizedError();
      throw new ForbiddenError();
    },
  };
}
