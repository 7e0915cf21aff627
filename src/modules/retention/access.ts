import { defineAccess } from "../../platform/auth/access.js";

// Who may read the audit log: admins only (it names Fachtage and what was removed, never people).

export const retentionAccess = defineAccess<{
  /** The audit log page /verwaltung/protokoll. */
  "audit.read": undefined;
}>({
  "audit.read": (actor) => actor.kind === "user" && actor.role === "admin",
});
