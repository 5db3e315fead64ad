/** What the cursor stands in, read from the tokens before it (the checker's own lexer over the
 *  document's current text): the top level, a declaration's header, or a property of a block, and
 *  which part of the property's value. Completion offers what fits there; hover reads a word by it. */
import { lexFlow } from "../syntax/lex.js";
import { declarationKeywords, importKeyword } from "../syntax/tokens.js";
import { allowed } from "../model/reader.js";
import type { DeclarationKind } from "../syntax/ast.js";

export type CursorContext =
  /** Where a declaration (or an import) may start. */
  | { at: "top" }
  /** In a declaration's header, before its `{`: `after` is the token before the cursor. */
  | { at: "header"; kind: DeclarationKind; after: string; index: number }
  /** In a block, where a property keyword may start (`property` is the one before, if any). */
  | { at: "property"; kind: DeclarationKind; property?: string; last?: string; properties: string[] }
  /** In a property's value: `property` its keyword, `after` the token before the cursor (the
   *  keyword itself, `,`, a sub-keyword such as `for`, `as`, `in`, `until`, `except`, or a value). */
  | { at: "value"; kind: DeclarationKind; property: string; after: string; words: string[] }
  /** Inside a string or a comment: nothing to offer. */
  | { at: "none" };

/** The lexer's own list, so a declaration kind added to the language is one here too. */
const declarationWords: ReadonlySet<string> = new Set([...declarationKeywords, importKeyword]);
const declarationLine = new RegExp(`^(?:${[...declarationWords].join("|")})\\b`);
/** Words inside a property's value that introduce a part of it. */
const subKeywords: ReadonlySet<string> = new Set(["for", "retention", "as", "of", "in", "until", "except", "+"]);

interface Tok {
  text: string;
  type: string;
}

/** Whether `offset` is inside a string or a line comment on its line (block comments aside). */
function inStringOrComment(text: string, offset: number): boolean {
  let i = offset;
  while (i > 0 && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
  let quoted = false;
  for (; i < offset; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "/" && text[i + 1] === "/") return true;
  }
  return quoted;
}

/** The start of the word the cursor is in or just after (the part already typed). */
export function wordStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /[A-Za-z0-9_]/.test(text[i - 1]!)) i--;
  return i;
}

/** How far back to read: the last `}` or declaration keyword at the start of a line before a
 *  bounded window, so that a completion in a 2 MB file does not lex all of it. */
function windowStart(text: string, offset: number): number {
  const limit = Math.max(0, offset - 20_000);
  for (let i = offset - 1; i >= limit; i--) {
    if ((i === 0 || text[i - 1] === "\n") && declarationLine.test(text.slice(i, i + 16))) return i;
  }
  return 0;
}

export function contextAt(text: string, offset: number): CursorContext {
  if (inStringOrComment(text, offset)) return { at: "none" };
  const upTo = wordStart(text, offset);
  const from = windowStart(text, upTo);
  const lexed = lexFlow(text.slice(from, upTo));
  // A block comment left open before the cursor: the cursor is in it.
  if (lexed.errors.length && /\/\*(?![\s\S]*\*\/)[\s\S]*$/.test(text.slice(from, upTo))) return { at: "none" };
  const toks: Tok[] = [];
  for (let i = 0; i < lexed.tokens.length; i++) {
    const t = lexed.tokens.get(i);
    toks.push({ text: t.image, type: t.tokenType.name });
  }
  let kind: DeclarationKind | undefined;
  let depth = 0;
  let headerStart = -1;
  let blockStart = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (depth === 0) {
      if (t.type === "LCurly" && kind) {
        depth = 1;
        blockStart = i + 1;
      } else if (t.type === "RCurly") {
        kind = undefined;
      } else if (declarationWords.has(t.text) && t.type.startsWith("kw_")) {
        // A declaration keyword at the top level starts a declaration unless it is the name in a
        // header (`system data`, `flow a -> data`): right after the header's keyword or an arrow.
        const prev = toks[i - 1];
        if (!kind || !prev || prev.type === "RCurly" || (i - 1 > headerStart && prev.type !== "Arrow")) {
          kind = t.text as DeclarationKind;
          headerStart = i;
        }
      }
    } else if (t.type === "LCurly") depth++;
    else if (t.type === "RCurly") {
      depth--;
      if (depth === 0) kind = undefined;
    }
  }
  if (!kind) return { at: "top" };
  if (depth === 0) {
    const header = toks.slice(headerStart + 1);
    const after = header.length ? header[header.length - 1]!.text : toks[headerStart]!.text;
    // `system x "X" from <catalogue id>`: the id after `from`.
    if (kind === "system" && after === "from") return { at: "header", kind, after, index: header.length };
    // A one-line declaration without a block (`subject s "S"`) is finished once it has its title.
    if (kind !== "flow" && kind !== "import" && header.some((t) => t.type === "StringLiteral")) return { at: "top" };
    if (kind === "import" && header.length) return { at: "top" };
    return { at: "header", kind, after: after === toks[headerStart]!.text && !header.length ? kind : after, index: header.length };
  }
  const body = toks.slice(blockStart);
  const props: readonly string[] = allowed[kind] ?? [];
  const properties: string[] = [];
  let current = -1;
  for (let i = 0; i < body.length; i++) {
    const t = body[i]!;
    if (!t.type.startsWith("kw_") || !props.includes(t.text)) continue;
    const prev = body[i - 1];
    // `for` inside `stores` and `data` after `for`... are sub-keywords: a property keyword starts a
    // property only where a value could end (not right after a keyword that wants a value).
    if (prev && (prev.type === "Comma" || subKeywords.has(prev.text) || (props.includes(prev.text) && prev.type.startsWith("kw_") && i - 1 === current))) continue;
    if (kind === "system" && t.text === "for") continue;
    current = i;
    properties.push(t.text);
  }
  if (current < 0) return { at: "property", kind, properties };
  const property = body[current]!.text;
  const words = body.slice(current + 1).map((t) => t.text);
  const last = body[body.length - 1]!;
  const valueWanted = body.length - 1 === current || last.type === "Comma" || subKeywords.has(last.text) || last.type === "Arrow";
  if (valueWanted) return { at: "value", kind, property, after: last.text, words };
  return { at: "property", kind, property, last: last.text, properties };
}
