/** Inline suppressions: `// flowmap-ignore rule-id: reason` silences that rule on the next line
 *  (or on its own line when it trails code). A reason is mandatory; unused ones are reported. */
import type { Diagnostic } from "../diagnostics.js";
import type { Comment } from "../syntax/ast.js";
import type { SourceFile } from "../syntax/source.js";
import { suggest } from "../util/suggest.js";
import { suppressedLine } from "../syntax/suppression.js";
import { allRules, ruleMeta } from "./registry.js";

interface Suppression {
  rule: string;
  line: number;
  comment: Comment;
  used: boolean;
}

const pattern = /^\/\/\s*flowmap-ignore\s+([a-z0-9-]+)\s*(?::\s*(.*))?$/;

/** `rulesRan` is false when syntax errors kept the rules from running: then no suppression can be
 *  called unused. */
export function applySuppressions(diagnostics: Diagnostic[], comments: Comment[], source: SourceFile, rulesRan = true): Diagnostic[] {
  const out: Diagnostic[] = [];
  const active: Suppression[] = [];
  for (const c of comments) {
    const m = pattern.exec(c.text.trim());
    if (!m) continue;
    const reason = (m[2] ?? "").trim();
    if (!reason) {
      out.push({
        code: "suppression-without-reason", severity: "error", span: c.span, related: [],
        message: `suppression of \`${m[1]}\` gives no reason`, help: `write \`// flowmap-ignore ${m[1]}: <why this is acceptable>\``,
      });
      continue;
    }
    active.push({ rule: m[1]!, line: suppressedLine(c, source), comment: c, used: false });
  }
  for (const d of diagnostics) {
    const s = active.find((x) => x.rule === d.code && x.line === d.span.line);
    if (s && d.code !== "syntax-error") s.used = true;
    else out.push(d);
  }
  for (const s of active) {
    if (!s.used && rulesRan) {
      // A misspelt rule id is the likely cause; say so rather than only "unused".
      const known = ruleMeta(s.rule) !== undefined;
      const near = known ? undefined : suggest(s.rule, allRules().map((r) => r.id));
      out.push({
        code: "unused-suppression", severity: "warning", span: s.comment.span, related: [],
        message: known
          ? `\`${s.rule}\` reports nothing on line ${s.line}; this suppression is unused`
          : `\`${s.rule}\` is not a rule id${near ? ` (did you mean \`${near}\`?)` : ""}; this suppression is unused`,
        help: known ? "remove it, or correct the rule id" : "the rule ids are listed in docs/rules/README.md",
      });
    }
  }
  return out;
}
