/** The characters of user text that no output shows as they are, and how they are shown instead.
 *
 *  Model text (names, titles, quoted policy words), file names and source lines reach every output.
 *  Some of their characters act instead of showing: C0 and C1 controls and DEL (ESC starts a
 *  terminal escape sequence, CSI U+009B is one on its own, NUL ends C strings), the Unicode bidi
 *  embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: the "Trojan Source" class,
 *  which reorders what a reader sees), and invisible format characters that hide or smuggle text
 *  (zero-width space, word joiner and invisible operators, the BOM, deprecated format characters,
 *  interlinear annotations, the line and paragraph separators, the Hangul fillers, tag characters),
 *  plus lone surrogates and the non-characters U+FFFE/U+FFFF, which UTF-8 and XML cannot carry.
 *
 *  Kept as they are: tab, LF and CR where a format carries line breaks; the bidi marks LRM, RLM
 *  and ALM and the joiners ZWJ and ZWNJ, which Arabic, Persian and emoji text needs and which
 *  reorder nothing on their own.
 *
 *  Each output decides what to do with them (one policy per format, all built on this module):
 *  the terminal, GitHub annotations, Markdown, CSV and SVG show them as escapes (`\x1b`,
 *  `\u202E`), JSON and SARIF escape them as `\u` sequences, so a parser gets the text back whole. */

/** Controls: C0 (tab, LF and CR included), DEL, C1. */
const controls = "\\u0000-\\u001f\\u007f-\\u009f";
/** Characters that act or hide without being controls: bidi embeddings, overrides and isolates;
 *  zero-width and invisible format characters; line and paragraph separators; fillers; the BOM;
 *  interlinear annotations; non-characters; tag characters. */
const formatChars = "\\u202a-\\u202e\\u2066-\\u2069\\u200b\\u2028\\u2029\\u2060-\\u2064\\u206a-\\u206f\\u180e\\u3164\\uffa0\\ufeff\\ufff9-\\ufffb\\ufffe\\uffff\\u{e0000}-\\u{e007f}";
const loneSurrogates = "\\ud800-\\udfff";
const hostileSource = `[${controls}${formatChars}${loneSurrogates}]`;

/** Every character this module makes visible, tab, LF and CR included (a `u` regex: a paired
 *  surrogate is one code point and does not match; a lone one does). */
export const hostileChars = new RegExp(hostileSource, "gu");

const hostileOne = new RegExp(`^${hostileSource}$`, "u");

/** True when `text` has a character that `visible` would escape (tab, LF and CR count). */
export function hasHostile(text: string): boolean {
  hostileChars.lastIndex = 0;
  return hostileChars.test(text);
}

/** The escape a character is shown as: `\t` `\n` `\r`, `\x1b` up to U+00FF, `\u202E` in the BMP,
 *  `\u{E0041}` above it. */
export function escapeOf(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp === 9) return "\\t";
  if (cp === 10) return "\\n";
  if (cp === 13) return "\\r";
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** One code point (or lone surrogate) as it is shown: itself, or its escape. */
export function visibleChar(ch: string, keep = ""): string {
  return hostileOne.test(ch) && !keep.includes(ch) ? escapeOf(ch) : ch;
}

/** `text` with every hostile character replaced by its escape, except those in `keep`
 *  (e.g. "\t\n\r" where line breaks are the format's own business). Nothing is deleted. */
export function visible(text: string, keep = ""): string {
  if (!hasHostile(text)) return text;
  return text.replace(hostileChars, (ch) => (keep.includes(ch) ? ch : escapeOf(ch)));
}

/** What JSON.stringify leaves raw: DEL, C1 and the format characters (not C0 or lone surrogates). */
const jsonRaw = new RegExp(`[\\u007f-\\u009f${formatChars}]`, "gu");

/** JSON.stringify escapes C0 controls and lone surrogates but leaves DEL, C1 controls, bidi and
 *  invisible characters raw. They only ever occur inside strings (JSON's own syntax is ASCII), so
 *  replacing each with its `\uXXXX` escape keeps the document valid and the parsed value the same. */
export function jsonEscapeHostile(json: string): string {
  jsonRaw.lastIndex = 0;
  if (!jsonRaw.test(json)) return json;
  return json.replace(jsonRaw, (ch) => {
    let out = "";
    for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
    return out;
  });
}
