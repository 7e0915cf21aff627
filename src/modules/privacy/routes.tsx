import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { emptyForm, type FormState, handleForm, parseForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import {
  type ErasureReport,
  erasePerson,
  exportPerson,
  lookUpPerson,
  type PersonOverview,
  requirePrivacyDesk,
} from "./privacy.service.js";
import { confirmedEraseForm, eraseForm, personForm } from "./schema.js";
import { ConfirmErasePage, PrivacyPage, privacyPath } from "./views/privacy-page.js";

// Every request posts the address: it never stands in a URL, so neither the access log nor
// the browser's history keeps it.

export function privacyRoutes(app: FastifyInstance, platform: Platform): void {
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { lookup?: FormState; person?: PersonOverview; erase?: FormState; status?: number } = {},
  ) =>
    reply.page({
      status: state.status ?? 200,
      title: request.t("dsr.title"),
      body: (
        <PrivacyPage lookup={state.lookup ?? emptyForm} person={state.person} eraseForm={state.erase ?? emptyForm} />
      ),
    });

  app.get(privacyPath, async (request, reply) => {
    requirePrivacyDesk(request.actor);
    return page(request, reply);
  });

  app.post(privacyPath, async (request, reply) => {
    requirePrivacyDesk(request.actor);
    return handleForm(
      request,
      personForm,
      async ({ email }) =>
        page(request, reply, {
          lookup: { values: { email }, errors: {} },
          person: await lookUpPerson(platform, request.actor, email),
        }),
      (lookup, status) => page(request, reply, { lookup, status }),
    );
  });

  app.post(`${privacyPath}/auskunft`, async (request, reply) => {
    requirePrivacyDesk(request.actor);
    return handleForm(
      request,
      personForm,
      async ({ email }) => {
        const document = await exportPerson(platform, request.actor, email);
        return reply
          .header("content-type", "application/json; charset=utf-8")
          .header("content-disposition", contentDisposition(`auskunft-${document.exportedAt.slice(0, 10)}.json`))
          .header("cache-control", "private, no-store")
          .send(JSON.stringify(document, null, 2));
      },
      (lookup, status) => page(request, reply, { lookup, status }),
    );
  });

  app.post(`${privacyPath}/loeschen`, async (request, reply) => {
    requirePrivacyDesk(request.actor);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const person = async () => {
      const email = parseForm(personForm, body, request.t, request.locale);
      return email.ok ? await lookUpPerson(platform, request.actor, email.data.email) : undefined;
    };
    const again = async (erase: FormState, status: number) => {
      const found = await person();
      return page(request, reply, {
        lookup: found ? { values: { email: found.email }, errors: {} } : { values: body, errors: erase.errors },
        ...(found ? { person: found } : {}),
        erase,
        status,
      });
    };
    if (body.confirm === undefined) {
      // The first step: the reason is checked, then the admin confirms.
      return handleForm(
        request,
        eraseForm,
        async ({ email, reason }) =>
          reply.page({
            title: request.t("dsr.confirm.title"),
            body: <ConfirmErasePage email={email} reason={reason} form={emptyForm} />,
          }),
        again,
      );
    }
    return handleForm(
      request,
      confirmedEraseForm,
      async ({ email, reason }) => {
        const report = await erasePerson(platform, request.actor, { email, reason });
        return reply.flash("success", "dsr.flash.erased", summary(request, report)).redirect(privacyPath, 303);
      },
      again,
    );
  });
}

/** "Konto: 1, Anmeldungen zu Fachtagen: 3" — the figures of an erasure, in the reader's words. */
function summary(request: FastifyRequest, report: ErasureReport): { removed: string; kept: string } {
  const words = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([key, n]) => `${request.t(`dsr.count.${key}`)}: ${n}`)
      .join(", ") || request.t("dsr.flash.none");
  return { removed: words(report.removed), kept: words(report.kept) };
}
