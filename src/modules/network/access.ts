import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { isMemberOf } from "../directory/index.js";
import type { NetworkVisibility } from "./constants.js";

// Who may do what with cooperations and networks. The policies are pure; whether a
// person represents an organisation is the directory's knowledge, asked once by the
// service (representedAmong) and handed to the policy as part of the resource.

/** A cooperation as the policies see it: the partners the actor represents. */
export interface PartnerRef {
  represented: readonly string[];
}

const isAdmin = (actor: Actor) => actor.kind === "user" && actor.role === "admin";
const isMember = (actor: Actor) => actor.kind === "user" && actor.role === "member";
/** Admins, or a member who represents one of the partners. */
const isPartnerOrAdmin = (actor: Actor, c: PartnerRef) =>
  isAdmin(actor) || (isMember(actor) && c.represented.length > 0);

export const networkAccess = defineAccess<{
  /** Record a cooperation (and open its form): admins and members of organisations. */
  "cooperation.create": undefined;
  /** Change a cooperation: admins, or a member of one of its partners. */
  "cooperation.edit": PartnerRef;
  /** End a cooperation: the same people who may change it. */
  "cooperation.end": PartnerRef;
  /** See a cooperation: confirmed ones everybody, unconfirmed ones those who may change it. */
  "cooperation.see": PartnerRef & { confirmed: boolean };
  /**
   * Confirm or decline an organisation's part in a cooperation: admins (for every
   * organisation), or a member of the organisation asked.
   */
  "cooperation.confirm": { representsOrganisation: boolean };
  /** The list of cooperations waiting for one's confirmation. */
  "cooperation.listPending": undefined;
  /** Lists that include unconfirmed cooperations (the back-office list, the API with an admin token). */
  "cooperation.listUnconfirmed": undefined;
  /** Create networks and working groups. */
  "network.create": undefined;
  /** Change a network: name, purpose, coordinator, members, visibility. */
  "network.edit": undefined;
  /** See a network, its meetings and minutes: internal ones only when signed in. */
  "network.see": { visibility: NetworkVisibility };
  /** Add a meeting (with agenda and minutes) to a network. */
  "meeting.add": undefined;
}>({
  "cooperation.create": (actor) => isAdmin(actor) || isMember(actor),
  "cooperation.edit": isPartnerOrAdmin,
  "cooperation.end": isPartnerOrAdmin,
  "cooperation.see": (actor, c) => c.confirmed || isPartnerOrAdmin(actor, c),
  "cooperation.confirm": (actor, o) => isAdmin(actor) || (isMember(actor) && o.representsOrganisation),
  "cooperation.listPending": (actor) => isAdmin(actor) || isMember(actor),
  "cooperation.listUnconfirmed": isAdmin,
  "network.create": isAdmin,
  "network.edit": isAdmin,
  "network.see": (actor, n) => n.visibility === "public" || actor.kind === "user",
  "meeting.add": isAdmin,
});

export const { can, requireAccess } = networkAccess;

/** Who did it, for the record: the signed-in user's id (checks above let only users through). */
export const userIdOf = (actor: Actor): string | null => (actor.kind === "user" ? actor.id : null);

/**
 * The organisations among `ids` the actor represents: all of them for admins, those
 * the directory lists them as a member of for members, none for anybody else.
 */
export async function representedAmong(db: Conn, actor: Actor, ids: readonly string[]): Promise<string[]> {
  if (actor.kind !== "user") return [];
  if (actor.role === "admin") return [...ids];
  if (actor.role !== "member") return [];
  const own: string[] = [];
  for (const id of ids) if (await isMemberOf(db, actor.id, id)) own.push(id);
  return own;
}
