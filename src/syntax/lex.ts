/** Text -> tokens, in one pass over character codes, straight into packed typed arrays (type, start,
 *  length): no token object is made unless someone asks for one (`TokenStore.get`).
 *  The token vocabulary and its patterns are the table in tokens.ts; this scanner gives exactly the
 *  tokens, errors and comments of a Chevrotain lexer over those definitions, which
 *  test/property.test.ts builds and checks it against on random and mutated texts. It exists
 *  because Chevrotain's regex-driven lexer was a fifth of the time to check a 2 MB model; and it
 *  needs no Chevrotain, which is loaded only on a syntax error (parse.ts). */
import {
  Arrow, BlockComment, Comma, Identifier, Keyword, LCurly, LineComment, NumberLiteral, Plus, RCurly, StringLiteral, tokenKinds, type TokenKind,
} from "./tokens.js";

/** Keyword token type indexes by word; any other word is an Identifier (a keyword's `longer_alt`). */
const keywordIdx = new Map<string, number>(Object.entries(Keyword).map(([w, t]) => [w, t.idx]));

/** A token as an object: its text, where it starts, and its kind. */
export interface FlowToken {
  image: string;
  startOffset: number;
  tokenType: TokenKind;
}

/** A run of characters no token starts with, shaped as Chevrotain's lexing errors. */
export interface LexError {
  offset: number;
  length: number;
  line: undefined;
  column: undefined;
  message: string;
}

export class TokenStore {
  length = 0;
  /** Token type index, start offset and length of each token; read directly by the fast parser. */
  types = new Uint16Array(1024);
  starts = new Int32Array(1024);
  lengths = new Int32Array(1024);

  constructor(readonly text: string) {}

  push(typeIdx: number, start: number, length: number): void {
    if (this.length === this.types.length) this.grow();
    const i = this.length++;
    this.types[i] = typeIdx;
    this.starts[i] = start;
    this.lengths[i] = length;
  }

  private grow(): void {
    const n = this.types.length * 2;
    const types = new Uint16Array(n);
    types.set(this.types);
    const starts = new Int32Array(n);
    starts.set(this.starts);
    const lengths = new Int32Array(n);
    lengths.set(this.lengths);
    this.types = types;
    this.starts = starts;
    this.lengths = lengths;
  }

  /** The token at `i` (0 <= i < length), as an object (the language server reads these). The
   *  recovering parser makes its own, of Chevrotain's token types (chevrotain-tokens.ts). */
  get(i: number): FlowToken {
    const start = this.starts[i]!;
    return { image: this.text.substr(start, this.lengths[i]!), startOffset: start, tokenType: tokenKinds[this.types[i]!]! };
  }
}

export interface Lexed {
  tokens: TokenStore;
  errors: LexError[];
  comments: FlowToken[];
}

// Character classes of the patterns in tokens.ts.
function isWhite(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

const lineBreak = /[\r\n]/g;

/** Length of the string literal at `i` (`"` ... `"` on one line, `\` escapes any character but a
 *  line break), or -1 when it is not closed. */
function stringLength(text: string, i: number): number {
  // A quote inside the range of an unterminated string's scan is itself unterminated: in a scan that
  // found no closing quote every quote it passed was escaped, so a scan from it continues where the
  // first one did. Remembering that range keeps a long line of `\"` linear (it was quadratic).
  if (text === failed.text && i > failed.from && i < failed.to) return -1;
  // A closed string (nearly every one) is found by the regex engine: policy quotes are half of a
  // real model's text, and a loop over their characters runs interpreted in a cold CLI. The loop
  // below says where an unclosed one stops.
  closedString.lastIndex = i;
  if (closedString.test(text)) return closedString.lastIndex - i;
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1 - i;
    if (isLineBreak(c)) return fail(text, i, j);
    if (c === 92) {
      if (j + 1 >= n || isLineBreak(text.charCodeAt(j + 1))) return fail(text, i, j + 1);
      j += 2;
    } else j++;
  }
  return fail(text, i, n);
}

/** A string literal closed on its line, at `lastIndex`: what the loop in `stringLength` accepts. */
const closedString = /"[^"\\\r\n]*(?:\\[^\r\n][^"\\\r\n]*)*"/y;

/** The last unterminated string's scan: from its quote to where it stopped. */
const failed = { text: "", from: -1, to: -1 };
function fail(text: string, from: number, to: number): number {
  failed.text = text;
  failed.from = from;
  failed.to = to;
  return -1;
}

/** Length of the block comment at `i` (known to start with slash-star), or -1 when it is not closed. */
function blockCommentLength(text: string, i: number): number {
  const close = text.indexOf("*/", i + 2);
  return close < 0 ? -1 : close + 2 - i;
}

/** Whether some token (skipped white space included) starts at `i`: where error recovery resumes. */
function tokenStartsAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isWhite(c) || isWordStart(c) || isDigit(c) || c === 44 || c === 43 || c === 123 || c === 125) return true;
  const next = text.charCodeAt(i + 1);
  if (c === 45) return next === 62; // ->
  if (c === 34) return stringLength(text, i) > 0;
  if (c === 47) return next === 47 || (next === 42 && blockCommentLength(text, i) > 0);
  return false;
}

const idx = {
  identifier: Identifier.idx, number: NumberLiteral.idx, string: StringLiteral.idx,
  arrow: Arrow.idx, comma: Comma.idx, plus: Plus.idx, lcurly: LCurly.idx, rcurly: RCurly.idx,
};

/** Token type index of each one-character token (`,` `+` `{` `}`) by character code, else -1. */
const singleCharTypes = new Int16Array(128).fill(-1);
singleCharTypes[44] = idx.comma;
singleCharTypes[43] = idx.plus;
singleCharTypes[123] = idx.lcurly;
singleCharTypes[125] = idx.rcurly;

function comment(text: string, start: number, length: number, tokenType: TokenKind): FlowToken {
  return { image: text.substr(start, length), startOffset: start, tokenType };
}

export function lexFlow(text: string): Lexed {
  const tokens = new TokenStore(text);
  const errors: LexError[] = [];
  const comments: FlowToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhite(c)) {
      i++;
      while (i < n && isWhite(text.charCodeAt(i))) i++;
      continue;
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      // Keywords are at most a few letters longer than the longest keyword; skip the lookup beyond.
      const kw = j - i <= 16 ? keywordIdx.get(text.slice(i, j)) : undefined;
      tokens.push(kw ?? idx.identifier, i, j - i);
      i = j;
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      tokens.push(idx.number, i, j - i);
      i = j;
      continue;
    }
    const single = c < 128 ? singleCharTypes[c]! : -1;
    if (single >= 0) {
      tokens.push(single, i, 1);
      i++;
      continue;
    }
    let length = -1;
    let type = -1;
    switch (c) {
      case 34:
        length = stringLength(text, i);
        type = idx.string;
        break;
      case 45:
        if (text.charCodeAt(i + 1) === 62) {
          length = 2;
          type = idx.arrow;
        }
        break;
      case 47: {
        const next = text.charCodeAt(i + 1);
        if (next === 47) {
          // Comments are most of a real model's text: find their end with the regex engine.
          lineBreak.lastIndex = i + 2;
          const j = lineBreak.test(text) ? lineBreak.lastIndex - 1 : n;
          comments.push(comment(text, i, j - i, LineComment));
          i = j;
          continue;
        }
        if (next === 42) {
          const l = blockCommentLength(text, i);
          if (l > 0) {
            comments.push(comment(text, i, l, BlockComment));
            i += l;
            continue;
          }
        }
        break;
      }
      default:
        break;
    }
    if (length > 0) {
      tokens.push(type, i, length);
      i += length;
      continue;
    }
    // As Chevrotain: drop characters until one where some token starts; one error for the run.
    const start = i;
    i++;
    while (i < n && !tokenStartsAt(text, i)) i++;
    errors.push({ offset: start, length: i - start, line: undefined, column: undefined, message: `unexpected character: ->${text.charAt(start)}<- at offset: ${start}, skipped ${i - start} characters.` });
  }
  return { tokens, errors, comments };
}
