import { describe, expect, it } from "vitest";
import { modules } from "../../modules/index.js";
import { formatDate, formatTime, registerMessages, translator } from "./i18n.js";
import { platformMessages } from "./messages.js";

const catalogs = [
  { name: "platform", catalog: platformMessages },
  ...modules.filter((m) => m.messages).map((m) => ({ name: m.name, catalog: m.messages! })),
];

describe("message catalogue", () => {
  it.each(catalogs)("$name: German and English have exactly the same keys", ({ catalog }) => {
    const de = Object.keys(catalog.de).sort();
    const en = Object.keys(catalog.en).sort();
    expect(en.filter((k) => !de.includes(k))).toEqual([]);
    expect(de.filter((k) => !en.includes(k))).toEqual([]);
  });

  it.each(catalogs)("$name: no empty texts and the same placeholders in both languages", ({ catalog }) => {
    for (const [key, text] of Object.entries(catalog.de)) {
      expect(text.trim(), key).not.toBe("");
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(catalog.en[key] ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("no two modules define the same key", () => {
    const seen = new Map<string, string>();
    for (const { name, catalog } of catalogs) {
      for (const key of Object.keys(catalog.de)) {
        expect(seen.get(key), `${key} in ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });

  it("interpolates parameters and falls back to German", () => {
    registerMessages(platformMessages);
    expect(translator("de")("form.errorSummary", { count: 2 })).toBe("Es gibt 2 Fehler in Ihren Eingaben");
    expect(translator("en")("form.errorSummary", { count: 2 })).toBe("There are 2 problems with your input");
  });
});

describe("dates in Europe/Berlin", () => {
  it("shows UTC times in German local time, also across daylight saving", () => {
    expect(formatDate("2025-03-28T08:00:00.000Z", "de")).toBe("Freitag, 28. März 2025");
    expect(formatTime("2025-03-28T08:00:00.000Z", "de")).toBe("09:00"); // CET, UTC+1
    expect(formatTime("2025-06-28T08:00:00.000Z", "de")).toBe("10:00"); // CEST, UTC+2
  });
});
