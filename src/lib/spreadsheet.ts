import ExcelJS from "exceljs";
import { safeCell, toExcelCsv } from "./excel-csv.js";

// Every table export of the application: CSV as Excel opens it (UTF-8 with BOM,
// semicolons, CRLF) and a real XLSX workbook. Cells that start like a formula are
// defused (CSV injection). Dates stay dates in XLSX and become "TT.MM.JJJJ HH:MM" in CSV.

export type Cell = string | number | Date | null | undefined;

const csvDate = new Intl.DateTimeFormat("de-DE", {
  timeZone: "Europe/Berlin",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

const asCsv = (v: Cell): string | number =>
  v instanceof Date ? csvDate.format(v).replace(",", "") : v === null || v === undefined ? "" : v;

export function toCsv(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return toExcelCsv([headers, ...rows.map((r) => r.map(asCsv))]);
}

/** Berlin wall-clock time as a Date whose UTC fields show it: Excel has no time zones. */
function excelDate(value: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(value)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
}

export async function toXlsx(
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bildungsnetz";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(
      row.map((v) =>
        v instanceof Date ? excelDate(v) : typeof v === "number" ? v : v === null || v === undefined ? "" : safeCell(v),
      ),
    );
    row.forEach((v, i) => {
      if (v instanceof Date) added.getCell(i + 1).numFmt = "dd.mm.yyyy hh:mm";
    });
  }
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(headers[i]?.length ?? 10, ...rows.slice(0, 200).map((r) => String(asCsv(r[i])).length));
    column.width = Math.min(50, Math.max(10, longest + 2));
  });
  if (headers.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
