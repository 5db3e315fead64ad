/** Lexing for large texts without a token object per token kept alive: the text is lexed in chunks
 *  that end at line breaks, and each chunk's tokens are packed into typed arrays (type, start,
 *  length). The parser materialises token objects on demand as it reads them (`TokenStore.get`).
 *  The tokens, errors and comments are exactly those of `flowLexer.tokenize(text)`: see `lexFlow`. */
import type { ILexingError, IToken, TokenType } from "chevrotain";
import { allTokens, flowLexer } from "./tokens.js";

/** Every token type the lexer can produce, by its `tokenTypeIdx`. */
const typesByIdx: TokenType[] = [];
for (const t of allTokens) typesByIdx[t.tokenTypeIdx!] = t;

/** Chunks of about this many characters (extended to the next line break). */
const chunkSize = 1 << 18;

export class TokenStore {
  length = 0;
  /** A text lexed in one piece keeps the lexer's own token objects (no packing needed). */
  private array: IToken[] | undefined;
  private types = new Uint16Array(1024);
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  /** A small cache of materialised tokens, so repeated look-ahead at one token yields one object. */
  private readonly cacheIdx = new Int32Array(256).fill(-1);
  private readonly cache: IToken[] = new Array(256);

  constructor(private readonly text: string) {}

  /** Uses the lexer's tokens as they are. */
  static of(text: string, tokens: IToken[]): TokenStore {
    const store = new TokenStore(text);
    store.array = tokens;
    store.length = tokens.length;
    return store;
  }

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

  /** The token at `i` (0 <= i < length), shaped as the lexer's `positionTracking: "onlyOffset"` tokens. */
  get(i: number): IToken {
    const array = this.array;
    if (array) return array[i]!;
    const slot = i & 255;
    if (this.cacheIdx[slot] === i) return this.cache[slot]!;
    const start = this.starts[i]!;
    const tokenType = typesByIdx[this.types[i]!]!;
    const token = { image: this.text.substr(start, this.lengths[i]!), startOffset: start, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken;
    this.cacheIdx[slot] = i;
    this.cache[slot] = token;
    return token;
  }
}

export interface Lexed {
  tokens: TokenStore;
  errors: ILexingError[];
  comments: IToken[];
}

/** Lexes `text` chunk by chunk. A chunk ends just after a line break; the only token that can run
 *  on past a line break is a block comment (white space is skipped either way), and a block comment
 *  cut by the chunk's end fails to match, so its `/` is skipped as part of a lexer error. A chunk
 *  whose errors skip no `/` therefore lexes exactly as the same stretch of the whole text; one whose
 *  errors do is lexed again together with the rest of the text. */
export function lexFlow(text: string): Lexed {
  if (text.length <= chunkSize * 1.5) {
    const r = flowLexer.tokenize(text);
    return { tokens: TokenStore.of(text, r.tokens), errors: r.errors, comments: r.groups.comments ?? [] };
  }
  const tokens = new TokenStore(text);
  const errors: ILexingError[] = [];
  const comments: IToken[] = [];
  let base = 0;
  for (;;) {
    let end = text.length;
    if (text.length - base > chunkSize * 1.5) {
      const nl = text.indexOf("\n", base + chunkSize);
      if (nl >= 0) end = nl + 1;
    }
    let r = flowLexer.tokenize(end === text.length && base === 0 ? text : text.slice(base, end));
    if (end < text.length && r.errors.some((e) => text.slice(base + e.offset, base + e.offset + e.length).includes("/"))) {
      end = text.length;
      r = flowLexer.tokenize(text.slice(base));
    }
    for (const t of r.tokens) tokens.push(t.tokenTypeIdx, t.startOffset + base, t.image.length);
    for (const e of r.errors) errors.push(base ? { ...e, offset: e.offset + base } : e);
    for (const t of r.groups.comments ?? []) comments.push(base ? { ...t, startOffset: t.startOffset + base } : t);
    base = end;
    if (end === text.length) break;
  }
  return { tokens, errors, comments };
}
