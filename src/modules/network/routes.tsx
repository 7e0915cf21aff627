import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { hasRole, isUser } from "../../platform/auth/actor.js";
import { DomainError } from "../../platform/http/errors.js";
import { parseForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import { getOrganisationSummaries, listOrganisationsForNetwork } from "../directory/service.js";
import { analysisCsv } from "./csv.js";
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
import * as service from "./service.js";
import { AnalysisPage, type OrgRef } from "./views/analysis.js";
import {
  ConfirmPage,
  CooperationDetailPage,
  CooperationFormPage,
  CooperationListPage,
  type FormState,
} from "./views/cooperations.js";
import { GraphPage } from "./views/graph.js";
import { NetworkDetailPage, NetworkFormPage, NetworkListPage } from "./views/networks.js";

const PAGE_SIZE = 50;
const empty: FormState = { values: {}, errors: {} };

const one = (v: unknown): string | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === "string" && x !== "" ? x : undefined;
};
const pageOf = (v: unknown) => {
  const n = Number(one(v) ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};

/** A domain error with field messages re-renders the form; every other error goes to the central handler. */
function fieldErrors(error: unknown, t: (key: string) => string): Record<string, string> | undefined {
  if (!(error instanceof DomainError) || Object.keys(error.fieldErrors).length === 0) return undefined;
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, t(v)]));
}

const graphStyles = ["/assets/network.css?v=1"];
const graphScripts = ["/assets/network.js?v=1"];

export function networkRoutes(app: FastifyInstance, platform: Platform): void {
  // Compute the analysis once after start, so the first visitor does not wait for it.
  if (platform.config.env !== "test") {
    app.addHook("onReady", async () => {
      service.warmNetworkAnalysis(platform).catch((err) => platform.logger.warn({ err }, "network analysis warm-up"));
    });
  }
  // --- graph and analysis --------------------------------------------------------
  app.get("/netzwerk", async (request, reply) => {
    const q = graphQuery.parse(request.query ?? {});
    const model = await service.getNetworkGraph(platform, { area: q.bereich, kind: q.art, municipality: q.gemeinde });
    return reply.page({
      title: request.t("network.graph.title"),
      body: (
        <GraphPage model={model} filter={{ bereich: q.bereich, art: q.art, gemeinde: q.gemeinde }} page={q.seite} />
      ),
      styles: graphStyles,
      scripts: graphScripts,
    });
  });

  const orgRefs = async (ids: string[]): Promise<Map<string, OrgRef>> =>
    new Map(
      (await getOrganisationSummaries(platform.db, ids)).map((s) => [
        s.id,
        { name: s.name, slug: s.slug, municipality: s.municipality },
      ]),
    );
  const referenced = (a: Awaited<ReturnType<typeof service.getNetworkAnalysis>>) => [
    ...new Set([...a.isolated.slice(0, 200), ...a.gaps.slice(0, 200).map((g) => g.organisationId)]),
  ];

  app.get("/netzwerk/analyse", async (request, reply) => {
    const analysis = await service.getNetworkAnalysis(platform);
    return reply.page({
      title: request.t("network.analysis.title"),
      body: <AnalysisPage analysis={analysis} organisations={await orgRefs(referenced(analysis))} />,
      styles: graphStyles,
    });
  });

  app.get("/netzwerk/analyse.csv", async (request, reply) => {
    const analysis = await service.getNetworkAnalysis(platform);
    const names = new Map(
      (await listOrganisationsForNetwork(platform.db)).map((o) => [
        o.id,
        { name: o.name, municipality: o.municipality },
      ]),
    );
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", contentDisposition(`Netzwerkanalyse ${analysis.asOf}.csv`))
      .header("cache-control", "no-store")
      .send(analysisCsv(analysis, names, request.t, request.locale));
  });

  // --- cooperations: pages ---------------------------------------------------------
  const listPage = async (request: FastifyRequest, reply: FastifyReply, admin: boolean) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const filter = { art: one(query.art), status: one(query.status), organisation: one(query.organisation) };
    const page = pageOf(query.seite);
    const { items, total } = await service.listCooperations(
      platform,
      request.actor,
      { kind: filter.art, status: filter.status, organisationId: filter.organisation },
      { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      { includeUnconfirmed: admin },
    );
    return reply.page({
      title: request.t(admin ? "network.coop.adminTitle" : "network.coop.listTitle"),
      body: (
        <CooperationListPage
          items={items}
          total={total}
          page={page}
          pageSize={PAGE_SIZE}
          filter={filter}
          organisations={await service.organisationOptions(platform)}
          canCreate={hasRole(request.actor, "admin", "member")}
          path={admin ? "/verwaltung/kooperationen" : "/kooperationen"}
          admin={admin}
        />
      ),
    });
  };
  app.get("/kooperationen", (request, reply) => listPage(request, reply, false));
  app.get("/verwaltung/kooperationen", (request, reply) => listPage(request, reply, true));

  const renderCooperationForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    action: string,
    titleKey: string,
    status = 200,
  ) =>
    reply.page({
      status,
      title: request.t(titleKey),
      body: (
        <CooperationFormPage
          form={form}
          action={action}
          title={request.t(titleKey)}
          organisations={await service.organisationOptions(platform)}
          events={await service.originEventOptions(platform)}
        />
      ),
    });

  app.get("/kooperationen/neu", async (request, reply) => {
    service.requireCooperationEditor(request.actor);
    return renderCooperationForm(request, reply, empty, "/kooperationen/neu", "network.coop.newTitle");
  });

  app.post("/kooperationen/neu", async (request, reply) => {
    service.requireCooperationEditor(request.actor);
    const form = parseForm(cooperationForm, request.body, request.t, request.locale);
    if (!form.ok) {
      return renderCooperationForm(request, reply, form, "/kooperationen/neu", "network.coop.newTitle", 422);
    }
    try {
      const created = await service.createCooperation(platform, request.actor, form.data);
      return reply
        .flash("success", created.confirmed ? "network.coop.created" : "network.coop.createdPending")
        .redirect(`/kooperationen/${created.id}`, 303);
    } catch (error) {
      const errors = fieldErrors(error, request.t);
      if (!errors) throw error;
      const status = error instanceof DomainError ? error.status : 422;
      return renderCooperationForm(
        request,
        reply,
        { values: request.body as Record<string, unknown>, errors },
        "/kooperationen/neu",
        "network.coop.newTitle",
        status,
      );
    }
  });

  app.get<{ Params: { id: string } }>("/kooperationen/:id", async (request, reply) => {
    const c = await service.getCooperation(platform, request.actor, request.params.id);
    const canEdit = await service.canManageCooperation(platform.db, request.actor, c.organisationIds);
    return reply.page({ title: c.title, body: <CooperationDetailPage c={c} canEdit={canEdit} /> });
  });

  app.get<{ Params: { id: string } }>("/kooperationen/:id/bearbeiten", async (request, reply) => {
    const c = await service.getCooperationForEdit(platform, request.actor, request.params.id);
    const values = {
      title: c.title,
      kind: c.kind,
      description: c.description ?? "",
      organisationIds: c.organisationIds,
      startsOn: c.startsOn,
      endsOn: c.endsOn ?? "",
      status: c.status,
      themes: c.themes.join(", "),
      origin: c.origin ?? "",
      originEventId: c.originEventId ?? "",
    };
    return renderCooperationForm(
      request,
      reply,
      { values, errors: {} },
      `/kooperationen/${c.id}/bearbeiten`,
      "network.coop.editTitle",
    );
  });

  app.post<{ Params: { id: string } }>("/kooperationen/:id/bearbeiten", async (request, reply) => {
    const action = `/kooperationen/${request.params.id}/bearbeiten`;
    await service.getCooperationForEdit(platform, request.actor, request.params.id);
    const form = parseForm(cooperationForm, request.body, request.t, request.locale);
    if (!form.ok) return renderCooperationForm(request, reply, form, action, "network.coop.editTitle", 422);
    try {
      await service.updateCooperation(platform, request.actor, request.params.id, form.data);
    } catch (error) {
      const errors = fieldErrors(error, request.t);
      if (!errors) throw error;
      const values = request.body as Record<string, unknown>;
      const status = error instanceof DomainError ? error.status : 422;
      return renderCooperationForm(request, reply, { values, errors }, action, "network.coop.editTitle", status);
    }
    return reply.flash("success", "network.coop.updated").redirect(`/kooperationen/${request.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>("/kooperationen/:id/beenden", async (request, reply) => {
    await service.endCooperation(platform, request.actor, request.params.id);
    return reply.flash("success", "network.coop.ended").redirect(`/kooperationen/${request.params.id}`, 303);
  });

  app.get("/verwaltung/kooperationen/bestaetigen", async (request, reply) => {
    const pending = await service.listPendingConfirmations(platform, request.actor);
    return reply.page({ title: request.t("network.coop.confirmTitle"), body: <ConfirmPage pending={pending} /> });
  });

  const confirmBody = z.object({
    cooperationId: z.string().min(1).max(100),
    organisationId: z.string().min(1).max(100),
    action: z.enum(["confirm", "decline"]),
  });
  app.post("/verwaltung/kooperationen/bestaetigen", async (request, reply) => {
    const form = parseForm(confirmBody, request.body, request.t, request.locale);
    if (!form.ok) {
      const pending = await service.listPendingConfirmations(platform, request.actor);
      return reply.page({
        status: 422,
        title: request.t("network.coop.confirmTitle"),
        body: <ConfirmPage pending={pending} />,
      });
    }
    const { cooperationId, organisationId, action } = form.data;
    if (action === "confirm") await service.confirmCooperation(platform, request.actor, cooperationId, organisationId);
    else await service.declineCooperation(platform, request.actor, cooperationId, organisationId);
    return reply
      .flash("success", action === "confirm" ? "network.coop.confirmDone" : "network.coop.declineDone")
      .redirect("/verwaltung/kooperationen/bestaetigen", 303);
  });

  // --- networks ----------------------------------------------------------------------
  app.get("/netzwerke", async (request, reply) =>
    reply.page({
      title: request.t("network.nw.listTitle"),
      body: (
        <NetworkListPage
          networks={await service.listNetworks(platform, request.actor)}
          canManage={hasRole(request.actor, "admin")}
        />
      ),
    }),
  );
  app.get("/verwaltung/netzwerke", async (_request, reply) => reply.redirect("/netzwerke", 303));

  const renderNetworkForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    action: string,
    titleKey: string,
    status = 200,
  ) =>
    reply.page({
      status,
      title: request.t(titleKey),
      body: (
        <NetworkFormPage
          form={form}
          action={action}
          title={request.t(titleKey)}
          organisations={await service.organisationOptions(platform)}
        />
      ),
    });

  app.get("/netzwerke/neu", async (request, reply) => {
    service.requireNetworkAdmin(request.actor);
    return renderNetworkForm(request, reply, empty, "/netzwerke/neu", "network.nw.newTitle");
  });

  const saveNetwork = async (request: FastifyRequest, reply: FastifyReply, slug?: string) => {
    service.requireNetworkAdmin(request.actor);
    const action = slug ? `/netzwerke/${slug}/bearbeiten` : "/netzwerke/neu";
    const titleKey = slug ? "network.nw.editTitle" : "network.nw.newTitle";
    const form = parseForm(networkForm, request.body, request.t, request.locale);
    if (!form.ok) return renderNetworkForm(request, reply, form, action, titleKey, 422);
    try {
      const saved = await service.saveNetwork(platform, request.actor, form.data, slug);
      return reply.flash("success", "network.nw.saved").redirect(`/netzwerke/${saved}`, 303);
    } catch (error) {
      const errors = fieldErrors(error, request.t);
      if (!errors) throw error;
      return renderNetworkForm(
        request,
        reply,
        { values: request.body as Record<string, unknown>, errors },
        action,
        titleKey,
        422,
      );
    }
  };
  app.post("/netzwerke/neu", (request, reply) => saveNetwork(request, reply));

  app.get<{ Params: { slug: string } }>("/netzwerke/:slug", async (request, reply) => {
    const { network, meetings } = await service.getNetwork(platform, request.actor, request.params.slug);
    return reply.page({
      title: network.name,
      body: (
        <NetworkDetailPage
          network={network}
          meetings={meetings}
          canManage={hasRole(request.actor, "admin")}
          meetingForm={empty}
        />
      ),
    });
  });

  app.get<{ Params: { slug: string } }>("/netzwerke/:slug/bearbeiten", async (request, reply) => {
    const n = await service.getNetworkForEdit(platform, request.actor, request.params.slug);
    const values = {
      name: n.name,
      purpose: n.purpose ?? "",
      coordinatorId: n.coordinator?.id ?? "",
      memberIds: n.members.map((m) => m.id),
      visibility: n.visibility,
    };
    return renderNetworkForm(
      request,
      reply,
      { values, errors: {} },
      `/netzwerke/${n.slug}/bearbeiten`,
      "network.nw.editTitle",
    );
  });
  app.post<{ Params: { slug: string } }>("/netzwerke/:slug/bearbeiten", (request, reply) =>
    saveNetwork(request, reply, request.params.slug),
  );

  app.post<{ Params: { slug: string } }>("/netzwerke/:slug/treffen", async (request, reply) => {
    service.requireNetworkAdmin(request.actor);
    const fields: Record<string, string> = {};
    let minutes: { data: Buffer; filename: string } | undefined;
    if (request.isMultipart()) {
      for await (const part of request.parts()) {
        if (part.type === "file") {
          const data = await part.toBuffer();
          if (part.fieldname === "minutes" && data.length > 0) minutes = { data, filename: part.filename };
        } else if (typeof part.value === "string") {
          fields[part.fieldname] = part.value;
        }
      }
    } else {
      Object.assign(fields, request.body ?? {});
    }
    const rerender = async (errors: Record<string, string>) => {
      const { network, meetings } = await service.getNetwork(platform, request.actor, request.params.slug);
      return reply.page({
        status: 422,
        title: network.name,
        body: (
          <NetworkDetailPage network={network} meetings={meetings} canManage meetingForm={{ values: fields, errors }} />
        ),
      });
    };
    const form = parseForm(meetingForm, fields, request.t, request.locale);
    if (!form.ok) return rerender(form.errors);
    try {
      await service.addMeeting(platform, request.actor, request.params.slug, form.data, minutes);
    } catch (error) {
      const errors = fieldErrors(error, request.t);
      if (!errors) throw error;
      return rerender(errors);
    }
    return reply.flash("success", "network.nw.meetingSaved").redirect(`/netzwerke/${request.params.slug}`, 303);
  });

  app.get<{ Params: { slug: string; id: string } }>(
    "/netzwerke/:slug/treffen/:id/protokoll",
    async (request, reply) => {
      const file = await service.getMinutes(platform, request.actor, request.params.slug, request.params.id);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", contentDisposition(file.filename))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", isUser(request.actor) ? "private, no-store" : "public, max-age=300")
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
      const created = await service.createCooperation(platform, request.actor, body);
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
      const { items, total } = await service.listCooperations(
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
      return toApi(await service.getCooperation(platform, request.actor, id));
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
      const { degree: _degree, ...rest } = await service.getNetworkAnalysis(platform);
      return rest;
    },
  );
}

function toApi(c: service.CooperationView): z.output<typeof cooperationOut> {
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
