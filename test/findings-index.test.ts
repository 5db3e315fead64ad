/** The map's findings index returns what filtering every finding would (it replaced that filter,
 *  which made the map's graph quadratic in nodes x findings). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic, Span } from "../src/diagnostics.js";
import { FindingsIndex } from "../src/render/findings-index.js";

const span = (file: string, start: number, end: number): Span => ({ file, start, end, line: 1, column: start + 1, endLine: 1, endColumn: end + 1 });
const naive = (s: Span, all: Diagnostic[]) => all.filter((d) => d.span.file === s.file && d.span.start >= s.start && d.span.start < Math.max(s.end, s.start + 1));

describe("FindingsIndex", () => {
  it("finds exactly the findings a filter finds, in the same order", () => {
    const range = fc.tuple(fc.constantFrom("a.flow", "b.flow"), fc.nat(60), fc.nat(20)).map(([f, s, n]) => span(f, s, s + n));
    const findings = fc.array(range, { maxLength: 40 }).map((spans) => spans.map((s, i): Diagnostic => ({ code: `c${i}`, severity: "warning", message: "m", span: s, related: [] })));
    fc.assert(
      fc.property(findings, fc.array(range, { maxLength: 10 }), (found, queries) => {
        const sorted = [...found].sort((x: Diagnostic, y: Diagnostic) => (x.span.file < y.span.file ? -1 : x.span.file > y.span.file ? 1 : x.span.start - y.span.start));
        const index = new FindingsIndex(sorted);
        for (const q of queries) expect(index.within(q)).toEqual(naive(q, sorted));
      }),
      { numRuns: 300 },
    );
  });
});
