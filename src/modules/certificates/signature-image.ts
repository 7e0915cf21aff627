import { crc32, deflateSync, inflateSync } from "node:zlib";

// A signature image is drawn on every certificate. pdfkit embeds an opaque PNG's pixel data
// as it is, but a PNG with transparency (how signatures are usually scanned) is decoded and
// split into colour and mask in every document again — 40 ms a page, most of a ZIP of 150.
// So an uploaded PNG with alpha is laid on white once, when it is stored: it looks the same
// on the white paper, and every certificate after that is cheap.

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * An 8-bit PNG with an alpha channel (RGBA or grey + alpha), non-interlaced, laid on white
 * as an opaque RGB PNG. Anything else (JPEG, opaque or unusual PNGs) is returned unchanged.
 */
export function flattenPng(data: Buffer): Buffer {
  if (data.length < 8 || !data.subarray(0, 8).equals(SIGNATURE)) return data;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = 0;
  let interlace = 0;
  const idat: Buffer[] = [];
  for (let pos = 8; pos + 8 <= data.length; ) {
    const length = data.readUInt32BE(pos);
    const type = data.toString("latin1", pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8] ?? 0;
      colorType = body[9] ?? 0;
      interlace = body[12] ?? 0;
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    pos += 12 + length;
  }
  if (depth !== 8 || interlace !== 0 || (colorType !== 6 && colorType !== 4) || !width || !height) return data;
  const channels = colorType === 6 ? 4 : 2;
  const stride = width * channels;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    return data;
  }
  if (raw.length < (stride + 1) * height) return data;
  const out = Buffer.alloc((width * 3 + 1) * height);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const line = Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (line[i - channels] ?? 0) : 0;
      const b = prev[i] ?? 0;
      const c = i >= channels ? (prev[i - channels] ?? 0) : 0;
      const x = src[i] ?? 0;
      const predicted =
        filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      line[i] = (x + predicted) & 255;
    }
    const o = y * (width * 3 + 1);
    for (let px = 0; px < width; px++) {
      const alpha = (line[px * channels + channels - 1] ?? 255) / 255;
      for (let k = 0; k < 3; k++) {
        const value = channels === 4 ? (line[px * 4 + k] ?? 0) : (line[px * 2] ?? 0);
        out[o + 1 + px * 3 + k] = Math.round(value * alpha + 255 * (1 - alpha));
      }
    }
    prev = line;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // RGB, no alpha
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(out)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
