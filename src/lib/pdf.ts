import PDFDocument from "pdfkit";

// What every PDF of the app shares (tickets, badges, lists, certificates): an A4
// document collected into one buffer, German metadata, and text that shrinks to fit its
// box instead of running over it. The standard Helvetica of PDF viewers covers WinAnsi,
// so German umlauts and ß need no embedded font; characters outside it (rare in names
// here) are replaced, never dropped silently.

export type Pdf = PDFKit.PDFDocument;

/** Millimetres to PDF points (1/72 inch). */
export const mm = (value: number): number => (value * 72) / 25.4;

export const FONT = "Helvetica";
export const BOLD = "Helvetica-Bold";
export const MONO = "Courier";

export async function renderPdf(
  info: { title: string; author: string },
  draw: (doc: Pdf) => void,
  options: { bufferPages?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: false,
    bufferPages: options.bufferPages ?? false,
    info: { Title: info.title, Author: info.author, Creator: "Bildungsnetz" },
    lang: "de-DE",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/**
 * Text the standard fonts can show: WinAnsi keeps ä ö ü ß é and the usual quotes and
 * dashes; anything else (emoji, Cyrillic) becomes "?" rather than garbage glyphs.
 */
export function winAnsi(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018-\u201e\u2022\u2026\u20ac]/gu, "?");
}

/** The largest font size from `max` down to `min` at which `text` fits `width` on one line. */
export function fitSize(doc: Pdf, text: string, font: string, width: number, max: number, min: number): number {
  doc.font(font);
  for (let size = max; size > min; size -= 0.5) {
    if (doc.fontSize(size).widthOfString(text) <= width) return size;
  }
  return min;
}

/** Cuts `text` with "…" so that it fits `width` at the current font and size. */
export function ellipsis(doc: Pdf, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * One line that shrinks from `max` to `min` points and, if still too wide, is cut with
 * "…": it never runs over its box. Returns the size used.
 */
export function fittedLine(
  doc: Pdf,
  text: string,
  box: { x: number; y: number; width: number },
  font: string,
  max: number,
  min: number,
): number {
  const clean = winAnsi(text);
  const size = fitSize(doc, clean, font, box.width, max, min);
  doc.font(font).fontSize(size);
  doc.text(ellipsis(doc, clean, box.width), box.x, box.y, { width: box.width, lineBreak: false });
  return size;
}

/**
 * Text in a table cell, centred vertically: one line while it fits at `single` points
 * or more, else up to two lines at `double` points, cut with "…" after the second.
 */
export function cellText(
  doc: Pdf,
  text: string,
  box: { x: number; y: number; width: number; height: number },
  font: string,
  sizes: { max: number; single: number; double: number },
): void {
  const clean = winAnsi(text);
  const size = fitSize(doc, clean, font, box.width, sizes.max, sizes.single);
  doc.font(font).fontSize(size);
  if (doc.widthOfString(clean) <= box.width) {
    doc.text(clean, box.x, box.y + (box.height - size) / 2, { width: box.width, lineBreak: false });
    return;
  }
  doc.fontSize(sizes.double);
  const lineHeight = doc.currentLineHeight(true);
  const lines = Math.min(2, Math.ceil(doc.heightOfString(clean, { width: box.width }) / lineHeight));
  doc.text(clean, box.x, box.y + (box.height - lines * lineHeight) / 2, {
    width: box.width,
    height: lines * lineHeight,
    ellipsis: true,
  });
}
