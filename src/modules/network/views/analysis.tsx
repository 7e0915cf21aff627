import { DescriptionList, Heading, LinkButton, Table } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { NetworkAnalysis } from "../analysis.js";
import { areaOrder } from "../constants.js";
import { areaLabel, formatDay } from "./labels.js";

export interface OrgRef {
  name: string;
  slug: string | null;
  municipality: string | null;
}

export interface AnalysisPageProps {
  analysis: NetworkAnalysis;
  organisations: Map<string, OrgRef>;
}

const LIST_MAX = 200;

function OrgLink({ org, id }: { org: OrgRef | undefined; id: string }) {
  if (!org) return <>{id}</>;
  return org.slug ? (
    <a class="kern-link" href={`/akteure/${org.slug}`}>
      {org.name}
    </a>
  ) : (
    org.name
  );
}

export const formatDensity = (value: number, locale: string) =>
  new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 4 }).format(value);

function AreaMatrix({ analysis }: { analysis: NetworkAnalysis }) {
  const { t, locale } = usePage();
  const areas = [...areaOrder] as string[];
  const count = (a: string, b: string) =>
    analysis.areaLinks.find((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a))?.count ?? 0;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="kern-table-responsive" tabIndex={0} aria-labelledby="matrix-caption">
      <table class="kern-table network-matrix">
        <caption class="kern-title" id="matrix-caption">
          {t("network.analysis.matrix")}
        </caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            <td class="kern-table__header" />
            {areas.map((a) => (
              <th scope="col" class="kern-table__header kern-table__header--numeric" key={a}>
                {areaLabel(a, locale, t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {areas.map((row) => (
            <tr class="kern-table__row" key={row}>
              <th scope="row" class="kern-table__cell">
                {areaLabel(row, locale, t)}
              </th>
              {areas.map((col) => (
                <td class="kern-table__cell kern-table__cell--numeric" key={col}>
                  {count(row, col)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function GrowthChart({ analysis }: { analysis: NetworkAnalysis }) {
  const { t } = usePage();
  const rows = analysis.growth;
  if (rows.length === 0) return null;
  const max = Math.max(1, ...rows.map((r) => r.active));
  const barWidth = 24;
  const gap = 8;
  const height = 160;
  const width = rows.length * (barWidth + gap) + gap;
  return (
    <svg
      class="growth-chart"
      viewBox={`0 0 ${width} ${height + 40}`}
      role="img"
      aria-label={t("network.analysis.chart")}
    >
      <line class="growth-chart__axis" x1="0" y1={height} x2={width} y2={height} />
      {rows.map((r, i) => {
        const h = Math.round((r.active / max) * (height - 20));
        const x = gap + i * (barWidth + gap);
        return (
          <g key={r.quarter}>
            <rect class="growth-chart__bar" x={x} y={height - h} width={barWidth} height={h} />
            <text class="growth-chart__value" x={x + barWidth / 2} y={height - h - 4} text-anchor="middle">
              {r.active}
            </text>
            {i % 4 === 0 || i === rows.length - 1 ? (
              <text class="growth-chart__label" x={x + barWidth / 2} y={height + 16} text-anchor="middle">
                {r.quarter.replace("-", " ")}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

export function AnalysisPage({ analysis, organisations }: AnalysisPageProps) {
  const { t, locale } = usePage();
  const a = analysis;
  return (
    <div class="stack">
      <Heading>{t("network.analysis.title")}</Heading>
      <p class="kern-body">{t("network.analysis.intro", { date: formatDay(a.asOf, locale) })}</p>
      <div class="button-row">
        <LinkButton href="/netzwerk/analyse.csv" download>
          {t("network.analysis.csv")}
        </LinkButton>
      </div>

      <h2 class="kern-heading kern-heading-large">{t("network.analysis.overview")}</h2>
      <DescriptionList
        items={[
          [t("network.analysis.organisations"), String(a.organisations)],
          [t("network.analysis.cooperations"), String(a.cooperations)],
          [t("network.analysis.edges"), String(a.edges)],
          [
            t("network.analysis.density"),
            <>
              {formatDensity(a.density, locale)}{" "}
              <span class="kern-body--small">({t("network.analysis.densityHint")})</span>
            </>,
          ],
          [t("network.analysis.components"), String(a.components)],
          [
            t("network.analysis.componentSizes"),
            a.componentSizes.length > 20
              ? `${a.componentSizes.slice(0, 20).join(", ")} ${t("network.analysis.more", { count: a.componentSizes.length - 20 })}`
              : a.componentSizes.join(", "),
          ],
          [t("network.analysis.isolatedCount"), String(a.isolated.length)],
        ]}
      />

      <h2 class="kern-heading kern-heading-large" id="luecken">
        {t("network.analysis.gaps")}
      </h2>
      {a.gaps.length === 0 ? (
        <p class="kern-body">{t("network.analysis.gapsNone")}</p>
      ) : (
        <Table
          caption={`${t("network.analysis.gaps")} (${a.gaps.length})`}
          headers={[
            t("network.graph.col.organisation"),
            t("network.analysis.col.gap"),
            t("network.analysis.col.municipality2"),
          ]}
          rows={a.gaps
            .slice(0, LIST_MAX)
            .map((g) => [
              <OrgLink key="o" id={g.organisationId} org={organisations.get(g.organisationId)} />,
              t(`network.gap.${g.kind}`),
              organisations.get(g.organisationId)?.municipality ?? "",
            ])}
        />
      )}
      {a.gaps.length > LIST_MAX ? (
        <p class="kern-body">{t("network.analysis.more", { count: a.gaps.length - LIST_MAX })}</p>
      ) : null}

      <h2 class="kern-heading kern-heading-large">{t("network.analysis.isolated")}</h2>
      {a.isolated.length === 0 ? (
        <p class="kern-body">{t("network.analysis.isolatedNone")}</p>
      ) : (
        <ul class="kern-list network-columns">
          {a.isolated.slice(0, LIST_MAX).map((id) => (
            <li key={id}>
              <OrgLink id={id} org={organisations.get(id)} />
            </li>
          ))}
          {a.isolated.length > LIST_MAX ? (
            <li>{t("network.analysis.more", { count: a.isolated.length - LIST_MAX })}</li>
          ) : null}
        </ul>
      )}

      <h2 class="kern-heading kern-heading-large">{t("network.analysis.matrix")}</h2>
      <p class="kern-body">{t("network.analysis.matrixHint")}</p>
      <AreaMatrix analysis={a} />

      <h2 class="kern-heading kern-heading-large">{t("network.analysis.byArea")}</h2>
      <Table
        caption={t("network.analysis.byArea")}
        headers={[
          t("network.analysis.col.area"),
          t("network.analysis.col.organisations"),
          t("network.analysis.col.cooperations"),
        ]}
        numeric={[1, 2]}
        rows={a.byArea.map((r) => [areaLabel(r.key, locale, t), r.organisations, r.cooperations])}
      />

      <h2 class="kern-heading kern-heading-large">{t("network.analysis.byMunicipality")}</h2>
      <Table
        caption={t("network.analysis.byMunicipality")}
        headers={[
          t("network.analysis.col.municipality"),
          t("network.analysis.col.organisations"),
          t("network.analysis.col.cooperations"),
        ]}
        numeric={[1, 2]}
        rows={a.byMunicipality.map((r) => [r.key, r.organisations, r.cooperations])}
      />

      <h2 class="kern-heading kern-heading-large">{t("network.analysis.growth")}</h2>
      {a.growth.length === 0 ? (
        <p class="kern-body">{t("network.analysis.growthNone")}</p>
      ) : (
        <>
          <GrowthChart analysis={a} />
          <Table
            caption={t("network.analysis.growth")}
            headers={[t("network.analysis.col.quarter"), t("network.analysis.col.active")]}
            numeric={[1]}
            rows={a.growth.map((r) => [r.quarter.replace("-", " "), r.active])}
          />
        </>
      )}
    </div>
  );
}
