import type { Actor } from "../../platform/auth/actor.js";
import { nowIso } from "../../platform/db/time.js";
import { ConflictError, NotFoundError } from "../../platform/http/errors.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess, userOf } from "./access.js";
import { recordChange } from "./change-log.service.js";
import { invalidateDirectoryCaches } from "./directory-cache.js";
import { listKindOptions } from "./kinds.service.js";
import * as organisations from "./organisations.repo.js";
import { insertOrganisationIn, organisationViews, validateOrganisation } from "./organisations.service.js";
import type { ProposalInput } from "./schema.js";
import type { OrganisationStatus } from "./tables.js";
import type { OrganisationView } from "./view-models.js";

// Public proposals: anybody may propose an organisation; it waits in the review queue,
// invisible to the public, until the education office approves or rejects it.

/** The empty proposal form: its kind options. */
export async function startProposal(
  platform: Platform,
  actor: Actor,
  locale: Locale,
): Promise<{ id: string; label: string }[]> {
  directoryAccess.requireAccess(actor, "proposal.submit", undefined);
  return listKindOptions(platform, locale);
}

/** Stores a proposal; returns its id, or undefined for a bot (the hidden homepage field was filled). */
export async function proposeOrganisation(
  platform: Platform,
  actor: Actor,
  input: ProposalInput,
): Promise<string | undefined> {
  directoryAccess.requireAccess(actor, "proposal.submit", undefined);
  if (input.homepage && input.homepage.trim() !== "") return undefined;
  const db = platform.db.kysely;
  const labels = await validateOrganisation(db, input);
  const row = await db.transaction().execute((trx) =>
    insertOrganisationIn(trx, userOf(actor), input, labels, {
      status: "proposed",
      proposerName: input.proposerName,
      proposerEmail: input.proposerEmail,
      ...(input.proposalNote ? { proposalNote: input.proposalNote } : {}),
    }),
  );
  return row.id;
}

export async function listProposals(platform: Platform, actor: Actor, locale: Locale): Promise<OrganisationView[]> {
  directoryAccess.requireAccess(actor, "proposal.review", undefined);
  const db = platform.db.kysely;
  return organisationViews(db, await organisations.listByStatus(db, "proposed"), locale);
}

/** Approve (publish) or reject a proposal. Only proposals can be decided. Returns the name for the message. */
export async function decideProposal(
  platform: Platform,
  actor: Actor,
  id: string,
  decision: "approve" | "reject",
): Promise<{ name: string }> {
  directoryAccess.requireAccess(actor, "proposal.review", undefined);
  const decided = await platform.db.kysely.transaction().execute(async (trx) => {
    const row = await organisations.findOrganisation(trx, id);
    if (!row) throw new NotFoundError();
    if (row.status !== "proposed") throw new ConflictError("not_a_proposal", "directory.error.notProposal");
    const status: OrganisationStatus = decision === "approve" ? "published" : "rejected";
    await organisations.updateOrganisation(trx, id, { status, updated_at: nowIso() });
    await recordChange(trx, userOf(actor), {
      entity: "organisation",
      entityId: id,
      organisationId: id,
      action: "update",
      changes: { status: { from: row.status, to: status } },
    });
    await platform.hooks.emit("directory.organisationsChanged", { organisationIds: [id] }, { platform, db: trx });
    return { name: row.name };
  });
  invalidateDirectoryCaches(platform);
  return decided;
}
