/** Between flowmap's data and the protocol's: spans are 1-based lines and columns counted in UTF-16
 *  code units (the protocol's default position encoding), ranges 0-based. */
import { pathToFileURL, fileURLToPath } from "node:url";
import { resolve } from "node:path";
import type { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, Position, Range } from "vscode-languageserver";
import type { Diagnostic, Span } from "../diagnostics.js";
import { ruleDocsBase } from "../package-info.js";
import { ruleMeta } from "../check/registry.js";
import { isUnsavedUri, unsavedPathOf, unsavedUriOf } from "./unsaved.js";

export function rangeOf(span: Span): Range {
  return { start: { line: span.line - 1, character: span.column - 1 }, end: { line: span.endLine - 1, character: span.endColumn - 1 } };
}

/** The offset of a position in a text with line starts `lineStarts` (clamped to the line). */
export function offsetAt(text: string, lineStarts: readonly number[], p: Position): number {
  const line = Math.max(0, Math.min(p.line, lineStarts.length - 1));
  const start = lineStarts[line]!;
  const next = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
  let end = next;
  while (end > start && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
  return Math.max(start, Math.min(start + Math.max(0, p.character), end));
}

/** The URI of a file, or of an unsaved buffer by the path standing for it (unsaved.ts). */
export function uriOf(abs: string): string {
  return unsavedUriOf(abs) ?? pathToFileURL(abs).href;
}

/** The path of a `file:` URI, or the path standing for an unsaved buffer; undefined for any other. */
export function pathOf(uri: string): string | undefined {
  if (isUnsavedUri(uri)) return unsavedPathOf(uri);
  if (!uri.startsWith("file:")) return undefined;
  try {
    const p = resolve(fileURLToPath(uri));
    // VS Code writes the drive letter in lower case; the disk listing has it in upper case.
    return process.platform === "win32" && /^[a-z]:/.test(p) ? p[0]!.toUpperCase() + p.slice(1) : p;
  } catch {
    return undefined;
  }
}

const severities = { error: 1, warning: 2, info: 3 } as const;

/** A finding as the editor shows it: the same code, severity, message and related places as
 *  `check`; the help line follows the message (the protocol has no field for it). `absOf` maps a
 *  display path to the file's absolute path (related places may be in other files). */
export function toLspDiagnostic(d: Diagnostic, absOf: (display: string) => string | undefined): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related) {
    const abs = absOf(r.span.file);
    if (abs) related.push({ location: { uri: uriOf(abs), range: rangeOf(r.span) }, message: r.message });
  }
  const out: LspDiagnostic = {
    range: rangeOf(d.span),
    severity: severities[d.severity],
    code: d.code,
    source: "flowmap",
    message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
  };
  if (ruleMeta(d.code)) out.codeDescription = { href: `${ruleDocsBase}${d.code}.md` };
  if (related.length) out.relatedInformation = related;
  if (d.code.startsWith("unused-")) out.tags = [1]; // Unnecessary: shown faded
  return out;
}
