import { defineAccess } from "../../platform/auth/access.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";

// Who may see and send a Fachtag's attendance certificates: its organisers (the events
// module's rule: the editor who created it, or an admin). Check-in helpers let people
// in but take no certificates home. A participant gets their own one with the manage
// link: the token of this very registration is the proof. Checking a code is public.

export const certificatesAccess = defineAccess<{
  /** The settings page, signer and signature, downloads of anybody's certificate, sending. */
  "certificates.manage": OwnedEvent;
  /** One certificate: whoever holds that registration's manage token, or the organisers. */
  "certificates.download": { event: OwnedEvent; tokenMatches: boolean };
}>({
  "certificates.manage": canManageEvent,
  "certificates.download": (actor, { event, tokenMatches }) => tokenMatches || canManageEvent(actor, event),
});
