/** Text measurement with svgdom's bundled Open Sans. Advances are per character (svgdom applies
 *  no kerning, so a string's width is the sum of its characters'), cached at a reference size. */
import { fontFamily } from "./style.js";

export interface TextMeasurer {
  width(text: string, size: number, bold?: boolean): number;
}

const referenceSize = 100;
/** svgdom has only the regular face; Open Sans Bold runs about 7% wider. */
const boldFactor = 1.08;

let shared: Promise<TextMeasurer> | undefined;

/** One measurer per process: svgdom and the font load once, on the first render. */
export function loadMeasurer(): Promise<TextMeasurer> {
  shared ??= createMeasurer();
  return shared;
}

async function createMeasurer(): Promise<TextMeasurer> {
  const { createSVGWindow } = await import("svgdom");
  const doc = createSVGWindow().document;
  const probe = doc.createElementNS("http://www.w3.org/2000/svg", "text") as unknown as SVGTextElement;
  probe.setAttribute("font-family", fontFamily);
  probe.setAttribute("font-size", String(referenceSize));
  doc.documentElement.appendChild(probe);
  const advances = new Map<string, number>();
  const advance = (ch: string): number => {
    let w = advances.get(ch);
    if (w === undefined) {
      probe.textContent = ch;
      w = probe.getBBox().width;
      advances.set(ch, w);
    }
    return w;
  };
  return {
    width(text, size, bold = false) {
      let total = 0;
      for (const ch of text) total += advance(ch);
      return (total * size * (bold ? boldFactor : 1)) / referenceSize;
    },
  };
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

/** Keeps at most `max` lines; the last says the rest is in the tooltip. */
export function clampLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), "… (more in the tooltip)"];
}
