/** Syntax errors in words a user reads: what was expected and found, one error per mistake where
 *  the intent is clear (a missing comma, an unterminated string, an unclosed block). The scanner's
 *  errors and the one-per-mistake filter are here; the recovering parser's errors, which only it
 *  reports, are in parse-errors.ts with it. */
import type { Diagnostic } from "../diagnostics.js";
import type { SourceFile } from "./source.js";
import type { lexFlow } from "./lex.js";

/** The scanner's errors in words: an unterminated string, punctuation a property does not take,
 *  a stray character. */
export function lexerDiagnostics(errors: ReturnType<typeof lexFlow>["errors"], source: SourceFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const e of errors) {
    const bad = source.text.slice(e.offset, e.offset + Math.max(1, e.length));
    const isQuote = bad.startsWith('"');
    // `basis: contract` and `kind server;`, as in YAML or CSS: say that properties take no punctuation.
    const punctuation = bad[0] === ":" || bad[0] === ";" || bad[0] === "=";
    diagnostics.push({
      code: "syntax-error",
      severity: "error",
      message: isQuote ? "unterminated string" : punctuation ? `unexpected \`${bad[0]}\`: a property is its keyword and its value, with no \`${bad[0]}\`` : `unexpected character ${JSON.stringify(bad.slice(0, 1))}`,
      span: source.span(e.offset, e.offset + (isQuote ? Math.max(1, e.length) : 1)),
      related: [],
      help: isQuote ? 'close the string with `"` on the same line' : punctuation ? `remove the \`${bad[0]}\`: write e.g. \`basis contract\`` : "names use letters, digits and `_`; text goes in double quotes",
    });
  }
  return diagnostics;
}

/** An unterminated string swallows nothing, so the rest of its line reads as stray words and
 *  characters: those errors are the quote's consequence, and only the quote's error is kept. */
export function oneErrorPerMistake(diagnostics: Diagnostic[], source: SourceFile): Diagnostic[] {
  // `import vendors.flow`: the path without quotes reads as words and a stray `.`; one error says it.
  const imports = diagnostics.filter((d) => /^\s*import\b/.test(source.lineText(d.span.line)));
  const firstOnImportLine = new Map<number, Diagnostic>();
  for (const d of imports) {
    const first = firstOnImportLine.get(d.span.line);
    if (!first || d.span.start < first.span.start || (d.span.start === first.span.start && d.message.startsWith("expected"))) firstOnImportLine.set(d.span.line, d);
  }
  if (firstOnImportLine.size) diagnostics = diagnostics.filter((d) => (firstOnImportLine.get(d.span.line) ?? d) === d);
  const quotes = diagnostics.filter((d) => d.message === "unterminated string");
  if (!quotes.length) return diagnostics;
  const lines = new Map(quotes.map((q) => [q.span.line, q.span.start]));
  return diagnostics.filter((d) => {
    const quote = lines.get(d.span.line);
    return quote === undefined || d.span.start <= quote || d.message === "unterminated string";
  });
}
