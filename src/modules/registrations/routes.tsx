import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { recordListAccess } from "../../platform/audit.js";
import { emptyForm, type FormState, handleForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { listForApi } from "./organiser-desk.service.js";
import { getOrganisationField, getRegistrationForm, register } from "./register.service.js";
import {
  apiCancelled,
  apiCancelQuery,
  apiIdParams,
  apiRegistrationBody,
  apiRegistrationCreated,
  apiRegistrationItem,
  cancelForm,
  detailsForm,
  registrationForm,
  resendForm,
  toRegistrationInput,
  wishChangeForm,
  workshopChangeForm,
} from "./schema.js";
import {
  cancelByToken,
  cancelRegistration,
  changeWishesByToken,
  changeWorkshopsByToken,
  confirmByToken,
  getByManageToken,
  getConfirmation,
  resendLinks,
  updateDetailsByToken,
} from "./self-service.service.js";
import {
  CancelledPage,
  ConfirmationPage,
  ManagePage,
  RegistrationFormPage,
  ResendPage,
  ThanksPage,
} from "./views/pages.js";
import { organisationFieldScripts } from "./views/registration-section.js";
import { wishCount, wishesFromForm } from "./wishes.js";

// The public side: the registration form, the e-mailed links and the JSON API.

// Public registrations are limited per IP (bots, mistakes, and probing which addresses are
// registered): the form and the API draw on ONE budget, so switching between them gains
// nothing. @fastify/rate-limit gives every route config its own counter store (a groupId
// alone does not share across routes), so one handler built once guards both routes.
// RATE_LIMIT=off turns limits off for load tests.
const registrationBudget = { max: 20, timeWindow: "10 minutes" } as const;

export function registrationRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const shared = app.hasDecorator("rateLimit")
    ? app.rateLimit({ ...registrationBudget, keyGenerator: (request) => `registration:${request.ip}` })
    : undefined;
  // The route's own config is off so the global limit does not stand in for the shared one.
  const publicLimit = shared
    ? ({ config: { rateLimit: false }, onRequest: shared } as const)
    : ({ config: { rateLimit: false } } as const);

  // --- public HTML ---------------------------------------------------------------

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    form: FormState,
    status = 200,
  ) => {
    const model = await getRegistrationForm(platform, slug);
    const field = model.state.open ? await getOrganisationField(platform) : undefined;
    return reply.page({
      status,
      scripts: organisationFieldScripts(field),
      title: request.t("registrations.page.title", { event: model.event.title }),
      body: (
        <RegistrationFormPage
          event={model.event}
          slots={model.slots}
          questions={model.questions}
          availability={model.availability}
          form={form}
          organisationField={field}
        />
      ),
    });
  };

  app.get<{ Params: { slug: string } }>("/fachtage/:slug/anmeldung", async (request, reply) =>
    renderForm(request, reply, request.params.slug, emptyForm),
  );

  app.post<{ Params: { slug: string } }>("/fachtage/:slug/anmeldung", publicLimit, async (request, reply) => {
    const { slug } = request.params;
    const model = await getRegistrationForm(platform, slug);
    return handleForm(
      request,
      registrationForm(model.slots, model.questions, undefined, wishCount(model.event)),
      async (data) => {
        const result = await register(
          platform,
          request.actor,
          model.event.id,
          toRegistrationInput(data, model.slots, model.questions, undefined, wishCount(model.event)),
          "web",
        );
        return reply
          .flash(result.status === "confirmed" ? "success" : "info", `registrations.thanks.${result.status}`, {
            position: result.waitlistPosition ?? 0,
          })
          .redirect(`/fachtage/${result.eventSlug}/anmeldung/danke`, 303);
      },
      (form, status) => renderForm(request, reply, slug, form, status),
    );
  });

  app.get<{ Params: { slug: string } }>("/fachtage/:slug/anmeldung/danke", async (request, reply) => {
    const model = await getRegistrationForm(platform, request.params.slug);
    return reply.page({ title: request.t("registrations.thanks.title"), body: <ThanksPage event={model.event} /> });
  });

  // The e-mailed link only shows a button (mail scanners open links); the button confirms by POST.
  app.get<{ Params: { token: string } }>("/anmeldung/bestaetigen/:token", async (request, reply) => {
    const c = await getConfirmation(platform, request.actor, request.params.token);
    return reply.header("referrer-policy", "no-referrer").page({
      title: request.t(c.confirmed ? "registrations.confirm.title" : "registrations.confirm.askTitle"),
      body: <ConfirmationPage token={request.params.token} confirmation={c} />,
    });
  });

  app.post<{ Params: { token: string } }>("/anmeldung/bestaetigen/:token", async (request, reply) => {
    const { token } = request.params;
    await confirmByToken(platform, request.actor, token);
    return reply.redirect(`/anmeldung/bestaetigen/${token}`, 303);
  });

  app.get("/anmeldung/abgesagt", async (request, reply) =>
    reply.page({ title: request.t("registrations.manage.cancelledTitle"), body: <CancelledPage /> }),
  );

  // "Link erneut zusenden": the same answer whether or not the address is registered.
  const resendPage = (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page({ status, title: request.t("registrations.resend.title"), body: <ResendPage form={form} /> });
  app.get("/anmeldung/link", async (request, reply) => resendPage(request, reply, emptyForm));
  app.post("/anmeldung/link", { config: { rateLimit: { max: 5, timeWindow: "15 minutes" } } }, async (request, reply) =>
    handleForm(
      request,
      resendForm,
      async ({ email }) => {
        await resendLinks(platform, email);
        return reply.flash("info", "registrations.resend.sent").redirect("/anmeldung/link", 303);
      },
      (form, status) => resendPage(request, reply, form, status),
    ),
  );

  const renderManage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    form: FormState,
    status = 200,
  ) => {
    const m = await getByManageToken(platform, request.actor, token);
    const sections = await platform.contributions.renderSections(
      "registrations.manage",
      { event: m.event, registration: m.registration, token },
      request,
    );
    return reply.header("referrer-policy", "no-referrer").page({
      status,
      title: request.t("registrations.manage.title"),
      body: (
        <ManagePage
          token={token}
          event={m.event}
          registration={m.registration}
          slots={m.slots}
          availability={m.availability}
          form={form}
          sections={sections}
        />
      ),
    });
  };

  app.get<{ Params: { token: string } }>("/anmeldung/:token", async (request, reply) =>
    renderManage(request, reply, request.params.token, emptyForm),
  );

  app.post<{ Params: { token: string } }>("/anmeldung/:token/workshops", async (request, reply) => {
    const { token } = request.params;
    const m = await getByManageToken(platform, request.actor, token);
    return handleForm(
      request,
      workshopChangeForm(m.slots),
      async (data) => {
        const chosen = data as Record<string, string | undefined>;
        const ids = m.slots.map((s) => chosen[`workshop_${s.index}`]).filter((v): v is string => Boolean(v));
        await changeWorkshopsByToken(platform, request.actor, token, ids);
        return reply.flash("success", "registrations.manage.workshopsSaved").redirect(`/anmeldung/${token}`, 303);
      },
      (form, status) => renderManage(request, reply, token, form, status),
    );
  });

  app.post<{ Params: { token: string } }>("/anmeldung/:token/wuensche", async (request, reply) => {
    const { token } = request.params;
    const m = await getByManageToken(platform, request.actor, token);
    return handleForm(
      request,
      wishChangeForm(m.slots, m.event.maxChoices),
      async (data) => {
        await changeWishesByToken(platform, request.actor, token, wishesFromForm(data, m.slots, m.event.maxChoices));
        return reply.flash("success", "registrations.manage.wishesSaved").redirect(`/anmeldung/${token}`, 303);
      },
      (form, status) => renderManage(request, reply, token, form, status),
    );
  });

  app.post<{ Params: { token: string } }>("/anmeldung/:token/angaben", async (request, reply) => {
    const { token } = request.params;
    await getByManageToken(platform, request.actor, token); // 404 first for forged links
    return handleForm(
      request,
      detailsForm,
      async (data) => {
        await updateDetailsByToken(platform, request.actor, token, data);
        return reply.flash("success", "registrations.manage.detailsSaved").redirect(`/anmeldung/${token}`, 303);
      },
      (form, status) => renderManage(request, reply, token, form, status),
    );
  });

  app.post<{ Params: { token: string } }>("/anmeldung/:token/abmelden", async (request, reply) => {
    const { token } = request.params;
    await getByManageToken(platform, request.actor, token); // 404 first for forged links
    return handleForm(
      request,
      cancelForm,
      async () => {
        await cancelByToken(platform, request.actor, token);
        return reply.flash("success", "registrations.manage.cancelled").redirect("/anmeldung/abgesagt", 303);
      },
      (form, status) => renderManage(request, reply, token, form, status),
    );
  });

  // --- JSON API (published contract) ----------------------------------------------------------

  app.post(
    "/api/v1/events/:id/registrations",
    {
      ...publicLimit,
      schema: {
        tags: ["Anmeldungen"],
        summary: "Zu einem Fachtag anmelden (öffentlich, mit Double-Opt-in je nach Fachtag)",
        params: apiIdParams,
        body: apiRegistrationBody,
        response: { 201: apiRegistrationCreated },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await register(
        platform,
        request.actor,
        request.params.id,
        {
          firstName: b.firstName,
          lastName: b.lastName,
          email: b.email,
          organisation: b.organisation,
          organisationId: b.organisationId,
          role: b.role,
          municipality: b.municipality,
          workshopIds: b.workshopIds ?? [],
          preferences: b.preferences,
          consents: {
            privacy: b.consents.privacy,
            photos: b.consents.photos ?? false,
            participantList: b.consents.participantList ?? false,
          },
          answers: b.answers ?? {},
        },
        "api",
      );
      return reply.code(201).send({
        id: result.id,
        status: result.status,
        ...(result.waitlistPosition !== undefined ? { waitlistPosition: result.waitlistPosition } : {}),
        workshopIds: result.workshopIds,
        ...(result.preferences ? { preferences: result.preferences } : {}),
      });
    },
  );

  app.get(
    "/api/v1/events/:id/registrations",
    {
      schema: {
        tags: ["Anmeldungen"],
        summary: "Anmeldungen eines Fachtags (Veranstalter, Bildungsbüro)",
        security: [{ bearerAuth: [] }],
        params: apiIdParams,
        response: { 200: apiRegistrationItem.array() },
      },
    },
    async (request) => {
      const list = await listForApi(platform, request.actor, request.params.id);
      await recordListAccess(platform.db.kysely, request.actor, {
        list: "registrations",
        format: "api",
        eventId: request.params.id,
      });
      return list;
    },
  );

  app.post(
    "/api/v1/registrations/:id/cancel",
    {
      schema: {
        tags: ["Anmeldungen"],
        summary: "Anmeldung absagen (Veranstalter oder mit dem persönlichen Link-Token als ?token=)",
        params: apiIdParams,
        querystring: apiCancelQuery,
        response: { 200: apiCancelled },
      },
    },
    async (request) => cancelRegistration(platform, request.actor, request.params.id, request.query.token),
  );
}
