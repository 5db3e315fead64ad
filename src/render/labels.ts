/** What a flow's label says, at each level of detail. The verdict is never cut: a label that has to
 *  be short drops data items first, then the "Transfer to" prefix, and wraps its verdicts rather
 *  than ellipsize them; a label naming several countries gives each its own verdict. */
import type { Destination, Transfer } from "../check/transfers.js";
import { adequacyFor } from "../legal/gdpr-transfers.js";
import type { Flow } from "../model/model.js";
import { clampLines, wrapText, type TextMeasurer } from "./measure.js";
import { cleanText } from "./sanitize.js";
import { edgeStyles, font, ink } from "./style.js";
import type { TextLine } from "./types.js";

/** How much a flow's label says: everything on small maps, a line or two on medium ones, nothing
 *  (tooltip only) on big ones, where label dummies dominate ELK's running time and the map's size. */
export type LabelDetail = "full" | "compact" | "none";

export function labelDetailFor(systems: number, flows: number): LabelDetail {
  const size = systems + flows;
  return size <= 150 ? "full" : size <= 800 ? "compact" : "none";
}

export const labelWidth = { full: 240, compact: 170 };

const placeWords: Record<string, string> = { unspecified: "unstated place", anywhere: "anywhere", global: "anywhere", abroad: "outside the EEA" };

export function placeWord(place: string): string {
  return placeWords[place] ?? place;
}

/** A destination's ground in a word or two: the mechanism (SCC, DPF, BCR) where one covers it. */
export function groundWord(d: Destination): string {
  if (d.verdict === "not-covered") return "not covered";
  if (d.verdict === "derogation") return /Art\. 49\(1\)\([a-g]\)/.exec(d.basis)?.[0] ?? "Art. 49 derogation";
  if (d.verdict === "safeguard") {
    if (d.basis.startsWith("standard contractual clauses")) return "SCC";
    if (d.basis === "bcr") return "BCR";
    if (d.basis.startsWith("international agreement")) return "Art. 48 agreement";
    return d.basis;
  }
  if (/DPF-certified/.test(d.basis)) return "adequate (DPF)";
  return adequacyFor(d.place)?.scope === "partial" ? "partial adequacy" : "adequate";
}

/** "TR: not covered, CH: adequate": places sharing a ground are named together. */
export function verdictsText(t: Transfer): string {
  const groups = new Map<string, string[]>();
  for (const d of t.destinations) {
    const word = groundWord(d);
    const places = groups.get(word) ?? [];
    const place = placeWord(d.place);
    if (!places.includes(place)) places.push(place);
    groups.set(word, places);
  }
  const parts = [...groups].map(([word, places]) => `${places.join(", ")}: ${word}`);
  return parts.join([...groups.values()].some((p) => p.length > 1) ? "; " : ", ");
}

export function transferText(t: Transfer): string {
  return `${t.onward ? "Onward transfer" : "Transfer"} to ${verdictsText(t)}`;
}

function line(text: string, size: number, color: string, bold = false): TextLine {
  return bold ? { text, size, color, bold } : { text, size, color };
}

function wrappedLines(m: TextMeasurer, text: string, width: number, color: string, bold: boolean, max: number): TextLine[] {
  const lines = wrapText(m, cleanText(text), width, font.edge, bold);
  return clampLines(m, lines, max, width, font.edge, bold).map((t) => line(t, font.edge, color, bold));
}

/** The transfer's verdict lines in at most `max` lines: with the "Transfer to" prefix when it fits,
 *  without it when not, wrapped (never cut) before anything is left out. */
function verdictLines(m: TextMeasurer, t: Transfer, width: number, max: number): TextLine[] {
  const stroke = edgeStyles[t.verdict].stroke;
  for (const text of [transferText(t), verdictsText(t)]) {
    const lines = wrapText(m, cleanText(text), width, font.edge, true);
    if (lines.length <= max) return lines.map((l) => line(l, font.edge, stroke, true));
  }
  return wrappedLines(m, verdictsText(t), width, stroke, true, max + 1);
}

/** As many list items as fit in `maxLines`, then "+N more" (the tooltip has them all). */
export function listLines(m: TextMeasurer, prefix: string, items: string[], separator: string, maxLines: number, color: string, width: number, bold = false): TextLine[] {
  if (!items.length || maxLines <= 0) return [];
  // No more items than could fit if the lines were filled edge to edge (a place's list of 1,400
  // system names must not be wrapped 1,400 times).
  const budget = maxLines * width;
  const sepWidth = m.width(separator, font.edge, bold);
  let fit = 0;
  for (let w = m.width(prefix, font.edge, bold); fit < items.length && w <= budget; fit++) w += m.width(items[fit]!, font.edge, bold) + sepWidth;
  for (let n = Math.min(items.length, fit + 1); n > 0; n--) {
    // A no-break space keeps "+N more" on one line (added after cleanText, which would fold it).
    const more = n < items.length ? `${separator.trimEnd()} +${items.length - n}\u00a0more` : "";
    const lines = wrapText(m, cleanText(prefix + items.slice(0, n).join(separator)) + more, width, font.edge, bold);
    if (lines.length <= maxLines) return lines.map((t) => line(t, font.edge, color, bold));
  }
  return wrappedLines(m, `${prefix}${items.join(separator)}`, width, color, bold, maxLines);
}

export interface FlowFacts {
  flow: Flow;
  data: string[];
  /** The special-category (Art. 9/10) data among `data`. */
  special: string[];
  purposes: string[];
  transfer?: Transfer;
  findings?: TextLine;
}

export function edgeLines(m: TextMeasurer, f: FlowFacts, detail: LabelDetail): TextLine[] {
  if (detail === "none") return [];
  const plain = f.data.filter((d) => !f.special.includes(d));
  if (detail === "compact") {
    // Three lines at most: the verdict takes what it needs, data gets what is left.
    const width = labelWidth.compact;
    const verdict = f.transfer ? verdictLines(m, f.transfer, width, 2) : [];
    const special = f.special.length ? listLines(m, "Art. 9: ", f.special, ", ", 1, ink.special, width, true) : [];
    const left = 3 - verdict.length - special.length;
    return [...verdict, ...special, ...listLines(m, "", plain, ", ", left, ink.text, width)];
  }
  const width = labelWidth.full;
  const lines = [
    ...(f.transfer ? verdictLines(m, f.transfer, width, 2) : []),
    ...listLines(m, "Art. 9 data: ", f.special, ", ", 2, ink.special, width, true),
    ...listLines(m, "", plain, ", ", 3, ink.text, width),
    ...listLines(m, "for: ", f.purposes, "; ", 2, ink.muted, width),
    ...(f.flow.encrypted.length ? [line(cleanText(`encrypted: ${f.flow.encrypted.join(", ")}`), font.edge, ink.muted)] : []),
    ...(f.findings ? [{ ...f.findings, size: font.edge }] : []),
  ];
  return lines.length ? lines : [line(cleanText(f.flow.name), font.edge, ink.muted)];
}
