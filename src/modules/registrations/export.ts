import ExcelJS from "exceljs";
import { safeCell, toExcelCsv } from "../../lib/excel-csv.js";

// Exports of the participant list: CSV for Excel (UTF-8 with BOM, semicolons, CRLF)
// and a real XLSX workbook. Cells that start like a formula are defused (CSV injection).

export function toCsv(headers: string[], rows: (string | number)[][]): string {
  return toExcelCsv([headers, ...rows]);
}

export async function toXlsx(sheetName: string, headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bildungsnetz";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === "number" ? v : safeCell(v))));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(headers[i]?.length ?? 10, ...rows.slice(0, 200).map((r) => String(r[i] ?? "").length));
    column.width = Math.min(50, Math.max(10, longest + 2));
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "fachtag-2025-03-28" → "anmeldungen-fachtag-2025-03-28-2026-11-27" */
export const exportFileName = (slug: string, ext: "csv" | "xlsx") =>
  `anmeldungen-${slug}-${new Date().toISOString().slice(0, 10)}.${ext}`;
