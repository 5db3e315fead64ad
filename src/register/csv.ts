/** RFC 4180 CSV: CRLF after every record, fields quoted when they hold `,` `"` CR or LF, quotes doubled.
 *  Cells that a spreadsheet would read as a formula get a leading `'` (OWASP CSV injection). */
import type { RegisterTable } from "./table.js";

const FORMULA_START = /^[=+\-@\t\r]/;

/** OWASP: a cell starting with = + - @ tab or CR is prefixed with a single quote. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function csvField(cell: string): string {
  const safe = neutraliseFormula(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: RegisterTable, options: { bom?: boolean } = {}): string {
  const records = [table.columns, ...table.rows].map((row) => row.map(csvField).join(",") + "\r\n");
  return (options.bom ? "\uFEFF" : "") + records.join("");
}
