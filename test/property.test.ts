/** Property tests: whatever the text, checking never throws and every span is inside the text and
 *  agrees with it (offsets in range, line/column recomputed from the offset). */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { chevrotainParse, parseFlow } from "../src/syntax/parser.js";
import type { Diagnostic, Span } from "../src/diagnostics.js";
import { Lexer } from "chevrotain";
import { keywordWords, namesPropertyKeywords, stringsPropertyKeywords } from "../src/syntax/tokens.js";
import { allTokens } from "../src/syntax/chevrotain-tokens.js";
import { fastParse } from "../src/syntax/fast-parse.js";
import { SourceFile } from "../src/syntax/source.js";
import { lexFlow } from "../src/syntax/lex.js";

const here = dirname(fileURLToPath(import.meta.url));
const example = readFileSync(join(here, "..", "models", "cieloweb.flow"), "utf8");

/** Line starts, computed independently of SourceFile (\r\n, \r and \n each end a line). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function lineCol(starts: number[], offset: number): [number, number] {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return [line + 1, offset - starts[line]! + 1];
}

/** A description of what is wrong with a span, or undefined when it is fine. */
function spanProblem(text: string, starts: number[], s: Span): string | undefined {
  const nums = [s.start, s.end, s.line, s.column, s.endLine, s.endColumn];
  if (!nums.every((n) => Number.isInteger(n))) return `non-integer ${JSON.stringify(s)}`;
  if (!(0 <= s.start && s.start <= s.end && s.end <= text.length)) return `offsets out of range ${JSON.stringify(s)} (length ${text.length})`;
  if (s.line < 1 || s.column < 1 || s.endLine < 1 || s.endColumn < 1) return `line/column below 1 ${JSON.stringify(s)}`;
  if (s.line > starts.length || s.endLine > starts.length) return `line beyond ${starts.length} lines ${JSON.stringify(s)}`;
  const [l, c] = lineCol(starts, s.start);
  if (l !== s.line || c !== s.column) return `start ${s.start} is ${l}:${c}, span says ${s.line}:${s.column}`;
  const [el, ec] = lineCol(starts, s.end);
  if (el !== s.endLine || ec !== s.endColumn) return `end ${s.end} is ${el}:${ec}, span says ${s.endLine}:${s.endColumn}`;
  return undefined;
}

/** Checks the text; throws (failing the property) on an exception or a bad span. */
function checkInvariants(text: string): boolean {
  const r = checkSource("p.flow", text);
  const starts = lineStarts(text);
  expect(r.source.lineStarts).toEqual(starts);
  for (const d of r.diagnostics) {
    expect(typeof d.code).toBe("string");
    expect(["error", "warning", "info"]).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
    for (const [what, s] of [["span", d.span], ...d.related.map((x) => ["related", x.span] as const)] as const) {
      const problem = spanProblem(text, starts, s);
      if (problem) throw new Error(`${d.code} ${what}: ${problem}\nmessage: ${d.message}\ntext: ${JSON.stringify(text)}`);
      expect(s.file).toBe("p.flow");
    }
  }
  // The rules ran exactly when the text parsed and its imports loaded (a soup can write
  // `import "x"`, whose file the memory host does not have: a load-stage error, not a syntax one).
  const importFailed = r.diagnostics.some((d) => d.code.startsWith("import-"));
  expect(r.complete).toBe(parseFlow("p.flow", text).diagnostics.length === 0 && !importFailed);
  for (const c of r.ast.comments) {
    const problem = spanProblem(text, starts, c.span);
    if (problem) throw new Error(`comment: ${problem}`);
    expect(text.slice(c.span.start, c.span.end)).toBe(c.text);
  }
  return true;
}

// ---- generators -----------------------------------------------------------

const punctuation = ["{", "}", "->", ",", "+", "-", ">", '"', "/", "/*", "*/", "//", "\\"];
const names = ["email", "browser", "app", "acme", "orders", "US", "NL", "UK", "global", "self", "c2p", "dpf", "a", "_x", "x1", "é"];
const strings = ['"text"', '""', '"a \\" b"', '"unterminated', '"😀"', '"line\\n"'];
const numbers = ["0", "13", "1.5", "007", "3.", "99999999999999999999"];
const separators = [" ", "\n", "\r\n", "\r", "\t", "  ", "\u00a0", "\ufeff"];
const comments = ["// c", "/* c */", "/* multi\nline */", "// flowmap-ignore unused-data: ok", "// flowmap-ignore storage-without-security"];
const vocabulary = [
  "controller", "processor", "subprocessor", "contract", "consent", "legitimate_interests", "explicit_consent", "health",
  "contact", "server", "database", "saas", "scc", "adequacy", "derogation", "days", "months", "years", "session", "memory",
  "indefinite", "unspecified", "anywhere", "transit", "CH", "IN", "DE",
];

const token = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...keywordWords) },
  { weight: 3, arbitrary: fc.constantFrom(...punctuation) },
  { weight: 3, arbitrary: fc.constantFrom(...names, ...vocabulary) },
  { weight: 2, arbitrary: fc.constantFrom(...strings) },
  { weight: 1, arbitrary: fc.constantFrom(...numbers) },
  { weight: 1, arbitrary: fc.constantFrom(...comments) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
);

const soup = fc
  .array(fc.tuple(token, fc.constantFrom(...separators)), { maxLength: 60 })
  .map((parts) => parts.map(([t, s]) => t + s).join(""));

/** A well-formed-ish declaration, so soups reach deeper into the grammar and the rules. */
const block = fc
  .tuple(
    fc.constantFrom("organization", "subject", "data", "purpose", "system"),
    fc.constantFrom(...names),
    fc.array(fc.tuple(fc.constantFrom(...keywordWords), fc.array(fc.oneof(fc.constantFrom(...names, ...vocabulary), fc.constantFrom(...strings, ...numbers)), { maxLength: 3 })), { maxLength: 5 }),
  )
  .map(([kw, name, props]) => `${kw} ${name} {\n${props.map(([k, vs]) => `  ${k} ${vs.join(", ")}`).join("\n")}\n}\n`);

const flowDecl = fc
  .tuple(fc.constantFrom(...names), fc.constantFrom(...names), fc.array(fc.constantFrom("data email", "for orders", "mechanism scc c2p", "mechanism derogation a", "occasional", "mechanism adequacy", "encrypted e2e"), { maxLength: 4 }))
  .map(([a, b, props]) => `flow ${a} -> ${b} {\n  ${props.join("\n  ")}\n}\n`);

const structured = fc.array(fc.oneof(block, flowDecl, soup), { maxLength: 8 }).map((xs) => xs.join("\n"));

/** Mutations of the example model: delete, duplicate, swap slices; insert tokens. */
type Mutation =
  | { op: "delete"; at: number; len: number }
  | { op: "duplicate"; at: number; len: number; to: number }
  | { op: "swap"; a: number; b: number; len: number }
  | { op: "insert"; at: number; text: string };

const position = fc.integer({ min: 0, max: example.length });
const length = fc.integer({ min: 0, max: 200 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: position, len: length }),
  fc.record({ op: fc.constant("duplicate" as const), at: position, len: length, to: position }),
  fc.record({ op: fc.constant("swap" as const), a: position, b: position, len: length }),
  fc.record({ op: fc.constant("insert" as const), at: position, text: fc.oneof(token, soup) }),
);

function apply(text: string, m: Mutation): string {
  const clamp = (n: number) => Math.max(0, Math.min(n, text.length));
  switch (m.op) {
    case "delete":
      return text.slice(0, clamp(m.at)) + text.slice(clamp(m.at + m.len));
    case "duplicate": {
      const piece = text.slice(clamp(m.at), clamp(m.at + m.len));
      return text.slice(0, clamp(m.to)) + piece + text.slice(clamp(m.to));
    }
    case "swap": {
      const [a, b] = m.a <= m.b ? [clamp(m.a), clamp(m.b)] : [clamp(m.b), clamp(m.a)];
      const len = Math.min(m.len, b - a);
      const first = text.slice(a, a + len);
      const second = text.slice(b, clamp(b + len));
      return text.slice(0, a) + second + text.slice(a + len, b) + first + text.slice(clamp(b + len));
    }
    case "insert":
      return text.slice(0, clamp(m.at)) + m.text + text.slice(clamp(m.at));
  }
}

const mutated = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce(apply, example));

// ---- properties -------------------------------------------------------------

describe("checkSource never throws and keeps spans in range", () => {
  it("list properties broken mid-way (parser recovery by re-sync) do not crash the model builder", () => {
    for (const t of ['purpose p { basis 1, "x" }', 'purpose p { data 1, "x" }', 'system s { located 1, "x" }', 'system s { certified 1, "x" }', "system s { stores 13, scc\n retention dpf }"]) {
      expect(checkInvariants(t)).toBe(true);
      expect(checkSource("p.flow", t).diagnostics.some((d) => d.code === "syntax-error")).toBe(true);
    }
  });

  it("the example model itself", () => {
    expect(checkInvariants(example)).toBe(true);
  });

  it("random printable strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), checkInvariants), { numRuns: 300 });
  });

  it("random strings of any UTF-16 units (lone surrogates, control characters)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), checkInvariants), { numRuns: 300 });
  });

  it("random strings of line breaks, quotes, slashes and braces", () => {
    const chars = fc.constantFrom("\n", "\r", "\r\n", '"', "/", "*", "{", "}", " ", "a", "-", ">", "\\", "1");
    fc.assert(fc.property(fc.array(chars, { maxLength: 120 }).map((xs) => xs.join("")), checkInvariants), { numRuns: 300 });
  });

  it("token soups of keywords, punctuation, names and strings", () => {
    fc.assert(fc.property(soup, checkInvariants), { numRuns: 500 });
  });

  it("sequences of roughly well-formed declarations", () => {
    fc.assert(fc.property(structured, checkInvariants), { numRuns: 300 });
  });

  it("mutations of models/cieloweb.flow", () => {
    fc.assert(fc.property(mutated, checkInvariants), { numRuns: 400 });
  });

  it("the example model with CRLF or CR line breaks has the same findings at the same lines", () => {
    const base = checkSource("p.flow", example).diagnostics.map((d) => [d.code, d.span.line, d.span.column, d.span.endLine, d.span.endColumn]);
    for (const nl of ["\r\n", "\r"]) {
      const text = example.replace(/\n/g, nl);
      expect(checkInvariants(text)).toBe(true);
      expect(checkSource("p.flow", text).diagnostics.map((d) => [d.code, d.span.line, d.span.column, d.span.endLine, d.span.endColumn])).toEqual(base);
    }
  });

  it("checking is deterministic", () => {
    fc.assert(
      fc.property(mutated, (text) => {
        expect(checkSource("p.flow", text).diagnostics).toEqual(checkSource("p.flow", text).diagnostics);
      }),
      { numRuns: 100 },
    );
  });
});

// ---- the scanner against Chevrotain's lexer -----------------------------------

/** The scanner in lex.ts must give exactly the tokens, errors and comments of Chevrotain's lexer
 *  over the token definitions (tokens.ts, as Chevrotain's types by chevrotain-tokens.ts): the
 *  definitions stay the grammar's single vocabulary. */
const flowLexer = new Lexer(allTokens, { ensureOptimizations: true, positionTracking: "onlyOffset" });
function sameAsChevrotain(text: string): boolean {
  const ours = lexFlow(text);
  const ref = flowLexer.tokenize(text);
  const tokens = Array.from({ length: ours.tokens.length }, (_, i) => ours.tokens.get(i));
  const shape = (t: { image: string; startOffset: number; tokenType: { name: string } }) => [t.tokenType.name, t.startOffset, t.image];
  expect(tokens.map(shape)).toEqual(ref.tokens.map(shape));
  expect(ours.errors.map((e) => [e.offset, e.length])).toEqual(ref.errors.map((e) => [e.offset, e.length]));
  expect(ours.comments.map(shape)).toEqual((ref.groups.comments ?? []).map(shape));
  return true;
}

describe("the scanner gives Chevrotain's tokens, errors and comments", () => {
  it("on the seed models", () => {
    for (const name of ["cieloweb", "senbilcloud", "banzaicloud", "cbline", "mittalcloud"]) {
      expect(sameAsChevrotain(readFileSync(join(here, "..", "models", `${name}.flow`), "utf8"))).toBe(true);
    }
  });

  it("on hand-picked edge cases", () => {
    const cases = ["", "-", "->", "-->", "/", "/*", "/* x", "/* x */", "//", '"', '"a\\', '"a\\\\"', '"\\\n"', "1.", "1.5.6", "a.b", "é", "for formula",
      "joint_controllers", "\u00a0x", "\ufeff", "x\v\fy", "\u00a0\ufeff\v\f", "\u{1F600}x", '"a" "b', "{}{", "@@@ a", "a /* b", "x /*/ y */"];
    for (const t of cases) expect(sameAsChevrotain(t)).toBe(true);
  });

  it("on random strings, token soups and mutated models", () => {
    const chars = fc.constantFrom("\n", "\r", '"', "/", "*", "{", "}", " ", "a", "-", ">", "\\", "1", ".", "é", "\u00a0");
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), sameAsChevrotain), { numRuns: 300 });
    fc.assert(fc.property(fc.array(chars, { maxLength: 120 }).map((xs) => xs.join("")), sameAsChevrotain), { numRuns: 500 });
    fc.assert(fc.property(soup, sameAsChevrotain), { numRuns: 500 });
    fc.assert(fc.property(structured, sameAsChevrotain), { numRuns: 300 });
    fc.assert(fc.property(mutated, sameAsChevrotain), { numRuns: 300 });
  });
});

// ---- the fast parser against the Chevrotain parser ------------------------------

/** Either both parsers accept the text and build the same tree (spans, key order and all), or the
 *  fast path gives up and Chevrotain reports a syntax error. */
function sameTree(text: string): boolean {
  const source = new SourceFile("p.flow", text);
  const fast = fastParse(source, lexFlow(text).tokens);
  const errors: Diagnostic[] = [];
  const slow = chevrotainParse(source, lexFlow(text).tokens, errors);
  if (errors.length) expect(fast).toBeUndefined();
  else expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
  return true;
}

/** Identifiers that are not keywords (where the grammar takes an Identifier only). */
const word = fc.constantFrom(...["email", "web", "acme", "US", "x1", "_y", "days", "months", "session", "self", "c2p", "a", "formula"].filter((w) => !keywordWords.includes(w)));
const anyName = fc.oneof(word, fc.constantFrom(...keywordWords));
const text = fc.constantFrom('"t"', '""', '"a \\" b"', '"é 😀"');
const opt = (a: fc.Arbitrary<string>) => fc.option(a, { nil: "" });
const list = (a: fc.Arbitrary<string>) => fc.array(a, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(", "));
const duration = fc.tuple(fc.constantFrom("0", "30", "1.5"), anyName).map(([n, u]) => `${n} ${u}`);
const retentionValue = fc
  .tuple(fc.oneof(duration, fc.tuple(anyName, opt(duration.map((d) => ` + ${d}`))).map(([e, p]) => `until ${e}${p}`), word), opt(text.map((s) => ` ${s}`)))
  .map(([v, s]) => v + s);
const property = fc.oneof(
  fc.tuple(fc.constantFrom(...namesPropertyKeywords, "data"), list(anyName), opt(text.map((s) => ` ${s}`))).map(([k, n, s]) => `${k} ${n}${s}`),
  fc.tuple(fc.constantFrom(...namesPropertyKeywords), list(fc.tuple(anyName, opt(text.map((s) => ` ${s}`))).map(([n, s]) => n + s))).map(([k, n]) => `${k} ${n}`),
  // `claim not_shared except consent, reservation "..."`: the exceptions (none when the line ends at
  // `except`: the next line's keyword is not taken), a quote before `except` (out of place, kept), line
  // breaks after a comma.
  fc.tuple(fc.constantFrom(...namesPropertyKeywords, "data"), list(anyName), opt(text.map((s) => ` ${s}`)), opt(list(anyName).map((e) => e.replace(/, /g, ",\n    "))), opt(text.map((s) => ` ${s}`)))
    .map(([k, n, before, e, s]) => `${k} ${n}${before} except${e ? ` ${e}` : ""}${s}`),
  fc.tuple(fc.constantFrom(...stringsPropertyKeywords), list(text)).map(([k, s]) => `${k} ${s}`),
  fc.tuple(fc.constantFrom(...stringsPropertyKeywords), word, opt(list(text).map((s) => ` ${s}`))).map(([k, w, s]) => `${k} ${w}${s}`),
  fc.tuple(duration, opt(text.map((s) => ` ${s}`))).map(([d, s]) => `minimum_age ${d}${s}`),
  retentionValue.map((r) => `retention ${r}`),
  fc.oneof(word, fc.tuple(text, opt(fc.tuple(anyName, opt(anyName.map((o) => ` of ${o}`))).map(([r, o]) => ` as ${r}${o}`))).map(([v, a]) => v + a)).map((o) => `operator ${o}`),
  fc.tuple(list(anyName), opt(list(anyName).map((p) => ` for ${p}`)), opt(retentionValue.map((r) => ` retention ${r}`))).map(([d, f, r]) => `stores ${d}${f}${r}`),
  fc.tuple(anyName, opt(word.map((w) => ` ${w}`)), opt(text.map((s) => ` ${s}`))).map(([m, d, s]) => `mechanism ${m}${d}${s}`),
  fc.constant("occasional"),
);
const separator = fc.constantFrom(" ", "\n  ", "\n", " // note\n  ", " /* c */ ");
const head = fc.oneof(
  fc.constant("model"),
  fc.tuple(fc.constantFrom("organization", "subject", "data", "purpose", "system"), anyName).map(([k, n]) => `${k} ${n}`),
  fc.tuple(anyName, anyName).map(([a, b]) => `flow ${a} -> ${b}`),
);
const body = fc.array(fc.tuple(property, separator), { maxLength: 6 }).map((ps) => ` {${ps.map(([p, s]) => s + p).join("")}\n}`);
const declaration = fc.tuple(head, opt(text.map((s) => ` ${s}`)), opt(body)).map(([h, t, b]) => h + t + b);
const validFile = fc.array(fc.tuple(declaration, separator), { maxLength: 8 }).map((ds) => ds.map(([d, s]) => d + s).join("\n"));

describe("the fast parser builds the Chevrotain parser's tree, or gives up on a syntax error", () => {
  it("on the seed models and the rule fixtures", () => {
    const fixtures = join(here, "fixtures", "rules");
    const files = [
      ...["cieloweb", "senbilcloud", "banzaicloud", "cbline", "mittalcloud"].map((n) => join(here, "..", "models", `${n}.flow`)),
      ...readdirSync(fixtures).filter((f) => f.endsWith(".flow")).map((f) => join(fixtures, f)),
    ];
    for (const f of files) expect(sameTree(readFileSync(f, "utf8"))).toBe(true);
  });

  it("on generated well-formed files (every property shape and option)", () => {
    fc.assert(fc.property(validFile, sameTree), { numRuns: 500 });
    // The generator is well-formed except where a `for` or `retention` line after `stores` is taken
    // into the `stores` line: most samples must parse without errors, so the fast path is exercised.
    const samples = fc.sample(validFile, { numRuns: 300, seed: 7 });
    const clean = samples.filter((t) => {
      const errors: Diagnostic[] = [];
      chevrotainParse(new SourceFile("p.flow", t), lexFlow(t).tokens, errors);
      return errors.length === 0;
    });
    expect(clean.length).toBeGreaterThan(samples.length * 0.8);
  });

  it("on token soups, mutated models and random strings", () => {
    fc.assert(fc.property(soup, sameTree), { numRuns: 400 });
    fc.assert(fc.property(structured, sameTree), { numRuns: 300 });
    fc.assert(fc.property(mutated, sameTree), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 100 }), sameTree), { numRuns: 200 });
  });
});
