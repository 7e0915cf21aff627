import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { toCsv, toXlsx } from "../../lib/spreadsheet.js";
import { recordListAccess } from "../../platform/audit.js";
import { emptyForm, type FormState, handleForm, parseQuery } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import { exportFileName, exportRows } from "./exports.service.js";
import {
  cancelByOrganiser,
  listManagedEventsWithCounts,
  listRegistrations,
  mailParticipants,
  moveWorkshop,
  type RegistrationFilter,
  setCapacities,
} from "./organiser-desk.service.js";
import { addQuestion, removeQuestion } from "./questions.service.js";
import { getOrganisationField, register } from "./register.service.js";
import {
  capacityForm,
  listQuery,
  mailForm,
  moveForm,
  questionForm,
  registrationForm,
  toRegistrationInput,
} from "./schema.js";
import { adminBase, deskStyles, ManagedEventsPage, ManualRegistrationPage, OrganiserPage } from "./views/admin.js";
import { organisationFieldScripts } from "./views/registration-section.js";
import { wishCount } from "./wishes.js";

type Params = { Params: { eventId: string } };

const filterOf = (query: unknown): RegistrationFilter => {
  const q = parseQuery(listQuery, query);
  return { status: q.status, sessionId: q.workshop, search: q.q };
};

/** The organiser's pages: /verwaltung/fachtage/<eventId>/anmeldungen (editor of the event or admin). */
export function adminRoutes(app: FastifyInstance, platform: Platform): void {
  const page = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const o = await listRegistrations(platform, request.actor, request.params.eventId, filterOf(request.query));
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "registrations",
      format: "html",
      eventId: request.params.eventId,
    });
    return reply.page({
      status,
      styles: deskStyles,
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
    return reply.page({
      title: request.t("registrations.admin.nav"),
      styles: deskStyles,
      body: <ManagedEventsPage events={events} />,
    });
  });

  app.get<Params>("/verwaltung/fachtage/:eventId/anmeldungen", async (request, reply) => page(request, reply));

  app.get<Params>("/verwaltung/fachtage/:eventId/anmeldungen/export.csv", async (request, reply) => {
    const { event, headers, rows } = await exportRows(
      platform,
      request.actor,
      request.params.eventId,
      filterOf(request.query),
    );
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "registrations",
      format: "csv",
      eventId: request.params.eventId,
    });
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
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "registrations",
      format: "xlsx",
      eventId: request.params.eventId,
    });
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", contentDisposition(exportFileName(event.slug, "xlsx")))
      .header("cache-control", "no-store")
      .send(await toXlsx(request.t("registrations.sheet"), headers, rows));
  });

  // --- registration by hand --------------------------------------------------------

  const manualPage = async (request: FastifyRequest<Params>, reply: FastifyReply, form: FormState, status = 200) => {
    const o = await listRegistrations(platform, request.actor, request.params.eventId, {});
    const field = await getOrganisationField(platform);
    return reply.page({
      status,
      scripts: organisationFieldScripts(field),
      title: request.t("registrations.admin.add"),
      body: <ManualRegistrationPage o={o} form={form} organisationField={field} />,
    });
  };

  app.get<Params>("/verwaltung/fachtage/:eventId/anmeldungen/neu", async (request, reply) =>
    manualPage(request, reply, emptyForm),
  );

  app.post<Params>("/verwaltung/fachtage/:eventId/anmeldungen/neu", async (request, reply) => {
    const o = await listRegistrations(platform, request.actor, request.params.eventId, {});
    return handleForm(
      request,
      registrationForm(o.slots, o.questions, undefined, wishCount(o.event)),
      async (data) => {
        const result = await register(
          platform,
          request.actor,
          o.event.id,
          toRegistrationInput(data, o.slots, o.questions, undefined, wishCount(o.event)),
          "manual",
        );
        if (result.status === "waitlisted") {
          reply.flash("warning", "registrations.admin.addedWaitlist", { position: result.waitlistPosition ?? 0 });
        } else reply.flash("success", "registrations.admin.added");
        return reply.redirect(adminBase(o.event.id), 303);
      },
      (form, status) => manualPage(request, reply, form, status),
    );
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
      return handleForm(
        request,
        moveForm,
        async (data) => {
          await moveWorkshop(
            platform,
            request.actor,
            request.params.eventId,
            request.params.registrationId,
            data.slot,
            data.sessionId || null,
          );
          return reply
            .flash("success", "registrations.admin.moved")
            .redirect(`${adminBase(request.params.eventId)}#liste`, 303);
        },
        // Each row has its own select, all named sessionId: the message goes there.
        (form, status) =>
          page(
            request,
            reply,
            { values: {}, errors: Object.fromEntries(Object.values(form.errors).map((m) => ["sessionId", m])) },
            status,
          ),
      );
    },
  );

  // --- event-wide actions ------------------------------------------------------------------

  app.post<Params>("/verwaltung/fachtage/:eventId/anmeldungen/kapazitaet", async (request, reply) => {
    const o = await listRegistrations(platform, request.actor, request.params.eventId, {});
    const ids = o.slots.flatMap((s) => s.workshops.map((w) => w.id));
    return handleForm(
      request,
      capacityForm(ids),
      async (parsed) => {
        const data = parsed as Record<string, number | null>;
        const { promoted } = await setCapacities(platform, request.actor, o.event.id, {
          capacity: data.capacity as number,
          workshops: Object.fromEntries(ids.map((id) => [id, data[`ws_${id}`] ?? null])),
        });
        return reply
          .flash("success", "registrations.admin.capacitySaved", { promoted })
          .redirect(`${adminBase(o.event.id)}#kapazitaet`, 303);
      },
      (form, status) => page(request, reply, form, status),
    );
  });

  app.post<Params>("/verwaltung/fachtage/:eventId/anmeldungen/nachricht", async (request, reply) => {
    return handleForm(
      request,
      mailForm,
      async (data) => {
        const count = await mailParticipants(platform, request.actor, request.params.eventId, {
          subject: data.subject,
          text: data.text,
          filter: filterOf(request.query),
        });
        return reply
          .flash("success", "registrations.admin.mailSent", { count })
          .redirect(back(request, "#nachricht"), 303);
      },
      (form, status) => page(request, reply, form, status),
    );
  });

  app.post<Params>("/verwaltung/fachtage/:eventId/anmeldungen/fragen", async (request, reply) => {
    return handleForm(
      request,
      questionForm,
      async (data) => {
        await addQuestion(platform, request.actor, request.params.eventId, {
          kind: data.kind,
          label: data.label,
          options: (data.options ?? "")
            .split(/\r?\n/)
            .map((o) => o.trim())
            .filter(Boolean)
            .slice(0, 30),
          required: data.required,
        });
        return reply
          .flash("success", "registrations.admin.questionAdded")
          .redirect(`${adminBase(request.params.eventId)}#fragen`, 303);
      },
      (form, status) => page(request, reply, form, status),
    );
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
