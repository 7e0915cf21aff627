import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { toCsv, toXlsx } from "../../lib/spreadsheet.js";
import { NotFoundError } from "../../platform/http/errors.js";
import { oneParam, parseForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import { educationAreas, organisationKinds } from "../directory/index.js";
import { requireReportsViewer } from "./access.js";
import { reportPdf } from "./pdf.js";
import { periodLabel, reportTables } from "./report-tables.js";
import { getPublicFigures, getReport, getSummary } from "./reports.service.js";
import { apiFigures, apiSummary, type ReportQuery, reportQuery, summaryQuery } from "./schema.js";
import { DashboardPage, type ReportParams, reportsPath, reportsStyles } from "./views/dashboard.js";
import { FiguresPage, figuresApiPath, figuresPath } from "./views/figures-page.js";

const filterKeys = ["year", "quarter", "from", "to", "area", "municipality", "kind"] as const;

/**
 * The filters of the address, validated: the valid ones apply, an invalid one is dropped
 * (and named beside its field, 422) so a hand-edited bookmark still shows a report.
 */
function readFilters(request: FastifyRequest): {
  query: ReportQuery;
  params: ReportParams;
  errors: Record<string, string>;
} {
  const raw = (request.query ?? {}) as Record<string, unknown>;
  const params: ReportParams = Object.fromEntries(filterKeys.map((k) => [k, oneParam(raw[k])]));
  const parsed = parseForm(reportQuery, params, request.t, request.locale);
  if (parsed.ok) return { query: parsed.data, params, errors: {} };
  const errors = parsed.errors;
  const kept = Object.fromEntries(Object.entries(params).filter(([k]) => !(k in errors)));
  const retry = reportQuery.safeParse(kept);
  return { query: retry.success ? retry.data : reportQuery.parse({}), params, errors };
}

const noStore = (reply: FastifyReply) => reply.header("cache-control", "private, no-store");

export function reportRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(reportsPath, async (request, reply) => {
    const { query, params, errors } = readFilters(request);
    const report = await getReport(platform, request.actor, query);
    return noStore(reply).page({
      status: Object.keys(errors).length ? 422 : 200,
      title: request.t("reports.title"),
      styles: reportsStyles,
      body: <DashboardPage report={report} params={params} errors={errors} thisYear={new Date().getUTCFullYear()} />,
    });
  });

  app.get<{ Params: { table: string } }>(`${reportsPath}/tabelle/:table`, async (request, reply) => {
    const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(request.params.table);
    const { query } = readFilters(request);
    const report = await getReport(platform, request.actor, query);
    const table = match ? reportTables(report, request.t, request.locale).find((x) => x.id === match[1]) : undefined;
    if (!match || !table) throw new NotFoundError();
    const name = `${request.t("reports.title")} ${periodLabel(report.period, request.t, request.locale)} ${table.title}`;
    noStore(reply);
    if (match[2] === "csv") {
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", contentDisposition(`${name}.csv`))
        .send(toCsv(table.headers, table.rows));
    }
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", contentDisposition(`${name}.xlsx`))
      .send(await toXlsx(table.title, table.headers, table.rows));
  });

  app.get(`${reportsPath}/bericht.pdf`, async (request, reply) => {
    const { query } = readFilters(request);
    const report = await getReport(platform, request.actor, query);
    const { t, locale } = request;
    const actor = request.actor;
    const filters = [
      query.area ? `${t("reports.filter.area")}: ${educationAreas.find((a) => a.id === query.area)?.[locale]}` : null,
      query.municipality ? `${t("reports.filter.municipality")}: ${query.municipality}` : null,
      query.kind
        ? `${t("reports.filter.kind")}: ${organisationKinds.find((k) => k.id === query.kind)?.[locale] ?? query.kind}`
        : null,
    ].filter((x): x is string => x !== null);
    const pdf = await reportPdf(
      report,
      {
        district: platform.config.district.name,
        office: platform.config.district.office,
        scope: report.allEvents
          ? t("reports.pdf.scope.all")
          : t("reports.pdf.scope.own", { name: actor.kind === "user" ? actor.name : "" }),
        filters: filters.length ? filters.join(", ") : null,
      },
      t,
      locale,
    );
    return noStore(reply)
      .header("content-type", "application/pdf")
      .header(
        "content-disposition",
        contentDisposition(`Bericht ${periodLabel(report.period, t, locale).replace(/[^\p{L}\p{N} .-]/gu, "")}.pdf`),
      )
      .send(pdf);
  });

  app.get(
    "/api/v1/reports/summary",
    {
      preValidation: async (request) => requireReportsViewer(request.actor),
      schema: {
        tags: ["Berichte"],
        summary:
          "Kennzahlen eines Zeitraums (Verwaltung: alle Fachtage; Redaktion: die eigenen). Ohne from/to das laufende Jahr; Datumsangaben JJJJ-MM-TT (Europe/Berlin), beide einschließlich. posts: im Zeitraum veröffentlichte Beiträge des Austauschs je Art (idea, experience, practice, offer, request), total, done (als erledigt markierte Angebote und Gesuche) und matched (Angebote und Gesuche, zu denen die Plattform ein passendes Gegenstück vorgeschlagen hat).",
        querystring: summaryQuery,
        response: { 200: apiSummary },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return getSummary(platform, request.actor, request.query);
    },
  );

  // --- public ----------------------------------------------------------------------------

  app.get(figuresPath, async (request, reply) =>
    reply.page({
      title: request.t("reports.figures.title"),
      styles: reportsStyles,
      body: <FiguresPage figures={await getPublicFigures(platform)} district={platform.config.district.name} />,
    }),
  );

  app.get(
    figuresApiPath,
    {
      schema: {
        tags: ["Berichte"],
        summary:
          'Öffentliche Kennzahlen (offene Daten): Einrichtungen und Kooperationen nach Bildungsbereich und Gemeinde, Fachtage und Teilnehmende je Jahr. Ohne personenbezogene Daten; Werte unter 5 als "< 5".',
        response: { 200: apiFigures },
      },
    },
    async (request, reply) => {
      reply.header("access-control-allow-origin", "*");
      const f = await getPublicFigures(platform);
      const area = (key: string) => educationAreas.find((a) => a.id === key)?.[request.locale] ?? key;
      return {
        asOf: f.asOf,
        district: platform.config.district.name,
        organisations: f.organisations,
        cooperations: f.cooperations,
        organisationsByArea: f.organisationsByArea.map((r) => ({ ...r, label: area(r.key) })),
        organisationsByMunicipality: f.organisationsByMunicipality.map((r) => ({ ...r, label: r.key })),
        cooperationsByArea: f.cooperationsByArea.map((r) => ({ ...r, label: area(r.key) })),
        years: f.years,
      };
    },
  );
}
