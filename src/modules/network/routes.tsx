import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  emptyForm,
  type FormState,
  handleForm,
  oneParam,
  pageParam,
  pageSlice,
  parseQuery,
} from "../../platform/http/forms.js";
import { multipartBody } from "../../platform/http/multipart.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import { exportAnalysisCsv, getAnalysisPage, getNetworkAnalysis, warmNetworkAnalysis } from "./analysis.service.js";
import { type OrganisationChoice, organisationOptions } from "./choices.service.js";
import type { CooperationView } from "./cooperation-views.js";
import {
  type CooperationFormChoices,
  confirmCooperation,
  cooperationFormChoices,
  createCooperation,
  declineCooperation,
  editCooperationForm,
  endCooperation,
  getCooperation,
  listCooperations,
  listPendingConfirmations,
  newCooperationForm,
  updateCooperation,
} from "./cooperations.service.js";
import { getNetworkGraph } from "./graph.service.js";
import {
  addMeeting,
  editNetworkForm,
  getMinutes,
  getNetwork,
  getNetworkForMeeting,
  listNetworks,
  newNetworkForm,
  saveNetwork,
} from "./networks.service.js";
import {
  analysisOut,
  cooperationCreateBody,
  cooperationForm,
  cooperationListQuery,
  cooperationOut,
  graphQuery,
  meetingForm,
  networkForm,
} from "./schema.js";
import { AnalysisPage } from "./views/analysis.js";
import { ConfirmPage, CooperationDetailPage, CooperationFormPage, CooperationListPage } from "./views/cooperations.js";
import { GraphPage } from "./views/graph.js";
import { NetworkDetailPage, NetworkFormPage, NetworkListPage } from "./views/networks.js";

// Thin routes: parse, call one service function, render. Every access check is in the
// services (access.ts); a page shows controls from the flags they return.

const PAGE_SIZE = 50;

/** A filter value: the first one if sent twice, absent when empty or too long. */
const filterParam = z.preprocess(oneParam, z.string().max(100).optional().catch(undefined));
const listQuery = z.object({ art: filterParam, status: filterParam, organisation: filterParam, seite: pageParam });

/** The new-cooperation form's start: from an organisation's profile, with a search. */
const newFormQuery = z.object({ organisation: filterParam, suche: filterParam });

/** The picker's search button posts the form back: show it again with the matches, save nothing. */
const pickerSearch = (body: unknown): { search: string; chosen: string[] } | null => {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  if (b.aktion !== "suchen") return null;
  const ids = Array.isArray(b.organisationIds) ? b.organisationIds : [b.organisationIds];
  return {
    search: typeof b.suche === "string" ? b.suche : "",
    chosen: ids.filter((x): x is string => typeof x === "string" && x !== "" && x.length <= 100).slice(0, 100),
  };
};
const postedIds = (values: Record<string, unknown>) => pickerSearch({ ...values, aktion: "suchen" })!;

const confirmBody = z.object({
  cooperationId: z.string().min(1).max(100),
  organisationId: z.string().min(1).max(100),
  action: z.enum(["confirm", "decline"]),
});

const graphStyles = ["/assets/network.css?v=2"];
const graphScripts = ["/assets/network.js?v=2"];

export function networkRoutes(app: FastifyInstance, platform: Platform): void {
  // Compute the analysis once after start, so the first visitor does not wait for it.
  if (platform.config.env !== "test") {
    app.addHook("onReady", async () => {
      warmNetworkAnalysis(platform).catch((err) => platform.logger.warn({ err }, "network analysis warm-up"));
    });
  }
  // --- graph and analysis --------------------------------------------------------
  app.get("/netzwerk", async (request, reply) => {
    const q = parseQuery(graphQuery, request.query);
    const model = await getNetworkGraph(
      platform,
      { area: q.bereich, kind: q.art, municipality: q.gemeinde },
      q.anordnung,
    );
    return reply.page({
      title: request.t("network.graph.title"),
      body: (
        <GraphPage
          model={model}
          filter={{ bereich: q.bereich, art: q.art, gemeinde: q.gemeinde, anordnung: q.anordnung }}
          page={q.seite}
        />
      ),
      styles: graphStyles,
      scripts: graphScripts,
    });
  });

  app.get("/netzwerk/analyse", async (request, reply) => {
    const { analysis, organisations } = await getAnalysisPage(platform);
    return reply.page({
      title: request.t("network.analysis.title"),
      body: <AnalysisPage analysis={analysis} organisations={organisations} />,
      styles: graphStyles,
    });
  });

  app.get("/netzwerk/analyse.csv", async (request, reply) => {
    const { filename, csv } = await exportAnalysisCsv(platform, request.t, request.locale);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", contentDisposition(filename))
      .header("cache-control", "no-store")
      .send(csv);
  });

  // --- cooperations: pages ---------------------------------------------------------
  const listPage = async (request: FastifyRequest, reply: FastifyReply, admin: boolean) => {
    const q = parseQuery(listQuery, request.query);
    const filter = { art: q.art, status: q.status, organisation: q.organisation };
    const { items, total, canCreate } = await listCooperations(
      platform,
      request.actor,
      { kind: q.art, status: q.status, organisationId: q.organisation },
      { limit: PAGE_SIZE, offset: (q.seite - 1) * PAGE_SIZE },
      { includeUnconfirmed: admin },
    );
    return reply.page({
      title: request.t(admin ? "network.coop.adminTitle" : "network.coop.listTitle"),
      body: (
        <CooperationListPage
          items={items}
          total={total}
          page={q.seite}
          pageCount={pageSlice(total, q.seite, PAGE_SIZE).pageCount}
          filter={filter}
          organisations={await organisationOptions(platform)}
          canCreate={canCreate}
          path={admin ? "/verwaltung/kooperationen" : "/kooperationen"}
          admin={admin}
        />
      ),
    });
  };
  app.get("/kooperationen", (request, reply) => listPage(request, reply, false));
  app.get("/verwaltung/kooperationen", (request, reply) => listPage(request, reply, true));

  const cooperationFormPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    choices: CooperationFormChoices,
    form: FormState,
    action: string,
    titleKey: string,
    status = 200,
  ) =>
    reply.page({
      status,
      title: request.t(titleKey),
      body: <CooperationFormPage form={form} action={action} title={request.t(titleKey)} {...choices} />,
      styles: graphStyles,
    });

  app.get("/kooperationen/neu", async (request, reply) => {
    const q = parseQuery(newFormQuery, request.query);
    const { values, ...choices } = await newCooperationForm(platform, request.actor, {
      organisationId: q.organisation,
      search: q.suche,
    });
    return cooperationFormPage(
      request,
      reply,
      choices,
      { values, errors: {} },
      "/kooperationen/neu",
      "network.coop.newTitle",
    );
  });

  const rerenderChoices = (request: FastifyRequest, values: Record<string, unknown>, id?: string) => {
    const { search, chosen } = postedIds(values);
    return cooperationFormChoices(platform, request.actor, { search, chosen }, id);
  };

  app.post("/kooperationen/neu", async (request, reply) => {
    const search = pickerSearch(request.body);
    if (search) {
      const choices = await cooperationFormChoices(platform, request.actor, search);
      const values = request.body as Record<string, unknown>;
      return cooperationFormPage(
        request,
        reply,
        choices,
        { values, errors: {} },
        "/kooperationen/neu",
        "network.coop.newTitle",
      );
    }
    return handleForm(
      request,
      cooperationForm,
      async (data) => {
        const created = await createCooperation(platform, request.actor, data);
        return reply
          .flash("success", created.confirmed ? "network.coop.created" : "network.coop.createdPending")
          .redirect(`/kooperationen/${created.id}`, 303);
      },
      async (form, status) =>
        cooperationFormPage(
          request,
          reply,
          await rerenderChoices(request, form.values),
          form,
          "/kooperationen/neu",
          "network.coop.newTitle",
          status,
        ),
    );
  });

  app.get<{ Params: { id: string } }>("/kooperationen/:id", async (request, reply) => {
    const { cooperation, canEdit, canEnd } = await getCooperation(platform, request.actor, request.params.id);
    return reply.page({
      title: cooperation.title,
      body: <CooperationDetailPage c={cooperation} canEdit={canEdit} canEnd={canEnd} />,
    });
  });

  app.get<{ Params: { id: string } }>("/kooperationen/:id/bearbeiten", async (request, reply) => {
    const { values, ...choices } = await editCooperationForm(platform, request.actor, request.params.id);
    return cooperationFormPage(
      request,
      reply,
      choices,
      { values, errors: {} },
      `/kooperationen/${request.params.id}/bearbeiten`,
      "network.coop.editTitle",
    );
  });

  app.post<{ Params: { id: string } }>("/kooperationen/:id/bearbeiten", async (request, reply) => {
    const id = request.params.id;
    const action = `/kooperationen/${id}/bearbeiten`;
    const search = pickerSearch(request.body);
    if (search) {
      const choices = await cooperationFormChoices(platform, request.actor, search, id);
      const values = request.body as Record<string, unknown>;
      return cooperationFormPage(request, reply, choices, { values, errors: {} }, action, "network.coop.editTitle");
    }
    return handleForm(
      request,
      cooperationForm,
      async (data) => {
        const { reconfirm } = await updateCooperation(platform, request.actor, id, data);
        return reply
          .flash("success", reconfirm ? "network.coop.updatedPending" : "network.coop.updated")
          .redirect(`/kooperationen/${id}`, 303);
      },
      async (form, status) =>
        cooperationFormPage(
          request,
          reply,
          await rerenderChoices(request, form.values, id),
          form,
          action,
          "network.coop.editTitle",
          status,
        ),
    );
  });

  app.post<{ Params: { id: string } }>("/kooperationen/:id/beenden", async (request, reply) => {
    await endCooperation(platform, request.actor, request.params.id);
    return reply.flash("success", "network.coop.ended").redirect(`/kooperationen/${request.params.id}`, 303);
  });

  const confirmPage = async (request: FastifyRequest, reply: FastifyReply, status = 200) =>
    reply.page({
      status,
      title: request.t("network.coop.confirmTitle"),
      body: <ConfirmPage pending={await listPendingConfirmations(platform, request.actor)} />,
    });
  app.get("/verwaltung/kooperationen/bestaetigen", (request, reply) => confirmPage(request, reply));
  app.post("/verwaltung/kooperationen/bestaetigen", (request, reply) =>
    handleForm(
      request,
      confirmBody,
      async ({ cooperationId, organisationId, action }) => {
        if (action === "confirm") await confirmCooperation(platform, request.actor, cooperationId, organisationId);
        else await declineCooperation(platform, request.actor, cooperationId, organisationId);
        return reply
          .flash("success", action === "confirm" ? "network.coop.confirmDone" : "network.coop.declineDone")
          .redirect("/verwaltung/kooperationen/bestaetigen", 303);
      },
      (_form, status) => confirmPage(request, reply, status),
    ),
  );

  // --- networks ----------------------------------------------------------------------
  app.get("/netzwerke", async (request, reply) => {
    const { networks, canCreate } = await listNetworks(platform, request.actor);
    return reply.page({
      title: request.t("network.nw.listTitle"),
      body: <NetworkListPage networks={networks} canCreate={canCreate} />,
    });
  });
  app.get("/verwaltung/netzwerke", async (_request, reply) => reply.redirect("/netzwerke", 303));

  const networkFormPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    organisations: OrganisationChoice[],
    form: FormState,
    slug: string | undefined,
    status = 200,
  ) => {
    const titleKey = slug ? "network.nw.editTitle" : "network.nw.newTitle";
    return reply.page({
      status,
      title: request.t(titleKey),
      body: (
        <NetworkFormPage
          form={form}
          action={slug ? `/netzwerke/${slug}/bearbeiten` : "/netzwerke/neu"}
          title={request.t(titleKey)}
          organisations={organisations}
        />
      ),
    });
  };

  app.get("/netzwerke/neu", async (request, reply) => {
    const { organisations } = await newNetworkForm(platform, request.actor);
    return networkFormPage(request, reply, organisations, emptyForm, undefined);
  });

  const postNetwork = (request: FastifyRequest, reply: FastifyReply, slug?: string) =>
    handleForm(
      request,
      networkForm,
      async (data) => {
        const saved = await saveNetwork(platform, request.actor, data, slug);
        return reply.flash("success", "network.nw.saved").redirect(`/netzwerke/${saved}`, 303);
      },
      async (form, status) => {
        const { organisations } = slug
          ? await editNetworkForm(platform, request.actor, slug)
          : await newNetworkForm(platform, request.actor);
        return networkFormPage(request, reply, organisations, form, slug, status);
      },
    );
  app.post("/netzwerke/neu", (request, reply) => postNetwork(request, reply));

  app.get<{ Params: { slug: string } }>("/netzwerke/:slug", async (request, reply) => {
    const page = await getNetwork(platform, request.actor, request.params.slug);
    return reply.page({ title: page.network.name, body: <NetworkDetailPage page={page} meetingForm={emptyForm} /> });
  });

  app.get<{ Params: { slug: string } }>("/netzwerke/:slug/bearbeiten", async (request, reply) => {
    const { organisations, values } = await editNetworkForm(platform, request.actor, request.params.slug);
    return networkFormPage(request, reply, organisations, { values, errors: {} }, request.params.slug);
  });
  app.post<{ Params: { slug: string } }>("/netzwerke/:slug/bearbeiten", (request, reply) =>
    postNetwork(request, reply, request.params.slug),
  );

  app.post<{ Params: { slug: string } }>("/netzwerke/:slug/treffen", async (request, reply) => {
    const multipart = request.isMultipart() ? await multipartBody(request.body) : undefined;
    const fields = multipart ? multipart.fields : ((request.body ?? {}) as Record<string, unknown>);
    const minutes = multipart?.files.minutes;
    return handleForm(
      { body: fields, t: request.t, locale: request.locale },
      meetingForm,
      async (data) => {
        await addMeeting(platform, request.actor, request.params.slug, data, minutes);
        return reply.flash("success", "network.nw.meetingSaved").redirect(`/netzwerke/${request.params.slug}`, 303);
      },
      async (form, status) => {
        const page = await getNetworkForMeeting(platform, request.actor, request.params.slug);
        return reply.page({
          status,
          title: page.network.name,
          body: <NetworkDetailPage page={page} meetingForm={form} />,
        });
      },
    );
  });

  app.get<{ Params: { slug: string; id: string } }>(
    "/netzwerke/:slug/treffen/:id/protokoll",
    async (request, reply) => {
      const file = await getMinutes(platform, request.actor, request.params.slug, request.params.id);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", contentDisposition(file.filename))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", file.shareable ? "public, max-age=300" : "private, no-store")
        .send(file.data);
    },
  );

  // --- JSON API ------------------------------------------------------------------------
  app.post(
    "/api/v1/cooperations",
    {
      schema: {
        tags: ["Kooperationen"],
        summary: "Kooperation erfassen",
        description:
          "Von Admins erfasst, gilt die Kooperation sofort als von allen bestätigt. Mitglieder (member) können nur Kooperationen erfassen, an denen eine ihrer Organisationen beteiligt ist; diese Seite ist bestätigt, die anderen Organisationen bestätigen selbst. Andere Rollen: 403.",
        security: [{ bearerAuth: [] }],
        body: cooperationCreateBody,
        response: { 201: cooperationOut },
      },
    },
    async (request, reply) => {
      const body = request.body as z.output<typeof cooperationCreateBody>;
      const created = await createCooperation(platform, request.actor, body);
      return reply.code(201).header("location", `/api/v1/cooperations/${created.id}`).send(toApi(created));
    },
  );

  app.get(
    "/api/v1/cooperations",
    {
      schema: {
        tags: ["Kooperationen"],
        summary: "Kooperationen auflisten",
        description:
          "Öffentlich: nur von allen Beteiligten bestätigte Kooperationen. Mit Admin-Token auch unbestätigte. Neueste zuerst.",
        querystring: cooperationListQuery,
        response: { 200: z.object({ items: z.array(cooperationOut), total: z.number().int() }) },
      },
    },
    async (request) => {
      const q = request.query as z.output<typeof cooperationListQuery>;
      const { items, total } = await listCooperations(
        platform,
        request.actor,
        { kind: q.kind, status: q.status, organisationId: q.organisationId },
        { limit: q.limit, offset: q.offset },
      );
      return { items: items.map(toApi), total };
    },
  );

  app.get(
    "/api/v1/cooperations/:id",
    {
      schema: {
        tags: ["Kooperationen"],
        summary: "Eine Kooperation",
        params: z.object({ id: z.string().max(100) }),
        response: { 200: cooperationOut },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return toApi((await getCooperation(platform, request.actor, id)).cooperation);
    },
  );

  app.get(
    "/api/v1/network/analysis",
    {
      schema: {
        tags: ["Kooperationen"],
        summary: "Analyse des Kooperationsnetzwerks",
        description:
          "Knoten: veröffentlichte Organisationen. Kanten: bestätigte (von allen Beteiligten), aktive, am Stichtag laufende Kooperationen; eine Kooperation von drei Organisationen verbindet jedes Paar, mehrere Kooperationen desselben Paars sind eine Kante. density = 2E / (N(N−1)) des ungerichteten einfachen Graphen. components zählt Zusammenhangskomponenten einschließlich einzelner Organisationen ohne Kooperation (jede ist eine eigene Komponente). areaLinks: ungeordnete Paare von Bildungsbereichen (from ≤ to in der Reihenfolge des Lebenslaufs), count = Zahl der Kanten zwischen Organisationen beider Bereiche. gaps: kita_ohne_grundschule (Kita ohne Partner der Art grundschule), schule_ohne_uebergang_beruf (oberschule, gymnasium, gesamtschule oder foerderschule ohne Partner im Bereich uebergang_schule_beruf oder beruflich).",
        response: { 200: analysisOut },
      },
    },
    async () => {
      const { degree: _degree, ...rest } = await getNetworkAnalysis(platform);
      return rest;
    },
  );
}

function toApi(c: CooperationView): z.output<typeof cooperationOut> {
  return {
    id: c.id,
    title: c.title,
    kind: c.kind,
    description: c.description,
    organisationIds: c.organisationIds,
    partners: c.partners.map((p) => ({ organisationId: p.organisationId, name: p.name, confirmed: p.confirmed })),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: c.status,
    confirmed: c.confirmed,
    themes: c.themes,
    origin: c.origin,
    originEventId: c.originEventId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
