/** The recovering parser's syntax errors (Chevrotain's recognition exceptions) in words a user
 *  reads: what was expected and found, a missing comma, the declaration whose block is unclosed.
 *  On the recovering parser's side: loaded with Chevrotain, on a syntax error only. The token store
 *  may come from another copy of lex.ts (the CLI bundles this side separately), so it is read
 *  through its arrays and `ChevrotainTokens`, never by comparing its objects. */
import { tokenMatcher, type IRecognitionException, type IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics.js";
import { keywordWords, declarationKeywords, importKeyword, LCurly, RCurly } from "./tokens.js";
import { ChevrotainTokens, Identifier, Name, NumberLiteral, StringLiteral } from "./chevrotain-tokens.js";
import type { SourceFile } from "./source.js";
import type { TokenStore } from "./lex.js";
import { didYouMean } from "../util/suggest.js";

/** The exclusive end offset of a token (see parser-base.ts). */
function endOf(t: IToken): number {
  return t.startOffset + t.image.length;
}

/** "expected '}'" says what is wrong, not which block is open: name the declaration whose `{` is
 *  unclosed where the error is, and point at that `{` (one sweep over the tokens for all errors). */
export function explainUnclosedBlocks(found: Diagnostic[], tokens: TokenStore, source: SourceFile): Diagnostic[] {
  const open: number[] = []; // token indexes of the `{`s open at the sweep's position
  let i = 0;
  const byOffset = found.map((d, k) => [d.span.start, k] as const).sort((a, b) => a[0] - b[0]);
  const out = [...found];
  for (const [offset, k] of byOffset) {
    for (; i < tokens.length && tokens.starts[i]! < offset; i++) {
      const type = tokens.types[i];
      if (type === LCurly.idx) open.push(i);
      else if (type === RCurly.idx) open.pop();
    }
    const d = out[k]!;
    const brace = open[open.length - 1];
    if (brace === undefined || !d.message.startsWith("expected '}',")) continue;
    const head = declarationHead(tokens, brace);
    const braceSpan = source.span(tokens.starts[brace]!, tokens.starts[brace]! + 1);
    const what = head ? `\`${head}\`` : "the block";
    out[k] = {
      ...d,
      message: d.message.replace("expected '}',", `expected '}' to close ${what} (line ${braceSpan.line}),`),
      related: [...d.related, { message: `${what} opens here`, span: braceSpan }],
    };
  }
  return out;
}

/** `organization acme`, `flow a -> b` or `model`: the declaration whose `{` is token `brace`. */
function declarationHead(store: TokenStore, brace: number): string | undefined {
  const tokens = new ChevrotainTokens(store);
  for (let j = brace - 1; j >= Math.max(0, brace - 6); j--) {
    const t = tokens.get(j);
    if (t.tokenType.name.startsWith("kw_") && (declarationKeywords as readonly string[]).includes(t.image)) {
      const words: string[] = [];
      for (let x = j; x < brace; x++) {
        const w = tokens.get(x);
        if (w.tokenType !== StringLiteral) words.push(w.image);
      }
      return words.join(" ");
    }
  }
  return undefined;
}

function describe(t: IToken): string {
  if (t.tokenType.name === "EOF") return "the end of the file";
  if (t.tokenType === StringLiteral) return "a string";
  if (t.tokenType === NumberLiteral) return `the number ${t.image}`;
  if (keywordWords.includes(t.image) && t.tokenType !== Identifier) return `the keyword \`${t.image}\``;
  return `\`${t.image}\``;
}

/** The token before the one at `offset`, or undefined. */
function tokenBefore(tokens: TokenStore, offset: number): IToken | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.starts[mid]! < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? new ChevrotainTokens(tokens).get(found) : undefined;
}

export function syntaxDiagnostic(e: IRecognitionException, source: SourceFile, tokens: TokenStore): Diagnostic {
  const t = e.token;
  const isEof = t.tokenType.name === "EOF" || !Number.isFinite(t.startOffset);
  const span = isEof ? source.span(source.text.length, source.text.length) : source.span(t.startOffset, endOf(t));
  let expected = expectedFrom(e);
  // With recovery on, Chevrotain reports leftover top-level input as "expected EOF".
  if (expected === "the end of the file" && !isEof) expected = "a declaration (import, model, organization, subject, data, purpose, system or flow)";
  let expectedText = expected;
  if (expected === "'}'" && t.tokenType === Identifier) expectedText = "a property keyword or '}'";
  let message = `expected ${expectedText}, found ${describe(t)}`;
  let help: string | undefined;
  // `data email phone`: a second name on the line where a list ended is a missing comma.
  const previous = Number.isFinite(t.startOffset) ? tokenBefore(tokens, t.startOffset) : undefined;
  if (expectedText === "a property keyword or '}'" && t.tokenType === Identifier && previous && tokenMatcher(previous, Name)
    && source.lineIndexOf(previous.startOffset) === source.lineIndexOf(t.startOffset)) {
    return {
      code: "syntax-error", severity: "error", span, related: [],
      message: `missing \`,\` between \`${previous.image}\` and \`${t.image}\``,
      help: `separate the names of a list with commas: \`${previous.image}, ${t.image}\``,
    };
  }
  if (t.tokenType === Identifier && expectedText.includes("property")) message += didYouMean(t.image, keywordWords);
  if (t.tokenType === Identifier && expected.includes("declaration")) message += didYouMean(t.image, [importKeyword, ...declarationKeywords]);
  if (expectedText === "a property keyword or '}'") help = "a line in a block starts with a property keyword (kind, basis, data, retention, located, stores, mechanism, ...); close the block with `}`";
  else if (expected.includes("'}'") || (isEof && expected !== "a name")) help = "check that every `{` has a matching `}`";
  else if (isEof) help = "the file ends in the middle of a declaration";
  if (expected.startsWith("a declaration")) help = "each top-level item starts with import, model, organization, subject, data, purpose, system or flow";
  if (expected === "a name" && t.tokenType === StringLiteral) help = "names are bare words like `email`; put the display title in quotes after the name";
  if (expected === "a name" && !help) help = "a name is a bare word such as `email` or `web_server` (letters, digits and `_`)";
  if (expected === "'->'") help = "a flow is written `flow <from> -> <to> { ... }`";
  if (expected === "a string") help = 'write text in double quotes, e.g. "privacy@example.com"';
  if (expected === "a string" && e.context?.ruleStack?.includes("importStatement")) help = 'write the path in double quotes, relative to this file: import "vendors.flow"';
  return { code: "syntax-error", severity: "error", message, span, related: [], help };
}

/** Chevrotain's messages list token sequences; say the same in words a user reads. */
function expectedFrom(e: IRecognitionException): string {
  const m = e.message;
  if (e.name === "NotAllInputParsedException" || m.startsWith("Redundant input")) {
    return "a declaration (import, model, organization, subject, data, purpose, system or flow)";
  }
  if (m.includes("a property (such as")) return m.slice(m.indexOf("a property"), m.indexOf("'}'") + 3).trim();
  const single = /Expecting (?:token of type )?--> (.+?) <--/.exec(m);
  if (single) return tokenLabel(single[1]!);
  const seqs = [...m.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!.split(",")[0]!.trim()).filter(Boolean);
  if (seqs.length) {
    const unique = [...new Set(seqs.map(tokenLabel))];
    if (unique.length > 6) return `one of ${unique.slice(0, 6).join(", ")}, ...`;
    return unique.length === 1 ? unique[0]! : `one of ${unique.join(", ")}`;
  }
  return "something else";
}

function tokenLabel(label: string): string {
  switch (label) {
    case "Name":
    case "Identifier":
      return "a name";
    case "StringLiteral":
      return "a string";
    case "NumberLiteral":
      return "a number";
    case "EOF":
      return "the end of the file";
    default:
      return label;
  }
}
