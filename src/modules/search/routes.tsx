import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { parseQuery } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { getIndexStatus, rebuildSearchIndex } from "./admin.service.js";
import { searchApiQuery, searchApiResult, searchPageQuery } from "./schema.js";
import { search, snippetText } from "./search.service.js";
import { IndexAdminPage, SearchPage, searchStyles } from "./views/search-page.js";

export function searchRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get("/suche", async (request, reply) => {
    const query = parseQuery(searchPageQuery, request.query);
    const values = {
      q: query.q,
      type: query.typ,
      area: query.bereich,
      theme: query.thema,
      municipality: query.gemeinde,
    };
    const outcome = await search(platform, { ...values, page: query.seite });
    return reply.page({
      title: values.q ? request.t("search.titleWith", { q: values.q }) : request.t("search.title"),
      styles: searchStyles,
      body: <SearchPage values={values} outcome={outcome} />,
    });
  });

  api.get(
    "/api/v1/search",
    {
      schema: {
        tags: ["Suche"],
        summary: "Eine Suche über Akteure, Angebote, Beiträge und Fachtage (nur Öffentliches)",
        description:
          "Deutsches Suchverhalten: Groß-/Kleinschreibung, Umlaute und ß (auch ae/oe/ue/ss), Plural- und gebeugte Formen, Wortteile (Schule findet Grundschule) und Synonyme (Kita = Kindertagesstätte, VHS = Volkshochschule, DaZ = Deutsch als Zweitsprache). Ergebnisse nach Relevanz, 20 je Seite (`page`). `snippet` ist reiner Text.",
        querystring: searchApiQuery,
        response: { 200: searchApiResult },
      },
    },
    async (request) => {
      const { q, type, area, theme, municipality, page } = request.query;
      const outcome = await search(platform, { q, type, area, theme, municipality, page });
      return {
        results: outcome.hits.map((h) => ({
          type: h.type,
          id: h.id,
          title: h.title,
          snippet: snippetText(h.snippet),
          url: h.url,
        })),
        total: outcome.total,
      };
    },
  );

  app.get("/verwaltung/suche", async (request, reply) => {
    const status = await getIndexStatus(platform, request.actor);
    return reply.page({ title: request.t("search.admin.title"), body: <IndexAdminPage count={status.count} /> });
  });

  app.post("/verwaltung/suche/neu-aufbauen", async (request, reply) => {
    const count = await rebuildSearchIndex(platform, request.actor);
    return reply.flash("success", "search.admin.rebuilt", { count }).redirect("/verwaltung/suche", 303);
  });
}
