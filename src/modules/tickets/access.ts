import { defineAccess } from "../../platform/auth/access.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";

// Who may print a Fachtag's name badges and signature lists: its organisers (the
// events module's rule: the editor who created it, or an admin). Helpers at the
// entrance check people in but get no lists of names to take home. One's own ticket
// needs no permission here: the manage token is the proof (registrations checks it).

export const ticketsAccess = defineAccess<{
  /** Name badges and signature lists of one Fachtag (PDF) and the page that lists them. */
  "tickets.print": OwnedEvent;
}>({
  "tickets.print": canManageEvent,
});
