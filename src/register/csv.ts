/** RFC 4180 CSV: CRLF after every record, fields quoted when they hold `,` `"` CR or LF, quotes doubled.
 *  Cells that a spreadsheet would read as a formula get a leading `'` (OWASP CSV injection), and
 *  control, bidi and invisible characters are shown as escapes (`\u202E`; src/util/visible.ts). */
import { visible } from "../util/visible.js";
import type { RegisterTable } from "./table.js";

/** What a spreadsheet may skip before it looks for a formula: whitespace (NBSP, the Unicode spaces,
 *  zero-width ones, the BOM) and quotes, straight or typographic. */
const SKIPPED = "\\s\\u00a0\\u1680\\u180e\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u2060\\u3000\\ufeff'\"\\u2018\\u2019\\u201a\\u201b\\u201c\\u201d\\u201e\\u201f\\u2032\\u2033\\u00ab\\u00bb";
/** = + - @, tab and CR, and their full-width (＝ ＋ － ＠) and small (﹦ ﹢ ﹣ ﹫) forms, which
 *  spreadsheets fold to ASCII. */
const TRIGGER = "=+\\-@\\t\\r\\uff1d\\uff0b\\uff0d\\uff20\\ufe66\\ufe62\\ufe63\\ufe6b";
const FORMULA_START = new RegExp(`^[${SKIPPED}]*[${TRIGGER}]`);

/** OWASP, widened: a cell whose first character after whitespace and quotes is a formula trigger
 *  is prefixed with a single quote. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Line breaks and tabs stay (a quoted field carries them); every other hostile character is shown. */
const kept = "\t\r\n";

export function csvField(cell: string): string {
  const safe = neutraliseFormula(visible(cell, kept));
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: RegisterTable, options: { bom?: boolean } = {}): string {
  const records = [table.columns, ...table.rows].map((row) => row.map(csvField).join(",") + "\r\n");
  return (options.bom ? "\uFEFF" : "") + records.join("");
}
