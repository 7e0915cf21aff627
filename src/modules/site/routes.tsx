import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ping } from "../../platform/db/database.js";
import { migrationsCurrent } from "../../platform/db/migrator.js";
import { emptyForm, type FormState, handleForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { listUpcomingEvents } from "../events/index.js";
import { submitAccessibilityFeedback } from "./feedback.service.js";
import { feedbackForm } from "./schema.js";
import {
  AccessibilityPage,
  ApiDocsPage,
  EasyLanguagePage,
  type EndpointRow,
  HomePage,
  ImpressumPage,
  PrivacyPage,
} from "./views/pages.js";

export function siteRoutes(app: FastifyInstance, platform: Platform): void {
  app.get("/healthz", { config: { rateLimit: false } }, async () => ({ status: "ok" }));

  app.get("/readyz", { config: { rateLimit: false } }, async (_request, reply) => {
    try {
      await ping(platform.db);
      if (!(await migrationsCurrent(platform.db))) {
        return reply.code(503).send({ status: "not_ready", reason: "migrations_pending" });
      }
      // Redis away does not take the instance out of the proxy: limits are suspended, the
      // service goes on (platform/http/rate-limit-store.ts). Monitoring sees it here.
      return { status: "ready", rateLimits: app.rateLimitStore() };
    } catch {
      return reply.code(503).send({ status: "not_ready", reason: "database_unreachable" });
    }
  });

  app.get("/", async (request, reply) =>
    reply.page({
      title: request.t("nav.home"),
      body: (
        <HomePage
          upcoming={await listUpcomingEvents(platform.db.kysely, new Date(), 3)}
          sections={await platform.contributions.renderSections("site.home", { now: new Date() }, request)}
        />
      ),
    }),
  );
  app.get("/impressum", async (request, reply) =>
    reply.page({ title: request.t("impressum.title"), body: <ImpressumPage /> }),
  );
  app.get("/datenschutz", async (request, reply) =>
    reply.page({ title: request.t("privacy.title"), body: <PrivacyPage /> }),
  );
  app.get("/leichte-sprache", async (request, reply) =>
    reply.page({ title: request.t("easy.title"), body: <EasyLanguagePage /> }),
  );

  const accessibilityPage = (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page({ status, title: request.t("a11y.title"), body: <AccessibilityPage form={form} /> });

  app.get("/barrierefreiheit", async (request, reply) => accessibilityPage(request, reply, emptyForm));
  app.post(
    "/barrierefreiheit",
    { config: { rateLimit: { max: 10, timeWindow: "10 minutes" } } },
    async (request, reply) =>
      handleForm(
        request,
        feedbackForm,
        async (data) => {
          await submitAccessibilityFeedback(platform, data);
          return reply.flash("success", "a11y.form.thanks").redirect("/barrierefreiheit", 303);
        },
        (form, status) => accessibilityPage(request, reply, form, status),
      ),
  );

  app.get("/api/v1/openapi.json", { config: { rateLimit: false } }, async () => app.swagger());
  app.get("/api", async (request, reply) => {
    const doc = app.swagger() as { paths?: Record<string, Record<string, { summary?: string }>> };
    const endpoints: EndpointRow[] = [];
    for (const [path, operations] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(operations)) {
        endpoints.push({ method: method.toUpperCase(), path, summary: op.summary ?? "" });
      }
    }
    return reply.page({ title: request.t("api.title"), body: <ApiDocsPage endpoints={endpoints} /> });
  });
}
