/** Human output: `path:line:col: severity rule-id: message`, a code frame with the span
 *  underlined, the help line, and a summary. Pure: colour is an option, not a probe.
 *
 *  User text never reaches the terminal raw: control, bidi and invisible characters in messages,
 *  file names and source lines are shown as escapes (`\x1b`, `\u202E`; src/util/visible.ts), and
 *  the caret is placed under the escaped text. What one finding prints is bounded (a window of a
 *  long line, the start of a long message), and so is what one run prints (`textFindingLimit`). */
import { countBySeverity, type Diagnostic, type Severity } from "../diagnostics.js";
import type { SourceFile } from "../syntax/source.js";
import { hasHostile, visible, visibleChar } from "../util/visible.js";

export interface TextOptions {
  color: boolean;
  /** Findings left out (`--quiet`), mentioned in the summary. */
  hidden?: number;
  /** Findings printed at most; the rest are counted in one line. Default `textFindingLimit`. */
  limit?: number;
}

/** Findings one `check` run prints in text format; `--format json` (or sarif, github) has them all. */
export const textFindingLimit = 200;
/** A source line up to this many UTF-16 units is shown whole; a longer one as a window around the span. */
export const frameWholeLine = 200;
/** Window of a long line: columns of context either side of the span, and of the span itself. */
export const frameContext = 60;
export const frameSpan = 100;
/** Characters of a message (or help, or note) shown; the rest is counted. */
export const messageLimit = 2000;

const codes = { red: 31, yellow: 33, cyan: 36, blue: 34, bold: 1, dim: 2 } as const;
type Style = keyof typeof codes;

function painter(color: boolean) {
  return (style: Style, text: string) => (color ? `\u001b[${codes[style]}m${text}\u001b[0m` : text);
}

const severityStyle: Record<Severity, Style> = { error: "red", warning: "yellow", info: "blue" };
/** As compilers print them: an `info` finding is a note. */
const severityWord: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

/** One line of user text: every control (line breaks too), bidi and invisible character escaped,
 *  and at most `messageLimit` characters of it. */
function oneLine(text: string): string {
  if (text.length <= messageLimit) return visible(text);
  let cut = messageLimit;
  if (isHigh(text.charCodeAt(cut - 1))) cut--;
  return `${visible(text.slice(0, cut))}… (${text.length - cut} more characters; --format json has them all)`;
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** A character of a code frame as the terminal shows it: a tab as four spaces, hostile ones escaped. */
function shown(ch: string): string {
  return ch === "\t" ? "    " : visibleChar(ch);
}

/** Terminal columns, counted in code points: an astral character (emoji, 𝒳) is two UTF-16 units
 *  but one column. */
function width(text: string): number {
  // As many as a loop over its code points counts, without the loop: the units less one per pair.
  return text.length - (text.match(surrogatePairs)?.length ?? 0);
}

const surrogatePairs = /[\ud800-\udbff][\udc00-\udfff]/g;
const surrogate = /[\ud800-\udfff]/;

/** How one character of a line shows: `shown`, or the character itself on a line with nothing to
 *  escape (no tab, no hostile character: nearly every line), which spares a regex test per character. */
type Show = (ch: string) => string;
const asItIs: Show = (ch) => ch;

function shownRange(raw: string, from: number, to: number, show: Show): string {
  if (show === asItIs) return raw.slice(from, to);
  let out = "";
  for (const ch of raw.slice(from, to)) out += show(ch);
  return out;
}

/** Shown characters from `from` towards `to` while they fit in `budget` columns. */
function forward(raw: string, from: number, to: number, budget: number, show: Show): { text: string; end: number } {
  let text = "";
  let cols = 0;
  let i = from;
  while (i < to) {
    const step = isHigh(raw.charCodeAt(i)) && isLow(raw.charCodeAt(i + 1)) && i + 1 < to ? 2 : 1;
    const s = show(raw.slice(i, i + step));
    const w = width(s);
    if (cols + w > budget) break;
    text += s;
    cols += w;
    i += step;
  }
  return { text, end: i };
}

/** Shown characters ending at `to`, going back while they fit in `budget` columns. */
function backward(raw: string, to: number, budget: number, show: Show): { text: string; start: number } {
  const parts: string[] = [];
  let cols = 0;
  let i = to;
  while (i > 0) {
    const step = isLow(raw.charCodeAt(i - 1)) && i >= 2 && isHigh(raw.charCodeAt(i - 2)) ? 2 : 1;
    const s = show(raw.slice(i - step, i));
    const w = width(s);
    if (cols + w > budget) break;
    parts.push(s);
    cols += w;
    i -= step;
  }
  return { text: parts.reverse().join(""), start: i };
}

/** The line as shown, split around the span: whole when short, else a window with `…` on cut sides. */
function frameParts(raw: string, from: number, to: number): { before: string; marked: string; after: string } {
  const show = hasHostile(raw) ? shown : asItIs;
  if (raw.length <= frameWholeLine) {
    return { before: shownRange(raw, 0, from, show), marked: shownRange(raw, from, to, show), after: shownRange(raw, to, raw.length, show) };
  }
  if (show === asItIs && !surrogate.test(raw)) {
    // Each character one unit and one column: the window is slices, as `backward` and `forward` cut it.
    const start = Math.max(0, from - frameContext);
    const markedEnd = Math.min(to, from + frameSpan);
    const end = markedEnd < to ? markedEnd : Math.min(raw.length, to + frameContext);
    return {
      before: `${start > 0 ? "…" : ""}${raw.slice(start, from)}`,
      marked: raw.slice(from, markedEnd),
      after: `${raw.slice(Math.min(to, markedEnd), end)}${end < raw.length ? "…" : ""}`,
    };
  }
  const left = backward(raw, from, frameContext, show);
  const mid = forward(raw, from, to, frameSpan, show);
  const right = mid.end < to ? { text: "", end: mid.end } : forward(raw, to, raw.length, frameContext, show);
  return {
    before: `${left.start > 0 ? "…" : ""}${left.text}`,
    marked: mid.text,
    after: `${right.text}${right.end < raw.length ? "…" : ""}`,
  };
}

function codeFrame(d: Diagnostic, source: SourceFile | undefined, paint: ReturnType<typeof painter>): string[] {
  if (!source) return [];
  const raw = source.lineText(d.span.line);
  const gutter = String(d.span.line).length;
  const from = Math.min(d.span.column - 1, raw.length);
  const endCol = d.span.endLine === d.span.line ? d.span.endColumn : raw.length + 1;
  const to = Math.min(Math.max(from, endCol - 1), raw.length);
  const { before, marked, after } = frameParts(raw, from, to);
  const pad = " ".repeat(gutter);
  return [
    `${paint("dim", `${String(d.span.line)} |`)} ${before}${marked}${after}`,
    `${paint("dim", `${pad} |`)} ${" ".repeat(width(before))}${paint(severityStyle[d.severity], "^".repeat(Math.max(1, width(marked))))}`,
  ];
}

export function formatDiagnosticText(d: Diagnostic, source: SourceFile | undefined, options: TextOptions): string {
  const paint = painter(options.color);
  const where = `${oneLine(d.span.file)}:${d.span.line}:${d.span.column}`;
  const lines = [`${paint("bold", where)}: ${paint(severityStyle[d.severity], severityWord[d.severity])} ${paint("dim", d.code)}: ${oneLine(d.message)}`];
  lines.push(...codeFrame(d, source, paint).map((l) => `  ${l}`));
  for (const r of d.related) lines.push(`  ${paint("dim", "note:")} ${oneLine(r.message)} at ${oneLine(r.span.file)}:${r.span.line}:${r.span.column}`);
  if (d.help) lines.push(`  ${paint("cyan", "help:")} ${oneLine(d.help)}`);
  return lines.join("\n");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `accepted`: findings inline suppressions accept (not shown, not counted as problems). */
export function summaryLine(diagnostics: Diagnostic[], files: number, hidden = 0, accepted = 0): string {
  const c = countBySeverity(diagnostics);
  const quiet = hidden ? ` (${plural(hidden, "warning or note")} not shown: --quiet)` : "";
  const ok = accepted ? `; ${plural(accepted, "finding")} accepted with a reason (flowmap-ignore; --format json lists them)` : "";
  return `${plural(c.error, "error")}, ${plural(c.warning, "warning")}${c.info ? `, ${plural(c.info, "note")}` : ""} in ${plural(files, "file")}${quiet}${ok}`;
}

export function formatText(all: Diagnostic[], sources: ReadonlyMap<string, SourceFile>, files: number, options: TextOptions): string {
  const diagnostics = all.filter((d) => !d.suppressed);
  const limit = options.limit ?? textFindingLimit;
  const blocks = diagnostics.slice(0, limit).map((d) => formatDiagnosticText(d, sources.get(d.span.file), options));
  const left = diagnostics.length - blocks.length;
  if (left > 0) blocks.push(`… ${plural(left, "more finding")} not shown (text output stops after ${plural(limit, "finding")}); --format json lists them all`);
  blocks.push(summaryLine(diagnostics, files, options.hidden, all.length - diagnostics.length));
  return `${blocks.join("\n\n")}\n`;
}
