/** The findings list beside the map: each system, flow, purpose (or, on the overview, place) with
 *  findings gets a number, drawn as a callout on the map and as an entry in the list, which spells
 *  the findings out. Text in the SVG, not in tooltips: print, PDF and PNG keep it. */
import type { Diagnostic } from "../diagnostics.js";
import { clampLines, wrapText, type TextMeasurer } from "./measure.js";
import { cleanText } from "./sanitize.js";
import { font, ink, lineHeight } from "./style.js";
import type { Callout, NoteEntry, TextLine } from "./types.js";

export const notesWidth = 380;
const indent = 24;
/** Lines one finding may take before it is cut (its tooltip keeps it whole). */
const linesPerFinding = 3;

interface Entry {
  callout: Callout;
  title: string;
  found: Diagnostic[];
  /** Written out instead of the findings one by one (each wrapped to a few lines). */
  text?: string[];
  /** Summarised by rule (the overview: one line per rule with a count and the first message). */
  grouped: boolean;
}

export function calloutColor(found: Diagnostic[]): string {
  if (found.some((d) => d.severity === "error")) return ink.error;
  return found.some((d) => d.severity === "warning") ? ink.warning : ink.muted;
}

/** Errors first: they are why a box is marked. Stable within a severity. */
export function bySeverity(found: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === "error" ? 0 : d.severity === "warning" ? 1 : 2);
  // Then by rule and message, not by place: a model split over files lists them in the same order.
  const key = (d: Diagnostic) => `${d.code}\u0000${d.message}`;
  return [...found].sort((a, b) => rank(a) - rank(b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export class FindingsList {
  private entries: Entry[] = [];

  /** Numbers the next entry, or returns undefined when there is nothing to say. */
  add(title: string, found: Diagnostic[], grouped = false): Callout | undefined {
    if (!found.length) return undefined;
    const callout = { number: this.entries.length + 1, color: calloutColor(found) };
    this.entries.push({ callout, title, found, grouped });
    return callout;
  }

  /** An entry whose body is given (`found` still sets its colour and counts). */
  addText(title: string, found: Diagnostic[], text: string[]): Callout | undefined {
    const callout = this.add(title, found);
    if (callout) this.entries[this.entries.length - 1]!.text = text;
    return callout;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The list's blocks, at most `maxLines` lines in all; what does not fit is counted in a closing
   *  line. `where` names a finding's file and line. */
  blocks(m: TextMeasurer, where: (d: Diagnostic) => string, maxLines: number): NoteEntry[] {
    const out: NoteEntry[] = [];
    let used = 0;
    let left = this.entries.length;
    let leftFindings = this.entries.reduce((n, e) => n + e.found.length, 0);
    for (const e of this.entries) {
      const lines = entryLines(m, e, where);
      if (used + lines.length > maxLines && out.length) break;
      out.push(noteBlock(m, lines, e.callout));
      used += lines.length;
      left--;
      leftFindings -= e.found.length;
    }
    if (left > 0) {
      const text = `${leftFindings} more finding${leftFindings === 1 ? "" : "s"} in ${left} more numbered entr${left === 1 ? "y" : "ies"}: \`flowmap check\` lists every finding`;
      out.push(noteBlock(m, wrap(m, text, notesWidth, font.notes, ink.muted, false, 3)));
    }
    return out;
  }
}

function wrap(m: TextMeasurer, text: string, width: number, size: number, color: string, bold: boolean, max: number): TextLine[] {
  return clampLines(m, wrapText(m, cleanText(text), width, size, bold), max, width, size, bold).map((t) => (bold ? { text: t, size, color, bold } : { text: t, size, color }));
}

function entryLines(m: TextMeasurer, e: Entry, where: (d: Diagnostic) => string): TextLine[] {
  const width = notesWidth - indent;
  const lines = wrap(m, e.title, width, font.notes, ink.text, true, 2);
  if (e.text) {
    const color = calloutColor(e.found);
    for (const [i, t] of e.text.entries()) {
      const text = wrap(m, t, width, font.notes, ink.text, false, linesPerFinding);
      lines.push(i === 0 ? { ...text[0]!, color } : text[0]!, ...text.slice(1));
    }
    return lines;
  }
  for (const [d, count] of e.grouped ? byRule(e.found) : bySeverity(e.found).map((d) => [d, 1] as const)) {
    const color = d.severity === "error" ? ink.error : d.severity === "warning" ? ink.warning : ink.muted;
    const place = where(d);
    const said = count > 1 ? `${count} × ${d.severity} [${d.code}], e.g.${place ? ` ${place}` : ""}: ${d.message}` : `${d.severity} [${d.code}]${place ? ` ${place}` : ""}: ${d.message}`;
    const text = wrap(m, said, width, font.notes, ink.text, false, e.grouped ? 2 : linesPerFinding);
    // The severity word keeps its colour on the first line; the message reads in text colour.
    lines.push({ ...text[0]!, color }, ...text.slice(1));
  }
  return lines;
}

/** One finding per rule with how many there are, most first. */
function byRule(found: Diagnostic[]): (readonly [Diagnostic, number])[] {
  const rules = new Map<string, [Diagnostic, number]>();
  for (const d of bySeverity(found)) {
    const key = `${d.severity}\u0000${d.code}`;
    const seen = rules.get(key);
    if (seen) seen[1]++;
    else rules.set(key, [d, 1]);
  }
  const rank = (d: Diagnostic) => (d.severity === "error" ? 0 : d.severity === "warning" ? 1 : 2);
  return [...rules.values()].sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1]);
}

function noteBlock(m: TextMeasurer, lines: TextLine[], callout?: Callout): NoteEntry {
  const textWidth = Math.max(0, ...lines.map((l) => m.width(l.text, l.size, l.bold)));
  const height = lines.reduce((h, l) => h + lineHeight(l.size), 0);
  return { text: { lines, width: Math.ceil(textWidth + indent), height: Math.ceil(height), padX: indent, padY: 0 }, ...(callout && { callout }) };
}
