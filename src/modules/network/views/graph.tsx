import { Button, Heading, LinkButton, Pagination, Select } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { areaOrder, cooperationKinds } from "../constants.js";
import { GRAPH_MAX_NODES, type GraphModel, primaryArea } from "../graph.service.js";
import { areaShapes, type Layout, layoutKinds, NONE_GROUP, nodeRadius, shapePath } from "../layout.js";
import { areaLabel } from "./labels.js";

export const TABLE_PAGE_SIZE = 100;

export interface GraphPageProps {
  model: GraphModel;
  filter: {
    bereich?: string | undefined;
    art?: string | undefined;
    gemeinde?: string | undefined;
    anordnung?: string | undefined;
  };
  page: number;
}

export function NetworkSummary({ model }: { model: GraphModel }) {
  const { t } = usePage();
  const a = model.analysis;
  const kitas = a.gaps.filter((g) => g.kind === "kita_ohne_grundschule").length;
  const schools = a.gaps.filter((g) => g.kind === "schule_ohne_uebergang_beruf").length;
  return (
    <div class="network-summary" id="zusammenfassung">
      <p class="kern-body kern-body--large">
        {t("network.graph.summary", {
          organisations: a.organisations,
          cooperations: a.cooperations,
          isolated: a.isolated.length,
          components: a.components,
        })}{" "}
        {a.componentSizes[0] && a.componentSizes[0] > 1
          ? t("network.graph.summaryLargest", { size: a.componentSizes[0] })
          : null}
      </p>
      <p class="kern-body">{t("network.graph.summaryGaps", { kitas, schools })}</p>
    </div>
  );
}

function Filters({ model, filter }: GraphPageProps) {
  const { t, locale } = usePage();
  const all = t("network.graph.all");
  return (
    <form method="get" action="/netzwerk" class="filter-form" aria-label={t("network.graph.filters")}>
      <div class="filter-form__fields">
        <Select
          name="bereich"
          label={t("network.graph.area")}
          placeholder={all}
          value={filter.bereich}
          options={areaOrder.map((a) => ({ value: a, label: areaLabel(a, locale, t) }))}
        />
        <Select
          name="art"
          label={t("network.graph.kind")}
          placeholder={all}
          value={filter.art}
          options={cooperationKinds.map((k) => ({ value: k, label: t(`network.kind.${k}`) }))}
        />
        <Select
          name="gemeinde"
          label={t("network.graph.municipality")}
          placeholder={all}
          value={filter.gemeinde}
          options={model.municipalities.map((m) => ({ value: m, label: m }))}
        />
        <Select
          name="anordnung"
          label={t("network.graph.layout")}
          value={filter.anordnung ?? "bereiche"}
          options={layoutKinds.map((k) => ({ value: k, label: t(`network.graph.layout.${k}`) }))}
        />
      </div>
      <div class="button-row">
        <Button>{t("network.graph.apply")}</Button>
        <a class="kern-link" href="/netzwerk">
          {t("network.graph.reset")}
        </a>
      </div>
    </form>
  );
}

export function Legend({ areas }: { areas: string[] }) {
  const { t, locale } = usePage();
  return (
    <div class="network-legend">
      <h2 class="kern-heading kern-heading-small" id="legende">
        {t("network.graph.legend")}
      </h2>
      <ul class="network-legend__list" aria-labelledby="legende">
        {areas.map((area) => (
          <li key={area}>
            <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" focusable="false">
              <path class={`node-shape area-${area}`} d={shapePath(areaShapes[area] ?? "circle", 11, 11, 8)} />
            </svg>
            <span>{areaLabel(area, locale, t)}</span>
          </li>
        ))}
      </ul>
      <p class="kern-body kern-body--small">{t("network.graph.legendHint")}</p>
    </div>
  );
}

export function NetworkSvg({ model, layout }: { model: GraphModel; layout: Layout }) {
  const { t, locale } = usePage();
  const nodes = model.nodes;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const vb = layout.viewBox;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG with links inside is a group, not a fieldset
    <svg
      class="network-graph"
      id="netzwerkgrafik"
      viewBox={`${vb.x} ${vb.y} ${vb.width} ${vb.height}`}
      role="group"
      aria-label={t("network.graph.label")}
      data-viewbox={`${vb.x} ${vb.y} ${vb.width} ${vb.height}`}
    >
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: lines are not focusable; the table carries the same data */}
      <g class="edges" aria-hidden="true">
        {model.edges.map((e) => {
          const a = layout.positions.get(e.source)!;
          const b = layout.positions.get(e.target)!;
          return (
            <line
              key={`${e.source}-${e.target}`}
              class={`edge${e.count > 1 ? " edge--multi" : ""}`}
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              data-a={`n${index.get(e.source)}`}
              data-b={`n${index.get(e.target)}`}
            />
          );
        })}
      </g>
      <g class="nodes">
        {nodes.map((n, i) => {
          const p = layout.positions.get(n.id)!;
          const area = primaryArea(n.areas);
          const r = nodeRadius(n.partners.length);
          const label = t("network.graph.nodeLabel", {
            name: n.name,
            area: areaLabel(area, locale, t),
            partners: n.partners.length,
          });
          const neighbours = n.partners.map((x) => `n${index.get(x.id)}`).join(" ");
          const fixed = model.labels.has(n.id);
          const shape = (
            <>
              <title>{label}</title>
              <path class={`node-shape area-${area}`} d={shapePath(areaShapes[area] ?? "circle", p.x, p.y, r)} />
              {fixed ? null : (
                <text class="node-label" x={p.x + r + 3} y={p.y + 4}>
                  {n.name}
                </text>
              )}
            </>
          );
          return n.slug ? (
            <a
              key={n.id}
              class="node"
              id={`n${i}`}
              href={`/akteure/${n.slug}`}
              aria-label={label}
              data-neighbours={neighbours}
            >
              {shape}
            </a>
          ) : (
            <g key={n.id} class="node" id={`n${i}`} data-neighbours={neighbours}>
              {shape}
            </g>
          );
        })}
      </g>
      {/* Drawn last, so no node covers a name; placed on the server where none overlaps
          another. Hidden from screen readers: each node's link already says its name. */}
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: text is not focusable; the node links carry the names */}
      <g class="labels" aria-hidden="true">
        {nodes.map((n) => {
          const l = model.labels.get(n.id);
          return l ? (
            <text
              key={n.id}
              class="node-label node-label--fixed"
              x={l.x}
              y={l.y}
              text-anchor={l.anchor}
              data-for={`n${index.get(n.id)}`}
            >
              {l.text}
            </text>
          ) : null;
        })}
      </g>
    </svg>
  );
}

export function GraphPage(props: GraphPageProps) {
  const { t, locale } = usePage();
  const { model, page } = props;
  const areasShown = [...new Set(model.nodes.map((n) => primaryArea(n.areas)))].sort((a, b) =>
    a === NONE_GROUP ? 1 : b === NONE_GROUP ? -1 : areaOrder.indexOf(a as never) - areaOrder.indexOf(b as never),
  );
  const pageCount = Math.max(1, Math.ceil(model.nodes.length / TABLE_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const rows = model.nodes.slice((current - 1) * TABLE_PAGE_SIZE, current * TABLE_PAGE_SIZE);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(props.filter)) if (v) query.set(k, v);
  return (
    <div class="stack">
      <Heading>{t("network.graph.title")}</Heading>
      <p class="kern-body">{t("network.graph.intro")}</p>
      <Filters {...props} />
      <NetworkSummary model={model} />
      {model.nodes.length === 0 ? (
        <p class="kern-body">{t("network.graph.empty")}</p>
      ) : !model.layout ? (
        <p class="kern-body">{t("network.graph.tooMany", { max: GRAPH_MAX_NODES })}</p>
      ) : (
        <div class="network-figure">
          <a class="kern-link network-skip" href="#tabelle">
            {t("network.graph.skip")}
          </a>
          <div
            class="network-zoom"
            data-zoom-in={t("network.graph.zoomIn")}
            data-zoom-out={t("network.graph.zoomOut")}
            data-zoom-reset={t("network.graph.zoomReset")}
          />
          <NetworkSvg model={model} layout={model.layout} />
          <Legend areas={areasShown} />
        </div>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section class="kern-table-responsive" id="tabelle" tabIndex={0} aria-labelledby="tabelle-caption">
        <table class="kern-table">
          <caption class="kern-title" id="tabelle-caption">
            {t("network.graph.table")}
          </caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                {t("network.graph.col.organisation")}
              </th>
              <th scope="col" class="kern-table__header">
                {t("network.graph.col.areas")}
              </th>
              <th scope="col" class="kern-table__header kern-table__header--numeric">
                {t("network.graph.col.partnerCount")}
              </th>
              <th scope="col" class="kern-table__header">
                {t("network.graph.col.partners")}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {rows.map((n) => (
              <tr class="kern-table__row" key={n.id}>
                <th scope="row" class="kern-table__cell">
                  {n.slug ? (
                    <a class="kern-link" href={`/akteure/${n.slug}`}>
                      {n.name}
                    </a>
                  ) : (
                    n.name
                  )}
                </th>
                <td class="kern-table__cell">{n.areas.map((a) => areaLabel(a, locale, t)).join(", ")}</td>
                <td class="kern-table__cell kern-table__cell--numeric">{n.partners.length}</td>
                <td class="kern-table__cell">
                  {n.partners.length === 0
                    ? t("network.graph.noPartners")
                    : n.partners.map((p, i) => (
                        <span key={p.id}>
                          {i > 0 ? ", " : null}
                          {p.slug ? (
                            <a class="kern-link" href={`/akteure/${p.slug}`}>
                              {p.name}
                            </a>
                          ) : (
                            p.name
                          )}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Pagination page={current} pageCount={pageCount} baseQuery={query} path="/netzwerk" />
      <h2 class="kern-heading kern-heading-large">{t("network.graph.links")}</h2>
      <div class="button-row">
        <LinkButton href="/netzwerk/analyse">{t("network.graph.toAnalysis")}</LinkButton>
        <LinkButton href="/kooperationen">{t("network.graph.toCooperations")}</LinkButton>
        <LinkButton href="/netzwerke">{t("network.graph.toNetworks")}</LinkButton>
      </div>
    </div>
  );
}
