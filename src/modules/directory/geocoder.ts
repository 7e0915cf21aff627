import type { Platform } from "../../platform/platform.js";
import type { OrganisationInput } from "./schema.js";

// Positions from an address, by a Nominatim-compatible geocoder the operator runs
// (GEOCODER_URL). Off unless configured: no address leaves the server by default, and
// never to a third-party host we chose. A failure or a far-off answer leaves the
// position empty; saving the organisation never waits longer than the timeout.

const TIMEOUT_MS = 4000;

/** Around the Landkreis Celle, generously: an answer outside is another "Bergen". */
const districtBox = { south: 52.3, north: 53.15, west: 9.5, east: 10.85 };

export async function geocodeAddress(
  platform: Platform,
  address: {
    street?: string | undefined;
    postalCode?: string | undefined;
    city?: string | undefined;
    municipality: string;
  },
): Promise<{ lat: number; lon: number } | undefined> {
  const base = platform.config.map.geocoderUrl;
  if (!base || !(address.street || address.postalCode)) return undefined;
  const query = new URLSearchParams({
    format: "jsonv2",
    limit: "1",
    countrycodes: "de",
    city: address.city || address.municipality,
    viewbox: `${districtBox.west},${districtBox.north},${districtBox.east},${districtBox.south}`,
    bounded: "1",
  });
  if (address.street) query.set("street", address.street);
  if (address.postalCode) query.set("postalcode", address.postalCode);
  try {
    const res = await fetch(`${base}/search?${query}`, {
      headers: { accept: "application/json", "user-agent": "Bildungsnetz (Verzeichnis der Bildungsakteure)" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
    if (!res.ok) return undefined;
    const [hit] = (await res.json()) as { lat?: string | number; lon?: string | number }[];
    const lat = Number(hit?.lat);
    const lon = Number(hit?.lon);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
    if (lat < districtBox.south || lat > districtBox.north || lon < districtBox.west || lon > districtBox.east) {
      return undefined;
    }
    return { lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) };
  } catch (error) {
    platform.logger.warn({ err: error }, "Geocoder nicht erreichbar");
    return undefined;
  }
}

/** The input with a position from the geocoder when it has an address but no position. */
export async function withGeocodedPosition(platform: Platform, input: OrganisationInput): Promise<OrganisationInput> {
  if (input.lat !== undefined || input.lon !== undefined) return input;
  const position = await geocodeAddress(platform, input);
  return position ? { ...input, ...position } : input;
}
