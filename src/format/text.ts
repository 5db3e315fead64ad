/** Human output: `path:line:col: severity rule-id: message`, a code frame with the span
 *  underlined, the help line, and a summary. Pure: colour is an option, not a probe. */
import { countBySeverity, type Diagnostic, type Severity } from "../diagnostics.js";
import type { SourceFile } from "../syntax/source.js";

export interface TextOptions {
  color: boolean;
  /** Findings left out (`--quiet`), mentioned in the summary. */
  hidden?: number;
}

const codes = { red: 31, yellow: 33, cyan: 36, blue: 34, bold: 1, dim: 2 } as const;
type Style = keyof typeof codes;

function painter(color: boolean) {
  return (style: Style, text: string) => (color ? `\u001b[${codes[style]}m${text}\u001b[0m` : text);
}

const severityStyle: Record<Severity, Style> = { error: "red", warning: "yellow", info: "blue" };

/** Control characters in user text would move the terminal's cursor: show them as escapes. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

function expandTabs(line: string): string {
  return line.replace(/\t/g, "    ");
}

/** Terminal columns, counted in code points: an astral character (emoji, 𝒳) is two UTF-16 units
 *  but one column. */
function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function codeFrame(d: Diagnostic, source: SourceFile | undefined, paint: ReturnType<typeof painter>): string[] {
  if (!source) return [];
  const raw = source.lineText(d.span.line);
  const gutter = String(d.span.line).length;
  const before = expandTabs(visible(raw.slice(0, d.span.column - 1)));
  const endCol = d.span.endLine === d.span.line ? d.span.endColumn : raw.length + 1;
  const marked = expandTabs(visible(raw.slice(d.span.column - 1, Math.max(d.span.column - 1, endCol - 1))));
  const pad = " ".repeat(gutter);
  return [
    `${paint("dim", `${String(d.span.line)} |`)} ${expandTabs(visible(raw))}`,
    `${paint("dim", `${pad} |`)} ${" ".repeat(width(before))}${paint(severityStyle[d.severity], "^".repeat(Math.max(1, width(marked))))}`,
  ];
}

export function formatDiagnosticText(d: Diagnostic, source: SourceFile | undefined, options: TextOptions): string {
  const paint = painter(options.color);
  const where = `${d.span.file}:${d.span.line}:${d.span.column}`;
  const lines = [`${paint("bold", where)}: ${paint(severityStyle[d.severity], d.severity)} ${paint("dim", d.code)}: ${visible(d.message)}`];
  lines.push(...codeFrame(d, source, paint).map((l) => `  ${l}`));
  for (const r of d.related) lines.push(`  ${paint("dim", "note:")} ${visible(r.message)} at ${r.span.file}:${r.span.line}:${r.span.column}`);
  if (d.help) lines.push(`  ${paint("cyan", "help:")} ${visible(d.help)}`);
  return lines.join("\n");
}

export function summaryLine(diagnostics: Diagnostic[], files: number, hidden = 0): string {
  const c = countBySeverity(diagnostics);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const quiet = hidden ? ` (${plural(hidden, "warning or note")} not shown: --quiet)` : "";
  return `${plural(c.error, "error")}, ${plural(c.warning, "warning")}${c.info ? `, ${plural(c.info, "note")}` : ""} in ${plural(files, "file")}${quiet}`;
}

export function formatText(diagnostics: Diagnostic[], sources: ReadonlyMap<string, SourceFile>, files: number, options: TextOptions): string {
  const blocks = diagnostics.map((d) => formatDiagnosticText(d, sources.get(d.span.file), options));
  blocks.push(summaryLine(diagnostics, files, options.hidden));
  return `${blocks.join("\n\n")}\n`;
}
