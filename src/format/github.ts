/** `--format github`: workflow commands that GitHub Actions turns into PR annotations. */
import type { Diagnostic } from "../diagnostics.js";
import { summaryLine } from "./text.js";

/** Escaping of the message part (GitHub's toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of property values (`escapeProperty`): also `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const command = { error: "error", warning: "warning", info: "notice" } as const;

export function formatGithub(diagnostics: Diagnostic[], files: number, hidden = 0): string {
  const lines = diagnostics.map((d) => {
    const props = [
      `file=${escapeProperty(d.span.file)}`,
      `line=${d.span.line}`,
      `col=${d.span.column}`,
      `endLine=${d.span.endLine}`,
      `endColumn=${d.span.endColumn}`,
      `title=${escapeProperty(d.code)}`,
    ].join(",");
    const message = d.help ? `${d.message}\nhelp: ${d.help}` : d.message;
    return `::${command[d.severity]} ${props}::${escapeData(message)}`;
  });
  lines.push(summaryLine(diagnostics, files, hidden));
  return `${lines.join("\n")}\n`;
}
