/** The lexer's vocabulary. Keywords are reserved only where the grammar expects a keyword:
 *  every keyword is also a `Name` (token category), so `purpose security` is a valid name. */
import { createToken, Lexer, type TokenType } from "chevrotain";

/** First characters of the regex patterns, given so the lexer need not analyse the regexes at
 *  start-up (exactly the characters each pattern can start with). */
const letters = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"];
const digits = [..."0123456789"];

export const Name = createToken({ name: "Name", pattern: Lexer.NA });
export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, start_chars_hint: letters, categories: [Name] });

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, start_chars_hint: [" ", "\t", "\r", "\n", "\f", "\v", "\u00a0", "\ufeff"], group: Lexer.SKIPPED });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, start_chars_hint: ["/"], group: "comments" });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, start_chars_hint: ["/"], group: "comments", line_breaks: true });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/, start_chars_hint: ['"'] });
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /\d+(?:\.\d+)?/, start_chars_hint: digits });
export const Arrow = createToken({ name: "Arrow", pattern: "->", label: "'->'" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "','" });
export const Plus = createToken({ name: "Plus", pattern: "+", label: "'+'" });
export const LCurly = createToken({ name: "LCurly", pattern: "{", label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: "}", label: "'}'" });

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
  "aliases", "as_of", "subprocessors", "lia", "dpia", "unnamed",
] as const;
/** `parent` has the shape of `operator`: `parent "Google LLC" in US` (in a vendor entry). */
export const otherPropertyKeywords = ["retention", "operator", "parent", "stores", "mechanism", "occasional", "minimum_age"] as const;
/** `from`: `system ga "Google Analytics" from google_analytics`, the vendor entry a system takes its facts from. */
export const connectiveKeywords = ["as", "of", "until", "in", "from"] as const;

/** Categories that group property keywords by the shape of their value. */
export const NamesKeyword = createToken({ name: "NamesKeyword", pattern: Lexer.NA, label: "a property keyword" });
export const StringsKeyword = createToken({ name: "StringsKeyword", pattern: Lexer.NA, label: "a property keyword" });

function keyword(word: string): TokenType {
  const categories = [Name];
  if ((namesPropertyKeywords as readonly string[]).includes(word) || word === "data") categories.push(NamesKeyword);
  if ((stringsPropertyKeywords as readonly string[]).includes(word)) categories.push(StringsKeyword);
  return createToken({
    name: `kw_${word}`,
    label: `'${word}'`,
    pattern: new RegExp(word),
    start_chars_hint: [word[0]!],
    longer_alt: Identifier,
    categories,
  });
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

export const Keyword: Record<string, TokenType> = Object.fromEntries(keywordWords.map((w) => [w, keyword(w)]));

/** Order matters: comments before anything starting with `/`, keywords before Identifier. */
export const allTokens: TokenType[] = [
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

