import { describe, expect, it } from "vitest";
import { distanceKm, type MatchSide, scoreMatch } from "./score.js";

// The scoring on a small known set: a Kita's hall, a Verein's request for a room, a request
// about something else in the same town, a request far away, and a second offer.

const side = (o: Partial<MatchSide> & Pick<MatchSide, "id" | "kind">): MatchSide => ({
  themes: [],
  areas: [],
  targetGroups: [],
  municipality: null,
  ...o,
});

// Celle (Kita) and Celle-Altencelle (Verein) are about 3 km apart; Hermannsburg about 28 km.
const kita = side({
  id: "kita",
  kind: "offer",
  themes: ["Räume", "Bewegung"],
  areas: ["fruehkindlich", "non_formal"],
  targetGroups: ["Kinder"],
  municipality: "Celle",
  lat: 52.6226,
  lon: 10.0805,
});
const verein = side({
  id: "verein",
  kind: "request",
  themes: ["räume"],
  areas: ["non_formal"],
  municipality: "Celle",
  lat: 52.6081,
  lon: 10.1174,
});
const sameTownOtherThing = side({ id: "bus", kind: "request", themes: ["Transport"], municipality: "Celle" });
const farAway = side({
  id: "fern",
  kind: "request",
  themes: ["Räume"],
  municipality: "Südheide",
  lat: 52.8744,
  lon: 10.0981,
});
const otherOffer = side({ id: "angebot2", kind: "offer", themes: ["Räume"], municipality: "Celle" });
const label = (id: string) => ({ non_formal: "Non-formale Bildung", fruehkindlich: "Frühkindliche Bildung" })[id] ?? id;

describe("scoreMatch", () => {
  it("the Kita's hall and the Verein's room request fit, with the reasons in German", () => {
    const m = scoreMatch(kita, verein, label);
    expect(m?.reasons).toEqual([
      "gleiches Thema: Räume",
      "gleicher Bereich: Non-formale Bildung",
      "beide in Celle",
      "3 km entfernt",
    ]);
    // theme 3 + area 2 + municipality 2 + within 5 km 2
    expect(m?.score).toBe(9);
    // the same the other way round, in the request's spelling
    expect(scoreMatch(verein, kita, label)?.reasons[0]).toBe("gleiches Thema: räume");
  });

  it("the same town alone is no match; two offers never match; nor a post itself", () => {
    expect(scoreMatch(kita, sameTownOtherThing)).toBeNull();
    expect(scoreMatch(kita, otherOffer)).toBeNull();
    expect(scoreMatch(kita, { ...kita, kind: "request" })).toBeNull();
  });

  it("a request further than 25 km away fits by theme but shows no distance, and ranks lower", () => {
    const far = scoreMatch(kita, farAway, label);
    expect(far?.reasons).toEqual(["gleiches Thema: Räume"]);
    expect(far?.score).toBeLessThan(scoreMatch(kita, verein, label)?.score ?? 0);
  });

  it("several shared words are listed together", () => {
    const m = scoreMatch(
      kita,
      side({ id: "x", kind: "request", themes: ["Bewegung", "Räume"], targetGroups: ["kinder"] }),
    );
    expect(m?.reasons).toEqual(["gleiche Themen: Räume, Bewegung", "gleiche Zielgruppe: Kinder"]);
  });

  it("distanceKm: haversine, Celle to Hermannsburg about 28 km", () => {
    expect(Math.round(distanceKm({ lat: 52.6226, lon: 10.0805 }, { lat: 52.8744, lon: 10.0981 }))).toBe(28);
    expect(distanceKm({ lat: 52.6, lon: 10 }, { lat: 52.6, lon: 10 })).toBe(0);
  });
});
