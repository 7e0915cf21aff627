import { formatDate } from "../../../platform/i18n/i18n.js";
import { Heading, Table } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { educationAreas } from "../../directory/index.js";
import type { PublicFigure, PublicFigures } from "../reports.service.js";

export const figuresPath = "/zahlen";
export const figuresApiPath = "/api/v1/figures";

const shown = (v: PublicFigure) => String(v);

/** /zahlen — the public key figures: no personal data, nothing below 5. */
export function FiguresPage({ figures, district }: { figures: PublicFigures; district: string }) {
  const { t, locale } = usePage();
  const area = (id: string) => educationAreas.find((a) => a.id === id)?.[locale] ?? id;
  const coopByArea = new Map(figures.cooperationsByArea.map((r) => [r.key, r.value]));
  return (
    <div class="stack report">
      <Heading>{t("reports.figures.title")}</Heading>
      <p>{t("reports.figures.intro", { district })}</p>
      <p>{t("reports.figures.asOf", { date: formatDate(figures.asOf, locale) })}</p>
      <p>
        <a class="kern-link" href={figuresApiPath} type="application/json">
          {t("reports.figures.json")}
        </a>
      </p>
      <Table
        caption={t("reports.figures.total")}
        headers={[t("reports.col.figure"), t("reports.col.value")]}
        numeric={[1]}
        rows={[
          [t("reports.figures.organisations"), shown(figures.organisations)],
          [t("reports.figures.cooperations"), shown(figures.cooperations)],
        ]}
      />
      <Table
        caption={t("reports.figures.byArea")}
        headers={[t("reports.col.area"), t("reports.col.organisations"), t("reports.col.cooperations")]}
        numeric={[1, 2]}
        rows={figures.organisationsByArea.map((r) => [
          area(r.key),
          shown(r.value),
          shown(coopByArea.get(r.key) ?? "< 5"),
        ])}
      />
      <Table
        caption={t("reports.figures.byMunicipality")}
        headers={[t("reports.col.municipality"), t("reports.col.organisations")]}
        numeric={[1]}
        rows={figures.organisationsByMunicipality.map((r) => [r.key, shown(r.value)])}
      />
      {figures.years.length ? (
        <>
          <Table
            caption={t("reports.figures.years")}
            headers={[t("reports.years.year"), t("reports.figures.events"), t("reports.figures.participants")]}
            numeric={[1, 2]}
            rows={figures.years.map((y) => [String(y.year), shown(y.events), shown(y.participants)])}
          />
          <p>{t("reports.figures.participantsNote")}</p>
        </>
      ) : (
        <p>{t("reports.figures.noYears")}</p>
      )}
    </div>
  );
}
