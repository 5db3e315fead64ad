/** `flowmap diff --format json`: the machine contract, documented in docs/diff.md. Version it when
 *  it changes shape. */
import { jsonEscapeHostile } from "../util/visible.js";
import { countsOf, plainText } from "./summary.js";
import type { Change, DiffReport, FailCondition, SideSummary } from "./types.js";

export const diffFormatVersion = 1;

function side(s: SideSummary) {
  return {
    label: s.label,
    revision: s.revision ?? null,
    models: s.models,
    errors: s.errors.map((d) => ({ code: d.code, severity: d.severity, message: d.message, file: d.span.file, line: d.span.line, column: d.span.column })),
  };
}

function change(c: Change) {
  return {
    kind: c.kind, entity: c.entity, id: c.id,
    ...(c.field !== undefined && { field: c.field }), ...("before" in c && { before: c.before }), ...("after" in c && { after: c.after }),
    ...(c.details && { details: c.details }),
    importance: c.importance, conditions: c.conditions,
    ...(c.at && { side: c.at.side, file: c.at.file, line: c.at.line }),
    text: plainText(c.parts),
  };
}

export function formatDiffJson(report: DiffReport, failOn: readonly FailCondition[] = []): string {
  const counts = countsOf(report);
  const out = {
    version: diffFormatVersion,
    tool: "flowmap",
    command: "diff",
    base: side(report.base),
    head: side(report.head),
    summary: counts,
    occurred: report.occurred,
    failOn,
    failed: failOn.filter((k) => report.occurred.includes(k)),
    models: report.models.map((m) => ({
      path: m.path, ...(m.basePath !== undefined && { basePath: m.basePath }), title: m.title, status: m.status,
      ...(m.notCompared && { notCompared: m.notCompared }), changes: m.changes.map(change),
    })),
    findings: report.findings,
  };
  return `${jsonEscapeHostile(JSON.stringify(out, null, 2))}\n`;
}
