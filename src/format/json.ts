/** `--format json`: the machine contract (docs/json-format.md). Version it when it changes shape. */
import { countBySeverity, type Diagnostic, type Severity } from "../diagnostics.js";
import { jsonEscapeHostile } from "../util/visible.js";

export const jsonFormatVersion = 1;

/** `counts` defaults to the diagnostics given; `check --quiet` passes the counts of all findings. */
/** Accepted findings (`suppressed`) are listed with their reason and counted apart. */
export function formatJson(diagnostics: Diagnostic[], files: string[], counts: Record<Severity, number> = countBySeverity(diagnostics)): string {
  const out = {
    version: jsonFormatVersion,
    tool: "flowmap",
    files,
    summary: { errors: counts.error, warnings: counts.warning, notes: counts.info, accepted: diagnostics.filter((d) => d.suppressed).length },
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      file: d.span.file,
      line: d.span.line,
      column: d.span.column,
      endLine: d.span.endLine,
      endColumn: d.span.endColumn,
      start: d.span.start,
      end: d.span.end,
      help: d.help ?? null,
      related: d.related.map((r) => ({ message: r.message, file: r.span.file, line: r.span.line, column: r.span.column, endLine: r.span.endLine, endColumn: r.span.endColumn })),
      ...(d.suppressed && { suppressed: { reason: d.suppressed.reason, file: d.suppressed.span.file, line: d.suppressed.span.line, column: d.suppressed.span.column } }),
    })),
  };
  // Bidi, DEL, C1 and invisible characters as \u escapes (JSON.stringify leaves them raw); parsed, the text is the same.
  return `${jsonEscapeHostile(JSON.stringify(out, null, 2))}\n`;
}
