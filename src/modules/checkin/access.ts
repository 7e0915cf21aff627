import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";

// Who may let people in. The entrance is run by the Fachtag's organisers (events'
// canManageEvent: the editor who created it, or an admin) and by check-in helpers, a role
// that may do this and nothing else. Taking a check-in back is the organisers' call.

const isHelper = (actor: Actor) => actor.kind === "user" && actor.role === "checkin";
const isOrganiser = (actor: Actor) => actor.kind === "user" && (actor.role === "admin" || actor.role === "editor");

export const checkinAccess = defineAccess<{
  /** The list of Fachtage to open the entrance of (each then checked with checkin.entrance). */
  "checkin.list": undefined;
  /**
   * The entrance of one Fachtag: the list of expected people, check-ins, the count and
   * walk-ins. Helpers only for published Fachtage: a draft is not known to exist for them.
   */
  "checkin.entrance": OwnedEvent & { status: string };
  /** Take a check-in back (made by mistake). */
  "checkin.undo": OwnedEvent;
}>({
  "checkin.list": (actor) => isHelper(actor) || isOrganiser(actor),
  "checkin.entrance": (actor, event) => canManageEvent(actor, event) || (isHelper(actor) && event.status !== "draft"),
  "checkin.undo": canManageEvent,
});
