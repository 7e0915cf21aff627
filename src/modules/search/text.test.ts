import { describe, expect, it } from "vitest";
import { fullTextQuery } from "./fulltext.js";
import { indexText, queryTerms, snippet, stem } from "./text.js";

describe("German words", () => {
  it("gives plural and inflected forms one stem", () => {
    expect(stem("schule")).toBe(stem("schulen"));
    expect(stem("kinder")).toBe(stem("kindern"));
    expect(stem("kind")).toBe(stem("kindes"));
    expect(stem("foerderung")).toBe(stem("foerderungen"));
    expect(stem("kitas")).toBe("kita");
    expect(stem("2024")).toBe("2024");
  });

  it("indexes compounds under their known parts, umlauts and ß spelled out", () => {
    const text = indexText(["Grundschule Am Fluß", "Sprachförderung für Kinder"]).split(" ");
    expect(text).toContain("schul");
    expect(text).toContain("grundschul");
    expect(text).toContain(stem("fluss"));
    expect(text).toContain(stem("foerderung"));
    expect(text).toContain(stem("sprache"));
  });

  it("widens the query by the synonyms, also a form of several words", () => {
    const kita = queryTerms("Kindertagesstätten");
    expect(kita).toHaveLength(1);
    expect(kita[0]?.map((p) => p.join(" "))).toEqual(
      expect.arrayContaining(["kita", stem("kindergarten"), stem("kindertagesstaette")]),
    );
    const daz = queryTerms("Deutsch als Zweitsprache Celle");
    expect(daz).toHaveLength(2);
    expect(daz[0]?.map((p) => p.join(" "))).toContain("daz");
    expect(queryTerms("VHS")[0]?.map((p) => p.join(" "))).toContain(stem("volkshochschule"));
    expect(queryTerms("Schüler SCHUELER schueler")).toHaveLength(1);
    expect(queryTerms("")).toEqual([]);
    expect(queryTerms("!!! –")).toEqual([]);
  });

  it("marks the matches in a snippet around the first one", () => {
    const words = Array.from({ length: 40 }, (_, i) => `Wort${i}`).join(" ");
    const parts = snippet(`${words} Wir bieten Sprachförderung für Kinder an.`, queryTerms("Förderung")[0]?.[0] ?? []);
    const marked = parts.filter((p) => p.mark).map((p) => p.text);
    expect(marked).toEqual(["Sprachförderung"]);
    expect(parts[0]?.text.startsWith("… ")).toBe(true);
    expect(snippet("Grundschulen im Ort", ["schul"]).find((p) => p.mark)?.text).toBe("Grundschulen");
  });
});

describe("the full-text query of each database", () => {
  const terms = [...queryTerms("DaZ"), ...queryTerms("Sprachför")];

  it("SQLite: an FTS5 expression, whole short words, word starts from four letters (a typed start is stemmed too)", () => {
    expect(fullTextQuery("sqlite", terms)).toBe(`("daz" OR "deutsch als zweitsprach"*) AND "sprachfo"*`);
  });

  it("PostgreSQL: a tsquery with phrases and prefixes", () => {
    expect(fullTextQuery("postgres", terms)).toBe("(daz | (deutsch <-> als <-> zweitsprach:*)) & sprachfo:*");
  });

  it("nothing to search: null", () => {
    expect(fullTextQuery("sqlite", [])).toBeNull();
    expect(fullTextQuery("postgres", queryTerms("  "))).toBeNull();
  });
});
