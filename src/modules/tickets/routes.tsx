import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { recordListAccess } from "../../platform/audit.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import {
  badgeSheets,
  ownTicketPdf,
  type PdfFile,
  printOverview,
  signatureLists,
  ticketPdfById,
} from "./print.service.js";
import { apiTicketParams, apiTicketQuery, workshopParam } from "./schema.js";
import { PrintPage } from "./views/print-page.js";

type EventParams = { Params: { eventId: string } };

/** PDFs hold names: never cached on the way, and the token in the address never sent on as a referrer. */
const sendPdf = (reply: FastifyReply, file: PdfFile) =>
  reply
    .header("content-type", "application/pdf")
    .header("content-disposition", contentDisposition(file.filename))
    .header("cache-control", "private, no-store")
    .header("referrer-policy", "no-referrer")
    .send(file.pdf);

export function ticketRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // The participant's own ticket: the manage token in the path is the proof.
  app.get<{ Params: { token: string } }>("/anmeldung/:token/ticket.pdf", async (request, reply) =>
    sendPdf(reply, await ownTicketPdf(platform, request.actor, request.params.token)),
  );

  app.get<EventParams>("/verwaltung/fachtage/:eventId/drucken", async (request, reply) => {
    const o = await printOverview(platform, request.actor, request.params.eventId);
    return reply.page({ title: request.t("tickets.print.title", { event: o.event.title }), body: <PrintPage o={o} /> });
  });

  app.get<EventParams>("/verwaltung/fachtage/:eventId/namensschilder.pdf", async (request, reply) => {
    const workshop = workshopParam(request.query);
    const pdf = await badgeSheets(platform, request.actor, request.params.eventId, workshop);
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "badges",
      format: "pdf",
      eventId: request.params.eventId,
    });
    return sendPdf(reply, pdf);
  });

  app.get<EventParams>("/verwaltung/fachtage/:eventId/unterschriften.pdf", async (request, reply) => {
    const workshop = workshopParam(request.query);
    const pdf = await signatureLists(platform, request.actor, request.params.eventId, workshop);
    await recordListAccess(platform.db.kysely, request.actor, {
      list: "signatures",
      format: "pdf",
      eventId: request.params.eventId,
    });
    return sendPdf(reply, pdf);
  });

  app.get(
    "/api/v1/registrations/:id/ticket",
    {
      schema: {
        tags: ["Anmeldungen"],
        summary: "Ticket einer Anmeldung als PDF (Veranstalter, oder mit dem persönlichen Link-Token als ?token=)",
        params: apiTicketParams,
        querystring: apiTicketQuery,
        produces: ["application/pdf"],
      },
    },
    async (request, reply) =>
      sendPdf(reply, await ticketPdfById(platform, request.actor, request.params.id, request.query.token)),
  );
}
