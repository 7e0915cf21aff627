import { inflateSync } from "node:zlib";
import jsqrModule from "jsqr";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrMatrix, qrPng, qrSvgPath } from "./qr.js";

// jsqr is CommonJS typed with a default export: under NodeNext the import may be the module object.
const jsQR = ((jsqrModule as unknown as { default?: unknown }).default ?? jsqrModule) as typeof jsqrModule.default;

const code = "Xy3_kP9aQ-r2LmN8vT0w"; // the shape of a ticket code: 20 characters base64url

/** Pixel (x, y) of an 8-bit greyscale PNG without filters, as qrPng writes it. */
function pixels(png: Buffer) {
  const width = png.readUInt32BE(16);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, at: (x: number, y: number) => raw[y * (width + 1) + 1 + x] };
}

/** Greyscale pixels as the RGBA a QR reader takes. */
function rgba(width: number, at: (x: number, y: number) => number | undefined) {
  const out = new Uint8ClampedArray(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const v = at(x, y) ?? 255;
      out.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return out;
}

describe("QR codes of tickets", () => {
  it("read back by a QR reader, the PNG and the SVG path give exactly the code", () => {
    for (const text of [code, "AAAAAAAAAAAAAAAAAAAA", "-_-_-_-_-_-_-_-_-_-_"]) {
      const p = pixels(qrPng(text, 4));
      expect(jsQR(rgba(p.width, p.at), p.width, p.width)?.data).toBe(text);
      // The page's SVG: its rectangles drawn 4 px per module.
      const { side, d } = qrSvgPath(text);
      const dark = new Set<number>();
      for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
        for (let i = 0; i < Number(m[3]); i++) dark.add(Number(m[2]) * side + Number(m[1]) + i);
      }
      const width = side * 4;
      const svg = rgba(width, (x, y) => (dark.has(Math.floor(y / 4) * side + Math.floor(x / 4)) ? 0 : 255));
      expect(jsQR(svg, width, width)?.data).toBe(text);
    }
  });

  it("encode exactly the code, with error correction M", () => {
    const symbol = QRCode.create(code, { errorCorrectionLevel: "M" });
    expect(symbol.errorCorrectionLevel.bit).toBe(
      QRCode.create("x", { errorCorrectionLevel: "M" }).errorCorrectionLevel.bit,
    );
    expect(symbol.segments.map((s) => (s as unknown as { data: Uint8Array }).data)).toEqual([
      new TextEncoder().encode(code),
    ]);
    const m = qrMatrix(code);
    expect(m.size).toBe(symbol.modules.size);
    // The three finder patterns: dark corners top left, top right, bottom left, light bottom right.
    expect([m.dark(0, 0), m.dark(0, m.size - 1), m.dark(m.size - 1, 0)]).toEqual([true, true, true]);
  });

  it("as PNG: the modules at the scale asked, a light quiet zone of four modules", () => {
    const png = qrPng(code, 4);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const m = qrMatrix(code);
    const p = pixels(png);
    expect(p.width).toBe((m.size + 8) * 4);
    expect(p.at(0, 0)).toBe(255);
    expect(p.at(15, 15)).toBe(255); // still quiet zone
    expect(p.at(16, 16)).toBe(0); // first dark module of the finder pattern
    for (let row = 0; row < m.size; row++) {
      for (let col = 0; col < m.size; col++) {
        expect(p.at((col + 4) * 4 + 1, (row + 4) * 4 + 2)).toBe(m.dark(row, col) ? 0 : 255);
      }
    }
  });

  it("as an SVG path: the dark modules as rectangles inside the quiet zone", () => {
    const { side, d } = qrSvgPath(code);
    const m = qrMatrix(code);
    expect(side).toBe(m.size + 8);
    expect(d.startsWith("M4 4h7v1h-7z")).toBe(true); // the top row of the first finder pattern
    // Every dark module is covered exactly once.
    let covered = 0;
    for (const match of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      const [x, y, run] = [Number(match[1]), Number(match[2]), Number(match[3])];
      for (let i = 0; i < run; i++) expect(m.dark(y - 4, x - 4 + i)).toBe(true);
      covered += run;
    }
    let dark = 0;
    for (let row = 0; row < m.size; row++) for (let col = 0; col < m.size; col++) if (m.dark(row, col)) dark++;
    expect(covered).toBe(dark);
  });
});
