/** Text measurement with svgdom's bundled Open Sans. Advances are per character (svgdom applies
 *  no kerning, so a string's width is the sum of its characters'), cached at a reference size.
 *
 *  The advances of the characters maps usually carry (Latin, common punctuation) are a generated
 *  table (`advances.ts`, exactly svgdom's values), so most maps are measured without loading
 *  svgdom and its fonts (~0.4 s) before the layout can start; other characters are measured with
 *  svgdom, which gives the same numbers for the table's characters. */
import { openSansAdvances } from "./advances.js";
import { fontFamily } from "./style.js";

export interface TextMeasurer {
  width(text: string, size: number, bold?: boolean): number;
}

/** A measurer that knows only the table; `missed` turns true when a text needed svgdom. */
export interface TableMeasurer extends TextMeasurer {
  readonly missed: boolean;
}

const referenceSize = 100;
/** svgdom has only the regular face; Open Sans Bold runs about 7% wider. */
const boldFactor = 1.08;
/** Room for fallback fonts: Arial is narrower than Open Sans, but DejaVu Sans (Linux without
 *  either) is about 10% wider; box padding absorbs the rest. */
const slack = 1.05;

/** Code point ranges (inclusive) of the generated advance table, in table order. */
export const advanceTableRanges: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], [0xa0, 0x24f], [0x2010, 0x203a], [0x20ac, 0x20ac], [0x2122, 0x2122], [0x2190, 0x2193],
];

function tableAdvance(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  let offset = 0;
  for (const [from, to] of advanceTableRanges) {
    if (cp >= from && cp <= to) return openSansAdvances[offset + cp - from];
    offset += to - from + 1;
  }
  return undefined;
}

function measurerOf(advance: (ch: string) => number | undefined): TextMeasurer {
  return {
    width(text, size, bold = false) {
      let total = 0;
      for (const ch of text) total += advance(ch) ?? 0;
      return (total * size * slack * (bold ? boldFactor : 1)) / referenceSize;
    },
  };
}

/** Synchronous and svgdom-free; a text with a character outside the table sets `missed` (its
 *  width is then wrong, and the caller measures again with `loadMeasurer`). */
export function tableMeasurer(): TableMeasurer {
  let missed = false;
  const m = measurerOf((ch) => {
    const w = tableAdvance(ch) ?? fallbackAdvance(ch);
    if (w === undefined) missed = true;
    return w;
  });
  return { width: m.width, get missed() { return missed; } };
}

/** Width from the table alone, for text flowmap writes itself (digits, punctuation). */
export const advanceWidth = measurerOf((ch) => tableAdvance(ch) ?? 0).width;

let shared: Promise<TextMeasurer> | undefined;

/** One full measurer per process: svgdom and the font load once, when a text needs them. */
export function loadMeasurer(): Promise<TextMeasurer> {
  shared ??= svgdomAdvances().then((measure) => {
    const advances = new Map<string, number>();
    return measurerOf((ch) => {
      let w = advances.get(ch);
      if (w === undefined) {
        w = tableAdvance(ch) ?? fallbackAdvance(ch) ?? measure(ch);
        advances.set(ch, w);
      }
      return w;
    });
  });
  return shared;
}

/** svgdom's advance of one character at the reference size (also generates the table). */
export async function svgdomAdvances(): Promise<(ch: string) => number> {
  const { createSVGWindow } = await import("svgdom");
  const doc = createSVGWindow().document;
  const probe = doc.createElementNS("http://www.w3.org/2000/svg", "text") as unknown as SVGTextElement;
  probe.setAttribute("font-family", fontFamily);
  probe.setAttribute("font-size", String(referenceSize));
  doc.documentElement.appendChild(probe);
  return (ch) => {
    probe.textContent = ch;
    return probe.getBBox().width;
  };
}

function fallbackAdvance(ch: string): number | undefined {
  const em = fallbackEm(ch.codePointAt(0)!);
  return em ? em * referenceSize : undefined;
}

/** Open Sans has no CJK or emoji glyphs (svgdom would measure its narrow .notdef box); browsers
 *  draw them from fallback fonts at about 1 em (CJK) and 1.25 em (emoji). */
function fallbackEm(cp: number): number | undefined {
  const wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
  if (wide) return 1;
  const emoji = (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf);
  return emoji ? 1.25 : undefined;
}

/** A drawn line holds at most this many code points, however narrow they measure (a run of
 *  zero-width combining marks would otherwise make one unbounded line). */
export const maxLineChars = 200;

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Greedy word wrap; a word longer than the line is cut at characters. Linear in the text: a long
 *  word is measured once character by character and cut by accumulated advances, each cut then
 *  confirmed by measuring the piece (so the cuts are exactly where measuring prefixes puts them). */
export function wrapText(m: TextMeasurer, text: string, maxWidth: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ").filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (m.width(candidate, size, bold) <= maxWidth && codePoints(candidate) <= maxLineChars) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    const pieces = cutWord(m, word, maxWidth, size, bold);
    line = pieces.pop()!;
    for (const piece of pieces) lines.push(piece);
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

/** Relative margin within which a sum of advances is confirmed by a measure (the sum and the
 *  measure of the same text differ only by rounding). */
const near = 1e-6;

/** `word` cut into pieces: each the longest prefix of the rest that fits (at least one character,
 *  at most `maxLineChars`), until the rest fits. */
function cutWord(m: TextMeasurer, word: string, maxWidth: number, size: number, bold: boolean): string[] {
  const width = (text: string) => m.width(text, size, bold);
  const chars = Array.from(word);
  if (chars.length <= maxLineChars && width(word) <= maxWidth) return [word];
  const advance = chars.map((ch) => width(ch));
  const rest = new Array<number>(chars.length + 1).fill(0);
  for (let i = chars.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + advance[i]!;
  const piece = (from: number, n: number) => chars.slice(from, from + n).join("");
  const fits = (from: number, n: number) => n <= maxLineChars && width(piece(from, n)) <= maxWidth;
  const pieces: string[] = [];
  let start = 0;
  while (chars.length - start > 1) {
    const left = chars.length - start;
    if (start > 0 && left <= maxLineChars && rest[start]! <= maxWidth * (1 + near)) {
      if (rest[start]! < maxWidth * (1 - near) || fits(start, left)) break;
    }
    let n = 1;
    let w = advance[start]!;
    while (n < left && n < maxLineChars && w + advance[start + n]! <= maxWidth * (1 + near)) w += advance[start + n++]!;
    while (n > 1 && !fits(start, n)) n--;
    while (n < left && fits(start, n + 1)) n++;
    pieces.push(piece(start, n));
    start += n;
  }
  pieces.push(piece(start, chars.length - start));
  return pieces;
}

/** Keeps at most `max` lines; the last kept one ends with an ellipsis (tooltips carry the full text). */
export function clampLines(m: TextMeasurer, lines: string[], max: number, maxWidth: number, size: number, bold = false): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), ellipsize(m, lines[max - 1]!, maxWidth, size, bold)];
}

/** The longest prefix of `text` that fits with a trailing "…", cut at a word when possible.
 *  Found from accumulated advances and confirmed by measuring, not by measuring every prefix. */
export function ellipsize(m: TextMeasurer, text: string, maxWidth: number, size: number, bold = false): string {
  const chars = Array.from(text);
  const fits = (k: number) => m.width(`${chars.slice(0, k).join("")}…`, size, bold) <= maxWidth;
  let n = 0;
  let w = m.width("…", size, bold);
  while (n < chars.length && w + m.width(chars[n]!, size, bold) <= maxWidth * (1 + near)) w += m.width(chars[n++]!, size, bold);
  while (n > 0 && !fits(n)) n--;
  while (n < chars.length && fits(n + 1)) n++;
  const cut = chars.slice(0, n).join("");
  const atWord = cut.replace(/\s+\S*$/, "");
  const kept = atWord.length >= cut.length * 0.6 ? atWord : cut;
  return `${kept.replace(/[\s,;:·]+$/, "")}…`;
}
