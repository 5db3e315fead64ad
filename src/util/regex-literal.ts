/** The literal text every match of a regex contains, so that a text without it can skip the regex.
 *  In a cold CLI a regex costs more to compile (V8 compiles one on its first run) than to run: the
 *  vocabularies of policy words (src/legal/measures.ts) are a hundred-odd regexes, and most texts
 *  hold the words of only a few of them. */

const meta = new Set("\\^$.|?*+()[]{}");
const quantifier = new Set("?*+{");

/** The literal characters `pattern`'s source starts with (after a leading `\b`), as a match must
 *  contain them: "" when it starts with a group, a class or an escape such as `\s`, when it has an
 *  alternative outside any group (`a|b`), or when it ignores case. A character a quantifier follows
 *  (`s?`, `e*`, `x{2}`) ends the literal without being part of it. */
export function requiredLiteral(pattern: RegExp): string {
  const src = pattern.source;
  if (pattern.flags.includes("i") || hasTopLevelAlternative(src)) return "";
  let out = "";
  let i = src.startsWith("\\b") ? 2 : 0;
  while (i < src.length) {
    let ch = src[i]!;
    let next = i + 1;
    if (ch === "\\") {
      // Only an escaped punctuation character stands for itself (`\.`, `\/`, `\-`); `\s`, `\b`, `\d` do not.
      const escaped = src[i + 1];
      if (escaped === undefined || /[\w\s]/.test(escaped)) break;
      ch = escaped;
      next = i + 2;
    } else if (meta.has(ch)) break;
    if (quantifier.has(src[next] ?? "")) break;
    out += ch;
    i = next;
  }
  return out;
}

/** Whether `src` has a `|` outside every group and class. */
function hasTopLevelAlternative(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) return true;
  }
  return false;
}

const literals = new WeakMap<RegExp, string>();

/** Whether `text` may match `pattern`: false only when it lacks the pattern's required literal. */
export function mayMatch(pattern: RegExp, text: string): boolean {
  let literal = literals.get(pattern);
  if (literal === undefined) literals.set(pattern, (literal = requiredLiteral(pattern)));
  return text.includes(literal);
}
