import { BOLD, FONT, mm, type Pdf, renderPdf, winAnsi } from "../../lib/pdf.js";
import type { Locale, Translate } from "../../platform/i18n/i18n.js";
import { formatDate } from "../../platform/i18n/i18n.js";
import { keyFigures, periodLabel, type ReportTable, reportTables } from "./report-tables.js";
import type { Report } from "./reports.service.js";

// The whole report as an A4 PDF for the Bildungsbericht or a council committee: the
// district's name, period and date on top, then every table of the dashboard with its
// bar chart below (drawn as vector shapes, readable in black and white), page numbers
// "Seite n von m" in the footer of every page.

const PAGE_WIDTH = mm(210);
const PAGE_HEIGHT = mm(297);
const MARGIN = mm(20);
const CONTENT = PAGE_WIDTH - 2 * MARGIN;
const BOTTOM = PAGE_HEIGHT - mm(22);
const ROW = 15;

function ensureRoom(doc: Pdf, height: number): void {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

function drawTable(doc: Pdf, table: ReportTable, t: Translate, locale: Locale): void {
  const number = new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB");
  ensureRoom(doc, 3 * ROW + 20);
  doc.font(BOLD).fontSize(12).fillColor("black").text(winAnsi(table.title), MARGIN, doc.y, { width: CONTENT });
  doc.moveDown(0.3);
  const cols = table.headers.length;
  const first = cols === 2 ? CONTENT * 0.7 : CONTENT * 0.46;
  const rest = (CONTENT - first) / Math.max(1, cols - 1);
  const xOf = (i: number) => MARGIN + (i === 0 ? 0 : first + (i - 1) * rest);
  const widthOf = (i: number) => (i === 0 ? first : rest) - 6;
  const line = (cells: (string | number)[], font: string) => {
    ensureRoom(doc, ROW);
    const y = doc.y;
    doc.font(font).fontSize(9.5);
    cells.forEach((cell, i) => {
      doc.text(winAnsi(typeof cell === "number" ? number.format(cell) : cell), xOf(i), y, {
        width: widthOf(i),
        align: table.numeric.includes(i) ? "right" : "left",
        lineBreak: false,
        ellipsis: true,
      });
    });
    doc
      .moveTo(MARGIN, y + ROW - 3)
      .lineTo(MARGIN + CONTENT, y + ROW - 3)
      .lineWidth(0.3)
      .strokeColor("#888888")
      .stroke();
    doc.y = y + ROW;
  };
  line(table.headers, BOLD);
  for (const row of table.rows) line(row, FONT);
  if (table.chart && table.rows.length) drawChart(doc, table, t);
  doc.moveDown(1);
}

/** Horizontal bars, one group per row: solid for the first series, outlined for the second, grey for the third. */
function drawChart(doc: Pdf, table: ReportTable, t: Translate): void {
  const chart = table.chart as NonNullable<ReportTable["chart"]>;
  const values = table.rows.map((row) => chart.series.map((col) => Number(row[col]) || 0));
  const max = Math.max(1, ...values.flat());
  const labelWidth = CONTENT * 0.35;
  const barArea = CONTENT - labelWidth - 40;
  const bar = 7;
  doc.moveDown(0.5);
  table.rows.forEach((row, r) => {
    const height = chart.series.length * (bar + 2) + 4;
    ensureRoom(doc, height);
    const y = doc.y;
    doc.font(FONT).fontSize(8).fillColor("black");
    doc.text(winAnsi(String(row[chart.label])), MARGIN, y, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    chart.series.forEach((_, s) => {
      const v = values[r]?.[s] ?? 0;
      const w = Math.max(1, (v / max) * barArea);
      const by = y + s * (bar + 2);
      doc.rect(MARGIN + labelWidth, by, w, bar).lineWidth(0.8);
      if (s === 0) doc.fillAndStroke("black", "black");
      else if (s === 2) doc.fillAndStroke("#999999", "black");
      else doc.stroke("black");
      doc.fillColor("black").text(String(v), MARGIN + labelWidth + w + 4, by, { lineBreak: false });
    });
    doc.y = y + height;
  });
  if (chart.series.length > 1) {
    doc.font(FONT).fontSize(8);
    doc.text(
      winAnsi(
        chart.series
          .map((col, s) =>
            t(
              s === 0 ? "reports.pdf.legendFilled" : s === 2 ? "reports.pdf.legendGrey" : "reports.pdf.legendOutlined",
              {
                name: table.headers[col] as string,
              },
            ),
          )
          .join("   "),
      ),
      MARGIN,
      doc.y,
      { width: CONTENT },
    );
  }
}

export async function reportPdf(
  report: Report,
  info: { district: string; office: string; scope: string; filters: string | null },
  t: Translate,
  locale: Locale,
): Promise<Buffer> {
  const title = `${t("reports.pdf.title")} – ${periodLabel(report.period, t, locale)}`;
  return renderPdf(
    { title, author: `${info.district}, ${info.office}` },
    (doc) => {
      doc.addPage();
      doc.y = MARGIN;
      doc
        .font(FONT)
        .fontSize(10)
        .text(winAnsi(`${info.district} · ${info.office}`), MARGIN, doc.y, { width: CONTENT });
      doc.moveDown(0.5);
      doc.font(BOLD).fontSize(18).text(winAnsi(title), { width: CONTENT });
      doc.moveDown(0.3);
      doc.font(FONT).fontSize(10);
      doc.text(winAnsi(t("reports.pdf.created", { date: formatDate(new Date(), locale) })), { width: CONTENT });
      doc.text(winAnsi(info.scope), { width: CONTENT });
      if (info.filters) doc.text(winAnsi(t("reports.pdf.filters", { filters: info.filters })), { width: CONTENT });
      doc.moveDown(1);
      // The key figures with their comparison come first, as on the page.
      const key = keyFigures(report, t, locale);
      drawTable(
        doc,
        {
          id: "kennzahlen",
          title: t("reports.key.heading"),
          headers: [t("reports.col.figure"), t("reports.col.value")],
          rows: key.map((k) => [k.compare ? `${k.label} (${k.compare})` : k.label, k.value]),
          numeric: [1],
        },
        t,
        locale,
      );
      for (const table of reportTables(report, t, locale).slice(1)) drawTable(doc, table, t, locale);
      const range = doc.bufferedPageRange();
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        doc
          .font(FONT)
          .fontSize(8)
          .fillColor("black")
          .text(
            winAnsi(`${info.district} – ${title} – ${t("reports.pdf.page", { page: i + 1, pages: range.count })}`),
            MARGIN,
            PAGE_HEIGHT - mm(14),
            { width: CONTENT, align: "center", lineBreak: false },
          );
      }
    },
    { bufferPages: true },
  );
}
