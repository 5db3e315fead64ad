/** Where a `// flowmap-ignore` comment applies, shared by the checker (which silences findings on
 *  that line) and the formatter (which must keep that line's code together). */
import type { Comment } from "./ast.js";
import type { SourceFile } from "./source.js";

/** A comment that is a suppression, well-formed or not. */
export const suppressionComment = /^\/\/\s*flowmap-ignore\b/;

/** The line a suppression applies to: its own when code precedes it, else the next line that is
 *  neither blank nor a `//` comment. */
export function suppressedLine(c: Comment, source: SourceFile): number {
  const own = source.lineText(c.span.line).slice(0, c.span.column - 1);
  if (own.trim()) return c.span.line;
  const total = source.lineStarts.length;
  for (let line = c.span.endLine + 1; line <= total; line++) {
    const t = source.lineText(line).trim();
    if (t && !t.startsWith("//")) return line;
  }
  return c.span.endLine + 1;
}
