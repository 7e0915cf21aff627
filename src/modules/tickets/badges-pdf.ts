import { BOLD, ellipsis, FONT, fitSize, fittedLine, mm, type Pdf, renderPdf, winAnsi } from "../../lib/pdf.js";
import { formatTime, translator } from "../../platform/i18n/i18n.js";
import type { TicketHolder } from "../registrations/index.js";

// Name badges on A4 sheets of badge inserts 90 × 54 mm, 10 per sheet (2 columns ×
// 5 rows, no gaps, 15 mm left and right, 13.5 mm top and bottom): the size of the
// common clip-on badge holders (e.g. Durable's 54 × 90 mm holders) and of the
// micro-perforated insert sheets sold for them. Another stock needs only these
// constants changed. A hairline outline guides scissors on plain paper.

export const BADGE_STOCK = {
  label: "90 × 54 mm, 10 je A4-Bogen (2 × 5)",
  width: mm(90),
  height: mm(54),
  columns: 2,
  rows: 5,
  left: mm(15),
  top: mm(13.5),
  gapX: 0,
  gapY: 0,
};
export const BADGES_PER_SHEET = BADGE_STOCK.columns * BADGE_STOCK.rows;

const t = translator("de");
const PAD = mm(5);

/** "09:30 Sprache fördern · 13:00 Bewegung" — the workshops in one short line. */
const workshopLine = (holder: TicketHolder) =>
  holder.workshops.map((w) => `${formatTime(w.startsAt, "de")} ${w.title}`).join(" · ");

function badge(doc: Pdf, holder: TicketHolder, eventTitle: string, x: number, y: number) {
  const { width, height } = BADGE_STOCK;
  const inner = width - 2 * PAD;
  doc.save().rect(x, y, width, height).lineWidth(0.25).strokeColor("#c8c8c8").stroke().restore();
  // A coloured band with the Fachtag's title: who belongs to which event at a glance.
  doc.save().rect(x, y, width, mm(9)).fill("#0b5394").restore();
  doc.fillColor("#ffffff");
  fittedLine(doc, eventTitle, { x: x + PAD, y: y + mm(2.6), width: inner }, BOLD, 9, 7);

  // First and last name on two lines, at one size: the largest at which both fit.
  const first = winAnsi(holder.firstName);
  const last = winAnsi(holder.lastName);
  const size = Math.min(fitSize(doc, first, BOLD, inner, 22, 9), fitSize(doc, last, BOLD, inner, 22, 9));
  doc.fillColor("#000000").font(BOLD).fontSize(size);
  const nameY = y + mm(12);
  doc.text(ellipsis(doc, first, inner), x + PAD, nameY, { width: inner, lineBreak: false });
  doc.text(ellipsis(doc, last, inner), x + PAD, nameY + size * 1.15, { width: inner, lineBreak: false });

  let lineY = nameY + size * 2.3 + mm(1);
  if (holder.organisation) {
    doc.fillColor("#333333");
    fittedLine(doc, holder.organisation, { x: x + PAD, y: lineY, width: inner }, FONT, 10, 7);
    lineY += mm(5);
  }
  const workshops = workshopLine(holder);
  if (workshops) {
    // Two lines at most at the foot of the badge; more is cut with "…".
    doc.fillColor("#333333").font(FONT).fontSize(7.5);
    const footY = y + height - PAD - 2 * 7.5 * 1.2;
    // pdfkit stops at the box's height and ends the last line with "…".
    doc.text(winAnsi(workshops), x + PAD, Math.max(lineY, footY), {
      width: inner,
      height: 2 * 7.5 * 1.25,
      ellipsis: true,
    });
  }
  doc.fillColor("#000000");
}

export function badgesPdf(
  holders: TicketHolder[],
  event: { title: string },
  district: { office: string },
  workshopTitle?: string,
): Promise<Buffer> {
  const title = workshopTitle
    ? t("tickets.pdf.badgesWorkshopTitle", { event: event.title, workshop: workshopTitle })
    : t("tickets.pdf.badgesTitle", { event: event.title });
  return renderPdf({ title, author: district.office }, (doc) => {
    const s = BADGE_STOCK;
    if (holders.length === 0) {
      doc.addPage({ size: "A4", margin: mm(20) });
      doc
        .font(FONT)
        .fontSize(12)
        .text(winAnsi(t("tickets.pdf.nobody")));
    }
    holders.forEach((holder, i) => {
      const slot = i % BADGES_PER_SHEET;
      if (slot === 0) doc.addPage({ size: "A4", margin: 0 });
      const col = slot % s.columns;
      const row = Math.floor(slot / s.columns);
      badge(doc, holder, event.title, s.left + col * (s.width + s.gapX), s.top + row * (s.height + s.gapY));
    });
  });
}
