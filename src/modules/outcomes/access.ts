import { defineAccess } from "../../platform/auth/access.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";

// Who may write a Fachtag's results and agreements: its organisers (events' canManageEvent:
// the editor who created it, or an admin). Reading follows the Fachtag: whoever may see it.

export const outcomesAccess = defineAccess<{
  /** Write the results, add, change and delete agreements of a Fachtag. */
  "outcomes.manage": OwnedEvent;
}>({
  "outcomes.manage": canManageEvent,
});
