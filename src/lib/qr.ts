import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";

// QR codes of tickets, drawn from the one module matrix of the `qrcode` package: as
// SVG for pages, as PNG for e-mails (most mail programs show no SVG) and as squares
// for PDFs. Everything is synchronous, so a mail can be built inside the transaction
// that confirms a registration without another await. The payload is exactly the
// text given (the check-in scanner reads it back); error correction M survives a
// crumpled print-out or a scratched phone screen.

/** Light modules round the symbol, as the QR standard asks (4 modules). */
const QUIET = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

/**
 * The QR code as an SVG element: one path, with a title for screen readers and
 * `role="img"`. `size` is the rendered width and height in CSS pixels.
 */
export function qrSvg(text: string, { label, size = 200 }: { label: string; size?: number }): string {
  const m = qrMatrix(text);
  const side = m.size + 2 * QUIET;
  let d = "";
  for (let row = 0; row < m.size; row++) {
    for (let col = 0; col < m.size; col++) {
      if (!m.dark(row, col)) continue;
      // Runs of dark modules in a row become one rectangle: a third of the path.
      let run = 1;
      while (col + run < m.size && m.dark(row, col + run)) run++;
      d += `M${col + QUIET} ${row + QUIET}h${run}v1h-${run}z`;
      col += run - 1;
    }
  }
  const title = label.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${size}" height="${size}" ` +
    `role="img" aria-label="${title.replace(/"/g, "&quot;")}" shape-rendering="crispEdges">` +
    `<title>${title}</title><rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path fill="#000" d="${d}"/></svg>`
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** The QR code as an 8-bit greyscale PNG, `scale` pixels per module, with the quiet zone. */
export function qrPng(text: string, scale = 8): Buffer {
  const m = qrMatrix(text);
  const side = (m.size + 2 * QUIET) * scale;
  // Each scan line starts with its filter byte (0 = none).
  const raw = Buffer.alloc((side + 1) * side, 0xff);
  for (let y = 0; y < side; y++) {
    raw[y * (side + 1)] = 0;
    const row = Math.floor(y / scale) - QUIET;
    for (let x = 0; x < side; x++) {
      const col = Math.floor(x / scale) - QUIET;
      if (row >= 0 && row < m.size && col >= 0 && col < m.size && m.dark(row, col)) raw[y * (side + 1) + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}
