import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { emptyForm, type FormState, handleForm, oneParam, parseForm, parseQuery } from "../../platform/http/forms.js";
import { multipartBody } from "../../platform/http/multipart.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import { can, exchangeAccess } from "./access.js";
import { addAttachment, deleteAttachment, getAttachmentFile, listAttachments } from "./attachments.service.js";
import { kindOfSlug, kindSlugs, type PostKind } from "./kinds.js";
import {
  addComment,
  closeReport,
  getModerationQueue,
  getPostPage,
  moderateComment,
  moderatePost,
  reportContent,
} from "./moderation.service.js";
import {
  createPost,
  getPostForEdit,
  listMyPosts,
  listPosts,
  type PostPatch,
  type PostView,
  postingOrganisations,
  toView,
  updatePost,
  visiblePost,
} from "./posts.service.js";
import {
  apiPost,
  apiPostCreate,
  apiPostList,
  apiPostPatch,
  apiPostQuery,
  attachmentForm,
  attachmentParams,
  commentForm,
  commentParams,
  downloadParams,
  inputFromForm,
  listQuery,
  postForm,
  postParams,
  reportForm,
  reportParams,
} from "./schema.js";
import { AttachmentsForm } from "./views/attachments.js";
import { PostFormPage, postFormValues, ReportPage } from "./views/form-pages.js";
import { ListPage, MyPostsPage } from "./views/list-page.js";
import { ModerationPage } from "./views/moderation-page.js";
import { PostPage } from "./views/post-page.js";

// Thin routes of the Austausch: parse, call one service function, render or answer.
// Posting and commenting are rate-limited per account (page and API share one budget),
// reports per address.

const postBudget = { max: 10, timeWindow: "1 hour" } as const;
const commentBudget = { max: 30, timeWindow: "1 hour" } as const;
const reportBudget = { max: 10, timeWindow: "10 minutes" } as const;

const moderationForm = z.object({
  action: z.enum(["hide", "show", "delete"], { error: "exchange.validation.action" }),
  reason: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(1000, "validation.tooLong|max=1000"),
});

const accountKey = (name: string) => (request: FastifyRequest) =>
  `exchange-${name}:${request.actor?.kind === "user" ? `u:${request.actor.id}` : `ip:${request.ip}`}`;

export function exchangeRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const baseUrl = platform.config.baseUrl;
  const maxMb = Math.round((platform.config.uploadMaxBytes / 1024 / 1024) * 10) / 10;
  // The actor is known after preValidation, so the per-account limits run as a preHandler.
  const limited = (name: string, budget: { max: number; timeWindow: string }, byAccount = true) =>
    app.hasDecorator("rateLimit")
      ? ({
          config: { rateLimit: false },
          preHandler: app.rateLimit({
            ...budget,
            keyGenerator: byAccount ? accountKey(name) : (request) => `exchange-${name}:${request.ip}`,
          }),
        } as const)
      : ({ config: { rateLimit: false } } as const);
  const postLimit = limited("post", postBudget);
  const commentLimit = limited("comment", commentBudget);
  const reportLimit = limited("report", reportBudget, false);

  // --- lists -------------------------------------------------------------------------------

  app.get("/austausch", async (request, reply) => {
    const q = parseQuery(listQuery, request.query);
    const kind = kindOfSlug(q.art);
    const filters = {
      art: kind ? kindSlugs[kind] : undefined,
      bereich: q.bereich,
      thema: q.thema,
      gemeinde: q.gemeinde,
      q: q.q,
      offen: q.offen === "1" || q.offen === "ja",
    };
    const result = await listPosts(
      platform,
      { kind, area: q.bereich, theme: q.thema, municipality: q.gemeinde, q: q.q, open: filters.offen },
      q.seite,
    );
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v === true ? "1" : String(v));
    return reply.page({
      title: request.t("exchange.list.title"),
      feeds: listFeeds(request, kind, q.thema),
      body: (
        <ListPage
          {...result}
          filters={filters}
          query={query}
          canCreate={can(request.actor, "post.create", undefined)}
        />
      ),
    });
  });

  app.get("/austausch/meine", async (request, reply) => {
    const items = await listMyPosts(platform, request.actor);
    return reply.page({ title: request.t("exchange.my.title"), body: <MyPostsPage items={items} /> });
  });

  // --- writing -----------------------------------------------------------------------------

  const newPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const organisations = await postingOrganisations(platform, request.actor);
    return reply.page({
      status,
      title: request.t("exchange.form.newTitle"),
      body: <PostFormPage form={form} action="/austausch/neu" organisations={organisations} moderating={false} />,
    });
  };

  app.get("/austausch/neu", (request, reply) => {
    const art = kindOfSlug(oneParam((request.query as Record<string, unknown>)?.art));
    return newPage(request, reply, { values: { status: "published", ...(art ? { kind: art } : {}) }, errors: {} });
  });

  app.post("/austausch/neu", postLimit, async (request, reply) => {
    await postingOrganisations(platform, request.actor);
    return handleForm(
      request,
      postForm,
      async (data) => {
        const post = await createPost(platform, request.actor, inputFromForm(data));
        return reply
          .flash("success", post.status === "draft" ? "exchange.flash.draft" : "exchange.flash.published")
          .redirect(post.url, 303);
      },
      (form, status) => newPage(request, reply, form, status),
    );
  });

  const editPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form?: FormState,
    status = 200,
    attachmentForm: FormState = emptyForm,
  ) => {
    const { post, moderating } = await getPostForEdit(platform, request.actor, request.params.id);
    const attachments = await listAttachments(platform.db.kysely, post.id);
    const organisations = moderating ? [] : await postingOrganisations(platform, request.actor);
    return reply.page({
      status,
      title: request.t("exchange.form.editTitle", { title: post.title }),
      body: (
        <>
          <PostFormPage
            form={form ?? { values: postFormValues(post), errors: {} }}
            action={`/austausch/${post.id}/bearbeiten`}
            organisations={organisations}
            post={post}
            moderating={moderating}
          />
          <AttachmentsForm postId={post.id} attachments={attachments} form={attachmentForm} maxMb={maxMb} />
        </>
      ),
    });
  };

  app.get("/austausch/:id/bearbeiten", { schema: { params: postParams } }, (request, reply) =>
    editPage(request, reply),
  );

  app.post("/austausch/:id/bearbeiten", { ...postLimit, schema: { params: postParams } }, async (request, reply) => {
    await getPostForEdit(platform, request.actor, request.params.id);
    return handleForm(
      request,
      postForm,
      async (data) => {
        const input = inputFromForm(data);
        const patch: PostPatch = {
          ...input,
          municipality: input.municipality ?? null,
          validUntil: input.validUntil ?? null,
          practice: input.practice ?? null,
        };
        if (!input.organisationId) delete patch.organisationId;
        const post = await updatePost(platform, request.actor, request.params.id, patch);
        return reply.flash("success", "exchange.flash.saved").redirect(post.url, 303);
      },
      (form, status) => editPage(request, reply, form, status),
    );
  });

  // --- pictures and files -----------------------------------------------------------------

  app.post(
    "/austausch/:id/anhaenge",
    {
      ...postLimit,
      schema: { params: postParams },
      // A file above the limit is refused before the route runs: back to the form, the limit named.
      errorHandler: (error: Error & { code?: string }, request, reply) => {
        if (error.code !== "FST_REQ_FILE_TOO_LARGE") throw error;
        const { id } = request.params as { id: string };
        return reply.flash("danger", "exchange.attachment.tooLarge").redirect(`/austausch/${id}/bearbeiten`, 303);
      },
    },
    async (request, reply) => {
      await getPostForEdit(platform, request.actor, request.params.id);
      const { fields, files } = request.isMultipart()
        ? await multipartBody(request.body)
        : { fields: (request.body ?? {}) as Record<string, string>, files: {} as Record<string, undefined> };
      return handleForm(
        { body: fields, t: request.t, locale: request.locale },
        attachmentForm,
        async (data) => {
          await addAttachment(
            platform,
            request.actor,
            request.params.id,
            { title: data.attachmentTitle, altText: data.altText },
            files.file,
          );
          return reply
            .flash("success", "exchange.flash.attached")
            .redirect(`/austausch/${request.params.id}/bearbeiten#anhaenge`, 303);
        },
        (form, status) => editPage(request, reply, undefined, status, form),
      );
    },
  );

  app.post(
    "/austausch/:id/anhaenge/:attachmentId/loeschen",
    { schema: { params: attachmentParams } },
    async (request, reply) => {
      await deleteAttachment(platform, request.actor, request.params.id, request.params.attachmentId);
      return reply
        .flash("success", "exchange.flash.detached")
        .redirect(`/austausch/${request.params.id}/bearbeiten#anhaenge`, 303);
    },
  );

  // Always as an attachment, with the type the bytes are and nosniff: nothing uploaded is
  // ever rendered as a page of this site. An <img> still shows a picture from this address.
  app.get(
    "/austausch/:id/anhaenge/:attachmentId/:filename",
    { schema: { params: downloadParams } },
    async (request, reply) => {
      const file = await getAttachmentFile(platform, request.actor, request.params.id, request.params.attachmentId);
      reply
        .header("content-type", file.contentType)
        .header("content-disposition", contentDisposition(file.filename))
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", file.shareable ? "public, max-age=3600" : "private, no-store");
      return reply.send(file.data);
    },
  );

  // --- one post ----------------------------------------------------------------------------

  const postPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    forms: { comment?: FormState; moderation?: FormState } = {},
    status = 200,
  ) => {
    const page = await getPostPage(platform, request.actor, request.params.id);
    // Other modules (matching: suggestions, "Merken") add their sections below the details.
    const sections = await platform.contributions.renderSections(
      "exchange.post",
      { postId: page.post.id, kind: page.post.kind, open: page.post.open },
      request,
    );
    return reply.page({
      status,
      title: page.post.title,
      body: (
        <PostPage
          page={page}
          commentForm={forms.comment ?? emptyForm}
          moderationForm={forms.moderation ?? emptyForm}
          sections={sections}
        />
      ),
    });
  };

  app.get("/austausch/:id", { schema: { params: postParams } }, (request, reply) => postPage(request, reply));

  // Nobody signed in is refused (401) before the form is read; whether this post takes
  // comments (public ones only) the service decides.
  const signedInToComment = async (request: FastifyRequest) =>
    exchangeAccess.requireAccess(request.actor, "comment.add", { public: true });
  app.post(
    "/austausch/:id/kommentare",
    { ...commentLimit, schema: { params: postParams }, preValidation: signedInToComment },
    async (request, reply) => {
      await getPostPage(platform, request.actor, request.params.id);
      return handleForm(
        request,
        commentForm,
        async (data) => {
          const comment = await addComment(platform, request.actor, request.params.id, data.body);
          return reply
            .flash("success", "exchange.flash.commented")
            .redirect(`/austausch/${request.params.id}#kommentar-${comment.id}`, 303);
        },
        (form, status) => postPage(request, reply, { comment: form }, status),
      );
    },
  );

  // Only moderators get as far as the form: everybody else is refused before it is read.
  const moderatorsOnly = async (request: FastifyRequest) =>
    exchangeAccess.requireAccess(request.actor, "post.moderate", undefined);
  app.post(
    "/austausch/:id/moderation",
    { schema: { params: postParams }, preValidation: moderatorsOnly },
    async (request, reply) => {
      return handleForm(
        request,
        moderationForm,
        async (data) => {
          await moderatePost(platform, request.actor, request.params.id, data.action, data.reason);
          return reply
            .flash("success", `exchange.flash.${data.action}`)
            .redirect(data.action === "delete" ? "/verwaltung/austausch" : `/austausch/${request.params.id}`, 303);
        },
        (form, status) => postPage(request, reply, { moderation: form }, status),
      );
    },
  );

  app.post(
    "/austausch/:id/kommentare/:commentId/moderation",
    { schema: { params: commentParams }, preValidation: moderatorsOnly },
    async (request, reply) => {
      const form = parseForm(moderationForm, request.body, request.t, request.locale);
      if (!form.ok) {
        return reply.flash("danger", "exchange.flash.reasonMissing").redirect(`/austausch/${request.params.id}`, 303);
      }
      const data = form.data;
      await moderateComment(
        platform,
        request.actor,
        request.params.id,
        request.params.commentId,
        data.action,
        data.reason,
      );
      return reply
        .flash("success", `exchange.flash.comment.${data.action}`)
        .redirect(`/austausch/${request.params.id}`, 303);
    },
  );

  // --- "Melden" ----------------------------------------------------------------------------

  const reportPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    commentId: string | undefined,
    form: FormState,
    status = 200,
  ) => {
    const { row } = await visiblePost(platform.db.kysely, request.actor, request.params.id);
    const post: PostView = await toView(platform.db.kysely, row);
    return reply.page({
      status,
      title: request.t(commentId ? "exchange.report.commentTitle" : "exchange.report.title"),
      body: <ReportPage post={post} commentId={commentId} form={form} />,
    });
  };

  app.get("/austausch/:id/melden", { schema: { params: postParams } }, (request, reply) =>
    reportPage(
      request,
      reply,
      oneParam((request.query as Record<string, unknown>)?.kommentar)?.slice(0, 100),
      emptyForm,
    ),
  );

  app.post("/austausch/:id/melden", { ...reportLimit, schema: { params: postParams } }, async (request, reply) =>
    handleForm(
      request,
      reportForm,
      async (data) => {
        await reportContent(platform, request.actor, request.params.id, data);
        return reply.flash("success", "exchange.flash.reported").redirect(`/austausch/${request.params.id}`, 303);
      },
      (form, status) => reportPage(request, reply, oneParam(form.values.commentId), form, status),
    ),
  );

  // --- back office -------------------------------------------------------------------------

  app.get("/verwaltung/austausch", async (request, reply) => {
    const queue = await getModerationQueue(platform, request.actor);
    return reply.page({ title: request.t("exchange.admin.title"), body: <ModerationPage {...queue} /> });
  });

  app.post(
    "/verwaltung/austausch/meldungen/:reportId/erledigt",
    { schema: { params: reportParams } },
    async (request, reply) => {
      await closeReport(platform, request.actor, request.params.reportId);
      return reply.flash("success", "exchange.flash.reportClosed").redirect("/verwaltung/austausch", 303);
    },
  );

  // --- JSON API ----------------------------------------------------------------------------

  const json = (p: PostView) => ({
    id: p.id,
    url: new URL(p.url, baseUrl).href,
    kind: p.kind,
    title: p.title,
    body: p.body,
    bodyHtml: p.bodyHtml,
    areas: p.areas,
    themes: p.themes,
    targetGroups: p.targetGroups,
    municipality: p.municipality,
    organisationId: p.organisationId,
    organisationName: p.organisationName,
    status: p.status,
    open: p.open,
    validUntil: p.validUntil,
    practice: (p.practice as Record<string, string> | null) ?? null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    publishedAt: p.publishedAt,
  });
  const tags = ["Austausch"];
  const security = [{ bearerAuth: [] }];

  app.post(
    "/api/v1/posts",
    {
      ...postLimit,
      schema: {
        tags,
        summary: "Beitrag schreiben (Mitglied für die eigene Organisation, Bildungsbüro)",
        description:
          "Fehler: 401 ohne Token, 403 für eine Organisation, die das Konto nicht vertritt, 422 (validation_failed) bei zu langem Titel, leerem Text oder einem Gültigkeitsdatum in der Vergangenheit, 429 bei zu vielen Beiträgen.",
        security,
        body: apiPostCreate,
        response: { 201: apiPost },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const post = await createPost(platform, request.actor, {
        kind: b.kind,
        title: b.title,
        body: b.body,
        areas: b.areas ?? [],
        themes: b.themes ?? [],
        targetGroups: b.targetGroups ?? [],
        municipality: b.municipality,
        organisationId: b.organisationId,
        validUntil: b.validUntil,
        status: b.status ?? "published",
        practice: b.practice,
      });
      return reply.code(201).header("location", `/api/v1/posts/${post.id}`).send(json(post));
    },
  );

  app.get(
    "/api/v1/posts",
    {
      schema: {
        tags,
        summary: "Veröffentlichte Beiträge, neueste zuerst (Filter: kind, theme, area, municipality, q, open)",
        querystring: apiPostQuery,
        response: { 200: apiPostList },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await listPosts(
        platform,
        { kind: q.kind, theme: q.theme, area: q.area, municipality: q.municipality, q: q.q, open: q.open === "true" },
        q.page ?? 1,
      );
      return { ...result, items: result.items.map(json) };
    },
  );

  app.get(
    "/api/v1/posts/:id",
    { schema: { tags, summary: "Ein Beitrag", params: postParams, response: { 200: apiPost } } },
    async (request) => {
      const page = await getPostPage(platform, request.actor, request.params.id);
      return json(page.post);
    },
  );

  app.patch(
    "/api/v1/posts/:id",
    {
      ...postLimit,
      schema: {
        tags,
        summary: "Beitrag ändern (Autorin, Mitglied der Organisation; Moderation mit reason)",
        security,
        params: postParams,
        body: apiPostPatch,
        response: { 200: apiPost },
      },
    },
    async (request) => json(await updatePost(platform, request.actor, request.params.id, request.body)),
  );
}

/**
 * The Atom feeds a list at /austausch announces: narrowed like the list where the feed can be
 * (kind and theme; the feed knows no area, municipality or words), and the whole Austausch.
 */
function listFeeds(request: FastifyRequest, kind: PostKind | undefined, theme: string | undefined) {
  const all = { href: "/austausch/feed.xml", title: request.t("exchange.feed.all") };
  if (!kind && !theme) return [all];
  const params = new URLSearchParams();
  const what: string[] = [];
  if (kind) {
    params.set("art", kindSlugs[kind]);
    what.push(request.t(`exchange.kind.${kind}`));
  }
  if (theme) {
    params.set("thema", theme);
    what.push(request.t("exchange.feed.theme", { theme }));
  }
  return [
    { href: `/austausch/feed.xml?${params}`, title: request.t("exchange.feed.narrowed", { what: what.join(", ") }) },
    all,
  ];
}
