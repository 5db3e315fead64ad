/** User text is kept as text: C0 control characters (except tab and newline), DEL, non-characters
 *  and lone surrogates are not allowed in XML 1.0, so they are dropped before text reaches the
 *  measurer or the DOM. */
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line of drawn text: whitespace runs become one space. */
export function cleanText(text: string): string {
  return text.replace(forbidden, "").replace(/\s+/g, " ").trim();
}

/** Tooltip text: line breaks kept (browsers show them), other whitespace runs collapsed. */
export function cleanTooltip(text: string): string {
  return text.replace(forbidden, "").replace(/\r\n?/g, "\n").replace(/[^\S\n]+/g, " ");
}
