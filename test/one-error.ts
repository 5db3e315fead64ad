/** "One mistake, one error": a clean model with one mistake written into it gives exactly one error,
 *  on the line the mistake changed. Shared by the tables of mistakes (test/one-mistake.test.ts and
 *  the language features' own, e.g. test/claim-exceptions.test.ts). */
import { expect } from "vitest";
import { checkSource } from "../src/check/index.js";
import type { Diagnostic } from "../src/diagnostics.js";

/** `base` with `from` (its first occurrence) replaced by `to`: the one error it gives. */
export function theOneError(base: string, from: string, to: string): Diagnostic {
  expect(base.includes(from), from).toBe(true);
  const text = base.replace(from, to);
  const r = checkSource("t.flow", text);
  expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toHaveLength(1);
  const [d] = r.diagnostics;
  expect(d!.severity).toBe("error");
  // At the mistake: on the line the replacement changed.
  expect(d!.span.line).toBe(text.slice(0, text.indexOf(to)).split("\n").length);
  return d!;
}
