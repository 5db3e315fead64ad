/** User text is kept as text. Characters XML 1.0 cannot carry (C0 controls but tab and line
 *  breaks, non-characters, lone surrogates) and those that would act on the drawn text instead of
 *  showing (bidi overrides and isolates, which reorder a label; zero-width and other invisible
 *  characters; DEL and C1 controls) are shown as escapes (`\x07`, `\u202E`; src/util/visible.ts)
 *  before text reaches the measurer or the DOM. Markup needs nothing here: text only ever reaches
 *  `textContent` and attribute values, which the serializer escapes (svg.ts). */
import { visible } from "../util/visible.js";

/** Whitespace that the cleaning below folds (line and paragraph separators are line breaks). */
const whitespace = "\t\n\r\u2028\u2029";

/** One line of drawn text: whitespace runs become one space. */
export function cleanText(text: string): string {
  return visible(text, whitespace).replace(/\s+/g, " ").trim();
}

/** Tooltip text: line breaks kept (browsers show them), other whitespace runs collapsed. */
export function cleanTooltip(text: string): string {
  return visible(text, whitespace).replace(/\r\n?|[\u2028\u2029]/g, "\n").replace(/[^\S\n]+/g, " ");
}
