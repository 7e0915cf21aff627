import type { FastifyRequest } from "fastify";
import { NotFoundError } from "../../platform/http/errors.js";
import { section } from "../../platform/module.js";
import { type BookmarkType, bookmarkState } from "./bookmarks.service.js";
import { getMatches } from "./matching.service.js";
import { AccountSection, KeepSection } from "./views/keep-button.js";
import { PostMatchesSection } from "./views/matches-page.js";

// "Merken" on the pages other modules host: an organisation's profile, a Fachtag's page and a
// post's page (there also the best suggestions for an open offer or request).
// Nothing is shown to people not signed in (they have no Merkliste).

async function keepSection(request: FastifyRequest, type: BookmarkType, id: string) {
  const state = await bookmarkState(request.server.platform, request.actor, type, id);
  if (!state.canKeep) return null;
  return <KeepSection type={type} id={id} kept={state.kept} back={request.url} />;
}

export const profileKeepSection = section({
  slot: "directory.profile",
  order: 90,
  render: ({ organisationId }, request) => keepSection(request, "organisation", organisationId),
});

export const eventKeepSection = section({
  slot: "events.page",
  order: 90,
  render: ({ event }, request) => keepSection(request, "event", event.id),
});

// A past Fachtag's page shows no "events.page" (the registration part); its documentation part
// is shown, so "Merken" goes there — one keeps a past Fachtag for its documentation.
export const pastEventKeepSection = section({
  slot: "events.documents",
  order: 90,
  render: ({ event }, request) =>
    event.registrationClosedReason === "past" ? keepSection(request, "event", event.id) : null,
});

export const postMatchesSection = section({
  slot: "exchange.post",
  order: 10,
  async render({ postId }, request) {
    try {
      const model = await getMatches(request.server.platform, request.actor, postId);
      return <PostMatchesSection {...model} />;
    } catch (error) {
      // A draft or hidden post (seen by its own people and moderators) has no suggestions.
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  },
});

/** On "Mein Konto": the way to the Merkliste (and its e-mail setting). */
export const accountSection = section({
  slot: "accounts.page",
  order: 20,
  render: () => <AccountSection />,
});
