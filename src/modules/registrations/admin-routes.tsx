import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireRole } from "../../platform/auth/actor.js";
import { parseForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import { exportFileName, toCsv, toXlsx } from "./export.js";
import { isFieldError, translatedFieldErrors } from "./routes.js";
import {
  capacityForm,
  listQuery,
  mailForm,
  moveForm,
  questionForm,
  registrationForm,
  toRegistrationInput,
} from "./schema.js";
import {
  addQuestion,
  cancelByOrganiser,
  exportRows,
  listManagedEventsWithCounts,
  listRegistrations,
  mailParticipants,
  moveWorkshop,
  organisationField,
  type RegistrationFilter,
  register,
  removeQuestion,
  setCapacities,
} from "./service.js";
import { adminBase, ManagedEventsPage, ManualRegistrationPage, OrganiserPage } from "./views/admin.js";
import { organisationFieldScripts } from "./views/registration-section.js";

type Params = { Params: { eventId: string } };
type FormState = { values: Record<string, unknown>; errors: Record<string, string> };

const filterOf = (query: unknown): RegistrationFilter => {
  const q = listQuery.parse(query ?? {});
  return { status: q.status, sessionId: q.workshop };
};

/** The organiser's pages: /verwaltung/fachtage/<eventId>/anmeldungen (editor of the event or admin). */
export function adminRoutes(app: FastifyInstance, platform: Platform): void {
  const page = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    form: FormState = { values: {}, errors: {} },
    status = 200,
  ) => {
    const o = await listRegistrations(platform, request.actor, request.params.eventId, filterOf(request.query));
    return reply.page({
      status,
      title: request.t("registrations.admin.title", { event: o.event.title }),
      body: <OrganiserPage o={o} form={form} />,
    });
  };
  const back = (request: FastifyRequest<Params>, hash = "") => {
    const query = request.url.includes("?") ? `?${request.url.split("?")[1]}` : "";
    return `${adminBase(request.params.eventId)}${query}${hash}`;
  };

  app.get("/verwaltung/anmeldungen", async (request, reply) => {
    const events = await listManagedEventsWithCounts(platform, request.actor);
    return reply.page({ title: request.t("registrations.admin.nav"), body: <ManagedEventsPage events={events} /> });
  });

  app.get<Params>("/verwaltung/fachtage/:eventId/anmeldungen", async (request, reply) => page(request, reply));

  app.get<Params>("/verwaltung/fachtage/:eventId/anmeldungen/export.csv", async (request, reply) => {
    const { event, headers, rows } = await exportRows(
      platform,
      request.actor,
      request.params.eventId,
      filterOf(request.query),
    );
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", contentDisposition(exportFileName(event.slug, "csv")))
      .header("cache-control", "no-store")
      .send(toCsv(headers, rows));
  });

  app.get<Params>("/verwaltung/fachtage/:eventId/anmeldungen/export.xlsx", async (request, reply) => {
    const { event, headers, rows } = await exportRows(
      platform,
      request.actor,
      request.params.eventId,
      filterOf(request.query),
    );
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", contentDisposition(exportFileName(event.slug, "xlsx")))
      .header("cache-control", "no-store")
      .send(await toXlsx(request.t("registrations.sheet"), headers, rows));
  });

  // --- registration by hand --------------------------------------------------------

  const manualPage = async (request: FastifyRequest<Params>, reply: FastifyReply, form: FormState, status = 200) => {
    const o = await listRegistrations(platform, request.actor, request.params.eventId, {});
    const field = await organisationField(platform);
    return reply.page({
      status,
      scripts: organisationFieldScripts(field),
      title: request.t("registrations.admin.add"),
      body: <ManualRegistrationPage o={o} form={form} organisationField={field} />,
    });
  };

  app.get<Params>("/verwaltung/fachtage/:eventId/anmeldungen/neu", async (request, reply) =>
    manualPage(request, reply, { values: {}, errors: {} }),
  );

  app.post<Params>("/verwaltung/fachtage/:eventId/anmeldungen/neu", async (request, reply) => {
    requireRole(request.actor, "admin", "editor");
    const o = await listRegistrations(platform, request.actor, request.params.eventId, {});
    const form = parseForm(registrationForm(o.slots, o.questions), request.body, request.t, request.locale);
    if (!form.ok) return manualPage(request, reply, form, 422);
    try {
      const result = await register(
        platform,
        request.actor,
        o.event.id,
        toRegistrationInput(form.data, o.slots, o.questions),
        "manual",
      );
      if (result.status === "waitlisted") {
        reply.flash("warning", "registrations.admin.addedWaitlist", { position: result.waitlistPosition ?? 0 });
      } else reply.flash("success", "registrations.admin.added");
      return reply.redirect(adminBase(o.event.id), 303);
    } catch (error) {
      if (isFieldError(error)) {
        return manualPage(
          request,
          reply,
          { values: (request.body ?? {}) as Record<string, unknown>, errors: translatedFieldErrors(request, error) },
          error.status,
        );
      }
      throw error;
    }
  });

  // --- actions on one registration -----------------------------------------------------

  app.post<{ Params: { eventId: string; registrationId: string } }>(
    "/verwaltung/fachtage/:eventId/anmeldungen/:registrationId/absagen",
    async (request, reply) => {
      await cancelByOrganiser(platform, request.actor, request.params.eventId, request.params.registrationId);
      return reply
        .flash("success", "registrations.admin.cancelled")
        .redirect(`${adminBase(request.params.eventId)}#liste`, 303);
    },
  );

  app.post<{ Params: { eventId: string; registrationId: string } }>(
    "/verwaltung/fachtage/:eventId/anmeldungen/:registrationId/workshop",
    async (request, reply) => {
      const form = parseForm(moveForm, request.body, request.t, request.locale);
      if (!form.ok) return page(request, reply, form, 422);
      try {
        await moveWorkshop(
          platform,
          request.actor,
          request.params.eventId,
          request.params.registrationId,
          form.data.slot,
          form.data.sessionId || null,
        );
      } catch (error) {
        if (isFieldError(error)) {
          const errors = Object.fromEntries(
            Object.entries(translatedFieldErrors(request, error)).map(([, message]) => ["sessionId", message]),
          );
          return page(request, reply, { values: {}, errors }, error.status);
        }
        throw error;
      }
      return reply
        .flash("success", "registrations.admin.moved")
        .redirect(`${adminBase(request.params.eventId)}#liste`, 303);
    },
  );

  // --- event-wide actions ------------------------------------------------------------------

  app.post<Params>("/verwaltung/fachtage/:eventId/anmeldungen/kapazitaet", async (request, reply) => {
    const o = await listRegistrations(platform, request.actor, request.params.eventId, {});
    const ids = o.slots.flatMap((s) => s.workshops.map((w) => w.id));
    const form = parseForm(capacityForm(ids), request.body, request.t, request.locale);
    if (!form.ok) return page(request, reply, form, 422);
    const data = form.data as Record<string, number | null>;
    try {
      const { promoted } = await setCapacities(platform, request.actor, o.event.id, {
        capacity: data.capacity as number,
        workshops: Object.fromEntries(ids.map((id) => [id, data[`ws_${id}`] ?? null])),
      });
      return reply
        .flash("success", "registrations.admin.capacitySaved", { promoted })
        .redirect(`${adminBase(o.event.id)}#kapazitaet`, 303);
    } catch (error) {
      if (isFieldError(error)) {
        return page(
          request,
          reply,
          { values: (request.body ?? {}) as Record<string, unknown>, errors: translatedFieldErrors(request, error) },
          error.status,
        );
      }
      throw error;
    }
  });

  app.post<Params>("/verwaltung/fachtage/:eventId/anmeldungen/nachricht", async (request, reply) => {
    const form = parseForm(mailForm, request.body, request.t, request.locale);
    if (!form.ok) return page(request, reply, form, 422);
    const count = await mailParticipants(platform, request.actor, request.params.eventId, {
      subject: form.data.subject,
      text: form.data.text,
      filter: filterOf(request.query),
    });
    return reply.flash("success", "registrations.admin.mailSent", { count }).redirect(back(request, "#nachricht"), 303);
  });

  app.post<Params>("/verwaltung/fachtage/:eventId/anmeldungen/fragen", async (request, reply) => {
    const form = parseForm(questionForm, request.body, request.t, request.locale);
    if (!form.ok) return page(request, reply, form, 422);
    try {
      await addQuestion(platform, request.actor, request.params.eventId, {
        kind: form.data.kind,
        label: form.data.label,
        options: (form.data.options ?? "")
          .split(/\r?\n/)
          .map((o) => o.trim())
          .filter(Boolean)
          .slice(0, 30),
        required: form.data.required,
      });
    } catch (error) {
      if (isFieldError(error)) {
        return page(
          request,
          reply,
          { values: (request.body ?? {}) as Record<string, unknown>, errors: translatedFieldErrors(request, error) },
          error.status,
        );
      }
      throw error;
    }
    return reply
      .flash("success", "registrations.admin.questionAdded")
      .redirect(`${adminBase(request.params.eventId)}#fragen`, 303);
  });

  app.post<{ Params: { eventId: string; questionId: string } }>(
    "/verwaltung/fachtage/:eventId/anmeldungen/fragen/:questionId/loeschen",
    async (request, reply) => {
      await removeQuestion(platform, request.actor, request.params.eventId, request.params.questionId);
      return reply
        .flash("success", "registrations.admin.questionDeleted")
        .redirect(`${adminBase(request.params.eventId)}#fragen`, 303);
    },
  );
}
