/** The register as a GitHub-flavoured Markdown document: the header block as a list, then the table.
 *  User text is escaped so it cannot end a cell, a row or the table, nor inject HTML. */
import type { RegisterTable } from "./table.js";

/** Escape one cell: backslashes first (so `\|` in user text cannot unescape our pipe), then pipes, HTML, line breaks. */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
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
  ];
  return lines.join("\n") + "\n";
}
