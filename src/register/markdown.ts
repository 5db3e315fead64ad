/** The register as a GitHub-flavoured Markdown document: the header block as a list, the table, then the
 *  findings the table's cells name, each once.
 *  User text is escaped so it shows as typed and does nothing else: it cannot end a cell, a row or
 *  the table, start a link, an image, an autolink, emphasis or a code span, nor inject HTML or an
 *  entity; control, bidi and invisible characters are shown as escapes (`\u202E`). User text never
 *  starts a line (every line starts with `#`, `- ` or `|` of ours, line breaks become `<br>`), so
 *  heading, list and quote markers in it are plain text. E-mail addresses stay as GitHub shows them
 *  (a `mailto:` link: nothing fetched or run). */
import { visible } from "../util/visible.js";
import { findingText } from "./findings.js";
import type { RegisterTable } from "./table.js";

/** Punctuation that starts or ends inline syntax: a backslash makes each one literal (CommonMark:
 *  any ASCII punctuation may be escaped). The backslash itself comes first, so `\|` in user text
 *  cannot unescape our pipe. */
const inlineSyntax = /[\\`*~[\]|]/g;
/** `_` opens or closes emphasis only next to a space or punctuation; inside a word (`ip_address`) it
 *  is text already and stays unescaped. */
const looseUnderscore = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** Escape one cell. */
export function markdownCell(text: string): string {
  return visible(text, "\r\n")
    .replace(inlineSyntax, "\\$&")
    .replace(looseUnderscore, "\\_")
    // An image is `![`; `[` is escaped already, `!` too so the pair reads as text in any renderer.
    .replace(/!(?=\\\[)/g, "\\!")
    // GFM autolinks bare `http://`, `https://`, `ftp://` URLs and `www.` domains: break the pattern
    // with an escape a renderer drops (`https\://x` shows as `https://x`, as text).
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r\n|\r|\n/g, "<br>");
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(markdownCell).join(" | ")} |`;
}

export function toMarkdown(table: RegisterTable): string {
  const lines = [
    `# ${markdownCell(table.title)}`,
    "",
    ...table.header.map(([label, value]) => `- **${markdownCell(label)}**: ${markdownCell(value)}`),
    "",
    row(table.columns),
    `|${table.columns.map(() => " --- |").join("")}`,
    ...table.rows.map(row),
    // Each finding's text once; the table's findings cells name them by their refs.
    ...(table.findings.length ? ["", "# Findings", "", ...table.findings.map((f) => `- **${markdownCell(f.ref)}**: ${markdownCell(findingText(f))} (activities: ${markdownCell(f.activities.join(", "))})`)] : []),
  ];
  return lines.join("\n") + "\n";
}
