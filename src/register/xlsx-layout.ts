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
  const note = (n: number) => ` [cut: ${n} more characters; the CSV register has the whole cell]`;
  let kept = CELL_LIMIT - note(text.length).length;
  // Never half a surrogate pair: XML cannot carry a lone one.
  if (/[\ud800-\udbff]/.test(text[kept - 1] ?? "")) kept--;
  return text.slice(0, kept) + note(text.length - kept);
}

const lengthsOf = (text: string) => text.split("\n").map((l) => l.length);

/** The lines a cell of lines `lengths` long takes when wrapped at `width` units. */
function linesAt(lengths: readonly number[], width: number): number {
  const perLine = Math.max(1, Math.floor(width * CHARS_PER_UNIT));
  return lengths.reduce((n, l) => n + Math.max(1, Math.ceil(l / perLine)), 0);
}

/** The lines a cell takes when wrapped at `width` units. */
export function wrappedLines(text: string, width: number): number {
  return linesAt(lengthsOf(text), width);
}

/** A row tall enough for its tallest wrapped cell, within Excel's limit. Bold text (the heading row) is
 *  about a tenth wider. */
export function rowHeight(cells: readonly string[], widths: readonly number[], bold = false): number {
  const lines = Math.max(1, ...cells.map((c, i) => wrappedLines(c, (widths[i] ?? 10) / (bold ? 1.12 : 1))));
  return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4);
}

/** Width units a landscape A4 page holds at 100 % with narrow margins is about 150; a sheet of `PAGE_BUDGET`
 *  units prints at about 80 %, so 9 pt text reads as 7 pt. */
export const PAGE_BUDGET = 185;


/** Column widths that share `budget` units. Each column first gets what its heading's longest word, its cells'
 *  longest word (up to 20 characters: an identifier should not break) and a short line need, at least `min`.
 *  The rest is handed out greedily: each round, the column and the widening (in steps of two units, up to its
 *  longest line or `max`) that shorten the sheet most per unit spent. The sheet's length is the sum of the
 *  rows' heights (a row over Excel's limit counting many times over), plus a little for every wrapped line,
 *  so a column whose rows another column holds up still gains. Looking further than one step finds the
 *  widening that puts a findings ref on one line, where a single step would change nothing. Text-heavy
 *  columns get the width; a column of "none declared" stays narrow. */
export function fitWidths(headings: readonly string[], rows: readonly (readonly string[])[], budget = PAGE_BUDGET, min = 8, max = 60): number[] {
  const units = (chars: number) => chars / CHARS_PER_UNIT + 1;
  const table = [headings, ...rows];
  // Line lengths per cell, computed once: the search below wraps each cell many times.
  const lines = table.map((r) => headings.map((_, i) => lengthsOf(r[i] ?? "")));
  const bounds = headings.map((h, i) => {
    const cells = rows.map((r) => r[i] ?? "");
    const word = Math.max(...h.split(/\s+/).map((w) => w.length));
    const cellWord = Math.min(20, Math.max(0, ...cells.flatMap((c) => c.split(/\s+/).map((w) => w.length))));
    const longest = Math.max(0, ...cells.flatMap(lengthsOf));
    const floor = Math.max(min, units(Math.max(word, cellWord, Math.min(longest, 14))));
    return { floor: Math.floor(floor), ceiling: Math.floor(Math.max(floor, Math.min(max, units(Math.max(longest, word))))) };
  });
  const widths = bounds.map((b) => b.floor);
  const cellLines = (r: number, i: number, width: number) => linesAt(lines[r]![i]!, width);
  const capLines = Math.floor((MAX_ROW_HEIGHT - 4) / LINE_HEIGHT);
  const rowCost = (n: number) => (n > capLines ? n * 20 : n);
  const step = 2;
  let spent = widths.reduce((a, b) => a + b, 0);
  while (spent + step <= budget) {
    // Each row's cell heights now, and its tallest cell without column i (the two tallest suffice).
    const current = table.map((_, r) => headings.map((_h, i) => cellLines(r, i, widths[i]!)));
    const tops = current.map((cells) => {
      let first = -1;
      for (let i = 0; i < cells.length; i++) if (first < 0 || cells[i]! > cells[first]!) first = i;
      const second = Math.max(0, ...cells.filter((_, i) => i !== first));
      return { first, high: first < 0 ? 0 : cells[first]!, second };
    });
    let best: { column: number; width: number; rate: number } | undefined;
    for (let i = 0; i < widths.length; i++) {
      for (let w = widths[i]! + step; w <= bounds[i]!.ceiling && spent + (w - widths[i]!) <= budget; w += step) {
        let gain = 0;
        for (let r = 0; r < table.length; r++) {
          const now = current[r]![i]!;
          const next = cellLines(r, i, w);
          if (next === now) continue;
          const others = tops[r]!.first === i ? tops[r]!.second : tops[r]!.high;
          gain += rowCost(Math.max(others, now)) - rowCost(Math.max(others, next)) + 0.01 * (now - next);
        }
        const rate = gain / (w - widths[i]!);
        if (gain > 0 && (!best || rate > best.rate)) best = { column: i, width: w, rate };
      }
    }
    if (!best) break; // no column's text gets shorter for more width
    spent += best.width - widths[best.column]!;
    widths[best.column] = best.width;
  }
  return widths;
}
