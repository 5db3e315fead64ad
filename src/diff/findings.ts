/** Findings new and resolved between two sides, and accepted risks added or dropped, by the stable
 *  fingerprint SARIF gives each finding (`partialFingerprints["flowmapFinding/v1"]`: the rule, the
 *  file, the message and the flagged line's text), so that an edit elsewhere in a file does not
 *  make an old finding new. */
import { sortDiagnostics, type Diagnostic } from "../diagnostics.js";
import type { CheckResult } from "../check/index.js";
import { isBlocking } from "../check/blocking.js";
import { formatSarif } from "../format/sarif.js";
import type { Finding, FindingsDiff, Side } from "./types.js";

function finding(d: Diagnostic, fingerprint: string): Finding {
  return {
    code: d.code, severity: d.severity, message: d.message, file: d.span.file, line: d.span.line, column: d.span.column, fingerprint,
    ...(d.suppressed && { reason: d.suppressed.reason }),
  };
}

/** A side's findings (already one per place, as `check` combines them) by fingerprint, computed by
 *  the SARIF formatter itself over the active and accepted findings together, sorted, as
 *  `check --format sarif` does, so the two can never disagree. */
export function sideFindings(side: Side["findings"]): { active: Map<string, Finding>; accepted: Map<string, Finding> } {
  const all = sortDiagnostics([...side.diagnostics, ...side.accepted]);
  const active = new Map<string, Finding>();
  const accepted = new Map<string, Finding>();
  if (!all.length) return { active, accepted };
  const sarif = JSON.parse(formatSarif(all, [], side.sources, { version: "", docsBase: "", informationUri: "" })) as {
    runs: { results: { partialFingerprints: Record<string, string> }[] }[];
  };
  sarif.runs[0]!.results.forEach((r, i) => {
    const d = all[i]!;
    const fp = r.partialFingerprints["flowmapFinding/v1"]!;
    const into = d.suppressed ? accepted : active;
    if (!into.has(fp)) into.set(fp, finding(d, fp));
  });
  return { active, accepted };
}

const order = (a: Finding, b: Finding) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** The files of models that did not parse (or whose imports did not load) on a side: the rules did
 *  not run on them there. */
function partialFiles(checked: readonly CheckResult[]): Set<string> {
  return new Set(checked.filter((r) => !r.complete).flatMap((r) => r.files));
}

/** A finding only on one side is new or resolved, unless the rules did not run on its file on the
 *  other side: then only what keeps a model partial (a syntax error, an import) is compared; the
 *  rules' findings there are unknown, not resolved. */
export function diffFindings(base: Side, head: Side): FindingsDiff {
  const b = sideFindings(base.findings);
  const h = sideFindings(head.findings);
  const partial = { base: partialFiles(base.checked), head: partialFiles(head.checked) };
  const known = (f: Finding, other: Set<string>) => !other.has(f.file) || isBlocking({ code: f.code } as Diagnostic);
  const only = (x: Map<string, Finding>, y: Map<string, Finding>, other: Set<string>) =>
    [...x].filter(([fp, f]) => !y.has(fp) && known(f, other)).map(([, f]) => f).sort(order);
  return {
    new: only(h.active, b.active, partial.base), resolved: only(b.active, h.active, partial.head),
    acceptedAdded: only(h.accepted, b.accepted, partial.base), acceptedRemoved: only(b.accepted, h.accepted, partial.head),
  };
}
