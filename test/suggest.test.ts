/** "Did you mean": the edit distance against a plain reference implementation, and suggestions. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../src/util/suggest.js";

/** Optimal string alignment distance, written out plainly with a full matrix. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe("editDistance", () => {
  it("known values", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("emial", "email")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
    expect(editDistance("kitten", "sitting", 1)).toBe(2); // over the limit: limit + 1
  });

  it("equals the reference on random strings, long ones included (its buffers are reused and grow)", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 12 });
    fc.assert(fc.property(word, word, (a, b) => editDistance(a, b) === reference(a, b)), { numRuns: 1000 });
    const long = fc.string({ unit: fc.constantFrom("a", "b", "c"), minLength: 60, maxLength: 200 });
    fc.assert(fc.property(long, long, (a, b) => editDistance(a, b) === reference(a, b)), { numRuns: 30 });
    expect(editDistance("ab", "ba")).toBe(1);
  });

  it("with a limit: the distance when within it, else more than the limit", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 10 });
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
      const exact = reference(a, b);
      const d = editDistance(a, b, limit);
      return exact <= limit ? d === exact : d > limit;
    }), { numRuns: 1000 });
  });
});

describe("suggest", () => {
  it("the nearest candidate within reach, case-insensitive, ties by name", () => {
    expect(suggest("emial", ["email", "phone"])).toBe("email");
    expect(suggest("EMAIL", ["email"])).toBe("email");
    expect(suggest("xyz", ["email", "phone"])).toBeUndefined();
    expect(suggest("cat", ["bat", "car"])).toBe("bat");
  });
});
