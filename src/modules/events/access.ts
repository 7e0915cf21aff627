import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";
import { ForbiddenError } from "../../platform/http/errors.js";

// Who may do what with Fachtage. "Who may manage this Fachtag" is decided here once:
// the registrations module asks the same policy (canManageEvent) for its organiser desk.

/** What the manage policy looks at: who created the Fachtag. */
export interface OwnedEvent {
  createdBy: string | null;
}

/** Editors manage the Fachtage they created; the education office (admin) manages all. */
export function canManageEvent(actor: Actor, event: OwnedEvent): boolean {
  if (actor.kind !== "user") return false;
  if (actor.role === "admin") return true;
  return actor.role === "editor" && event.createdBy === actor.id;
}

const isOrganiser = (actor: Actor) => actor.kind === "user" && (actor.role === "admin" || actor.role === "editor");

export const eventsAccess = defineAccess<{
  /** Create Fachtage and open the back-office list (own Fachtage; all for admins). */
  "event.organise": undefined;
  /** Edit, publish, cancel, delete a Fachtag and its programme. */
  "event.manage": OwnedEvent;
  /** See a Fachtag: drafts only for those who may manage them. */
  "event.see": OwnedEvent & { status: string };
  /** See every organiser's Fachtage in the back office. */
  "event.manageAll": undefined;
}>({
  "event.organise": (actor) => isOrganiser(actor),
  "event.manage": canManageEvent,
  "event.see": (actor, event) => event.status !== "draft" || canManageEvent(actor, event),
  "event.manageAll": (actor) => actor.kind === "user" && actor.role === "admin",
});

/** For routes whose body is validated by the framework: who may write is told before 422. */
export const requireOrganiser = (actor: Actor): void => eventsAccess.requireAccess(actor, "event.organise", undefined);

/** requireAccess for "event.manage", telling a refused organiser why: somebody else created it. */
export function requireEventManager(actor: Actor, event: OwnedEvent): void {
  try {
    eventsAccess.requireAccess(actor, "event.manage", event);
  } catch (error) {
    if (error instanceof ForbiddenError) throw new ForbiddenError("events.error.notYours");
    throw error;
  }
}
