import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { publicFile } from "../../platform/http/assets.js";
import type { Platform } from "../../platform/platform.js";
import { districtCentre } from "./vocab.js";

// The district's outline and municipalities behind the map's points: the schematic file
// shipped in public/geo/, or the operator's (MAP_OUTLINE_FILE, e.g. a VG250 extract).

const shippedOutline = publicFile("geo/landkreis-celle.geojson");

const loaded = new Map<string, { body: string; version: string }>();

/**
 * Reads the outline once. A file that is no GeoJSON FeatureCollection stops the start
 * with a message naming the variable, rather than a map that silently lacks it.
 */
export function mapOutline(file: string | undefined): { body: string; version: string } {
  const path = file ?? shippedOutline;
  const hit = loaded.get(path);
  if (hit) return hit;
  let body: string;
  try {
    body = readFileSync(path, "utf8");
    const parsed = JSON.parse(body) as { type?: unknown };
    if (parsed.type !== "FeatureCollection") throw new Error("keine GeoJSON-FeatureCollection");
  } catch (error) {
    throw new Error(`MAP_OUTLINE_FILE: ${path} ist keine lesbare GeoJSON-Datei (${(error as Error).message})`);
  }
  const outline = { body, version: createHash("sha1").update(body).digest("hex").slice(0, 10) };
  loaded.set(path, outline);
  return outline;
}

/** What a map on the page needs: outline address, tiles, start view. */
export interface MapSetting {
  outlineUrl: string;
  tileUrl: string | undefined;
  attribution: string | undefined;
  centre: [number, number];
  /** True for the shipped outline, which is a sketch and says so. */
  schematic: boolean;
}

export function mapPicker(platform: Platform): MapSetting {
  const { outlineFile, tileUrl, attribution } = platform.config.map;
  return {
    outlineUrl: `/akteure/karte/gebiet.geojson?v=${mapOutline(outlineFile).version}`,
    tileUrl,
    attribution,
    centre: districtCentre,
    schematic: !outlineFile,
  };
}
