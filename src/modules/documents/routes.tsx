import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { DomainError, ValidationError } from "../../platform/http/errors.js";
import { type FormState, handleForm, parseForm } from "../../platform/http/forms.js";
import { multipartBody } from "../../platform/http/multipart.js";
import { translator } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import {
  type DocumentView,
  deleteDocument,
  getDocumentForEdit,
  getDocumentsPage,
  getDownload,
  listEventDocuments,
  updateDocument,
  uploadDocument,
} from "./documents.service.js";
import { apiDocument, apiDocumentList, documentForm, documentParams, downloadParams, eventParams } from "./schema.js";
import { DocumentEditPage, DocumentsPage, documentFormValues, documentsBase } from "./views/documents-page.js";
import { documentsStyles } from "./views/public-section.js";

const de = translator("de");

/** The multipart fields and the file of an upload; a plain form post has fields only. */
async function uploadParts(request: FastifyRequest) {
  if (!request.isMultipart()) return { fields: (request.body ?? {}) as Record<string, unknown>, file: undefined };
  const { fields, files } = await multipartBody(request.body);
  return { fields: fields as Record<string, unknown>, file: files.file };
}

/**
 * A file above the upload limit is refused by the multipart parser before the route runs.
 * The API answers that as the other upload problems: 422 with the code file_too_large.
 */
function tooLargeAsProblem(error: Error & { code?: string }): never {
  if (error.code === "FST_REQ_FILE_TOO_LARGE") {
    throw new DomainError(422, "file_too_large", "documents.error.tooLarge", {}, { file: "documents.error.tooLarge" });
  }
  throw error;
}

export function documentsRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const maxMb = Math.round((platform.config.uploadMaxBytes / 1024 / 1024) * 10) / 10;
  const absolute = (d: DocumentView) => ({
    id: d.id,
    url: new URL(d.url, platform.config.baseUrl).href,
    kind: d.kind,
    title: d.title,
    size: d.size,
    contentType: d.contentType,
    public: d.public,
    sessionId: d.sessionId,
    altText: d.altText,
    createdAt: d.createdAt,
  });

  // --- organiser pages ------------------------------------------------------------------

  const listPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const page = await getDocumentsPage(platform, request.actor, request.params.id);
    return reply.page({
      status,
      styles: documentsStyles,
      title: request.t("documents.page.title", { title: page.event.title }),
      body: <DocumentsPage {...page} form={form} maxMb={maxMb} />,
    });
  };

  api.get("/verwaltung/fachtage/:id/dokumente", { schema: { params: eventParams } }, (request, reply) =>
    listPage(request, reply, { values: { kind: "documentation", public: true }, errors: {} }),
  );

  api.post(
    "/verwaltung/fachtage/:id/dokumente",
    {
      schema: { params: eventParams },
      // A file above the limit is refused before the route runs (nothing is written): back
      // to the form with the limit named, rather than a bare error page.
      errorHandler: (error: Error & { code?: string }, request, reply) => {
        if (error.code !== "FST_REQ_FILE_TOO_LARGE") throw error;
        const { id } = request.params as { id: string };
        return reply.flash("danger", "documents.flash.tooLarge", { maxMb }).redirect(documentsBase(id), 303);
      },
    },
    async (request, reply) => {
      // Who may upload is told before any message about the fields.
      await getDocumentsPage(platform, request.actor, request.params.id);
      const { fields, file } = await uploadParts(request);
      return handleForm(
        { body: fields, t: request.t, locale: request.locale },
        documentForm,
        async (data) => {
          await uploadDocument(platform, request.actor, request.params.id, data, file);
          return reply.flash("success", "documents.flash.uploaded").redirect(documentsBase(request.params.id), 303);
        },
        (form, status) => listPage(request, reply, form, status),
      );
    },
  );

  const editPage = async (
    request: FastifyRequest<{ Params: { id: string; documentId: string } }>,
    reply: FastifyReply,
    form?: FormState,
    status = 200,
  ) => {
    const page = await getDocumentForEdit(platform, request.actor, request.params.id, request.params.documentId);
    return reply.page({
      status,
      styles: documentsStyles,
      title: request.t("documents.edit.title", { title: page.document.title }),
      body: <DocumentEditPage {...page} form={form ?? { values: documentFormValues(page.document), errors: {} }} />,
    });
  };

  api.get("/verwaltung/fachtage/:id/dokumente/:documentId", { schema: { params: documentParams } }, (request, reply) =>
    editPage(request, reply),
  );

  api.post(
    "/verwaltung/fachtage/:id/dokumente/:documentId",
    { schema: { params: documentParams } },
    async (request, reply) => {
      await getDocumentForEdit(platform, request.actor, request.params.id, request.params.documentId);
      return handleForm(
        request,
        documentForm,
        async (data) => {
          await updateDocument(platform, request.actor, request.params.id, request.params.documentId, data);
          return reply.flash("success", "documents.flash.saved").redirect(documentsBase(request.params.id), 303);
        },
        (form, status) => editPage(request, reply, form, status),
      );
    },
  );

  api.post(
    "/verwaltung/fachtage/:id/dokumente/:documentId/loeschen",
    { schema: { params: documentParams } },
    async (request, reply) => {
      await deleteDocument(platform, request.actor, request.params.id, request.params.documentId);
      return reply.flash("success", "documents.flash.deleted").redirect(documentsBase(request.params.id), 303);
    },
  );

  // --- downloads ------------------------------------------------------------------------

  // Always as an attachment, with the type the bytes are and nosniff: nothing uploaded is
  // ever rendered as a page of this site. A sandboxing CSP guards a browser that ignores it.
  api.get(
    "/fachtage/:slug/dokumente/:documentId/:filename",
    { schema: { params: downloadParams } },
    async (request, reply) => {
      const file = await getDownload(platform, request.actor, request.params.slug, request.params.documentId);
      const etag = `"${file.sha256}"`;
      reply
        .header("content-type", file.contentType)
        .header("content-disposition", contentDisposition(file.filename))
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", file.shareable ? "public, max-age=3600" : "private, no-store");
      if (file.shareable) {
        reply.header("etag", etag);
        if (request.headers["if-none-match"] === etag) return reply.code(304).send();
      }
      return reply.send(file.data);
    },
  );

  // --- JSON API -------------------------------------------------------------------------

  api.post(
    "/api/v1/events/:id/documents",
    {
      errorHandler: tooLargeAsProblem,
      schema: {
        tags: ["Fachtage"],
        summary: "Datei zu einem Fachtag hochladen (Dokumentation, Pressemitteilung, Folien …)",
        description:
          "multipart/form-data mit den Feldern `file` (die Datei; PDF, DOCX, PPTX, XLSX, ODT, ODP, PNG, JPEG oder WebP, am Inhalt erkannt; HTML und SVG nie), `kind` (documentation, press_release, presentation, graphic_recording, result, other), `title`, `public` (true/false), `altText` (Pflicht bei Bildern) und `sessionId` (optional: Programmpunkt). Fehler: 422 mit code file_missing, file_empty, file_too_large, file_type_not_allowed, alt_text_required, session_unknown oder validation_failed.",
        consumes: ["multipart/form-data"],
        security: [{ bearerAuth: [] }],
        params: eventParams,
        response: { 201: apiDocument },
      },
    },
    async (request, reply) => {
      const { fields, file } = await uploadParts(request);
      // Permission first, then the fields: a stranger learns nothing about them.
      await getDocumentsPage(platform, request.actor, request.params.id);
      const form = parseForm(documentForm, fields, de, "de");
      if (!form.ok) throw new ValidationError(form.errors);
      const document = await uploadDocument(platform, request.actor, request.params.id, form.data, file);
      return reply.code(201).send(absolute(document));
    },
  );

  api.get(
    "/api/v1/events/:id/documents",
    {
      schema: {
        tags: ["Fachtage"],
        summary: "Dateien eines Fachtags: öffentliche für alle, alle für das Organisationsteam",
        params: eventParams,
        response: { 200: apiDocumentList },
      },
    },
    async (request) => ({
      items: (await listEventDocuments(platform, request.actor, request.params.id)).map(absolute),
    }),
  );
}
