/** The lexer's vocabulary, as data: each token type's name, index, label, categories and pattern.
 *  Keywords are reserved only where the grammar expects a keyword: every keyword is also a `Name`
 *  (token category), so `purpose security` is a valid name.
 *  No Chevrotain here: the scanner (lex.ts) and the fast parser (fast-parse.ts) read the indexes,
 *  and only the recovering parser, loaded on a syntax error, makes Chevrotain token types of this
 *  table (chevrotain-tokens.ts), in this order, with these names, patterns and categories. */

export interface TokenKind {
  /** Chevrotain's name for the type (`kw_<word>` for a keyword): what error messages and the
   *  language server read. */
  readonly name: string;
  /** Position in `tokenKinds`: the type index the packed token store holds. */
  readonly idx: number;
  /** How a syntax error names it (`'{'`, `'retention'`); the name when unset. */
  readonly label?: string;
  /** The categories it also matches (a keyword is a `Name`). */
  readonly categories: readonly TokenKind[];
  /** Chevrotain's pattern for it; undefined for a category (`Lexer.NA`). */
  readonly pattern?: RegExp | string;
  /** The first characters the pattern can match, so Chevrotain need not analyse the regex. */
  readonly startChars?: readonly string[];
  /** `skipped` (white space) or `comments`: tokens that are not in the parser's input. */
  readonly group?: "skipped" | "comments";
  readonly lineBreaks?: boolean;
  /** The kind a longer match is (a keyword that prefixes a longer word is an Identifier). */
  readonly longerAlt?: TokenKind;
}

/** Every token kind, by index. Categories come before their members. */
export const tokenKinds: TokenKind[] = [];

function kind(k: Omit<TokenKind, "idx" | "categories"> & { categories?: TokenKind[] }): TokenKind {
  const made: TokenKind = { ...k, idx: tokenKinds.length, categories: k.categories ?? [] };
  tokenKinds.push(made);
  return made;
}

/** First characters of the regex patterns (exactly the characters each pattern can start with). */
const letters = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"];
const digits = [..."0123456789"];

export const Name = kind({ name: "Name" });
export const Identifier = kind({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, startChars: letters, categories: [Name] });

export const WhiteSpace = kind({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, startChars: [" ", "\t", "\r", "\n", "\f", "\v", "\u00a0", "\ufeff"], group: "skipped" });
export const LineComment = kind({ name: "LineComment", pattern: /\/\/[^\n\r]*/, startChars: ["/"], group: "comments" });
export const BlockComment = kind({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, startChars: ["/"], group: "comments", lineBreaks: true });
export const StringLiteral = kind({ name: "StringLiteral", pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/, startChars: ['"'] });
export const NumberLiteral = kind({ name: "NumberLiteral", pattern: /\d+(?:\.\d+)?/, startChars: digits });
export const Arrow = kind({ name: "Arrow", pattern: "->", label: "'->'" });
export const Comma = kind({ name: "Comma", pattern: ",", label: "','" });
export const Plus = kind({ name: "Plus", pattern: "+", label: "'+'" });
export const LCurly = kind({ name: "LCurly", pattern: "{", label: "'{'" });
export const RCurly = kind({ name: "RCurly", pattern: "}", label: "'}'" });

/** Declaration keywords start a top-level block. */
/** `vendor`: the team's own vendor entry, used by `system x "X" from <id>` like a catalogue entry. */
export const declarationKeywords = ["model", "organization", "subject", "data", "purpose", "system", "flow", "vendor"] as const;

/** `import "path.flow"`: a top-level statement that brings another file's declarations into scope. */
export const importKeyword = "import";

/** Property keywords start a line inside a block; the value's shape follows from the keyword. */
export const namesPropertyKeywords = [
  "regime", "role", "country", "targets", "rights", "kind", "basis", "condition", "consent", "law", "subjects", "located", "certified", "encrypted", "for",
  "unstated", "claim", "obtained", "special", "describes",
] as const;
export const stringsPropertyKeywords = [
  "updated", "source", "description", "contact", "dpo", "representative", "joint_controller", "address", "contract", "security", "tia", "linked", "anonymous",
  "aliases", "as_of", "subprocessors", "lia", "dpia", "unnamed", "informed",
] as const;
/** `parent` has the shape of `operator`: `parent "Google LLC" in US` (in a vendor entry). */
export const otherPropertyKeywords = ["retention", "operator", "parent", "stores", "mechanism", "occasional", "minimum_age"] as const;
/** `from`: `system ga "Google Analytics" from google_analytics`, the vendor entry a system takes its facts from.
 *  `except`: `claim not_shared except consent, reservation "..."`, the exceptions a claim states. */
export const connectiveKeywords = ["as", "of", "until", "in", "from", "except"] as const;

/** Categories that group property keywords by the shape of their value. */
export const NamesKeyword = kind({ name: "NamesKeyword", label: "a property keyword" });
export const StringsKeyword = kind({ name: "StringsKeyword", label: "a property keyword" });

function keyword(word: string): TokenKind {
  const categories = [Name];
  if ((namesPropertyKeywords as readonly string[]).includes(word) || word === "data") categories.push(NamesKeyword);
  if ((stringsPropertyKeywords as readonly string[]).includes(word)) categories.push(StringsKeyword);
  return kind({ name: `kw_${word}`, label: `'${word}'`, pattern: new RegExp(word), startChars: [word[0]!], longerAlt: Identifier, categories });
}

/** `data` is both a declaration and a property keyword. */
const allWords = [
  importKeyword,
  ...declarationKeywords,
  ...namesPropertyKeywords,
  ...stringsPropertyKeywords,
  ...otherPropertyKeywords,
  ...connectiveKeywords,
];
export const keywordWords: readonly string[] = [...new Set(allWords)].sort();

export const Keyword: Record<string, TokenKind> = Object.fromEntries(keywordWords.map((w) => [w, keyword(w)]));

/** The lexer's order. Order matters: comments before anything starting with `/`, keywords before Identifier. */
export const allTokens: TokenKind[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  StringLiteral,
  NumberLiteral,
  Arrow,
  Comma,
  Plus,
  LCurly,
  RCurly,
  // Longest keywords first so that a keyword that prefixes another does not win.
  ...[...keywordWords].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((w) => Keyword[w]!),
  Identifier,
  Name,
  NamesKeyword,
  StringsKeyword,
];

/** Whether a token of kind `k` matches `category` (is it, or is one of its members), as Chevrotain's
 *  `tokenMatcher` decides. */
export function matches(k: TokenKind, category: TokenKind): boolean {
  return k.idx === category.idx || k.categories.some((c) => c.idx === category.idx);
}
