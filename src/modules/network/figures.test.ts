import { describe, expect, it } from "vitest";
import { analyseNetwork, type NetworkCooperation, type NetworkOrganisation } from "./analysis.js";
import { networkOn } from "./figures.js";

// Isolated actors and gaps over time (networkOn) on a hand-made network whose
// cooperations start and end: counted by hand, and the same as the full analysis on
// every day — so reports have no second definition of "isolated" or "gap".

const org = (id: string, kind: string, areas: string[]): NetworkOrganisation => ({
  id,
  name: id,
  kind,
  areas,
  municipality: "Celle",
});
const organisations = [
  org("kita", "kita", ["fruehkindlich"]),
  org("gs", "grundschule", ["schule"]),
  org("os", "oberschule", ["schule"]),
  org("bbs", "berufsbildende_schule", ["beruflich", "uebergang_schule_beruf"]),
  org("verein", "verein", ["non_formal"]),
];
const coop = (id: string, ids: string[], startsOn: string, extra: Partial<NetworkCooperation> = {}) => ({
  id,
  kind: "projekt",
  status: "active" as const,
  startsOn,
  endsOn: null,
  organisationIds: ids,
  confirmed: true,
  ...extra,
});
const cooperations: NetworkCooperation[] = [
  coop("a", ["kita", "verein"], "2023-01-01", { endsOn: "2024-06-30" }), // ends mid-2024
  coop("b", ["kita", "gs"], "2024-03-01"),
  coop("c", ["os", "bbs", "verein"], "2024-09-01"), // three partners: each pair
  coop("d", ["os", "gs"], "2023-05-01", { confirmed: false }), // never confirmed: never counts
  coop("e", ["gs", "gs"], "2023-01-01"), // one organisation twice: links nobody
];

describe("networkOn: the network as of a day", () => {
  it("counts active cooperations, isolated organisations and gaps from start and end dates", () => {
    const row = (day: string) => {
      const { active, isolated, kitaWithoutPrimary, schoolWithoutTransition } = networkOn(
        organisations,
        cooperations,
        day,
      );
      return [active, isolated, kitaWithoutPrimary, schoolWithoutTransition];
    };
    expect(row("2022-12-31")).toEqual([0, 5, 1, 1]);
    expect(row("2023-12-31")).toEqual([1, 3, 1, 1]); // kita–verein only
    expect(row("2024-03-31")).toEqual([2, 2, 0, 1]); // and kita–gs
    expect(row("2024-06-30")).toEqual([2, 2, 0, 1]); // a's last day still counts
    expect(row("2024-07-01")).toEqual([1, 3, 0, 1]); // a has ended
    expect(row("2024-12-31")).toEqual([2, 0, 0, 0]); // c: os with bbs, verein back in
  });

  it("gives the same figures as the full analysis on every day", () => {
    for (const day of ["2022-12-31", "2023-06-30", "2024-03-01", "2024-06-30", "2024-07-01", "2025-01-01"]) {
      const a = analyseNetwork(organisations, cooperations, { asOf: day });
      expect(networkOn(organisations, cooperations, day)).toEqual({
        day,
        organisations: a.organisations,
        active: a.cooperations,
        isolated: a.isolated.length,
        kitaWithoutPrimary: a.gaps.filter((g) => g.kind === "kita_ohne_grundschule").length,
        schoolWithoutTransition: a.gaps.filter((g) => g.kind === "schule_ohne_uebergang_beruf").length,
      });
    }
  });
});
