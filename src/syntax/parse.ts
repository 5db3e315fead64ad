/** Text -> syntax tree: scan (lex.ts), then the fast parser (fast-parse.ts), which takes text with
 *  no syntax error (nearly every model). On the first token it does not allow, the recovering
 *  parser reports every error and builds what it can. That parser is Chevrotain's (a third of the
 *  CLI's start-up if loaded eagerly), so it is a plug-in: `useRecoveringParser` registers a function
 *  that gives it, called on the first syntax error. Importing parser.ts registers the Chevrotain
 *  parser (tests, scripts, the language server from the sources); the CLI bundle registers a loader
 *  that `require`s it from its own file (src/cli/bin.ts). No Chevrotain here. */
import type { Diagnostic } from "../diagnostics.js";
import type { Declaration, FlowFile } from "./ast.js";
import { SourceFile } from "./source.js";
import { lexFlow, type Lexed, type TokenStore } from "./lex.js";
import { fastParse } from "./fast-parse.js";
import { lexerDiagnostics, oneErrorPerMistake } from "./syntax-errors.js";

/** Parses `tokens` of `source` with error recovery; pushes its syntax errors to `diagnostics`. */
export type RecoveringParser = (source: SourceFile, tokens: TokenStore, diagnostics: Diagnostic[]) => Declaration[];

let load: (() => RecoveringParser) | undefined;
let loaded: RecoveringParser | undefined;

/** Registers how to get the recovering parser; `load` runs once, on the first syntax error. */
export function useRecoveringParser(get: () => RecoveringParser): void {
  load = get;
  loaded = undefined;
}

function recoveringParser(): RecoveringParser {
  if (!loaded) {
    // A wiring bug, not a user's mistake: whoever calls parseFlow imports parser.ts (or registers).
    if (!load) throw new Error("no recovering parser registered: import src/syntax/parser.ts, or call useRecoveringParser");
    loaded = load();
  }
  return loaded;
}

export interface ParseResult {
  file: FlowFile;
  source: SourceFile;
  diagnostics: Diagnostic[];
}

export function parseFlow(path: string, text: string): ParseResult {
  const source = new SourceFile(path, text);
  const lexed = lexFlow(text);
  const diagnostics: Diagnostic[] = lexerDiagnostics(lexed.errors, source);
  let declarations = fastParse(source, lexed.tokens);
  if (!declarations) declarations = recoveringParser()(source, lexed.tokens, diagnostics);
  return { file: { path, declarations, comments: commentsOf(lexed, source) }, source, diagnostics: oneErrorPerMistake(diagnostics, source) };
}

function commentsOf(lexed: Lexed, source: SourceFile) {
  return lexed.comments.map((t) => ({ text: t.image, span: source.span(t.startOffset, t.startOffset + t.image.length) }));
}
