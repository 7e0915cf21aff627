import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";
import type { RegistrationSource } from "./tables.js";

// Who may do what with registrations. Whether somebody may run a Fachtag's desk is the
// events module's rule (canManageEvent): the organiser who created it, or an admin.

const isOrganiser = (actor: Actor) => actor.kind === "user" && (actor.role === "admin" || actor.role === "editor");
/** The helpers at a Fachtag's entrance register walk-ins on the spot; nothing else of the desk. */
const isCheckinHelper = (actor: Actor) => actor.kind === "user" && actor.role === "checkin";

export const registrationsAccess = defineAccess<{
  /**
   * Register for a published Fachtag: anybody on the web and the API; by hand ("manual") only
   * its organisers; on the spot at the entrance ("walkin") its organisers and check-in helpers.
   * A draft is known only to its organisers: others are told it does not exist.
   */
  "registration.register": { source: RegistrationSource; event: OwnedEvent & { status: string } };
  /** The desk's overview of one's own Fachtage (all for admins). */
  "registration.desk": undefined;
  /** Everything on one Fachtag's desk: list, exports, add by hand, cancel, move, capacities, mails, questions. */
  "registration.manage": OwnedEvent & { status: string };
  /** The private manage link: only whoever holds the token of this very registration. */
  "registration.selfService": { tokenMatches: boolean };
  /** Cancel one registration by id (API): its token, or the Fachtag's organisers. */
  "registration.cancel": { event: OwnedEvent; tokenMatches: boolean };
  /**
   * The networking list (the others who agreed to the participant list): only through the
   * manage link of a confirmed registration that agreed itself. Organisers see their lists
   * on the desk; there is no other route to it.
   */
  "registration.networking": { tokenMatches: boolean; consented: boolean; confirmed: boolean };
}>({
  "registration.register": (actor, { source, event }) =>
    (source !== "manual" && source !== "walkin" && event.status !== "draft") ||
    canManageEvent(actor, event) ||
    (source === "walkin" && event.status !== "draft" && isCheckinHelper(actor)),
  "registration.desk": (actor) => isOrganiser(actor),
  "registration.manage": canManageEvent,
  "registration.selfService": (_actor, { tokenMatches }) => tokenMatches,
  "registration.cancel": (actor, { event, tokenMatches }) => tokenMatches || canManageEvent(actor, event),
  "registration.networking": (_actor, { tokenMatches, consented, confirmed }) => tokenMatches && consented && confirmed,
});
