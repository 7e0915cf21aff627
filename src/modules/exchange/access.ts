import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";

// Who may do what in the Austausch. Members write in the name of an organisation they
// represent (the directory's knowledge, asked by the service and handed in as a flag);
// admins moderate; everybody signed in comments; anybody, also without an account, reports.

const isAdmin = (actor: Actor) => actor.kind === "user" && actor.role === "admin";
const isMember = (actor: Actor) => actor.kind === "user" && actor.role === "member";

/** A post as the policies see it. */
export interface PostRef {
  /** Published and not hidden by a moderator: what everybody may read. */
  public: boolean;
  /** The actor wrote it, or represents its organisation. */
  own: boolean;
}

export const exchangeAccess = defineAccess<{
  /** Write a post (and open the form): members and admins. */
  "post.create": undefined;
  /** Post in the name of an organisation: admins, or a member who represents it. */
  "post.postFor": { represents: boolean };
  /** Change one's post (text, status): its author or a member of its organisation; admins (moderation). */
  "post.edit": PostRef;
  /** Read a post: public ones everybody; drafts, archived and hidden ones its own people and admins. */
  "post.see": PostRef;
  /** Hide, show again, delete, edit with a reason, see the edit history and the reports. */
  "post.moderate": undefined;
  /** Comment on a public post: everybody signed in. */
  "comment.add": { public: boolean };
  /** "Melden": everybody, also without an account. */
  "report.submit": undefined;
}>({
  "post.create": (actor) => isAdmin(actor) || isMember(actor),
  "post.postFor": (actor, o) => isAdmin(actor) || (isMember(actor) && o.represents),
  "post.edit": (actor, p) => isAdmin(actor) || (isMember(actor) && p.own),
  "post.see": (actor, p) => p.public || isAdmin(actor) || (isMember(actor) && p.own),
  "post.moderate": isAdmin,
  "comment.add": (actor, p) => actor.kind === "user" && p.public,
  "report.submit": () => true,
});

export const { can, requireAccess } = exchangeAccess;
