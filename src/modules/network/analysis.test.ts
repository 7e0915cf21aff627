import { describe, expect, it } from "vitest";
import {
  activePerQuarter,
  analyseNetwork,
  isCountedOn,
  type NetworkCooperation,
  type NetworkOrganisation,
} from "./analysis.js";

// A small hand-made network; every expected figure below is computed by hand.
const org = (id: string, name: string, kind: string, areas: string[], municipality: string): NetworkOrganisation => ({
  id,
  name,
  kind,
  areas,
  municipality,
});
const organisations = [
  org("k1", "Kita A", "kita", ["fruehkindlich"], "Celle"),
  org("k2", "Kita B", "kita", ["fruehkindlich"], "Celle"),
  org("k3", "Kita C", "kita", ["fruehkindlich"], "Bergen"),
  org("g1", "Grundschule Celle", "grundschule", ["schule"], "Celle"),
  org("o1", "Oberschule Celle", "oberschule", ["schule"], "Celle"),
  org("b1", "BBS Celle", "berufsbildende_schule", ["beruflich", "uebergang_schule_beruf"], "Celle"),
  org("gy1", "Gymnasium Bergen", "gymnasium", ["schule"], "Bergen"),
  org("v1", "VHS Bergen", "erwachsenenbildung", ["weiterbildung"], "Bergen"),
  org("u1", "Unternehmen Bergen", "unternehmen", ["beruflich"], "Bergen"),
];
const coop = (
  id: string,
  organisationIds: string[],
  startsOn: string,
  extra: Partial<NetworkCooperation> = {},
): NetworkCooperation => ({
  id,
  kind: "projekt",
  status: "active",
  startsOn,
  endsOn: null,
  organisationIds,
  confirmed: true,
  ...extra,
});
const cooperations = [
  coop("c1", ["k1", "g1"], "2024-03-01", { kind: "uebergang_kita_grundschule" }),
  coop("c2", ["o1", "b1", "v1"], "2024-02-23"), // three organisations: links each pair
  coop("c3", ["g1", "k1"], "2025-01-10", { kind: "vereinbarung" }), // parallel to c1: one edge
  coop("c4", ["k2", "g1"], "2024-01-01", { status: "ended", endsOn: "2024-12-31" }), // ended
  coop("c5", ["k3", "g1"], "2024-05-01", { confirmed: false }), // not confirmed by both
  coop("c6", ["gy1", "v1"], "2025-04-01"),
  coop("c7", ["u1", "k2"], "2025-09-01"), // starts after the day of analysis
  coop("c8", ["u1", "gy1"], "2025-01-01", { status: "proposed" }), // only proposed
];
const asOf = "2025-06-30";

describe("analyseNetwork on a hand-made network", () => {
  const a = analyseNetwork(organisations, cooperations, { asOf });

  it("counts organisations and only confirmed, active, running cooperations", () => {
    expect(a.organisations).toBe(9);
    expect(a.cooperations).toBe(4); // c1, c2, c3, c6
    expect(a.edges).toBe(5); // k1-g1, o1-b1, o1-v1, b1-v1, gy1-v1
  });

  it("computes density of the undirected simple graph, 2E / (N(N-1))", () => {
    expect(a.density).toBeCloseTo((2 * 5) / (9 * 8), 10);
  });

  it("counts connected components, isolated organisations included", () => {
    expect(a.components).toBe(5);
    expect(a.componentSizes).toEqual([4, 2, 1, 1, 1]);
    expect(a.isolated).toEqual(["k2", "k3", "u1"]);
  });

  it("links each pair of a three-organisation cooperation", () => {
    expect(a.degree).toMatchObject({ o1: 2, b1: 2, v1: 3, k1: 1, g1: 1, k2: 0 });
  });

  it("counts links between areas once per edge and area pair", () => {
    expect(a.areaLinks).toEqual([
      { from: "fruehkindlich", to: "schule", count: 1 },
      { from: "schule", to: "uebergang_schule_beruf", count: 1 },
      { from: "schule", to: "beruflich", count: 1 },
      { from: "schule", to: "weiterbildung", count: 2 },
      { from: "uebergang_schule_beruf", to: "weiterbildung", count: 1 },
      { from: "beruflich", to: "weiterbildung", count: 1 },
    ]);
  });

  it("finds both kinds of transition gaps", () => {
    expect(a.gaps).toEqual([
      { organisationId: "gy1", kind: "schule_ohne_uebergang_beruf" },
      { organisationId: "k2", kind: "kita_ohne_grundschule" },
      { organisationId: "k3", kind: "kita_ohne_grundschule" },
    ]);
  });

  it("counts organisations and cooperations per area and municipality", () => {
    expect(a.byArea).toEqual([
      { key: "fruehkindlich", organisations: 3, cooperations: 2 },
      { key: "schule", organisations: 3, cooperations: 4 },
      { key: "uebergang_schule_beruf", organisations: 1, cooperations: 1 },
      { key: "beruflich", organisations: 2, cooperations: 1 },
      { key: "weiterbildung", organisations: 1, cooperations: 2 },
    ]);
    expect(a.byMunicipality).toEqual([
      { key: "Bergen", organisations: 4, cooperations: 2 },
      { key: "Celle", organisations: 5, cooperations: 3 },
    ]);
  });

  it("counts cooperations active per quarter, ended ones while they ran", () => {
    expect(a.growth).toEqual([
      { quarter: "2024-Q1", active: 3 },
      { quarter: "2024-Q2", active: 3 },
      { quarter: "2024-Q3", active: 3 },
      { quarter: "2024-Q4", active: 3 },
      { quarter: "2025-Q1", active: 3 },
      { quarter: "2025-Q2", active: 4 },
    ]);
  });
});

describe("edge cases", () => {
  it("has density 0 and no components for an empty network", () => {
    const a = analyseNetwork([], [], { asOf });
    expect(a).toMatchObject({ organisations: 0, cooperations: 0, density: 0, components: 0, isolated: [], gaps: [] });
    expect(a.growth).toEqual([]);
  });

  it("ignores partners that are not among the organisations (e.g. unpublished)", () => {
    const a = analyseNetwork(organisations.slice(0, 2), [coop("x", ["k1", "zz"], "2024-01-01")], { asOf });
    expect(a.cooperations).toBe(0);
    expect(a.isolated).toEqual(["k1", "k2"]);
  });

  it("treats the end day as still running", () => {
    const c = coop("e", ["a", "b"], "2024-01-01", { endsOn: "2025-06-30" });
    expect(isCountedOn(c, "2025-06-30")).toBe(true);
    expect(isCountedOn(c, "2025-07-01")).toBe(false);
  });

  it("keeps at most the last 40 quarters of growth", () => {
    const rows = activePerQuarter([coop("old", ["a", "b"], "1990-01-01")], "2025-06-30");
    expect(rows).toHaveLength(40);
    expect(rows.at(-1)).toEqual({ quarter: "2025-Q2", active: 1 });
    expect(rows[0]?.quarter).toBe("2015-Q3");
  });
});
