/** One mistake, one error: findings that are another error's consequence are not reported. */
import type { Diagnostic, Span } from "../diagnostics.js";
import type { FlowFile } from "../syntax/ast.js";
import type { BuildResult } from "../model/build.js";
import type { LoadedFile } from "../project/load.js";

/** Model-stage errors that leave a value unread (a typo in a name, a kind, a country...). */
const unreadValue = (d: Diagnostic) => d.code === "unknown-name" || (d.code.startsWith("invalid-") && d.code !== "invalid-property");

/** The rules' findings less the consequences of model-stage errors:
 *  - a declaration a misspelt reference most likely meant is not also "unused";
 *  - a finding that points into the property whose value did not read is that error's consequence
 *    (a purpose whose data list has a typo does not declare what its flows carry); other findings,
 *    on the declaration or pointing at its other properties, stay. */
export function withoutRuleCascade(findings: Diagnostic[], built: BuildResult, file: FlowFile): Diagnostic[] {
  const meant = new Set(built.meant.map((m) => `${m.file}\u0000${m.start}`));
  const errors = built.diagnostics.filter(unreadValue);
  if (!errors.length && !meant.size && !built.unread.length) return findings;
  // The properties whose value did not read (a typo in `data`, `located`, `basis`...): a finding
  // elsewhere that points into one of them reads that value.
  // Declarations by file, in source order: each error's is found by binary search (a large model
  // with a renamed data category has tens of thousands of errors).
  const byFile = new Map<string, FlowFile["declarations"]>();
  for (const d of file.declarations) {
    let list = byFile.get(d.span.file);
    if (!list) byFile.set(d.span.file, (list = []));
    list.push(d);
  }
  const broken = new Map<string, Span[]>();
  for (const e of errors) {
    const decl = holder(byFile.get(e.span.file) ?? [], e.span);
    if (!decl) continue;
    const property = decl.properties.find((p) => within(e.span, p.span));
    const list = broken.get(e.span.file) ?? [];
    list.push(property ? property.span : e.span);
    broken.set(e.span.file, list);
  }
  // A `from <id>` whose entry did not read (a broken team entry: its error is on the entry).
  for (const s of built.unread) broken.set(s.file, [...(broken.get(s.file) ?? []), s]);
  for (const list of broken.values()) list.sort((a, b) => a.start - b.start || b.end - a.end);
  const inBroken = (s: Span) => {
    const list = broken.get(s.file);
    if (!list) return false;
    // The broken spans do not overlap (properties): the last one starting at or before `s` is the only candidate.
    let lo = 0;
    let hi = list.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start <= s.start) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best >= 0 && within(s, list[best]!);
  };
  return findings.filter((d) => {
    if (d.code.startsWith("unused-") && meant.has(`${d.span.file}\u0000${d.span.start}`)) return false;
    return !d.related.some((r) => inBroken(r.span));
  });
}

/** Unknown names that are not the user's mistake: a name declared in an import that did not
 *  load (its error says so), or one whose declaration a syntax error on its line took away. */
export function withoutNameCascade(diagnostics: Diagnostic[], files: LoadedFile[], missingImports: boolean): Diagnostic[] {
  if (missingImports) return diagnostics.filter((d) => d.code !== "unknown-name");
  const unknown = new Set(diagnostics.filter((d) => d.code === "unknown-name").map((d) => /`([^`]+)`/.exec(d.message)?.[1] ?? ""));
  if (!unknown.size) return diagnostics;
  const lost = new Set<string>();
  for (const f of files) {
    // Each line once: a long line can carry thousands of syntax errors.
    const lines = new Set(f.diagnostics.filter((e) => e.code === "syntax-error").map((e) => e.span.line));
    for (const line of lines) {
      // `sytem mailer {`: the declaration the error took away is named by the line's second word.
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(f.source.lineText(line));
      if (m && m[1] !== "flow" && unknown.has(m[2]!)) lost.add(m[2]!);
    }
  }
  if (!lost.size) return diagnostics;
  return diagnostics.filter((d) => d.code !== "unknown-name" || !lost.has(/`([^`]+)`/.exec(d.message)?.[1] ?? ""));
}

/** The declaration (in source order) whose span holds `span`. */
function holder(declarations: FlowFile["declarations"], span: Span): FlowFile["declarations"][number] | undefined {
  let lo = 0;
  let hi = declarations.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = declarations[mid]!;
    if (span.start < d.span.start) hi = mid - 1;
    else if (span.start > d.span.end) lo = mid + 1;
    else return within(span, d.span) ? d : undefined;
  }
  return undefined;
}

function within(inner: Span, outer: Span): boolean {
  return inner.file === outer.file && outer.start <= inner.start && inner.end <= outer.end;
}

/** A block left open takes the next declaration's lines as its own properties ("`kind` is not a
 *  property of an organization"): in a declaration that has a syntax error, misplaced properties,
 *  and values read after the error (the next declaration's `kind contact` as the organization's
 *  kind), are the syntax error's consequence, not a second problem, so only the syntax error is
 *  reported. */
export function withoutCascade(built: Diagnostic[], syntax: Diagnostic[], file: FlowFile): Diagnostic[] {
  if (!syntax.some((d) => d.code === "syntax-error")) return built;
  const declarations = file.declarations;
  /** Index of the declaration whose span holds `offset`, or -1 (declarations are in source order). */
  const holding = (offset: number): number => {
    let lo = 0;
    let hi = declarations.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = declarations[mid]!;
      if (offset < d.span.start) hi = mid - 1;
      else if (offset > d.span.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
  // Where each broken declaration's first syntax error is (its keys: the broken declarations): a value
  // read after it comes from the next declaration's lines (`kind contact` of a data category read as
  // the organization's kind).
  const firstError = new Map<number, number>();
  for (const e of syntax) {
    if (e.code !== "syntax-error") continue;
    const at = holding(e.span.start);
    if (!firstError.has(at) || e.span.start < firstError.get(at)!) firstError.set(at, e.span.start);
  }
  // The rest of an unterminated string's line reads as words (`contact "a@b` as `contact` then
  // `a`): what the model builder says of them is the quote's consequence, as the parser's is.
  const quotes = new Map(syntax.filter((d) => d.message === "unterminated string").map((q) => [q.span.line, q.span.start]));
  return built.filter((d) => {
    const quote = quotes.get(d.span.line);
    if (quote !== undefined && d.span.start > quote) return false;
    const at = holding(d.span.start);
    if (d.code === "invalid-value") return at < 0 || !(d.span.start > (firstError.get(at) ?? Infinity));
    if (d.code !== "invalid-property") return true;
    return at < 0 || !firstError.has(at);
  });
}
