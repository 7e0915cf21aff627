import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { recordListAccess } from "../../platform/audit.js";
import { DomainError } from "../../platform/http/errors.js";
import { emptyForm, type FormState, handleForm, parseForm, parseQuery } from "../../platform/http/forms.js";
import { multipartBody } from "../../platform/http/multipart.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import {
  allCertificates,
  allCertificatesZip,
  certificateById,
  getOverview,
  organiserCertificate,
  ownCertificate,
  type PdfFile,
  saveSettings,
  sendAll,
  type Verified,
  verifyCode,
} from "./certificates.service.js";
import {
  apiCodeParams,
  apiIdParams,
  apiTokenQuery,
  apiVerified,
  settingsForm,
  verifyForm,
  verifyQuery,
} from "./schema.js";
import { certificatesBase, SettingsPage } from "./views/settings-page.js";
import { VerifyPage, verifyPath } from "./views/verify-page.js";

type EventParams = { Params: { eventId: string } };

/** PDFs hold names: never cached on the way, and the token in the address never sent on as a referrer. */
const sendPdf = (reply: FastifyReply, file: PdfFile) =>
  reply
    .header("content-type", "application/pdf")
    .header("content-disposition", contentDisposition(file.filename))
    .header("cache-control", "private, no-store")
    .header("referrer-policy", "no-referrer")
    .send(file.pdf);

/**
 * The public check may be tried a few dozen times per address: enough for people, useless
 * for guessing. The page and the API draw on ONE budget (one handler guards both routes, as
 * registrations does), so switching between them gains nothing.
 */
const verifyBudget = { max: 30, timeWindow: "10 minutes" } as const;

export function certificateRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const shared = app.hasDecorator("rateLimit")
    ? app.rateLimit({ ...verifyBudget, keyGenerator: (request) => `certificate-check:${request.ip}` })
    : undefined;
  const verifyLimit = shared
    ? ({ config: { rateLimit: false }, onRequest: shared } as const)
    : ({ config: { rateLimit: false } } as const);

  // --- the public check --------------------------------------------------------------------
  app.get(verifyPath, verifyLimit, async (request, reply) => {
    const { code } = parseQuery(verifyQuery, request.query);
    const show = (form: FormState, result?: Verified, status = 200) =>
      reply.page({
        status,
        title: request.t("certificates.verify.title"),
        body: <VerifyPage form={form} result={result} />,
      });
    if (code === undefined) return show(emptyForm);
    const form = parseForm(verifyForm, { code }, request.t, request.locale);
    if (!form.ok) return show({ values: form.values, errors: form.errors }, undefined, 422);
    try {
      return show({ values: { code: form.data.code }, errors: {} }, await verifyCode(platform, form.data.code));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 404) throw error;
      const errors = { code: request.t("certificates.verify.unknown") };
      return show({ values: { code: form.data.code }, errors }, undefined, 404);
    }
  });

  app.get(
    "/api/v1/certificates/:code",
    {
      ...verifyLimit,
      schema: {
        tags: ["Bescheinigungen"],
        summary:
          "Teilnahmebescheinigung prüfen (öffentlich): nur Name, Fachtag und Datum; 404 für einen unbekannten Code",
        params: apiCodeParams,
        response: { 200: apiVerified },
      },
    },
    async (request) => {
      const { valid, name, eventTitle, date } = await verifyCode(platform, request.params.code);
      return { valid, name, eventTitle, date };
    },
  );

  // --- the participant's own certificate: the manage token in the path is the proof -----------
  app.get<{ Params: { token: string } }>("/anmeldung/:token/bescheinigung.pdf", async (request, reply) =>
    sendPdf(reply, await ownCertificate(platform, request.actor, request.params.token)),
  );

  app.get(
    "/api/v1/registrations/:id/certificate",
    {
      schema: {
        tags: ["Anmeldungen"],
        summary:
          "Teilnahmebescheinigung einer Anmeldung als PDF (Veranstalter, oder mit dem persönlichen Link-Token als ?token=); 409 not_attended, wenn die Person nicht anwesend war",
        params: apiIdParams,
        querystring: apiTokenQuery,
        produces: ["application/pdf"],
      },
    },
    async (request, reply) =>
      sendPdf(reply, await certificateById(platform, request.actor, request.params.id, request.query.token)),
  );

  // --- the organiser's page ----------------------------------------------------------------
  const page = async (request: FastifyRequest<EventParams>, reply: FastifyReply, form = emptyForm, status = 200) => {
    const o = await getOverview(platform, request.actor, request.params.eventId);
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "certificates",
      format: "html",
      eventId: request.params.eventId,
    });
    return reply.page({
      status,
      title: request.t("certificates.page.title", { event: o.event.title }),
      body: <SettingsPage o={o} form={form} />,
    });
  };

  app.get<EventParams>("/verwaltung/fachtage/:eventId/bescheinigungen", async (request, reply) => page(request, reply));

  app.post<EventParams>("/verwaltung/fachtage/:eventId/bescheinigungen", async (request, reply) => {
    const multipart = request.isMultipart() ? await multipartBody(request.body) : undefined;
    const fields = multipart ? multipart.fields : ((request.body ?? {}) as Record<string, unknown>);
    const signature = multipart?.files.signature;
    return handleForm(
      { body: fields, t: request.t, locale: request.locale },
      settingsForm,
      async (data) => {
        await saveSettings(platform, request.actor, request.params.eventId, data, signature);
        return reply
          .flash("success", "certificates.flash.saved")
          .redirect(certificatesBase(request.params.eventId), 303);
      },
      (form, status) => page(request, reply, form, status),
    );
  });

  app.post<EventParams>("/verwaltung/fachtage/:eventId/bescheinigungen/senden", async (request, reply) => {
    const count = await sendAll(platform, request.actor, request.params.eventId);
    if (count === 0) reply.flash("info", "certificates.flash.noneSent");
    else reply.flash("success", "certificates.flash.sent", { count });
    return reply.redirect(certificatesBase(request.params.eventId), 303);
  });

  app.get<EventParams>("/verwaltung/fachtage/:eventId/bescheinigungen/alle.pdf", async (request, reply) => {
    const pdf = await allCertificates(platform, request.actor, request.params.eventId);
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "certificates",
      format: "pdf",
      eventId: request.params.eventId,
    });
    return sendPdf(reply, pdf);
  });

  app.get<EventParams>("/verwaltung/fachtage/:eventId/bescheinigungen/alle.zip", async (request, reply) => {
    const { zip, filename } = await allCertificatesZip(platform, request.actor, request.params.eventId);
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "certificates",
      format: "zip",
      eventId: request.params.eventId,
    });
    return reply
      .header("content-type", "application/zip")
      .header("content-disposition", contentDisposition(filename))
      .header("cache-control", "private, no-store")
      .send(zip);
  });

  app.get<{ Params: { eventId: string; file: string } }>(
    "/verwaltung/fachtage/:eventId/bescheinigungen/:file",
    async (request, reply) => {
      const registrationId = request.params.file.replace(/\.pdf$/, "");
      return sendPdf(
        reply,
        await organiserCertificate(platform, request.actor, request.params.eventId, registrationId),
      );
    },
  );
}
