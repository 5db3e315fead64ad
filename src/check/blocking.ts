/** The errors that make a model partial: the rules do not run, and no map or register is written. */
import type { Diagnostic } from "../diagnostics.js";
import { importCodes } from "../project/load.js";

const blocking = new Set<string>([
  "syntax-error", importCodes.encoding, importCodes.notFound, importCodes.outside, importCodes.ofModel, importCodes.unreadable, importCodes.tooLarge,
]);

export function isBlocking(d: Diagnostic): boolean {
  return blocking.has(d.code);
}

/** "2 syntax errors", "1 syntax error and 1 error in its files or imports". */
export function blockingSummary(errors: Diagnostic[]): string {
  const syntax = errors.filter((d) => d.code === "syntax-error").length;
  const files = errors.length - syntax;
  const parts = [
    ...(syntax ? [`${syntax} syntax error${syntax === 1 ? "" : "s"}`] : []),
    ...(files ? [`${files} error${files === 1 ? "" : "s"} in its files or imports`] : []),
  ];
  return parts.join(" and ") || "errors";
}
