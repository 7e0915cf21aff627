import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";

// QR codes of tickets, drawn from the one module matrix of the `qrcode` package: as
// an SVG path for pages, as PNG for e-mails (most mail programs show no SVG) and as squares
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
 * The QR code as one SVG path in a square `side` × `side` (quiet zone included), for
 * a page to draw as `<svg viewBox="0 0 side side"><path d=…/></svg>` with its own
 * text alternative. Runs of dark modules in a row are one rectangle each.
 */
export function qrSvgPath(text: string): { side: number; d: string } {
  const m = qrMatrix(text);
  let d = "";
  for (let row = 0; row < m.size; row++) {
    for (let col = 0; col < m.size; col++) {
      if (!m.dark(row, col)) continue;
      let run = 1;
      while (col + run < m.size && m.dark(row, col + run)) run++;
      d += `M${col + QUIET} ${row + QUIET}h${run}v1h-${run}z`;
      col += run - 1;
    }
  }
  return { side: m.size + 2 * QUIET, d };
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
  // Each scan line starts with its filter byte (0 = none); the `scale` lines of one
  // module row are the same, so each is drawn once and copied.
  const stride = side + 1;
  const raw = Buffer.alloc(stride * side, 0xff);
  for (let y = 0; y < side; y++) raw[y * stride] = 0;
  for (let row = 0; row < m.size; row++) {
    const top = (row + QUIET) * scale * stride;
    for (let col = 0; col < m.size; col++) {
      if (m.dark(row, col)) raw.fill(0, top + 1 + (col + QUIET) * scale, top + 1 + (col + QUIET + 1) * scale);
    }
    for (let i = 1; i < scale; i++) raw.copy(raw, top + i * stride, top, top + stride);
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
