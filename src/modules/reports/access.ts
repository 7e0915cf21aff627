import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";
import { canManageEvent, type OwnedEvent } from "../events/index.js";

// Who sees the reports: the education office (admin) sees every Fachtag, an editor the
// Fachtage they manage (the events module's rule, canManageEvent). Members, check-in
// helpers and the public never see the dashboard; /zahlen is public and holds no
// personal data.

const isOrganiser = (actor: Actor) => actor.kind === "user" && (actor.role === "admin" || actor.role === "editor");

export const reportsAccess = defineAccess<{
  /** The dashboard, its exports and the summary API (Fachtage limited by reports.event). */
  "reports.view": undefined;
  /** Whether one Fachtag's figures go into the actor's report. */
  "reports.event": OwnedEvent;
}>({
  "reports.view": isOrganiser,
  "reports.event": canManageEvent,
});

/** For the API, whose query the framework validates: who may read is told before 422. */
export const requireReportsViewer = (actor: Actor): void =>
  reportsAccess.requireAccess(actor, "reports.view", undefined);
