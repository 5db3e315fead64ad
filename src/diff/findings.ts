/** Findings new and resolved between two sides, and accepted risks added or dropped, by the stable
 *  fingerprint SARIF gives each finding (`partialFingerprints["flowmapFinding/v1"]`: the rule, the
 *  file, the message and the flagged line's text), so that an edit elsewhere in a file does not
 *  make an old finding new. */
import { sortDiagnostics, type Diagnostic } from "../diagnostics.js";
import type { CheckResult } from "../check/index.js";
import { isBlocking } from "../check/blocking.js";
import { formatSarif } from "../format/sarif.js";
import type { Finding, FindingsDiff } from "./types.js";

/** Each finding of one check result with its fingerprint, computed by the SARIF formatter itself
 *  (over the active and accepted findings together, sorted, as `check --format sarif` does), so the
 *  two can never disagree. */
function fingerprinted(result: CheckResult): { d: Diagnostic; fingerprint: string }[] {
  const all = sortDiagnostics([...result.diagnostics, ...result.accepted]);
  if (!all.length) return [];
  const sarif = JSON.parse(formatSarif(all, [], result.sources, { version: "", docsBase: "", informationUri: "" })) as {
    runs: { results: { partialFingerprints: Record<string, string> }[] }[];
  };
  return sarif.runs[0]!.results.map((r, i) => ({ d: all[i]!, fingerprint: r.partialFingerprints["flowmapFinding/v1"]! }));
}

function finding(d: Diagnostic, fingerprint: string): Finding {
  return {
    code: d.code, severity: d.severity, message: d.message, file: d.span.file, line: d.span.line, column: d.span.column, fingerprint,
    ...(d.suppressed && { reason: d.suppressed.reason }),
  };
}

/** Every finding of a side once, by fingerprint: a shared library's findings come from each model
 *  that imports it. As `check` does, an unused suppression in a shared file counts only when it is
 *  unused in every model that reads the file. */
export function sideFindings(checked: readonly CheckResult[]): { active: Map<string, Finding>; accepted: Map<string, Finding> } {
  const active = new Map<string, { f: Finding; count: number }>();
  const accepted = new Map<string, Finding>();
  const readers = new Map<string, number>();
  for (const result of checked) {
    for (const p of result.files) readers.set(p, (readers.get(p) ?? 0) + 1);
    for (const { d, fingerprint } of fingerprinted(result)) {
      if (d.suppressed) {
        if (!accepted.has(fingerprint)) accepted.set(fingerprint, finding(d, fingerprint));
        continue;
      }
      const known = active.get(fingerprint);
      if (known) known.count++;
      else active.set(fingerprint, { f: finding(d, fingerprint), count: 1 });
    }
  }
  const kept = new Map<string, Finding>();
  for (const [fp, { f, count }] of active) {
    if (f.code === "unused-suppression" && count < (readers.get(f.file) ?? 1)) continue;
    kept.set(fp, f);
  }
  return { active: kept, accepted };
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
export function diffFindings(base: readonly CheckResult[], head: readonly CheckResult[]): FindingsDiff {
  const b = sideFindings(base);
  const h = sideFindings(head);
  const partial = { base: partialFiles(base), head: partialFiles(head) };
  const known = (f: Finding, other: Set<string>) => !other.has(f.file) || isBlocking({ code: f.code } as Diagnostic);
  const only = (x: Map<string, Finding>, y: Map<string, Finding>, other: Set<string>) =>
    [...x].filter(([fp, f]) => !y.has(fp) && known(f, other)).map(([, f]) => f).sort(order);
  return {
    new: only(h.active, b.active, partial.base), resolved: only(b.active, h.active, partial.head),
    acceptedAdded: only(h.accepted, b.accepted, partial.base), acceptedRemoved: only(b.accepted, h.accepted, partial.head),
  };
}
