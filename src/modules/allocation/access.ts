import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";

// Who may do what with a Fachtag's workshop allocation. Whether somebody manages a
// Fachtag is the events module's rule (canManageEvent): the editor who created it, or an admin.

const isOrganiser = (actor: Actor) => actor.kind === "user" && (actor.role === "admin" || actor.role === "editor");

export const allocationAccess = defineAccess<{
  /** Asked before a request body is validated: members and nobody are told first (403/401). */
  "allocation.organise": undefined;
  /** See the allocation page of a Fachtag: state, results, statistics. */
  "allocation.see": OwnedEvent;
  /** Compute a new (unpublished) allocation. */
  "allocation.run": OwnedEvent;
  /** Place a participant by hand in a workshop with a free place. */
  "allocation.place": OwnedEvent;
  /** Publish: write the placements and e-mail every participant. */
  "allocation.publish": OwnedEvent;
}>({
  "allocation.organise": isOrganiser,
  "allocation.see": canManageEvent,
  "allocation.run": canManageEvent,
  "allocation.place": canManageEvent,
  "allocation.publish": canManageEvent,
});
