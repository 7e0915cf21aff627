import { defineAccess } from "../../platform/auth/access.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";

// Who may edit a Fachtag's questionnaire, send the survey links and read the results: its
// organisers (the events module's rule: the editor who created it, or an admin). Answering
// needs no account: the link is the proof, and it names nobody.

export const feedbackAccess = defineAccess<{
  /** The questionnaire, sending the links, the results and their export. */
  "feedback.manage": OwnedEvent;
}>({
  "feedback.manage": canManageEvent,
});
