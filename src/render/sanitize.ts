/** User text is kept as text: C0 control characters (except tab and newline) and DEL are not
 *  allowed in XML 1.0, so they are dropped before text reaches the measurer or the DOM. */
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(forbidden, "").replace(/[\t\r\n]+/g, " ");
}
