/** Chevrotain's token types, made from our table (tokens.ts) when the recovering parser loads: one
 *  `createToken` per kind, in the table's order, with its name, label, pattern and categories. The
 *  packed token store holds our indexes; `ChevrotainTokens` turns them into Chevrotain's tokens for
 *  the parser's look-ahead. Read only by the recovering parser's side (parser-base.ts,
 *  recovering-parser.ts) and by tests that build Chevrotain's lexer as the scanner's reference. */
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";
import * as flow from "./tokens.js";
import type { TokenStore } from "./lex.js";

/** Chevrotain's token type of each of our kinds, by our index. */
export const chevrotainTypes: readonly TokenType[] = (() => {
  const types: TokenType[] = [];
  for (const k of flow.tokenKinds) {
    const category = (c: flow.TokenKind) => {
      const t = types[c.idx];
      if (!t) throw new Error(`token kind ${k.name}: its category ${c.name} comes after it in tokens.ts`);
      return t;
    };
    types[k.idx] = createToken({
      name: k.name,
      ...(k.label !== undefined && { label: k.label }),
      pattern: k.pattern ?? Lexer.NA,
      ...(k.startChars && { start_chars_hint: [...k.startChars] }),
      ...(k.group && { group: k.group === "skipped" ? Lexer.SKIPPED : k.group }),
      ...(k.lineBreaks && { line_breaks: true }),
      ...(k.longerAlt && { longer_alt: category(k.longerAlt) }),
      ...(k.categories.length && { categories: k.categories.map(category) }),
    });
  }
  return types;
})();

/** Chevrotain's token type for one of our kinds. */
export function chevrotainType(k: flow.TokenKind): TokenType {
  return chevrotainTypes[k.idx]!;
}

export const Name = chevrotainType(flow.Name);
export const Identifier = chevrotainType(flow.Identifier);
export const StringLiteral = chevrotainType(flow.StringLiteral);
export const NumberLiteral = chevrotainType(flow.NumberLiteral);
export const Arrow = chevrotainType(flow.Arrow);
export const Comma = chevrotainType(flow.Comma);
export const Plus = chevrotainType(flow.Plus);
export const LCurly = chevrotainType(flow.LCurly);
export const RCurly = chevrotainType(flow.RCurly);
export const NamesKeyword = chevrotainType(flow.NamesKeyword);
export const StringsKeyword = chevrotainType(flow.StringsKeyword);
export const Keyword: Record<string, TokenType> = Object.fromEntries(Object.entries(flow.Keyword).map(([w, k]) => [w, chevrotainType(k)]));

/** Every token type in the lexer's order: the parser's vocabulary, and the reference lexer's. */
export const allTokens: TokenType[] = flow.allTokens.map(chevrotainType);

/** The tokens of a store as Chevrotain's `positionTracking: "onlyOffset"` tokens, made when the
 *  parser looks at them. The store may come from another copy of lex.ts (the CLI loads this side
 *  as a separate bundle): only its arrays and text are read. */
export class ChevrotainTokens {
  /** A small cache, so repeated look-ahead at one token yields one object. */
  private readonly cacheIdx = new Int32Array(256).fill(-1);
  private readonly cache: IToken[] = new Array(256);

  constructor(readonly store: TokenStore) {}

  get length(): number {
    return this.store.length;
  }

  get(i: number): IToken {
    const slot = i & 255;
    if (this.cacheIdx[slot] === i) return this.cache[slot]!;
    const s = this.store;
    const start = s.starts[i]!;
    const tokenType = chevrotainTypes[s.types[i]!]!;
    const token = { image: s.text.substr(start, s.lengths[i]!), startOffset: start, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken;
    this.cacheIdx[slot] = i;
    this.cache[slot] = token;
    return token;
  }
}
