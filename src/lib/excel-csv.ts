/**
 * CSV as German Excel reads it: UTF-8 with BOM, `;` between cells, CRLF line ends,
 * quotes only where needed. Shared by every export (directory, participant lists,
 * network analysis).
 */

/**
 * Defuses cells a spreadsheet would run as a formula (CSV injection): text starting
 * with = @ tab or CR, or with + / - unless it is a phone number like "+49 5141 12-34".
 * Numbers stay numbers.
 */
export function safeCell(value: string | number): string {
  const text = String(value);
  if (typeof value === "number") return text;
  if (/^[=@\t\r]/.test(text)) return `'${text}`;
  if (/^[+-]/.test(text) && !/^[+-][\d\s()/-]*$/.test(text)) return `'${text}`;
  return text;
}

export function csvCell(value: string | number): string {
  const text = safeCell(value);
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toExcelCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
