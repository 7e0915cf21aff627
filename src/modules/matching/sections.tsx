import type { FastifyRequest } from "fastify";
import { section } from "../../platform/module.js";
import { type BookmarkType, bookmarkState } from "./bookmarks.service.js";
import { KeepSection } from "./views/keep-button.js";

// "Merken" on the pages other modules host: an organisation's profile and a Fachtag's page.
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
