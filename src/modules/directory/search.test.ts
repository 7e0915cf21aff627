import { describe, expect, it } from "vitest";
import { normaliseExpanded, normaliseStripped, searchText, searchTokens } from "./search.js";

describe("German search normalisation", () => {
  it("expands and strips umlauts, lower-cases, drops punctuation", () => {
    expect(normaliseExpanded("Über die Straße, bitte!")).toBe("ueber die strasse bitte");
    expect(normaliseStripped("Über die Straße")).toBe("uber die strasse");
    expect(normaliseExpanded("Café Élan")).toBe("cafe elan");
  });

  it("stores both forms and finds every spelling of Über", () => {
    const stored = searchText(["Über den Tellerrand", null, "Celle"]);
    for (const q of ["ueber", "über", "Uber", "ÜBER", "tellerr"]) {
      for (const token of searchTokens(q)) expect(stored).toContain(token);
    }
  });

  it("splits a query into unique tokens without LIKE wildcards", () => {
    expect(searchTokens("  Kita  %_ kita Celle ")).toEqual(["kita", "celle"]);
    expect(searchTokens("")).toEqual([]);
    expect(searchTokens(undefined)).toEqual([]);
  });
});
