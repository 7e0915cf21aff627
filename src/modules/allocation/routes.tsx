import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { recordListAccess } from "../../platform/audit.js";
import { emptyForm, type FormState, handleForm, parseQuery } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { allocationAccess } from "./access.js";
import { getAllocationOverview, placeByHand, publishAllocation, runAllocation } from "./allocation.service.js";
import { apiIdParams, apiPublished, apiRunBody, apiSummary, pageQuery, placeForm, runForm } from "./schema.js";
import {
  AllocationPage,
  allocationBase,
  allocationStyles,
  PublishConfirmPage,
  placeField,
} from "./views/allocation-page.js";

type Params = { Params: { eventId: string } };

/** The organiser's allocation pages and the allocation API. */
export function allocationRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  const page = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const o = await getAllocationOverview(platform, request.actor, request.params.eventId);
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "allocation",
      format: "html",
      eventId: request.params.eventId,
    });
    return reply.page({
      status,
      styles: allocationStyles,
      title: request.t("allocation.title", { event: o.event.title }),
      body: <AllocationPage o={o} form={form} page={parseQuery(pageQuery, request.query).seite} />,
    });
  };

  app.get<Params>("/verwaltung/fachtage/:eventId/zuteilung", async (request, reply) => page(request, reply));

  app.post<Params>("/verwaltung/fachtage/:eventId/zuteilung", async (request, reply) =>
    handleForm(
      request,
      runForm,
      async (data) => {
        const summary = await runAllocation(platform, request.actor, request.params.eventId, { seed: data.seed });
        return reply
          .flash("success", "allocation.run.done", { seed: summary.seed })
          .redirect(allocationBase(request.params.eventId), 303);
      },
      (form, status) => page(request, reply, form, status),
    ),
  );

  app.post<Params>("/verwaltung/fachtage/:eventId/zuteilung/platz", async (request, reply) => {
    const o = await getAllocationOverview(platform, request.actor, request.params.eventId);
    // Every row has a select named sessionId: the message goes beside the one that was sent.
    const body = (request.body ?? {}) as Record<string, unknown>;
    const slotIndex = o.slots.findIndex((s) => s.key === body.slot);
    const field = placeField(String(body.registrationId ?? ""), slotIndex);
    return handleForm(
      request,
      placeForm,
      async (data) => {
        await placeByHand(platform, request.actor, o.event.id, data);
        const name = o.run?.unplaced.find((u) => u.registrationId === data.registrationId)?.name ?? "";
        return reply
          .flash("success", "allocation.unplaced.done", { name })
          .redirect(`${allocationBase(o.event.id)}#ohne-platz`, 303);
      },
      (form, status) =>
        page(
          request,
          reply,
          {
            values: {},
            errors: Object.fromEntries(
              Object.values(form.errors)
                .slice(0, 1)
                .map((m) => [field, m]),
            ),
          },
          status,
        ),
    );
  });

  app.get<Params>("/verwaltung/fachtage/:eventId/zuteilung/veroeffentlichen", async (request, reply) => {
    const o = await getAllocationOverview(platform, request.actor, request.params.eventId);
    if (!o.run || o.run.publishedAt) return reply.redirect(allocationBase(o.event.id), 303);
    return reply.page({
      styles: allocationStyles,
      title: request.t("allocation.publish.confirmTitle"),
      body: <PublishConfirmPage o={o} />,
    });
  });

  app.post<Params>("/verwaltung/fachtage/:eventId/zuteilung/veroeffentlichen", async (request, reply) => {
    await publishAllocation(platform, request.actor, request.params.eventId);
    const o = await getAllocationOverview(platform, request.actor, request.params.eventId);
    return reply
      .flash("success", "allocation.publish.done", { participants: o.run?.results.length ?? 0 })
      .redirect(allocationBase(request.params.eventId), 303);
  });

  // --- JSON API (published contract) ----------------------------------------------------------

  const tags = ["Zuteilung"];
  const security = [{ bearerAuth: [] }];
  // Members and nobody are told before the body is validated.
  const organisersOnly = async (request: FastifyRequest) =>
    allocationAccess.requireAccess(request.actor, "allocation.organise", undefined);

  app.post(
    "/api/v1/events/:id/allocation",
    {
      schema: {
        tags,
        summary: "Workshopzuteilung nach Wünschen berechnen (Entwurf; optional mit Startwert seed)",
        security,
        params: apiIdParams,
        body: apiRunBody,
        response: { 200: apiSummary },
      },
      preValidation: organisersOnly,
    },
    async (request) => runAllocation(platform, request.actor, request.params.id, { seed: request.body?.seed }),
  );

  app.post(
    "/api/v1/events/:id/allocation/publish",
    {
      schema: {
        tags,
        summary: "Berechnete Zuteilung veröffentlichen: Workshops eintragen, alle per E-Mail informieren",
        security,
        params: apiIdParams,
        response: { 200: apiPublished },
      },
      preValidation: organisersOnly,
    },
    async (request) => publishAllocation(platform, request.actor, request.params.id),
  );
}
