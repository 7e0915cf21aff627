import { BOLD, FONT, fittedLine, MONO, mm, type Pdf, renderPdf, winAnsi } from "../../lib/pdf.js";
import { formatDate, formatTime, translator } from "../../platform/i18n/i18n.js";
import type { Ticket } from "../registrations/index.js";
import { drawQr } from "./pdf.js";

// The participant's ticket: one A4 page to print or show on a phone. What the entrance
// needs (QR code and code) is large; what the participant needs (when, where, which
// workshops) is above it.

const t = translator("de");
const MARGIN = mm(20);
const WIDTH = 595.28 - 2 * MARGIN;
const QR_SIZE = mm(70);

const venueLine = (v: Ticket["event"]["venue"]) => [v.name, v.room, v.address].filter(Boolean).join(", ");

function labelled(doc: Pdf, label: string, value: string) {
  doc.font(BOLD).fontSize(9).fillColor("#555555").text(winAnsi(label.toUpperCase()), { characterSpacing: 0.5 });
  doc.font(FONT).fontSize(12).fillColor("#000000").text(winAnsi(value), { width: WIDTH });
  doc.moveDown(0.6);
}

export function ticketPdf(ticket: Ticket, district: { office: string; name: string }): Promise<Buffer> {
  const { event, holder } = ticket;
  const name = `${holder.firstName} ${holder.lastName}`;
  return renderPdf(
    { title: t("tickets.pdf.ticketTitle", { event: event.title, name }), author: district.office },
    (doc) => {
      doc.addPage({ size: "A4", margin: MARGIN });
      doc
        .font(BOLD)
        .fontSize(10)
        .fillColor("#555555")
        .text(winAnsi(`${district.office} · ${district.name}`), MARGIN, MARGIN);
      doc.moveDown(1.2);
      doc
        .font(BOLD)
        .fontSize(11)
        .fillColor("#0b5394")
        .text(winAnsi(t("tickets.pdf.ticket")));
      doc.font(BOLD).fontSize(22).fillColor("#000000").text(winAnsi(event.title), { width: WIDTH });
      if (event.subtitle) doc.font(FONT).fontSize(13).text(winAnsi(event.subtitle), { width: WIDTH });
      doc.moveDown(1);

      labelled(
        doc,
        t("tickets.pdf.when"),
        t("tickets.pdf.whenValue", {
          date: formatDate(event.startsAt, "de"),
          from: formatTime(event.startsAt, "de"),
          to: formatTime(event.endsAt, "de"),
        }),
      );
      labelled(doc, t("tickets.pdf.where"), venueLine(event.venue));

      // The person, in a box: the name in one line, shrunk to fit.
      const boxY = doc.y + mm(2);
      const boxH = holder.organisation ? mm(24) : mm(17);
      doc.save().roundedRect(MARGIN, boxY, WIDTH, boxH, 4).lineWidth(1).strokeColor("#0b5394").stroke().restore();
      fittedLine(doc, name, { x: MARGIN + mm(5), y: boxY + mm(4), width: WIDTH - mm(10) }, BOLD, 20, 10);
      if (holder.organisation) {
        fittedLine(
          doc,
          holder.organisation,
          { x: MARGIN + mm(5), y: boxY + mm(14), width: WIDTH - mm(10) },
          FONT,
          13,
          8,
        );
      }
      doc.x = MARGIN;
      doc.y = boxY + boxH + mm(6);

      if (holder.workshops.length) {
        doc
          .font(BOLD)
          .fontSize(9)
          .fillColor("#555555")
          .text(winAnsi(t("tickets.pdf.workshops").toUpperCase()));
        doc.fillColor("#000000");
        for (const w of holder.workshops) {
          const time = `${formatTime(w.startsAt, "de")}–${formatTime(w.endsAt, "de")}`;
          const room = w.room ? ` (${w.room})` : "";
          doc.font(BOLD).fontSize(12).text(`${time}  `, { continued: true });
          doc.font(FONT).text(winAnsi(`${w.title}${room}`), { width: WIDTH });
        }
        doc.moveDown(0.8);
      }

      // The QR code centred, the code below it for reading out when a scanner fails.
      const qrY = Math.max(doc.y + mm(4), 841.89 - MARGIN - QR_SIZE - mm(30));
      const qrX = MARGIN + (WIDTH - QR_SIZE) / 2;
      drawQr(doc, holder.ticketCode, qrX, qrY, QR_SIZE);
      doc.font(FONT).fontSize(10).fillColor("#000000");
      doc.text(winAnsi(t("tickets.pdf.code")), MARGIN, qrY + QR_SIZE + mm(1), { width: WIDTH, align: "center" });
      doc.font(MONO).fontSize(15).text(holder.ticketCode, { width: WIDTH, align: "center" });
      doc.moveDown(0.6);
      doc
        .font(FONT)
        .fontSize(9.5)
        .fillColor("#333333")
        .text(winAnsi(t("tickets.pdf.hint")), { width: WIDTH, align: "center" });
    },
  );
}
