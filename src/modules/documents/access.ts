import { defineAccess } from "../../platform/auth/access.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";

// Who may do what with a Fachtag's documents. Its organisers (events' canManageEvent:
// the editor who created it, or an admin) upload, edit and delete them and see the
// internal ones. Public documents of a visible Fachtag need no permission.

export const documentsAccess = defineAccess<{
  /** Upload, edit, delete documents of a Fachtag, and see and download its internal ones. */
  "documents.manage": OwnedEvent;
}>({
  "documents.manage": canManageEvent,
});
