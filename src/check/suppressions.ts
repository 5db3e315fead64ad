/** Inline suppressions, the record of accepted risks: `// flowmap-ignore rule-id: reason` accepts
 *  that rule's findings on the line it covers: its own line when it trails code; otherwise the next
 *  line of code, and when that line starts a declaration, the whole declaration (the layout `fmt`
 *  writes puts a multi-line declaration's findings on its property lines). A reason is mandatory.
 *  Accepted findings are kept, with their reason, apart from the active ones (Art. 5(2): the
 *  organization can show what it decided and why); unused suppressions are reported. */
import type { Diagnostic, Span } from "../diagnostics.js";
import type { Comment, Declaration } from "../syntax/ast.js";
import type { SourceFile } from "../syntax/source.js";
import { suggest } from "../util/suggest.js";
import { suppressedLine } from "../syntax/suppression.js";
import { allRules, ruleMeta } from "./registry.js";
import { isBlocking } from "./blocking.js";

interface Suppression {
  rule: string;
  reason: string;
  /** The lines covered, inclusive (for messages). */
  from: number;
  to: number;
  /** Declarations covered whole (those starting on the covered line): findings that start inside
   *  their spans (another declaration that starts on their last line is not covered). */
  declarations?: Array<{ start: number; end: number }>;
  comment: Comment;
  used: boolean;
}

const pattern = /^\/\/\s*flowmap-ignore\s+([a-z0-9-]+)\s*(?::\s*(.*))?$/;

export interface Suppressed {
  /** Findings no suppression covers. */
  active: Diagnostic[];
  /** Findings a suppression covers, each with `suppressed` set: the accepted risks. */
  accepted: Diagnostic[];
}

/** What a suppression covers: a declaration starting on `line`, whole; else that line. */
function coverage(line: number, trailing: boolean, declarations: Declaration[]): Pick<Suppression, "from" | "to" | "declarations"> {
  if (trailing) return { from: line, to: line };
  const starting = declarations.filter((x) => x.span.line === line);
  if (!starting.length) return { from: line, to: line };
  return { from: line, to: Math.max(...starting.map((d) => d.span.endLine)), declarations: starting.map((d) => ({ start: d.span.start, end: d.span.end })) };
}

function covers(s: Suppression, d: Diagnostic): boolean {
  if (s.declarations) return s.declarations.some((x) => x.start <= d.span.start && d.span.start < Math.max(x.end, x.start + 1));
  return d.span.line === s.from;
}

/** `rulesRan` is false when syntax errors kept the rules from running: then no suppression can be
 *  called unused. */
export function applySuppressions(diagnostics: Diagnostic[], comments: Comment[], source: SourceFile, rulesRan = true, declarations: Declaration[] = []): Suppressed {
  const active: Diagnostic[] = [];
  const accepted: Diagnostic[] = [];
  const suppressions: Suppression[] = [];
  for (const c of comments) {
    const m = pattern.exec(c.text.trim());
    if (!m) continue;
    const reason = (m[2] ?? "").trim();
    if (!reason) {
      active.push({
        code: "suppression-without-reason", severity: "error", span: c.span, related: [],
        message: `suppression of \`${m[1]}\` gives no reason`, help: `write \`// flowmap-ignore ${m[1]}: <why this is acceptable>\``,
      });
      continue;
    }
    const line = suppressedLine(c, source);
    suppressions.push({ rule: m[1]!, reason, ...coverage(line, line === c.span.line, declarations), comment: c, used: false });
  }
  for (const d of diagnostics) {
    // What leaves the model partial (a syntax error, an import that did not load) cannot be accepted:
    // with it accepted, the rules would not run and the check would pass on nothing.
    const s = isBlocking(d) ? undefined : suppressions.find((x) => x.rule === d.code && covers(x, d));
    if (!s) {
      active.push(d);
      continue;
    }
    s.used = true;
    accepted.push({ ...d, suppressed: { reason: s.reason, span: s.comment.span } });
  }
  if (rulesRan) for (const s of suppressions) if (!s.used) active.push(unused(s, diagnostics));
  return { active, accepted };
}

function unused(s: Suppression, diagnostics: Diagnostic[]): Diagnostic {
  // A misspelt rule id is the likely cause; say so rather than only "unused".
  const known = ruleMeta(s.rule) !== undefined;
  const near = known ? undefined : suggest(s.rule, allRules().map((r) => r.id));
  const lines = s.from === s.to ? `line ${s.from}` : `lines ${s.from}-${s.to}`;
  const sameRule = diagnostics.filter((d) => d.code === s.rule && d.span.file === s.comment.span.file);
  const nearest = sameRule.sort((a, b) => distance(a.span, s) - distance(b.span, s))[0];
  return {
    code: "unused-suppression", severity: "warning", span: s.comment.span,
    related: nearest ? [{ message: `the nearest \`${s.rule}\` finding is here`, span: nearest.span }] : [],
    message: known
      ? `\`${s.rule}\` reports nothing on ${lines}${nearest ? ` (its nearest finding is on line ${nearest.span.line})` : ""}; this suppression is unused`
      : `\`${s.rule}\` is not a rule id${near ? ` (did you mean \`${near}\`?)` : ""}; this suppression is unused`,
    help: known
      ? nearest ? `move the comment above line ${nearest.span.line}, or remove it` : "remove it, or correct the rule id"
      : "the rule ids are listed in docs/rules/README.md",
  };
}

function distance(span: Span, s: Suppression): number {
  return span.line < s.from ? s.from - span.line : span.line > s.to ? span.line - s.to : 0;
}
