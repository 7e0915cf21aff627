import type { Pdf } from "../../lib/pdf.js";
import { qrMatrix } from "../../lib/qr.js";

// The QR code in the ticket PDF, drawn as vector squares (sharp at any printer
// resolution). The rest the PDFs share is in src/lib/pdf.ts.

/** The QR code of `text` as black squares, `size` points wide including the quiet zone. */
export function drawQr(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const m = qrMatrix(text);
  const cell = size / (m.size + 8);
  doc.save();
  for (let row = 0; row < m.size; row++) {
    for (let col = 0; col < m.size; col++) {
      if (!m.dark(row, col)) continue;
      let run = 1;
      while (col + run < m.size && m.dark(row, col + run)) run++;
      // A hair wider than the cell, so neighbouring squares leave no white seams.
      doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, run * cell + 0.05, cell + 0.05);
      col += run - 1;
    }
  }
  doc.fill("#000000");
  doc.restore();
}
