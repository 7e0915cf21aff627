// Does an offer fit a request, and why? Pure: the service reads the posts and coordinates,
// this decides. A pair fits when it shares at least one theme, education area or target group;
// the same municipality or a short distance make it fit better but never alone (two posts in
// Celle about different things are no match).

export interface MatchSide {
  id: string;
  kind: "offer" | "request";
  themes: readonly string[];
  areas: readonly string[];
  targetGroups: readonly string[];
  municipality: string | null;
  /** The organisation's coordinates, when the directory knows them. */
  lat?: number | null;
  lon?: number | null;
}

export interface MatchScore {
  score: number;
  /** In German, e.g. ["gleiches Thema: Räume", "beide in Celle"]. */
  reasons: string[];
}

/** Beyond this distance a place is no reason to meet. */
export const MAX_DISTANCE_KM = 25;

const norm = (s: string) => s.trim().toLocaleLowerCase("de");

/** The words of `a` that `b` also has, compared without case, in `a`'s spelling. */
function shared(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b.map(norm));
  const seen = new Set<string>();
  return a.filter((w) => {
    const n = norm(w);
    if (!n || !other.has(n) || seen.has(n)) return false;
    seen.add(n);
    return true;
  });
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const list = (label: [string, string], words: string[]) =>
  words.length ? [`${words.length === 1 ? label[0] : label[1]}: ${words.join(", ")}`] : [];

/**
 * The score and the reasons of a pair, or null when they do not fit (same kind, or nothing in
 * common). `areaLabel` turns an area id into its German name.
 */
export function scoreMatch(
  a: MatchSide,
  b: MatchSide,
  areaLabel: (id: string) => string = (id) => id,
): MatchScore | null {
  if (a.kind === b.kind || a.id === b.id) return null;
  const themes = shared(a.themes, b.themes);
  const areas = shared(a.areas, b.areas);
  const groups = shared(a.targetGroups, b.targetGroups);
  if (!themes.length && !areas.length && !groups.length) return null;
  const reasons = [
    ...list(["gleiches Thema", "gleiche Themen"], themes),
    ...list(["gleicher Bereich", "gleiche Bereiche"], areas.map(areaLabel)),
    ...list(["gleiche Zielgruppe", "gleiche Zielgruppen"], groups),
  ];
  let score = themes.length * 3 + areas.length * 2 + groups.length * 2;
  if (a.municipality && b.municipality && norm(a.municipality) === norm(b.municipality)) {
    reasons.push(`beide in ${a.municipality}`);
    score += 2;
  }
  if (a.lat != null && a.lon != null && b.lat != null && b.lon != null) {
    const km = distanceKm({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon });
    if (km <= MAX_DISTANCE_KM) {
      reasons.push(km < 1 ? "weniger als 1 km entfernt" : `${Math.round(km)} km entfernt`);
      score += km <= 5 ? 2 : 1;
    }
  }
  return { score, reasons };
}
