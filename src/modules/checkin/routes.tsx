import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { recordListAccess } from "../../platform/audit.js";
import { DomainError } from "../../platform/http/errors.js";
import { emptyForm, type FormState, handleForm, parseForm, parseQuery } from "../../platform/http/forms.js";
import { formatTime } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import {
  attendanceSummary,
  type CheckInResult,
  checkInByCode,
  checkInById,
  getEntrance,
  listEntrances,
  searchPeople,
  undoCheckIn,
  walkIn,
} from "./checkin.service.js";
import {
  apiCheckinBody,
  apiCheckinResult,
  apiCheckinSummary,
  apiEventParams,
  codeForm,
  pageCheckinBody,
  personForm,
  searchQuery,
  walkInForm,
} from "./schema.js";
import { checkinScripts, checkinStyles, EntranceListPage, EntrancePage, entranceBase } from "./views/entrance.js";

type Params = { Params: { eventId: string } };
type PersonParams = { Params: { eventId: string; registrationId: string } };

/** Where a button beside a search result returns to: the same search. */
const backTo = (eventId: string, q: string | undefined) =>
  `${entranceBase(eventId)}${q ? `?q=${encodeURIComponent(q)}` : ""}#checkin-results`;

export function checkinRoutes(app: FastifyInstance, platform: Platform): void {
  const flashResult = (request: FastifyRequest, reply: FastifyReply, r: CheckInResult) => {
    const name = `${r.firstName} ${r.lastName}`;
    if (r.alreadyCheckedIn) {
      return reply.flash("warning", "checkin.flash.already", { name, time: formatTime(r.checkedInAt, request.locale) });
    }
    return reply.flash("success", "checkin.flash.checkedIn", { name });
  };

  const page = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    forms: { code?: FormState; walkIn?: FormState } = {},
    status = 200,
  ) => {
    const e = await getEntrance(platform, request.actor, request.params.eventId);
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "checkin",
      format: "html",
      eventId: request.params.eventId,
    });
    const q = parseQuery(searchQuery, request.query).q ?? "";
    return reply.page({
      status,
      styles: checkinStyles,
      scripts: checkinScripts,
      title: request.t("checkin.page.title", { event: e.event.title }),
      body: (
        <EntrancePage
          e={e}
          q={q}
          results={q ? searchPeople(e.people, q) : undefined}
          codeForm={forms.code ?? emptyForm}
          walkInForm={forms.walkIn ?? emptyForm}
        />
      ),
    });
  };

  app.get("/verwaltung/einlass", async (request, reply) => {
    const items = await listEntrances(platform, request.actor);
    return reply.page({
      title: request.t("checkin.list.title"),
      styles: checkinStyles,
      body: <EntranceListPage items={items} />,
    });
  });

  app.get<Params>("/verwaltung/fachtage/:eventId/einlass", async (request, reply) => page(request, reply));

  // A typed code. Refusals (unknown code, cancelled …) are told beside the field, nothing changes.
  app.post<Params>("/verwaltung/fachtage/:eventId/einlass/code", async (request, reply) => {
    const form = parseForm(codeForm, request.body, request.t, request.locale);
    if (!form.ok) return page(request, reply, { code: { values: form.values, errors: form.errors } }, 422);
    try {
      const result = await checkInByCode(platform, request.actor, request.params.eventId, { code: form.data.code });
      return flashResult(request, reply, result).redirect(entranceBase(request.params.eventId), 303);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 404 && error.status !== 409)) throw error;
      if (error.code === "not_found") throw error;
      const code = { values: { code: form.data.code }, errors: { code: request.t(error.messageKey, error.params) } };
      return page(request, reply, { code }, error.status);
    }
  });

  app.post<Params>("/verwaltung/fachtage/:eventId/einlass/vor-ort", async (request, reply) => {
    const e = await getEntrance(platform, request.actor, request.params.eventId);
    return handleForm(
      request,
      walkInForm(e.slots.length),
      async (data) => {
        const values = data as unknown as Record<string, string | undefined>;
        const result = await walkIn(platform, request.actor, e.event.id, {
          firstName: data.firstName,
          lastName: data.lastName,
          email: data.email,
          organisation: data.organisation,
          privacy: data.privacy,
          workshopIds: e.slots.flatMap((s) => values[`workshop_${s.index}`] ?? []),
        });
        return reply
          .flash("success", "checkin.flash.walkIn", { name: `${result.firstName} ${result.lastName}` })
          .redirect(entranceBase(request.params.eventId), 303);
      },
      (walkIn, status) => page(request, reply, { walkIn }, status),
    );
  });

  // The button beside a person found by name (without JavaScript).
  app.post<PersonParams>("/verwaltung/fachtage/:eventId/einlass/:registrationId", async (request, reply) => {
    const q = parseForm(personForm, request.body, request.t, request.locale);
    const search = q.ok ? q.data.q : undefined;
    try {
      const result = await checkInById(platform, request.actor, request.params.eventId, {
        registrationId: request.params.registrationId,
      });
      flashResult(request, reply, result);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 409) throw error;
      reply.flash("danger", "checkin.flash.refused", { reason: request.t(error.messageKey, error.params) });
    }
    return reply.redirect(backTo(request.params.eventId, search), 303);
  });

  app.post<PersonParams>(
    "/verwaltung/fachtage/:eventId/einlass/:registrationId/rueckgaengig",
    async (request, reply) => {
      const q = parseForm(personForm, request.body, request.t, request.locale);
      const person = await undoCheckIn(platform, request.actor, request.params.eventId, request.params.registrationId);
      return reply
        .flash("success", "checkin.flash.undone", { name: `${person.firstName} ${person.lastName}` })
        .redirect(backTo(request.params.eventId, q.ok ? q.data.q : undefined), 303);
    },
  );

  // --- the page's script: the list for offline search, and check-ins by fetch ------------------
  // Session cookie plus the CSRF token in a header, like a form post; answers are JSON.

  const jsonError = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    return reply.code(error.status).send({ code: error.code, message: request.t(error.messageKey, error.params) });
  };

  app.get<Params>("/verwaltung/fachtage/:eventId/einlass/liste.json", async (request, reply) => {
    try {
      const e = await getEntrance(platform, request.actor, request.params.eventId);
      await recordListAccess(platform.db.kysely, request.actor, {
        list: "checkin",
        format: "api",
        eventId: request.params.eventId,
      });
      return reply.header("cache-control", "no-store").send({ counts: e.counts, people: e.people });
    } catch (error) {
      return jsonError(request, reply, error);
    }
  });

  app.post<Params>("/verwaltung/fachtage/:eventId/einlass/checkins.json", async (request, reply) => {
    try {
      const body = pageCheckinBody.safeParse(request.body);
      if (!body.success) {
        return reply.code(422).send({ code: "validation_failed", message: request.t("checkin.validation.code") });
      }
      const { eventId } = request.params;
      const result =
        "code" in body.data
          ? await checkInByCode(platform, request.actor, eventId, body.data)
          : await checkInById(platform, request.actor, eventId, body.data);
      const counts = await attendanceSummary(platform, request.actor, eventId);
      return reply.code(result.alreadyCheckedIn ? 200 : 201).send({ ...result, counts });
    } catch (error) {
      return jsonError(request, reply, error);
    }
  });

  // --- JSON API (published contract) ------------------------------------------------------------

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    "/api/v1/events/:id/checkins",
    {
      schema: {
        tags: ["Einlass"],
        summary: "Person am Einlass einchecken (Ticket-Code); ein zweites Mal ergibt 200 mit der ersten Zeit",
        security: [{ bearerAuth: [] }],
        params: apiEventParams,
        body: apiCheckinBody,
        response: { 200: apiCheckinResult, 201: apiCheckinResult },
      },
    },
    async (request, reply) => {
      const result = await checkInByCode(platform, request.actor, request.params.id, request.body);
      return reply.code(result.alreadyCheckedIn ? 200 : 201).send(result);
    },
  );

  api.get(
    "/api/v1/events/:id/checkins/summary",
    {
      schema: {
        tags: ["Einlass"],
        summary: "Erwartete (bestätigte) und anwesende Personen eines Fachtags",
        security: [{ bearerAuth: [] }],
        params: apiEventParams,
        response: { 200: apiCheckinSummary },
      },
    },
    async (request) => attendanceSummary(platform, request.actor, request.params.id),
  );
}
