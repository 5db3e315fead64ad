/** Code actions for the fix hints that are mechanical: a "did you mean" replacement, the
 *  transfer mechanism a hint names, `retention unspecified` on a purpose that says nothing, and a
 *  suppression comment with a reason placeholder (the syntax of src/check/suppressions.ts). */
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from "vscode-languageserver";
import type { Declaration } from "../syntax/ast.js";
import type { SourceFile } from "../syntax/source.js";
import { isBlocking } from "../check/blocking.js";
import type { Diagnostic } from "../diagnostics.js";
import { rangeOf } from "./convert.js";

const QuickFix = "quickfix";
const nameWord = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ActionInput {
  uri: string;
  source: SourceFile;
  /** The finding and the protocol diagnostic the client sent for it. */
  finding: Diagnostic;
  sent?: LspDiagnostic;
  /** The declaration the finding is in, when it is in one. */
  declaration?: Declaration;
}

function position(source: SourceFile, offset: number) {
  const line = source.lineIndexOf(offset);
  return { line, character: offset - source.lineStarts[line]! };
}

function indentOf(source: SourceFile, line: number): string {
  return /^[ \t]*/.exec(source.lineText(line))![0];
}

/** An edit adding the property line `text` at the end of `d`'s block (or giving it a block). */
export function addProperty(source: SourceFile, d: Declaration, text: string): TextEdit | undefined {
  const end = d.span.end;
  if (source.text[end - 1] !== "}") {
    const at = position(source, end);
    return { range: { start: at, end: at }, newText: ` { ${text} }` };
  }
  const close = end - 1;
  const closeLine = source.lineIndexOf(close) + 1;
  if (closeLine === d.span.line) {
    const at = position(source, close);
    return { range: { start: at, end: at }, newText: source.text[close - 1] === " " ? `${text} ` : ` ${text} ` };
  }
  const first = d.properties[0];
  const indent = first ? indentOf(source, first.span.line) : `${indentOf(source, d.span.line)}  `;
  const lineStart = source.lineStarts[closeLine - 1]!;
  // Code before the `}` on its line: the new line goes just before the brace.
  if (source.text.slice(lineStart, close).trim()) {
    const at = position(source, close);
    const nl = eol(source.text);
    return { range: { start: at, end: at }, newText: `${nl}${indent}${text}${nl}${indentOf(source, d.span.line)}` };
  }
  const at = position(source, lineStart);
  return { range: { start: at, end: at }, newText: `${indent}${text}${eol(source.text)}` };
}

/** The file's own line ending: a quick fix in a CRLF file adds CRLF lines. */
function eol(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

function fix(title: string, input: ActionInput, edits: TextEdit[], preferred = false): CodeAction {
  return {
    title, kind: QuickFix, isPreferred: preferred || undefined,
    diagnostics: input.sent ? [input.sent] : undefined,
    edit: { changes: { [input.uri]: edits } },
  };
}

export function codeActions(input: ActionInput): CodeAction[] {
  const { finding: d, source } = input;
  const out: CodeAction[] = [];
  // "(did you mean `x`?)": the span is the misspelt word; the replacement is the suggestion.
  const meant = /\(did you mean `([^`]+)`/.exec(d.message);
  const written = source.text.slice(d.span.start, d.span.end);
  if (meant && nameWord.test(written) && nameWord.test(meant[1]!) && meant[1] !== written) {
    out.push(fix(`Change \`${written}\` to \`${meant[1]}\``, input, [{ range: rangeOf(d.span), newText: meant[1]! }], true));
  }
  const decl = input.declaration;
  if (decl?.kind === "flow" && d.help) {
    // The mechanism the hint names: `mechanism dpf`, `mechanism scc c2p`, ... (never a placeholder).
    // A finding on a mechanism line (a ground that fails) gets it replaced; otherwise one is added.
    const failing = decl.properties.find((p) => p.keyword.text === "mechanism" && p.span.start <= d.span.start && d.span.start < p.span.end);
    for (const m of d.help.matchAll(/`(mechanism (?:dpf|adequacy|bcr|scc (?:c2c|c2p|p2p|p2c)))`/g)) {
      const wanted = m[1]!;
      if (out.some((a) => a.title.includes(wanted)) || decl.properties.some((p) => source.text.slice(p.span.start, p.span.end) === wanted)) continue;
      if (failing) {
        const was = source.text.slice(failing.span.start, failing.span.end);
        out.push(fix(`Replace \`${was}\` with \`${wanted}\``, input, [{ range: rangeOf(failing.span), newText: wanted }]));
        continue;
      }
      const edit = addProperty(source, decl, wanted);
      if (edit) out.push(fix(`Add \`${wanted}\``, input, [edit]));
    }
  }
  if (d.code === "retention-missing" && decl?.kind === "purpose" && !decl.properties.some((p) => p.keyword.text === "retention")) {
    const edit = addProperty(source, decl, 'retention unspecified "<the policy\'s words>"');
    if (edit) out.push(fix("Add `retention unspecified` (the policy names no period)", input, [edit]));
  }
  if (!isBlocking(d) && d.code !== "suppression-without-reason" && d.code !== "unused-suppression") {
    const line = d.span.line;
    const at = { line: line - 1, character: 0 };
    out.push(fix(`Accept the risk: \`// flowmap-ignore ${d.code}: <reason>\``, input, [
      { range: { start: at, end: at }, newText: `${indentOf(source, line)}// flowmap-ignore ${d.code}: <why this is acceptable>${eol(source.text)}` },
    ]));
  }
  return out;
}
