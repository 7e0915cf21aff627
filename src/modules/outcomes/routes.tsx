import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ValidationError } from "../../platform/http/errors.js";
import { type FormState, handleForm, parseForm } from "../../platform/http/forms.js";
import { translator } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import {
  type AgreementView,
  addAgreement,
  deleteAgreement,
  getAgreementForEdit,
  getOutcomesPage,
  getPublicOutcomes,
  managedEvent,
  saveResults,
  updateAgreement,
} from "./outcomes.service.js";
import {
  agreementForm,
  agreementParams,
  apiAgreementCreated,
  apiOutcomes,
  eventParams,
  pickerQuery,
  resultsForm,
} from "./schema.js";
import {
  AgreementEditPage,
  agreementFormValues,
  OutcomesPage,
  outcomesBase,
  outcomesStyles,
} from "./views/outcomes-page.js";

const de = translator("de");

/** The picker's search button posts the form back: show it again with the matches, save nothing. */
function pickerSearch(body: unknown): { search: string | undefined; chosen: string[] } | null {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  if (b.aktion !== "suchen") return null;
  const q = pickerQuery.safeParse(b);
  return q.success ? { search: q.data.suche, chosen: q.data.organisationIds } : { search: undefined, chosen: [] };
}

/** The organisations ticked in a posted form, to show them ticked again after a problem. */
const postedChosen = (values: Record<string, unknown>) => {
  const q = pickerQuery.safeParse({ organisationIds: values.organisationIds });
  return q.success ? q.data.organisationIds : [];
};

const toApi = (a: AgreementView) => ({
  id: a.id,
  title: a.title,
  organisations: a.organisations.map((o) => ({ id: o.id, name: o.name })),
  dueDate: a.dueOn,
  status: a.status,
  cooperationId: a.cooperationId,
  cooperationConfirmed: a.cooperation ? a.cooperation.confirmed === a.cooperation.partners : null,
});

export function outcomesRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const page = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    forms: { results?: FormState; agreement?: FormState; search?: string | undefined; chosen?: string[] } = {},
    status = 200,
  ) => {
    const model = await getOutcomesPage(platform, request.actor, request.params.id, {
      search: forms.search,
      chosen: forms.chosen,
    });
    return reply.page({
      status,
      styles: outcomesStyles,
      title: request.t("outcomes.page.title", { title: model.event.title }),
      body: (
        <OutcomesPage
          event={model.event}
          agreements={model.agreements}
          picker={model.picker}
          resultsForm={forms.results ?? { values: { results: model.results ?? "" }, errors: {} }}
          agreementForm={forms.agreement ?? { values: { status: "open" }, errors: {} }}
        />
      ),
    });
  };

  api.get("/verwaltung/fachtage/:id/ergebnisse", { schema: { params: eventParams } }, (request, reply) =>
    page(request, reply),
  );

  api.post("/verwaltung/fachtage/:id/ergebnisse", { schema: { params: eventParams } }, async (request, reply) => {
    await managedEvent(platform, request.actor, request.params.id);
    return handleForm(
      request,
      resultsForm,
      async (data) => {
        await saveResults(platform, request.actor, request.params.id, data.results);
        return reply.flash("success", "outcomes.flash.resultsSaved").redirect(outcomesBase(request.params.id), 303);
      },
      (form, status) => page(request, reply, { results: form }, status),
    );
  });

  api.post(
    "/verwaltung/fachtage/:id/ergebnisse/vereinbarungen",
    { schema: { params: eventParams } },
    async (request, reply) => {
      await managedEvent(platform, request.actor, request.params.id);
      const values = (request.body ?? {}) as Record<string, unknown>;
      const search = pickerSearch(values);
      if (search) return page(request, reply, { agreement: { values, errors: {} }, ...search });
      return handleForm(
        request,
        agreementForm,
        async (data) => {
          const created = await addAgreement(platform, request.actor, request.params.id, data);
          return reply
            .flash("success", created.cooperation ? "outcomes.flash.addedProposed" : "outcomes.flash.added")
            .redirect(`${outcomesBase(request.params.id)}#vereinbarungen`, 303);
        },
        (form, status) => page(request, reply, { agreement: form, chosen: postedChosen(form.values) }, status),
      );
    },
  );

  const editPage = async (
    request: FastifyRequest<{ Params: { id: string; agreementId: string } }>,
    reply: FastifyReply,
    form?: FormState,
    query: { search?: string | undefined; chosen?: string[] } = {},
    status = 200,
  ) => {
    const model = await getAgreementForEdit(
      platform,
      request.actor,
      request.params.id,
      request.params.agreementId,
      query,
    );
    return reply.page({
      status,
      styles: outcomesStyles,
      title: request.t("outcomes.edit.title"),
      body: (
        <AgreementEditPage
          event={model.event}
          agreement={model.agreement}
          picker={model.picker}
          form={form ?? { values: agreementFormValues(model.agreement), errors: {} }}
        />
      ),
    });
  };

  api.get(
    "/verwaltung/fachtage/:id/ergebnisse/:agreementId",
    { schema: { params: agreementParams } },
    (request, reply) => editPage(request, reply),
  );

  api.post(
    "/verwaltung/fachtage/:id/ergebnisse/:agreementId",
    { schema: { params: agreementParams } },
    async (request, reply) => {
      await getAgreementForEdit(platform, request.actor, request.params.id, request.params.agreementId);
      const values = (request.body ?? {}) as Record<string, unknown>;
      const search = pickerSearch(values);
      if (search) return editPage(request, reply, { values, errors: {} }, search);
      return handleForm(
        request,
        agreementForm,
        async (data) => {
          await updateAgreement(platform, request.actor, request.params.id, request.params.agreementId, data);
          return reply
            .flash("success", "outcomes.flash.saved")
            .redirect(`${outcomesBase(request.params.id)}#vereinbarungen`, 303);
        },
        (form, status) => editPage(request, reply, form, { chosen: postedChosen(form.values) }, status),
      );
    },
  );

  api.post(
    "/verwaltung/fachtage/:id/ergebnisse/:agreementId/loeschen",
    { schema: { params: agreementParams } },
    async (request, reply) => {
      await deleteAgreement(platform, request.actor, request.params.id, request.params.agreementId);
      return reply
        .flash("success", "outcomes.flash.deleted")
        .redirect(`${outcomesBase(request.params.id)}#vereinbarungen`, 303);
    },
  );

  // --- JSON API -------------------------------------------------------------------------

  api.get(
    "/api/v1/events/:id/outcomes",
    {
      schema: {
        tags: ["Fachtage"],
        summary: "Ergebnisse und Vereinbarungen eines Fachtags",
        description:
          "Für alle, die den Fachtag sehen dürfen (Entwürfe nur das Organisationsteam, sonst 404). `cooperationId` ist die im Netzwerk vorgeschlagene Kooperation (bei zwei oder mehr Organisationen), `cooperationConfirmed` sagt, ob alle Beteiligten sie bestätigt haben.",
        params: eventParams,
        response: { 200: apiOutcomes },
      },
    },
    async (request) => {
      const { results, agreements } = await getPublicOutcomes(platform, request.actor, request.params.id);
      return { results, agreements: agreements.map(toApi) };
    },
  );

  api.put(
    "/api/v1/events/:id/outcomes/results",
    {
      schema: {
        tags: ["Fachtage"],
        summary: "Ergebnisse eines Fachtags schreiben (Organisationsteam)",
        description:
          'JSON `{ "results": "…" }`: einfacher Text, Leerzeile = neuer Absatz, höchstens 20.000 Zeichen; leer entfernt die Ergebnisse. Antwort: wie GET.',
        security: [{ bearerAuth: [] }],
        params: eventParams,
        response: { 200: apiOutcomes },
      },
    },
    async (request) => {
      await managedEvent(platform, request.actor, request.params.id);
      const form = parseForm(resultsForm, request.body, de, "de");
      if (!form.ok) throw new ValidationError(form.errors);
      await saveResults(platform, request.actor, request.params.id, form.data.results);
      const { results, agreements } = await getPublicOutcomes(platform, request.actor, request.params.id);
      return { results, agreements: agreements.map(toApi) };
    },
  );

  api.post(
    "/api/v1/events/:id/outcomes/agreements",
    {
      schema: {
        tags: ["Fachtage"],
        summary: "Vereinbarung zu einem Fachtag hinzufügen (Organisationsteam)",
        description:
          'JSON `{ "title": "…", "organisationIds": ["…"], "dueDate": "YYYY-MM-DD" | null, "status": "open" | "in_progress" | "done" }`. Mit zwei oder mehr Organisationen wird im Netzwerk eine Kooperation vorgeschlagen (Herkunft „Fachtag <Titel>“), die jede Organisation bestätigt. Eine unbekannte Organisation: 422 mit code organisation_unknown, nichts wird gespeichert. Andere Fehler: 422 validation_failed.',
        security: [{ bearerAuth: [] }],
        params: eventParams,
        response: { 201: apiAgreementCreated },
      },
    },
    async (request, reply) => {
      await managedEvent(platform, request.actor, request.params.id);
      const b = (request.body && typeof request.body === "object" ? request.body : {}) as Record<string, unknown>;
      const form = parseForm(
        agreementForm,
        { title: b.title, organisationIds: b.organisationIds, dueOn: b.dueDate ?? undefined, status: b.status },
        de,
        "de",
      );
      if (!form.ok) {
        const { dueOn, ...rest } = form.errors;
        throw new ValidationError(dueOn ? { ...rest, dueDate: dueOn } : rest);
      }
      const created = await addAgreement(platform, request.actor, request.params.id, form.data);
      return reply.code(201).send(toApi(created));
    },
  );
}
