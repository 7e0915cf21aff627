import { inflateSync } from "node:zlib";
import { fileTypeFromBuffer } from "file-type";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { flattenPng } from "./signature-image.js";

// The signature image laid on white: still a PNG of the same size, opaque, transparent
// pixels white and dark ones dark; JPEGs and other bytes untouched.

const ihdr = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25] });

describe("flattenPng", () => {
  it("lays a PNG with transparency on white as an opaque RGB PNG", async () => {
    const input = await QRCode.toBuffer("Unterschrift", {
      width: 120,
      color: { dark: "#000000ff", light: "#00000000" },
    });
    expect(ihdr(input).colorType).toBe(6);
    const output = flattenPng(input);
    expect((await fileTypeFromBuffer(output))?.mime).toBe("image/png");
    const { width, height, colorType } = ihdr(output);
    expect({ width, height, colorType }).toEqual({ ...ihdr(input), colorType: 2 });
    // The IDAT right after IHDR: filter byte 0, then RGB; the corner (quiet zone) was transparent.
    const length = output.readUInt32BE(33);
    const pixels = inflateSync(output.subarray(41, 41 + length));
    expect([...pixels.subarray(1, 4)]).toEqual([255, 255, 255]);
    const row = 1 + width * 3;
    const values = new Set<number>();
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) values.add(pixels[y * row + 1 + x * 3] as number);
    expect(values.has(0)).toBe(true);
  });

  it("leaves anything else as it is", () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    expect(flattenPng(jpeg)).toBe(jpeg);
    const broken = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), Buffer.from("kaputt")]);
    expect(flattenPng(broken)).toBe(broken);
  });
});
