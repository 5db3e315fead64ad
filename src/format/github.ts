/** `--format github`: workflow commands that GitHub Actions turns into PR annotations.
 *  User text is made visible first (controls other than line breaks, bidi and invisible characters
 *  as `\x1b`, `\u202E`: the Actions log would colour or reorder them), then escaped as GitHub's
 *  toolkit does, so a message cannot end its command or start another. */
import type { Diagnostic } from "../diagnostics.js";
import { visible } from "../util/visible.js";
import { summaryLine } from "./text.js";

/** Escaping of the message part (GitHub's toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of property values (`escapeProperty`): also `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Line breaks are GitHub's to carry (escaped as %0D, %0A); every other hostile character is shown. */
const lineBreaks = "\r\n";

const command = { error: "error", warning: "warning", info: "notice" } as const;

export function formatGithub(all: Diagnostic[], files: number, hidden = 0): string {
  // Accepted findings are not annotated: the decision is made; the summary counts them.
  const diagnostics = all.filter((d) => !d.suppressed);
  const lines = diagnostics.map((d) => {
    const props = [
      `file=${escapeProperty(visible(d.span.file, lineBreaks))}`,
      `line=${d.span.line}`,
      `col=${d.span.column}`,
      `endLine=${d.span.endLine}`,
      `endColumn=${d.span.endColumn}`,
      `title=${escapeProperty(d.code)}`,
    ].join(",");
    const message = d.help ? `${d.message}\nhelp: ${d.help}` : d.message;
    return `::${command[d.severity]} ${props}::${escapeData(visible(message, lineBreaks))}`;
  });
  lines.push(summaryLine(diagnostics, files, hidden, all.length - diagnostics.length));
  return `${lines.join("\n")}\n`;
}
