import { formatDate } from "../../../platform/i18n/i18n.js";
import { BarChart } from "../../../platform/views/bar-chart.js";
import {
  Button,
  DescriptionList,
  ErrorSummary,
  Form,
  Heading,
  LinkButton,
  Select,
  Table,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { educationAreas, municipalities, organisationKinds } from "../../directory/index.js";
import { keyFigures, periodLabel, type ReportTable, reportTables } from "../report-tables.js";
import type { Report } from "../reports.service.js";

export const reportsPath = "/verwaltung/berichte";
export const reportsStyles = ["/assets/reports.css?v=3"];

/** The filter values as they stand in the address (kept for the exports' links). */
export type ReportParams = Record<string, string | undefined>;

const query = (params: ReportParams) => {
  const search = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  ).toString();
  return search ? `?${search}` : "";
};

export const tablePath = (id: string, format: "csv" | "xlsx", params: ReportParams) =>
  `${reportsPath}/tabelle/${id}.${format}${query(params)}`;
export const pdfPath = (params: ReportParams) => `${reportsPath}/bericht.pdf${query(params)}`;

function TableWithChart({ table, params }: { table: ReportTable; params: ReportParams }) {
  const { t, locale } = usePage();
  const number = new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB");
  const chart = table.chart;
  return (
    <section class="report-table stack" aria-labelledby={`h-${table.id}`}>
      <h3 class="kern-heading kern-heading-medium" id={`h-${table.id}`}>
        {table.title}
      </h3>
      <div class={chart && table.rows.length ? (chart.below ? "stack" : "chart-with-table") : undefined}>
        <Table
          caption={table.title}
          captionHidden
          headers={table.headers}
          numeric={table.numeric}
          // Four columns do not fit beside each other on a phone: one card per row there.
          cards={table.headers.length >= 4}
          rows={table.rows.map((row) => row.map((cell) => (typeof cell === "number" ? number.format(cell) : cell)))}
        />
        {chart && table.rows.length ? (
          <figure class="chart">
            <BarChart
              id={`chart-${table.id}`}
              title={table.title}
              description={chart.description}
              categories={table.rows.map((row) => String(row[chart.label]))}
              series={chart.series.map((col, i) => ({
                name: chart.names?.[i] ?? (table.headers[col] as string),
                values: table.rows.map((row) => Number(row[col])),
              }))}
            />
          </figure>
        ) : null}
      </div>
      <p class="report-exports">
        {t("reports.exports")}{" "}
        <a class="kern-link" href={tablePath(table.id, "csv", params)}>
          {t("reports.exports.of", { table: table.title, format: t("reports.exports.csv") })}
        </a>
        {" · "}
        <a class="kern-link" href={tablePath(table.id, "xlsx", params)}>
          {t("reports.exports.of", { table: table.title, format: t("reports.exports.xlsx") })}
        </a>
      </p>
    </section>
  );
}

/** /verwaltung/berichte — the dashboard: period and filters (GET, in the address), figures, tables, charts. */
export function DashboardPage({
  report,
  params,
  errors,
  thisYear,
}: {
  report: Report;
  params: ReportParams;
  errors: Record<string, string>;
  thisYear: number;
}) {
  const { t, locale } = usePage();
  const tables = reportTables(report, t, locale);
  const byId = new Map(tables.map((x) => [x.id, x]));
  const section = (id: string) => {
    const table = byId.get(id);
    return table ? <TableWithChart table={table} params={params} /> : null;
  };
  const years = Array.from({ length: thisYear + 2 - 2020 }, (_, i) => String(thisYear + 1 - i));
  const any = t("reports.filter.any");
  return (
    <div class="stack report">
      <Heading>{t("reports.title")}</Heading>
      <p>{t(report.allEvents ? "reports.intro.all" : "reports.intro.own")}</p>
      <ErrorSummary errors={errors} />

      <section class="report-filters" aria-labelledby="h-filter">
        <h2 class="kern-heading kern-heading-large" id="h-filter">
          {t("reports.filter.heading")}
        </h2>
        <Form action={reportsPath} method="get" class="report-filter-form">
          <Select
            name="year"
            label={t("reports.filter.year")}
            options={years.map((y) => ({ value: y, label: y }))}
            value={params.year ?? (report.period.kind === "range" ? undefined : String(report.period.year))}
            error={errors.year}
          />
          <Select
            name="quarter"
            label={t("reports.filter.quarter")}
            placeholder={t("reports.filter.quarterAll")}
            options={["1", "2", "3", "4"].map((q) => ({ value: q, label: `${q}.` }))}
            value={params.quarter}
            error={errors.quarter}
          />
          <TextField
            name="from"
            type="date"
            label={t("reports.filter.from")}
            hint={t("reports.filter.dayHint")}
            value={params.from}
            error={errors.from}
          />
          <TextField name="to" type="date" label={t("reports.filter.to")} value={params.to} error={errors.to} />
          <Select
            name="area"
            label={t("reports.filter.area")}
            placeholder={any}
            options={educationAreas.map((a) => ({ value: a.id, label: a[locale] }))}
            value={params.area}
            error={errors.area}
          />
          <Select
            name="municipality"
            label={t("reports.filter.municipality")}
            placeholder={any}
            options={municipalities.map((m) => ({ value: m, label: m }))}
            value={params.municipality}
            error={errors.municipality}
          />
          <Select
            name="kind"
            label={t("reports.filter.kind")}
            placeholder={any}
            options={organisationKinds.map((k) => ({ value: k.id, label: k[locale] }))}
            value={params.kind}
            error={errors.kind}
          />
          <div class="report-filter-actions">
            <Button>{t("reports.filter.submit")}</Button>
            <a class="kern-link" href={reportsPath}>
              {t("reports.filter.reset")}
            </a>
          </div>
        </Form>
      </section>

      <p class="report-period">
        <strong>{t("reports.period.shown", { period: periodLabel(report.period, t, locale) })}</strong>
      </p>
      <p class="report-actions">
        <LinkButton href={pdfPath(params)}>{t("reports.pdf.link")}</LinkButton>
      </p>
      <p class="report-print-hint">{t("reports.print")}</p>

      <section class="stack" aria-labelledby="h-key">
        <h2 class="kern-heading kern-heading-large" id="h-key">
          {t("reports.key.heading")}
        </h2>
        <ul class="key-figures">
          {keyFigures(report, t, locale).map((k) => (
            <li class="key-figure" key={k.label}>
              <span class="key-figure__value">{k.value}</span>
              <span class="key-figure__label">{k.label}</span>
              {k.compare ? <span class="key-figure__compare">{k.compare}</span> : null}
            </li>
          ))}
        </ul>
        {section("jahre")}
      </section>

      <section class="stack" aria-labelledby="h-participants">
        <h2 class="kern-heading kern-heading-large" id="h-participants">
          {t("reports.participants.heading")}
        </h2>
        <p>{t("reports.participants.intro")}</p>
        {section("art")}
        {section("bereich")}
        {section("funktion")}
        <p>{t("reports.byMunicipality.intro")}</p>
        {section("gemeinde")}
      </section>

      <section class="stack" aria-labelledby="h-network">
        <h2 class="kern-heading kern-heading-large" id="h-network">
          {t("reports.network.heading")}
        </h2>
        <p>{t("reports.network.asOf", { date: formatDate(report.network.asOf, locale) })}</p>
        <DescriptionList
          items={[
            [t("reports.network.organisations"), String(report.network.organisations)],
            [t("reports.network.active"), String(report.network.active)],
            [t("reports.network.isolated"), String(report.network.isolated)],
            [t("reports.network.gapKita"), String(report.network.gaps.kitaWithoutPrimary)],
            [t("reports.network.gapSchool"), String(report.network.gaps.schoolWithoutTransition)],
          ]}
        />
        <p>{t("reports.network.overTime.intro")}</p>
        {section("netzwerk-zeitverlauf")}
        {section("netzwerk-bereich")}
        {section("netzwerk-gemeinde")}
        {report.network.starts.perQuarter.length ? (
          section("kooperationen-quartal")
        ) : (
          <p>{t("reports.network.noQuarters")}</p>
        )}
        {section("bereich-verbindungen")}
      </section>

      <section class="stack" aria-labelledby="h-exchange">
        <h2 class="kern-heading kern-heading-large" id="h-exchange">
          {t("reports.exchange.heading")}
        </h2>
        <p>
          {t("reports.exchange.intro", {
            total: report.exchange.total,
            done: report.exchange.done,
            matched: report.exchange.matched,
          })}
        </p>
        {section("austausch")}
      </section>

      <section class="stack" aria-labelledby="h-scores">
        <h2 class="kern-heading kern-heading-large" id="h-scores">
          {t("reports.scores.section")}
        </h2>
        <p>{t("reports.scores.intro")}</p>
        {report.scores.length ? section("bewertung") : <p>{t("reports.scores.none")}</p>}
      </section>
    </div>
  );
}
