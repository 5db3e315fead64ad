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

/** Greedy word wrap; a word longer than the line is cut at characters. */
export function wrapText(m: TextMeasurer, text: string, maxWidth: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ").filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (m.width(candidate, size, bold) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    let chars = Array.from(line);
    while (m.width(line, size, bold) > maxWidth && chars.length > 1) {
      const cut = fitPrefix(m, chars, maxWidth, size, bold);
      lines.push(chars.slice(0, cut).join(""));
      chars = chars.slice(cut);
      line = chars.join("");
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

function fitPrefix(m: TextMeasurer, chars: string[], maxWidth: number, size: number, bold: boolean): number {
  let n = 1;
  while (n < chars.length && m.width(chars.slice(0, n + 1).join(""), size, bold) <= maxWidth) n++;
  return n;
}

/** Keeps at most `max` lines; the last kept one ends with an ellipsis (tooltips carry the full text). */
export function clampLines(m: TextMeasurer, lines: string[], max: number, maxWidth: number, size: number, bold = false): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), ellipsize(m, lines[max - 1]!, maxWidth, size, bold)];
}

/** The longest prefix of `text` that fits with a trailing "…", cut at a word when possible. */
export function ellipsize(m: TextMeasurer, text: string, maxWidth: number, size: number, bold = false): string {
  const chars = Array.from(text);
  let n = chars.length;
  const fits = (k: number) => m.width(`${chars.slice(0, k).join("")}…`, size, bold) <= maxWidth;
  while (n > 0 && !fits(n)) n--;
  const cut = chars.slice(0, n).join("");
  const atWord = cut.replace(/\s+\S*$/, "");
  const kept = atWord.length >= cut.length * 0.6 ? atWord : cut;
  return `${kept.replace(/[\s,;:·]+$/, "")}…`;
}
