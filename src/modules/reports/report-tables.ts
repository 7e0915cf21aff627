import type { Locale, Translate } from "../../platform/i18n/i18n.js";
import { formatShortDate } from "../../platform/i18n/i18n.js";
import { educationAreas, organisationKinds } from "../directory/index.js";
import { change, NONE, type Period, type Report } from "./reports.service.js";

// The dashboard's tables, built once from a report: the page shows them (with a chart
// beside most), the CSV/XLSX exports send one of them, the PDF prints them all. So a
// figure can never differ between the page and its download.

export interface ReportTable {
  /** Stable: part of the export's address (…/tabelle/<id>.csv). */
  id: string;
  title: string;
  headers: string[];
  rows: (string | number)[][];
  /** Columns holding numbers (right-aligned, charted). */
  numeric: number[];
  /**
   * Chart description; no chart when absent. `names`: short legend names of the series
   * (the column headers otherwise); `below`: the table needs the whole width, the chart goes under it.
   */
  chart?: { description: string; label: number; series: number[]; names?: string[]; below?: boolean };
}

const label = (terms: readonly { id: string; de: string; en: string }[], id: string, t: Translate, locale: Locale) =>
  id === NONE ? t("reports.none") : (terms.find((x) => x.id === id)?.[locale] ?? id);

export function periodLabel(p: Period, t: Translate, locale: Locale): string {
  if (p.kind === "year") return t("reports.period.year", { year: p.year as number });
  if (p.kind === "quarter")
    return t("reports.period.quarter", { quarter: p.quarter as number, year: p.year as number });
  return t("reports.period.range", { from: formatShortDate(p.from, locale), to: formatShortDate(p.to, locale) });
}

/** "+12 % gegenüber 2024" */
export function comparison(now: number, before: number, previous: Period, t: Translate, locale: Locale): string {
  const period = periodLabel(previous, t, locale);
  const pct = change(now, before);
  if (pct === null) return t("reports.compare.none", { period });
  if (pct === 0) return t("reports.compare.same", { period });
  return t(pct > 0 ? "reports.compare.up" : "reports.compare.down", { pct: Math.abs(pct), period });
}

export const percentText = (n: number, of: number, locale: Locale): string =>
  of === 0
    ? "–"
    : new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(
        n / of,
      );

/** The key figures: label, value, and the comparison with the period before. */
export function keyFigures(
  r: Report,
  t: Translate,
  locale: Locale,
): { label: string; value: string; compare?: string }[] {
  const c = r.current;
  const b = r.before;
  const cmp = (now: number, before: number) => comparison(now, before, r.previous, t, locale);
  return [
    { label: t("reports.key.events"), value: String(c.events), compare: cmp(c.events, b.events) },
    {
      label: t("reports.key.registrations"),
      value: String(c.registrations.total),
      compare: cmp(c.registrations.total, b.registrations.total),
    },
    {
      label: t("reports.key.confirmed"),
      value: String(c.registrations.confirmed),
      compare: cmp(c.registrations.confirmed, b.registrations.confirmed),
    },
    {
      label: t("reports.key.present"),
      value: String(c.registrations.present),
      compare: cmp(c.registrations.present, b.registrations.present),
    },
    {
      label: t("reports.key.participants"),
      value: String(c.registrations.participants),
      compare: cmp(c.registrations.participants, b.registrations.participants),
    },
    { label: t("reports.key.noShow"), value: String(c.registrations.noShow) },
    {
      label: t("reports.key.noShowRate"),
      value: percentText(c.registrations.noShow, c.registrations.heldConfirmed, locale),
    },
    {
      label: t("reports.key.waitlistOnly"),
      value: String(c.registrations.waitlistOnly),
      compare: cmp(c.registrations.waitlistOnly, b.registrations.waitlistOnly),
    },
    { label: t("reports.key.firstWish"), value: percentText(c.firstWish.firstWish, c.firstWish.placed, locale) },
    {
      label: t("reports.network.started"),
      value: String(r.network.starts.started),
      compare: cmp(r.network.starts.started, r.previousStarts.started),
    },
    { label: t("reports.network.startedAtFachtag"), value: String(r.network.starts.startedAtFachtag) },
  ];
}

export function reportTables(r: Report, t: Translate, locale: Locale): ReportTable[] {
  const c = r.current;
  const n = r.network;
  const area = (id: string) => label(educationAreas, id, t, locale);
  const count = t("reports.participants.count");
  return [
    {
      id: "kennzahlen",
      title: t("reports.key.heading"),
      headers: [t("reports.col.figure"), t("reports.col.value")],
      rows: [
        ...keyFigures(r, t, locale).map((k) => [k.label, k.value]),
        [t("reports.network.organisations"), n.organisations],
        [t("reports.network.active"), n.active],
        [t("reports.network.isolated"), n.isolated],
        [t("reports.network.gapKita"), n.gaps.kitaWithoutPrimary],
        [t("reports.network.gapSchool"), n.gaps.schoolWithoutTransition],
      ],
      numeric: [],
    },
    {
      id: "jahre",
      title: t("reports.years.heading"),
      headers: [
        t("reports.years.year"),
        t("reports.key.events"),
        t("reports.col.confirmed"),
        t("reports.key.present"),
        t("reports.col.participants"),
      ],
      rows: c.perYear.map((y) => [String(y.year), y.events, y.confirmed, y.present, y.participants]),
      numeric: [1, 2, 3, 4],
      chart: { description: t("reports.years.desc"), label: 0, series: [2, 4] },
    },
    {
      id: "art",
      title: t("reports.byKind"),
      headers: [t("reports.col.kind"), count],
      rows: c.byKind.map((k) => [label(organisationKinds, k.key, t, locale), k.count]),
      numeric: [1],
      chart: { description: t("reports.byKind.desc"), label: 0, series: [1] },
    },
    {
      id: "bereich",
      title: t("reports.byArea"),
      headers: [t("reports.col.area"), count],
      rows: c.byArea.map((a) => [area(a.key), a.count]),
      numeric: [1],
      chart: { description: t("reports.byArea.desc"), label: 0, series: [1] },
    },
    {
      id: "funktion",
      title: t("reports.byRole"),
      headers: [t("reports.col.role"), count],
      rows: c.byRole.map((x) => [x.key === NONE ? t("reports.none") : x.key, x.count]),
      numeric: [1],
    },
    {
      id: "gemeinde",
      title: t("reports.byMunicipality"),
      headers: [t("reports.col.municipality"), count],
      rows: c.byMunicipality.map((m) => [m.key === NONE ? t("reports.none") : m.key, m.count]),
      numeric: [1],
      chart: { description: t("reports.byMunicipality.desc"), label: 0, series: [1] },
    },
    {
      id: "netzwerk-bereich",
      title: t("reports.network.byArea"),
      headers: [t("reports.col.area"), t("reports.col.organisations"), t("reports.col.cooperations")],
      rows: n.byArea.map((a) => [area(a.key), a.organisations, a.cooperations]),
      numeric: [1, 2],
    },
    {
      id: "netzwerk-gemeinde",
      title: t("reports.network.byMunicipality"),
      headers: [t("reports.col.municipality"), t("reports.col.organisations"), t("reports.col.cooperations")],
      rows: n.byMunicipality.map((m) => [m.key, m.organisations, m.cooperations]),
      numeric: [1, 2],
    },
    {
      id: "netzwerk-zeitverlauf",
      title: t("reports.network.overTime"),
      headers: [
        t("reports.col.asOf"),
        t("reports.col.cooperations"),
        t("reports.col.isolated"),
        t("reports.col.gapKita"),
        t("reports.col.gapSchool"),
      ],
      rows: n.overTime.map((x) => [
        t("reports.network.overTime.part", { part: x.label, day: formatShortDate(x.day, locale) }),
        x.active,
        x.isolated,
        x.kitaWithoutPrimary,
        x.schoolWithoutTransition,
      ]),
      numeric: [1, 2, 3, 4],
      chart: {
        description: t("reports.network.overTime.desc"),
        label: 0,
        series: [2, 3, 4],
        names: [t("reports.chart.isolated"), t("reports.chart.gapKita"), t("reports.chart.gapSchool")],
        below: true,
      },
    },
    {
      id: "kooperationen-quartal",
      title: t("reports.network.quarters"),
      headers: [t("reports.col.quarter"), t("reports.col.started"), t("reports.col.atFachtag")],
      rows: n.starts.perQuarter.map((q) => [q.quarter, q.started, q.atFachtag]),
      numeric: [1, 2],
      chart: { description: t("reports.network.quarters.desc"), label: 0, series: [1, 2] },
    },
    {
      id: "bewertung",
      title: t("reports.scores.heading"),
      headers: [t("reports.col.fachtag"), t("reports.col.date"), t("reports.col.answers"), t("reports.col.overall")],
      rows: r.scores.map((x) => [
        x.title,
        formatShortDate(x.startsAt, locale),
        x.answers,
        x.overall === null ? "–" : x.overall,
      ]),
      numeric: [2, 3],
    },
    {
      id: "austausch",
      title: t("reports.exchange.byKind"),
      headers: [t("reports.col.postKind"), t("reports.col.posts")],
      rows: [
        ...r.exchange.byKind.map((k) => [t(`exchange.kind.${k.key}`), k.count]),
        [t("reports.exchange.done"), r.exchange.done],
        [t("reports.exchange.matched"), r.exchange.matched],
      ],
      numeric: [1],
    },
    {
      id: "bereich-verbindungen",
      title: t("reports.network.links"),
      headers: [t("reports.col.from"), t("reports.col.to"), t("reports.col.links")],
      rows: n.areaLinks.map((l) => [area(l.from), area(l.to), l.count]),
      numeric: [2],
    },
  ];
}
