import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ValidationError } from "../../platform/http/errors.js";
import { parseForm } from "../../platform/http/forms.js";
import { safeReturnPath } from "../../platform/http/safe-return.js";
import type { Platform } from "../../platform/platform.js";
import { matchingAccess } from "./access.js";
import { addBookmark, getMerkliste, removeBookmark, setMatchMails } from "./bookmarks.service.js";
import { getMatches } from "./matching.service.js";
import { apiMatches, keepForm, postParams, settingsForm } from "./schema.js";
import { MatchesPage, matchesTitleKey } from "./views/matches-page.js";
import { MerklistePage } from "./views/merkliste-page.js";

export function matchingRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // --- suggestions ---------------------------------------------------------------------------

  api.get("/austausch/:id/passend", { schema: { params: postParams } }, async (request, reply) => {
    const model = await getMatches(platform, request.actor, request.params.id);
    return reply.page({
      title: request.t(matchesTitleKey(model.post.kind), { title: model.post.title }),
      body: <MatchesPage {...model} />,
    });
  });

  api.get(
    "/api/v1/posts/:id/matches",
    {
      schema: {
        tags: ["Austausch"],
        summary: "Passende offene Angebote bzw. Gesuche zu einem Beitrag, mit Gründen (beste zuerst)",
        description:
          "Nur für offene Angebote und Gesuche gibt es Vorschläge; für andere öffentliche Beiträge eine leere Liste. 404 für unbekannte, Entwürfe und ausgeblendete Beiträge.",
        params: postParams,
        response: { 200: apiMatches },
      },
    },
    async (request) => {
      const { matches } = await getMatches(platform, request.actor, request.params.id);
      return matches.map((m) => ({ id: m.id, kind: m.kind, title: m.title, reasons: m.reasons }));
    },
  );

  // --- Merken --------------------------------------------------------------------------------

  const keep = (remove: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const form = parseForm(keepForm, request.body, request.t, request.locale);
    if (!form.ok) throw new ValidationError(form.errors);
    const { type, id, zurueck } = form.data;
    if (remove) await removeBookmark(platform, request.actor, type, id);
    else await addBookmark(platform, request.actor, type, id);
    return reply
      .flash("success", remove ? "matching.flash.removed" : "matching.flash.kept")
      .redirect(safeReturnPath(zurueck, platform.config.baseUrl, "/merkliste"), 303);
  };
  // Nobody signed in is told so (401) before the form is read.
  const signedInOnly = async (request: FastifyRequest) =>
    matchingAccess.requireAccess(request.actor, "bookmark.keep", undefined);
  app.post("/merken", { preValidation: signedInOnly }, keep(false));
  app.post("/merken/entfernen", { preValidation: signedInOnly }, keep(true));

  app.get("/merkliste", async (request, reply) => {
    const list = await getMerkliste(platform, request.actor);
    return reply.page({ title: request.t("matching.list.title"), body: <MerklistePage list={list} /> });
  });

  app.post("/merkliste/einstellungen", async (request, reply) => {
    const form = parseForm(settingsForm, request.body, request.t, request.locale);
    if (!form.ok) throw new ValidationError(form.errors);
    await setMatchMails(platform, request.actor, form.data.notify);
    return reply.flash("success", "matching.flash.settings").redirect("/merkliste", 303);
  });
}
