import { defineAccess } from "../../platform/auth/access.js";
import type { Actor } from "../../platform/auth/actor.js";

// Matches are public: they are read from public posts only, so reading them needs no
// permission. Keeping a Merkliste and choosing the match e-mails is for people signed in,
// each their own.

const signedIn = (actor: Actor) => actor.kind === "user";

export const matchingAccess = defineAccess<{
  /** Keep and remove bookmarks, see one's own Merkliste. */
  "bookmark.keep": undefined;
  /** Choose whether to get an e-mail about new matches of one's posts. */
  "matching.settings": undefined;
}>({
  "bookmark.keep": signedIn,
  "matching.settings": signedIn,
});
