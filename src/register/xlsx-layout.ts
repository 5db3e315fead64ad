/** How the register's cells fit a printed page: column widths from what the cells hold, row heights from
 *  how many lines each wrapped cell takes, and the cell text itself made inert. Pure, no exceljs. */
import { visible } from "../util/visible.js";
import { neutraliseFormula } from "./csv.js";

/** Excel's limit on the characters of one cell. */
export const CELL_LIMIT = 32_767;
/** Body text size (points) and the height of one of its lines (points), with some leading. */
export const FONT_SIZE = 9;
export const LINE_HEIGHT = 11;
/** Excel's limit on a row's height (points). */
export const MAX_ROW_HEIGHT = 409;

/** Column width units are characters of the default 11 pt font; at 9 pt Arial about 1.6 fit in one (measured
 *  in LibreOffice).
 *  Rounded down, so an estimate errs towards one line too many, never one too few. */
const CHARS_PER_UNIT = 1.5;

/** User text as a cell holds it: line breaks kept (a wrapped cell shows them), every other control, bidi or
 *  invisible character shown as an escape (XML cannot even carry most of them), a leading formula trigger
 *  neutralised with `'` as in the CSV (a cell re-entered by hand would otherwise run), cut at Excel's limit. */
export function xlsxText(cell: string): string {
  const text = neutraliseFormula(visible(cell, "\n"));
  if (text.length <= CELL_LIMIT) return text;
  const note = ` [cut: ${text.length - CELL_LIMIT + 80} more characters; the CSV register has the whole cell]`;
  return text.slice(0, CELL_LIMIT - note.length) + note;
}

/** The lines a cell takes when wrapped at `width` units. */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * CHARS_PER_UNIT));
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/** A row tall enough for its tallest wrapped cell, within Excel's limit. */
export function rowHeight(cells: readonly string[], widths: readonly number[]): number {
  const lines = Math.max(1, ...cells.map((c, i) => wrappedLines(c, widths[i] ?? 10)));
  return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4);
}

/** Width units a landscape A4 page holds at 100 % with narrow margins is about 150; a sheet of `PAGE_BUDGET`
 *  units prints at about 80 %, so 9 pt text reads as 7 pt. */
export const PAGE_BUDGET = 185;

const lengthsOf = (text: string) => text.split("\n").map((l) => l.length);

/** Column widths that share `budget` units: each column first gets what its heading's longest word and a
 *  short line need (at least `min`), then the rest goes to the columns by how much text their cells hold
 *  (the 80th percentile of a row's cell), none wider than its longest line or `max`. Text-heavy columns get
 *  the width, so rows stay short; a column of "none declared" stays narrow. */
export function fitWidths(headings: readonly string[], rows: readonly (readonly string[])[], budget = PAGE_BUDGET, min = 8, max = 60): number[] {
  const units = (chars: number) => chars / CHARS_PER_UNIT + 1;
  const stats = headings.map((h, i) => {
    const cells = rows.map((r) => r[i] ?? "");
    const lines = cells.flatMap(lengthsOf);
    const sizes = cells.map((c) => c.length).sort((a, b) => a - b);
    const word = Math.max(...h.split(/\s+/).map((w) => w.length));
    const longest = Math.max(0, ...lines);
    const floor = Math.max(min, units(Math.max(word, Math.min(longest, 14))));
    const ceiling = Math.max(floor, Math.min(max, units(Math.max(longest, word))));
    const weight = sizes.length ? sizes[Math.min(sizes.length - 1, Math.floor(sizes.length * 0.8))]! : 0;
    return { floor, ceiling, weight: Math.max(1, weight) };
  });
  const widths = stats.map((s) => s.floor);
  let open = stats.map((s, i) => i).filter((i) => widths[i]! < stats[i]!.ceiling);
  // Hand out what is left, in proportion to the weights, until it is spent or every column is at its ceiling.
  for (let round = 0; round < headings.length && open.length; round++) {
    const left = budget - widths.reduce((a, b) => a + b, 0);
    if (left <= 0.5) break;
    const total = open.reduce((a, i) => a + stats[i]!.weight, 0);
    for (const i of open) widths[i] = Math.min(stats[i]!.ceiling, widths[i]! + (left * stats[i]!.weight) / total);
    open = open.filter((i) => widths[i]! < stats[i]!.ceiling);
  }
  return widths.map((w) => Math.floor(w));
}
