/** Diagnostics as data: every stage returns these; formatters are pure functions of them. */

export type Severity = "error" | "warning" | "info";

/** A range in one source file. Offsets are UTF-16 code units; `end` is exclusive.
 *  Lines and columns are 1-based; `endColumn` is exclusive (points after the last character). */
export interface Span {
  file: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedInfo {
  message: string;
  span: Span;
  /** Another place the same problem occurs (one finding per problem, every place it shows): the
   *  register files the finding under the activities of these places too. */
  occurrence?: boolean;
}

export interface Diagnostic {
  /** Stable rule id, e.g. `transfer-without-mechanism`. */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related: RelatedInfo[];
  /** One line telling the user what to do. */
  help?: string;
  /** Set on a finding an inline suppression accepts: the risk on record, with its reason. */
  suppressed?: { reason: string; span: Span };
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: file, position, then code and message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
  if (a.span.start !== b.span.start) return a.span.start - b.span.start;
  if (a.span.end !== b.span.end) return a.span.end - b.span.end;
  if (a.severity !== b.severity) return severityRank[a.severity] - severityRank[b.severity];
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(compareDiagnostics);
}

/** Counts the active findings by severity; accepted ones (`suppressed`) do not count. */
export function countBySeverity(list: Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of list) if (!d.suppressed) counts[d.severity]++;
  return counts;
}
