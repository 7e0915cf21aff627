import { type Cell, toCsv } from "../../lib/spreadsheet.js";
import type { Locale, Translate } from "../../platform/i18n/i18n.js";
import type { NetworkAnalysis } from "./analysis.js";
import { areaLabel } from "./views/labels.js";

const formatNumber = (value: number) => String(Math.round(value * 10_000) / 10_000).replace(".", ",");

/**
 * The analysis as one long table (section; key; label; value; value 2) so each part
 * can be filtered in Excel. UTF-8 with byte order mark and CRLF, as Excel expects.
 */
export function analysisCsv(
  a: NetworkAnalysis,
  names: Map<string, { name: string; municipality: string | null }>,
  t: Translate,
  locale: Locale,
): string {
  const rows: Cell[][] = [];
  const figure = (key: string, label: string, value: string | number) => rows.push(["Kennzahl", key, label, value, ""]);
  figure("stichtag", "Stichtag", a.asOf);
  figure("organisationen", t("network.analysis.organisations"), a.organisations);
  figure("kooperationen", t("network.analysis.cooperations"), a.cooperations);
  figure("verbundene_paare", t("network.analysis.edges"), a.edges);
  figure("dichte", t("network.analysis.density"), formatNumber(a.density));
  figure("komponenten", t("network.analysis.components"), a.components);
  figure("ohne_kooperation", t("network.analysis.isolatedCount"), a.isolated.length);
  for (const r of a.byArea)
    rows.push(["Bildungsbereich", r.key, areaLabel(r.key, locale, t), r.organisations, r.cooperations]);
  for (const r of a.byMunicipality) rows.push(["Gemeinde", r.key, r.key, r.organisations, r.cooperations]);
  for (const l of a.areaLinks) {
    rows.push([
      "Bereichsverbindung",
      `${l.from}|${l.to}`,
      `${areaLabel(l.from, locale, t)} – ${areaLabel(l.to, locale, t)}`,
      l.count,
      "",
    ]);
  }
  for (const g of a.gaps) {
    const org = names.get(g.organisationId);
    rows.push(["Lücke", g.organisationId, org?.name ?? "", g.kind, org?.municipality ?? ""]);
  }
  for (const id of a.isolated) {
    const org = names.get(id);
    rows.push(["Ohne Kooperation", id, org?.name ?? "", "", org?.municipality ?? ""]);
  }
  for (const q of a.growth) rows.push(["Quartal", q.quarter, q.quarter.replace("-", " "), q.active, ""]);
  return toCsv(["Abschnitt", "Schlüssel", "Bezeichnung", "Wert", "Wert 2"], rows);
}
