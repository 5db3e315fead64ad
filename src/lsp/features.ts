/** The requests, answered from one analysis (analysis.ts) and the document's current text: pure
 *  functions of their inputs, so that tests and the server call the same code. */
import type {
  CodeAction, CompletionItem, Diagnostic as LspDiagnostic, DocumentSymbol, Location, SymbolInformation, SymbolKind, TextEdit, WorkspaceEdit,
} from "vscode-languageserver";
import type { Diagnostic } from "../diagnostics.js";
import type { Declaration } from "../syntax/ast.js";
import type { LoadedFile } from "../project/load.js";
import { formatSource } from "../cli/fmt-command.js";
import type { Analysis } from "./analysis.js";
import { rangeOf, uriOf } from "./convert.js";
import { contextAt, wordStart } from "./context.js";
import { completions } from "./completion.js";
import { acceptedHover, findingHover, symbolHover, wordHover } from "./hover.js";
import { codeActions } from "./actions.js";
import { declarationAt, declarationsOfTarget, referencesTo, targetAt, type Declared } from "./symbols.js";
import type { Catalogue } from "./catalogue.js";

/** The analysed file at `abs`, when the analysis read the text the editor holds now. */
export function analysedFile(a: Analysis | undefined, abs: string, text?: string): LoadedFile | undefined {
  const f = a?.project.files.get(abs);
  if (!f || (text !== undefined && f.source.text !== text)) return undefined;
  return f;
}

const locationOf = (a: Analysis, file: string, span: Declared["nameSpan"]): Location | undefined => {
  const abs = a.files.get(file)?.abs;
  return abs ? { uri: uriOf(abs), range: rangeOf(span) } : undefined;
};

export function hoverAt(a: Analysis, f: LoadedFile, offset: number, catalogue?: Catalogue): string | undefined {
  const parts: string[] = [];
  for (const d of a.byFile.get(f.path) ?? []) if (d.span.start <= offset && offset <= Math.max(d.span.end, d.span.start + 1)) parts.push(findingHover(d));
  // On a suppression comment: what it accepts (the record of accepted risks).
  const accepted = (a.workspace?.accepted ?? []).filter((d) => d.suppressed && d.suppressed.span.file === f.path && d.suppressed.span.start <= offset && offset <= d.suppressed.span.end);
  if (accepted.length) parts.push(acceptedHover(accepted));
  const target = targetAt(a.index, f.path, offset);
  const symbol = target && symbolHover(a.index, target);
  if (symbol) parts.push(symbol);
  // A word no declaration names: a value of the vocabulary, a country, a built-in catalogue id.
  else {
    const text = f.source.text;
    const start = wordStart(text, offset);
    let end = offset;
    while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
    if (end > start) {
      const w = wordHover(text.slice(start, end), contextAt(text, start), catalogue);
      if (w) parts.push(w);
    }
  }
  return parts.length ? parts.join("\n\n---\n\n") : undefined;
}

export function completionAt(a: Analysis | undefined, file: string, text: string, offset: number, catalogue?: Catalogue): CompletionItem[] {
  return completions(contextAt(text, offset), a?.index, file, catalogue);
}

export function definitionAt(a: Analysis, f: LoadedFile, offset: number): Location[] {
  // On an import's path: the file it loads.
  const d = declarationAt(a.index, f.path, offset);
  if (d?.kind === "import" && d.path && d.path.span.start <= offset && offset <= d.path.span.end) {
    const target = f.imports.find((e) => e.declaration === d)?.target;
    return target ? [{ uri: uriOf(target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
  }
  const t = targetAt(a.index, f.path, offset);
  if (!t) return [];
  return declarationsOfTarget(a.index, t).map((s) => locationOf(a, s.file, s.nameSpan)).filter((l): l is Location => !!l);
}

export function referencesAt(a: Analysis, f: LoadedFile, offset: number, includeDeclaration: boolean): Location[] {
  const t = targetAt(a.index, f.path, offset);
  if (!t) return [];
  const out: Location[] = [];
  for (const s of declarationsOfTarget(a.index, t)) {
    if (includeDeclaration) {
      const l = locationOf(a, s.file, s.nameSpan);
      if (l) out.push(l);
    }
    for (const r of referencesTo(a.index, s)) {
      const l = locationOf(a, r.file, r.name.span);
      if (l) out.push(l);
    }
  }
  return out;
}

export function prepareRenameAt(a: Analysis, f: LoadedFile, offset: number) {
  const t = targetAt(a.index, f.path, offset);
  if (!t || !declarationsOfTarget(a.index, t).length) return undefined;
  const span = "declared" in t ? t.declared.nameSpan : t.reference.name.span;
  return { range: rangeOf(span), placeholder: f.source.text.slice(span.start, span.end) };
}

export class RenameError extends Error {}

export function renameAt(a: Analysis, f: LoadedFile, offset: number, newName: string): WorkspaceEdit | undefined {
  const t = targetAt(a.index, f.path, offset);
  if (!t) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName)) throw new RenameError(`\`${newName}\` is not a name: names are letters, digits and _ ([A-Za-z_][A-Za-z0-9_]*)`);
  const targets = declarationsOfTarget(a.index, t);
  if (!targets.length) return undefined;
  for (const s of targets) {
    const clash = a.index.declared.find((o) => o.kind === s.kind && o.name === newName && (a.index.visible.get(s.file)?.has(o.file) || a.index.visible.get(o.file)?.has(s.file)));
    if (clash) throw new RenameError(`\`${newName}\` is already declared at ${clash.file}:${clash.nameSpan.line}:${clash.nameSpan.column}`);
  }
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const add = (file: string, span: Declared["nameSpan"]) => {
    const abs = a.files.get(file)?.abs;
    const key = `${file}\u0000${span.start}`;
    if (!abs || seen.has(key)) return;
    seen.add(key);
    (changes[uriOf(abs)] ??= []).push({ range: rangeOf(span), newText: newName });
  };
  for (const s of targets) {
    add(s.file, s.nameSpan);
    for (const r of referencesTo(a.index, s)) add(r.file, r.name.span);
  }
  return { changes };
}

// SymbolKind numbers of the protocol.
const symbolKinds: Record<string, SymbolKind> = { model: 2, organization: 5, subject: 13, data: 23, purpose: 14, system: 11, flow: 24, import: 2, vendor: 10 } as Record<string, SymbolKind>;

function symbolName(d: Declaration): string {
  if (d.kind === "flow") return `${d.from?.text ?? "?"} -> ${d.to?.text ?? "?"}`;
  if (d.kind === "import") return `import ${d.path?.value ?? ""}`;
  if (d.kind === "model") return `model${d.title ? ` ${d.title.value}` : ""}`;
  return d.name?.text || d.kind;
}

export function documentSymbols(f: LoadedFile): DocumentSymbol[] {
  return f.file.declarations.map((d) => {
    const selection = d.name?.span ?? d.from ?? d.path ?? d.keyword;
    const range = rangeOf(d.span);
    const sel = rangeOf("span" in selection ? selection.span : selection);
    return {
      name: symbolName(d) || d.kind, detail: d.kind === "flow" || d.kind === "model" ? d.title?.value : d.title?.value ?? d.kind,
      kind: symbolKinds[d.kind] ?? (13 as SymbolKind), range, selectionRange: withinRange(sel, range),
    };
  });
}

/** The protocol requires the selection range inside the range. */
function withinRange(sel: ReturnType<typeof rangeOf>, range: ReturnType<typeof rangeOf>) {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  if (before(sel.start, range.start) || before(range.end, sel.end)) return { start: range.start, end: range.start };
  return sel;
}

export function workspaceSymbols(a: Analysis, query: string): SymbolInformation[] {
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const s of a.index.declared) {
    if (q && !s.name.toLowerCase().includes(q) && !(s.title ?? "").toLowerCase().includes(q)) continue;
    const location = locationOf(a, s.file, s.nameSpan);
    if (location) out.push({ name: s.name, kind: symbolKinds[s.kind] ?? (13 as SymbolKind), location, containerName: s.title });
    if (out.length >= 1000) break;
  }
  return out;
}

/** The whole document in `fmt`'s layout, or no edit when it does not parse (fmt never guesses). */
export function formatText(path: string, text: string): TextEdit[] {
  const { formatted } = formatSource(path, text);
  if (formatted === undefined || formatted === text) return [];
  const lines = text.split(/\r\n|\r|\n/);
  return [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } }, newText: formatted }];
}

/** The code actions for the findings of `f` that meet the range [start, end], matched to what the
 *  client sent by range and code. */
export function actionsFor(a: Analysis, f: LoadedFile, start: number, end: number, sent: LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const uri = uriOf(f.abs);
  const findings: Diagnostic[] = (a.byFile.get(f.path) ?? []).filter((d) => d.span.start <= end && start <= d.span.end);
  for (const d of findings) {
    const r = rangeOf(d.span);
    const match = sent.find((s) => s.code === d.code && s.range.start.line === r.start.line && s.range.start.character === r.start.character);
    out.push(...codeActions({ uri, source: f.source, finding: d, sent: match, declaration: declarationAt(a.index, f.path, d.span.start) }));
  }
  return out;
}

/** Semantic tokens: the declared names and the references, by what they name (a system, a data
 *  category, ...), declarations marked; the TextMate grammar colours the rest. */
export const semanticLegend = { tokenTypes: ["namespace", "type", "variable", "function", "class", "struct"], tokenModifiers: ["declaration"] };
const semanticType: Record<string, number> = { organization: 0, subject: 1, data: 2, purpose: 3, system: 4, vendor: 5 };

export function semanticTokens(a: Analysis, f: LoadedFile): number[] {
  const found: Array<{ start: number; length: number; type: number; declaration: boolean }> = [];
  for (const s of a.index.declared) if (s.file === f.path) found.push({ start: s.nameSpan.start, length: s.nameSpan.end - s.nameSpan.start, type: semanticType[s.kind]!, declaration: true });
  for (const r of a.index.references) if (r.file === f.path) found.push({ start: r.name.span.start, length: r.name.span.end - r.name.span.start, type: semanticType[r.kind]!, declaration: false });
  found.sort((x, y) => x.start - y.start);
  const data: number[] = [];
  let line = 0;
  let character = 0;
  let last = -1;
  for (const t of found) {
    if (t.start === last || t.length <= 0) continue;
    last = t.start;
    const l = f.source.lineIndexOf(t.start);
    const c = t.start - f.source.lineStarts[l]!;
    data.push(l - line, l === line ? c - character : c, t.length, t.type, t.declaration ? 1 : 0);
    line = l;
    character = c;
  }
  return data;
}
