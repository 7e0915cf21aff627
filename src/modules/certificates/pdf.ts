import { BOLD, FONT, mm, type Pdf, renderPdf, winAnsi } from "../../lib/pdf.js";
import { formatDate, formatTime, translator } from "../../platform/i18n/i18n.js";

// The Teilnahmebescheinigung: one A4 page per person. The standard Helvetica covers
// WinAnsi, so German umlauts and ß need no embedded font; characters outside it are
// replaced by "?", never dropped silently. Many certificates go into one document
// (the organiser's "all at once"), with the signature image embedded only once.

const t = translator("de");
const MONO = "Courier-Bold";
const MARGIN = mm(22);
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const WIDTH = PAGE_W - 2 * MARGIN;
const BLUE = "#0b5394";
const GREY = "#555555";

export interface CertificateContent {
  name: string;
  code: string;
  /** The address of the public check, with the code. */
  verifyUrl: string;
  issuedAt: string;
  event: {
    title: string;
    subtitle: string | null;
    startsAt: string;
    endsAt: string;
    venue: string;
    creditHours: number | null;
    organisers: string[];
  };
  /** The Fachtag's programme (breaks left out). */
  programme: { startsAt: string; endsAt: string; title: string }[];
  /** The participant's own workshops. */
  workshops: { startsAt: string; endsAt: string; title: string }[];
  signer: { name: string | null; function: string | null; image: Buffer | null };
}

export interface Issuer {
  office: string;
  district: string;
}

const span = (from: string, to: string) => `${formatTime(from, "de")}–${formatTime(to, "de")}`;

/** Credit hours as Germans write them: "5", "4,5". */
const hours = (value: number) => value.toLocaleString("de-DE", { maximumFractionDigits: 2 });

function section(doc: Pdf, title: string) {
  doc.moveDown(0.7);
  doc
    .font(BOLD)
    .fontSize(9)
    .fillColor(GREY)
    .text(winAnsi(title.toUpperCase()), MARGIN, doc.y, { characterSpacing: 0.5 });
  doc.fillColor("#000000").moveDown(0.2);
}

function listLines(doc: Pdf, items: { startsAt: string; endsAt: string; title: string }[], size: number) {
  for (const item of items) {
    doc
      .font(FONT)
      .fontSize(size)
      .text(`${span(item.startsAt, item.endsAt)}   `, MARGIN, doc.y, { continued: true });
    doc.text(winAnsi(item.title), { width: WIDTH });
  }
}

function drawCertificate(doc: Pdf, c: CertificateContent, issuer: Issuer, signature: unknown): void {
  doc.addPage({ size: "A4", margin: MARGIN });
  // A thin frame, as printed certificates have.
  doc
    .save()
    .rect(mm(10), mm(10), PAGE_W - mm(20), PAGE_H - mm(20))
    .lineWidth(0.8)
    .strokeColor(BLUE)
    .stroke()
    .restore();
  doc
    .font(BOLD)
    .fontSize(10)
    .fillColor(GREY)
    .text(winAnsi(`${issuer.office} · ${issuer.district}`), MARGIN, MARGIN);
  doc.moveDown(2);
  doc
    .font(BOLD)
    .fontSize(26)
    .fillColor(BLUE)
    .text(winAnsi(t("certificates.pdf.heading")), { width: WIDTH, align: "center" });
  doc.moveDown(1.2);
  doc
    .font(FONT)
    .fontSize(12)
    .fillColor("#000000")
    .text(winAnsi(t("certificates.pdf.confirm")), { width: WIDTH, align: "center" });
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(20).text(winAnsi(c.name), { width: WIDTH, align: "center" });
  doc.moveDown(0.6);
  const e = c.event;
  doc
    .font(FONT)
    .fontSize(12)
    .text(
      winAnsi(
        t("certificates.pdf.took", {
          date: formatDate(e.startsAt, "de"),
          from: formatTime(e.startsAt, "de"),
          to: formatTime(e.endsAt, "de"),
        }),
      ),
      { width: WIDTH, align: "center" },
    );
  doc.moveDown(0.5);
  doc.font(BOLD).fontSize(15).text(winAnsi(e.title), { width: WIDTH, align: "center" });
  if (e.subtitle) doc.font(FONT).fontSize(11).text(winAnsi(e.subtitle), { width: WIDTH, align: "center" });
  doc.moveDown(0.5);
  doc
    .font(FONT)
    .fontSize(12)
    .text(winAnsi(t("certificates.pdf.place", { venue: e.venue })), { width: WIDTH, align: "center" });
  doc.text(winAnsi(t("certificates.pdf.attended")), { width: WIDTH, align: "center" });

  if (e.creditHours !== null) {
    doc.moveDown(0.8);
    doc
      .font(BOLD)
      .fontSize(12)
      .text(winAnsi(t("certificates.pdf.hours", { hours: hours(e.creditHours) })), { width: WIDTH, align: "center" });
  }

  // The content: what the programme offered, and what this person took part in.
  const programme = c.programme.slice(0, 14);
  if (programme.length) {
    section(doc, t("certificates.pdf.programme"));
    listLines(doc, programme, programme.length > 9 ? 9 : 10);
  }
  if (c.workshops.length) {
    section(doc, t("certificates.pdf.workshops"));
    listLines(doc, c.workshops, 10);
  }
  if (e.organisers.length) {
    section(doc, t("certificates.pdf.organisers"));
    doc
      .font(FONT)
      .fontSize(10)
      .text(winAnsi(e.organisers.join(", ")), MARGIN, doc.y, { width: WIDTH });
  }

  // Signature and code at the foot of the page, whatever the length of the programme.
  const footY = PAGE_H - MARGIN - mm(52);
  // A very long programme: signature and code go on a second page rather than over the text.
  if (doc.y + mm(6) > footY) doc.addPage({ size: "A4", margin: MARGIN });
  const sigY = footY;
  doc
    .font(FONT)
    .fontSize(10)
    .fillColor("#000000")
    .text(winAnsi(t("certificates.pdf.issued", { date: formatDate(c.issuedAt, "de") })), MARGIN, sigY, {
      width: WIDTH / 2 - mm(5),
    });
  const sigX = MARGIN + WIDTH / 2 + mm(5);
  const sigW = WIDTH / 2 - mm(5);
  if (signature) {
    doc.image(signature as string, sigX, sigY - mm(4), { fit: [sigW, mm(16)], valign: "bottom" });
  }
  const lineY = sigY + mm(13);
  doc
    .save()
    .moveTo(sigX, lineY)
    .lineTo(sigX + sigW, lineY)
    .lineWidth(0.6)
    .strokeColor("#000000")
    .stroke()
    .restore();
  doc.font(FONT).fontSize(10);
  doc.text(winAnsi(c.signer.name ?? t("certificates.pdf.signature")), sigX, lineY + mm(1.5), { width: sigW });
  if (c.signer.function) doc.fontSize(9).fillColor(GREY).text(winAnsi(c.signer.function), { width: sigW });

  const codeY = PAGE_H - MARGIN - mm(22);
  doc
    .save()
    .moveTo(MARGIN, codeY - mm(3))
    .lineTo(MARGIN + WIDTH, codeY - mm(3))
    .lineWidth(0.4)
    .strokeColor("#999999")
    .stroke()
    .restore();
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor(GREY)
    .text(winAnsi(t("certificates.pdf.code")), MARGIN, codeY, { width: WIDTH });
  doc.font(MONO).fontSize(14).fillColor("#000000").text(c.code, { width: WIDTH });
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor(GREY)
    .text(winAnsi(t("certificates.pdf.verify", { url: c.verifyUrl })), { width: WIDTH });
}

/** One PDF with a page per certificate (a single one for a participant). */
export function certificatesPdf(list: CertificateContent[], issuer: Issuer, title: string): Promise<Buffer> {
  return renderPdf({ title, author: issuer.office }, (doc) => {
    // An opened image is embedded once and referenced from every page.
    const images = new Map<Buffer, unknown>();
    for (const c of list) {
      const image = c.signer.image;
      if (image && !images.has(image))
        images.set(image, (doc as unknown as { openImage(src: Buffer): unknown }).openImage(image));
      drawCertificate(doc, c, issuer, image ? images.get(image) : undefined);
    }
  });
}
