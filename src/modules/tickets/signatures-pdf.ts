import { BOLD, cellText, FONT, fittedLine, mm, type Pdf, renderPdf, winAnsi } from "../../lib/pdf.js";
import { formatDate, translator } from "../../platform/i18n/i18n.js";
import type { TicketHolder } from "../registrations/index.js";

// Signature lists (Unterschriftenlisten): one list per workshop, or for the whole
// Fachtag. Each page repeats the heading and the table header, so a loose page still
// says what it is; pages are counted per list ("Seite 2 von 3"), so one PDF can hold
// the lists of all workshops, each to hand to its room.

export interface SignatureGroup {
  /** The workshop, or the Fachtag as a whole. */
  heading: string;
  /** Time and room of the workshop. */
  detail?: string | undefined;
  holders: TicketHolder[];
}

const t = translator("de");
const MARGIN = mm(15);
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const TABLE_W = PAGE_W - 2 * MARGIN;
const ROW_H = mm(10);
const HEADER_ROW_H = mm(7);
const FOOTER_H = mm(10);
const COLUMNS = [
  { key: "no", width: mm(11) },
  { key: "name", width: mm(56) },
  { key: "organisation", width: mm(52) },
  { key: "signature", width: TABLE_W - mm(11 + 56 + 52) },
] as const;

/** Heading and table header take the same height on every page, so rows per page are fixed. */
const HEAD_H = mm(30);
const TABLE_TOP = MARGIN + HEAD_H;
const ROWS_PER_PAGE = Math.floor((PAGE_H - MARGIN - FOOTER_H - TABLE_TOP - HEADER_ROW_H) / ROW_H);

/** Pages of a signature list of `people` names (an empty list still has its page). */
export const signaturePages = (people: number): number => Math.max(1, Math.ceil(people / ROWS_PER_PAGE));

function pageHead(doc: Pdf, event: { title: string; startsAt: string }, group: SignatureGroup): number {
  const box = (y: number) => ({ x: MARGIN, y, width: TABLE_W });
  doc.fillColor("#000000");
  fittedLine(doc, t("tickets.pdf.signaturesHeading"), box(MARGIN), BOLD, 16, 16);
  fittedLine(doc, `${event.title} – ${formatDate(event.startsAt, "de")}`, box(MARGIN + mm(7.5)), FONT, 11, 8);
  fittedLine(doc, group.heading, box(MARGIN + mm(14)), BOLD, 12, 8);
  if (group.detail) fittedLine(doc, group.detail, box(MARGIN + mm(20)), FONT, 10, 8);
  const y = TABLE_TOP;
  doc.save().rect(MARGIN, y, TABLE_W, HEADER_ROW_H).fill("#e6e6e6").restore();
  const labels = {
    no: t("tickets.pdf.colNo"),
    name: t("tickets.pdf.colName"),
    organisation: t("tickets.pdf.colOrganisation"),
    signature: t("tickets.pdf.colSignature"),
  };
  let x = MARGIN;
  doc.font(BOLD).fontSize(9).fillColor("#000000");
  for (const c of COLUMNS) {
    doc.text(winAnsi(labels[c.key]), x + mm(1.5), y + mm(2), { width: c.width - mm(3), lineBreak: false });
    x += c.width;
  }
  return y + HEADER_ROW_H;
}

function row(doc: Pdf, n: number, holder: TicketHolder, y: number) {
  let x = MARGIN;
  const cells = [String(n), `${holder.lastName}, ${holder.firstName}`, holder.organisation ?? ""];
  COLUMNS.forEach((c, i) => {
    const text = cells[i];
    const box = { x: x + mm(1.5), y, width: c.width - mm(3), height: ROW_H };
    if (text) cellText(doc, text, box, FONT, { max: 10, single: 9, double: 8 });
    x += c.width;
  });
  doc
    .save()
    .moveTo(MARGIN, y + ROW_H)
    .lineTo(MARGIN + TABLE_W, y + ROW_H)
    .lineWidth(0.5)
    .strokeColor("#888888");
  doc.stroke().restore();
  // Column rules, so each signature has its own field.
  x = MARGIN;
  doc.save().lineWidth(0.5).strokeColor("#888888");
  for (const c of COLUMNS.slice(0, -1)) {
    x += c.width;
    doc.moveTo(x, y).lineTo(x, y + ROW_H);
  }
  doc.stroke().restore();
}

export function signaturesPdf(
  groups: SignatureGroup[],
  event: { title: string; startsAt: string },
  district: { office: string },
): Promise<Buffer> {
  const title =
    groups.length === 1
      ? t("tickets.pdf.signaturesTitle", { event: event.title, group: groups[0]?.heading ?? "" })
      : t("tickets.pdf.signaturesAllTitle", { event: event.title });
  return renderPdf(
    { title, author: district.office },
    (doc) => {
      const ranges: { start: number; count: number }[] = [];
      for (const group of groups) {
        const start = doc.bufferedPageRange().count;
        doc.addPage({ size: "A4", margin: 0 });
        let y = pageHead(doc, event, group);
        if (group.holders.length === 0) {
          doc
            .font(FONT)
            .fontSize(10)
            .text(winAnsi(t("tickets.pdf.nobody")), MARGIN + mm(1.5), y + mm(3));
        }
        group.holders.forEach((holder, i) => {
          if (i > 0 && i % ROWS_PER_PAGE === 0) {
            doc.addPage({ size: "A4", margin: 0 });
            y = pageHead(doc, event, group);
          }
          row(doc, i + 1, holder, y);
          y += ROW_H;
        });
        ranges.push({ start, count: doc.bufferedPageRange().count - start });
      }
      // Page numbers once every page of a list exists.
      for (const [g, range] of ranges.entries()) {
        for (let i = 0; i < range.count; i++) {
          doc.switchToPage(range.start + i);
          doc.font(FONT).fontSize(8.5).fillColor("#333333");
          const footer = `${groups[g]?.heading ?? ""} · ${t("tickets.pdf.page", { page: i + 1, pages: range.count })}`;
          doc.text(winAnsi(footer), MARGIN, PAGE_H - MARGIN - mm(4), {
            width: TABLE_W,
            align: "right",
            lineBreak: false,
          });
        }
      }
    },
    { bufferPages: true },
  );
}
