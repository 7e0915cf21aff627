import { describe, expect, it } from "vitest";
import { csvCell, safeCell, toExcelCsv } from "./excel-csv.js";

describe("CSV for Excel", () => {
  it("starts with a BOM, separates with ; and ends lines with CRLF, umlauts intact", () => {
    expect(
      toExcelCsv([
        ["Name", "Ort"],
        ["Kita Löwenzahn", "Faßberg"],
      ]),
    ).toBe("\uFEFFName;Ort\r\nKita Löwenzahn;Faßberg\r\n");
  });

  it("quotes cells with separators, quotes or line breaks", () => {
    expect(csvCell('Sagt "Hallo"; tschüss')).toBe('"Sagt ""Hallo""; tschüss"');
    expect(csvCell("Zeile 1\nZeile 2")).toBe('"Zeile 1\nZeile 2"');
  });

  it("defuses formulas but keeps phone numbers and real numbers", () => {
    expect(safeCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("-2+3")).toBe("'-2+3");
    expect(safeCell("+49 5141 12-34")).toBe("+49 5141 12-34");
    expect(safeCell(-3)).toBe("-3");
  });
});
