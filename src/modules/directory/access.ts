import { defineAccess } from "../../platform/auth/access.js";
import type { Actor, UserActor } from "../../platform/auth/actor.js";
import type { OrganisationStatus } from "./tables.js";

// Who may do what in the directory. The education office (admin) keeps the whole
// directory; a member keeps the organisations their account is linked to; everybody
// reads what is published and may propose an organisation.

/** What the keeping policies look at: the accounts linked to the organisation. */
export interface KeptOrganisation {
  memberIds: readonly string[];
}

const isAdmin = (actor: Actor) => actor.kind === "user" && actor.role === "admin";

/** Admins keep every organisation; a member those they are linked to. */
const keeps = (actor: Actor, organisation: KeptOrganisation) =>
  isAdmin(actor) || (actor.kind === "user" && actor.role === "member" && organisation.memberIds.includes(actor.id));

export const directoryAccess = defineAccess<{
  /** See an organisation and its offers: published ones for everybody, proposals and rejected ones for admins. */
  "organisation.see": { status: OrganisationStatus };
  /** Add an organisation directly (published at once). */
  "organisation.create": undefined;
  /** Change an organisation's entry. */
  "organisation.edit": KeptOrganisation;
  /** The back-office list of every organisation, any status. */
  "organisation.listAll": undefined;
  /** The list of one's own organisations. */
  "organisation.listOwn": undefined;
  /** Add, change and delete an organisation's offers. */
  "offer.edit": KeptOrganisation;
  /** See all contact persons (also those without consent to be shown) and change them. */
  "contact.manage": KeptOrganisation;
  /** Propose an organisation for the directory. */
  "proposal.submit": undefined;
  /** The review queue of proposals: approve or reject. */
  "proposal.review": undefined;
  /** Read the change log and mark changes as seen. */
  "changes.review": undefined;
  /** Import organisations from a CSV file. */
  import: undefined;
  /** Add organisation kinds. */
  "kinds.manage": undefined;
  /** Link user accounts to an organisation and unlink them. */
  "members.link": undefined;
}>({
  "organisation.see": (actor, organisation) => organisation.status === "published" || isAdmin(actor),
  "organisation.create": isAdmin,
  "organisation.edit": keeps,
  "organisation.listAll": isAdmin,
  "organisation.listOwn": (actor) => actor.kind === "user",
  "offer.edit": keeps,
  "contact.manage": keeps,
  "proposal.submit": () => true,
  "proposal.review": isAdmin,
  "changes.review": isAdmin,
  import: isAdmin,
  "kinds.manage": isAdmin,
  "members.link": isAdmin,
});

/** The signed-in user behind an actor (for the change log), or undefined for nobody. */
export const userOf = (actor: Actor): UserActor | undefined => (actor.kind === "user" ? actor : undefined);
