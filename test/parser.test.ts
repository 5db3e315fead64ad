/** Parser units: AST shapes, comments, keywords as names, error recovery, lexer errors, suggestions. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFlow } from "../src/syntax/parser.js";
import { checkSource } from "../src/check/index.js";
import type { Declaration, Property } from "../src/syntax/ast.js";
import type { Diagnostic, Span } from "../src/diagnostics.js";
import { keywordWords } from "../src/syntax/tokens.js";

const here = dirname(fileURLToPath(import.meta.url));

function parse(text: string) {
  return parseFlow("t.flow", text);
}

/** Parses text that must be free of syntax errors. */
function parseOk(text: string): Declaration[] {
  const r = parse(text);
  expect(r.diagnostics).toEqual([]);
  return r.file.declarations;
}

function prop(d: Declaration, keyword: string, nth = 0): Property {
  const p = d.properties.filter((x) => x.keyword.text === keyword)[nth];
  if (!p) throw new Error(`no property ${keyword}`);
  return p;
}

/** The source text a span covers. */
const slice = (text: string, s: Span) => text.slice(s.start, s.end);
const at = (d: { span: Span }) => `${d.span.line}:${d.span.column}-${d.span.endLine}:${d.span.endColumn}`;

/** A span agrees with the text: offsets in range, line/column recomputed from the offsets. */
function expectSpanConsistent(text: string, s: Span): void {
  expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
  expect(0 <= s.start && s.start <= s.end && s.end <= text.length).toBe(true);
  const lc = (offset: number) => {
    const before = text.slice(0, offset);
    const lines = before.split(/\r\n|\r|\n/);
    return [lines.length, lines[lines.length - 1]!.length + 1];
  };
  expect([s.line, s.column]).toEqual(lc(s.start));
  expect([s.endLine, s.endColumn]).toEqual(lc(s.end));
}

describe("declarations and properties", () => {
  it("model header", () => {
    const text = 'model "Shop" {\n  regime gdpr\n  updated "2024-05-24"\n  source "a.txt"\n  description "one", "two"\n}';
    const [m] = parseOk(text);
    expect(m).toMatchObject({ kind: "model", keyword: { text: "model" }, title: { value: "Shop" } });
    expect(m!.name).toBeUndefined();
    expect(m!.properties.map((p) => [p.type, p.keyword.text])).toEqual([
      ["names", "regime"], ["strings", "updated"], ["strings", "source"], ["strings", "description"],
    ]);
    expect(prop(m!, "regime")).toMatchObject({ type: "names", names: [{ text: "gdpr" }] });
    expect(prop(m!, "description")).toMatchObject({ type: "strings", strings: [{ value: "one" }, { value: "two" }] });
    expect(slice(text, m!.span)).toBe(text);
    expect(slice(text, prop(m!, "description").span)).toBe('description "one", "two"');
  });

  it("a model header without a block or title", () => {
    const [m] = parseOk("model");
    expect(m).toMatchObject({ kind: "model", properties: [] });
    expect(m!.title).toBeUndefined();
  });

  it("organization with every property", () => {
    const text = `organization acme "Acme B.V." {
  role controller
  country NL
  contact "privacy@acme.example"
  address "Damrak 1, Amsterdam"
  dpo "dpo@acme.example"
  representative "Rep Ltd."
  joint_controller "Partner A", "Partner B"
  description "we sell things"
}`;
    const [o] = parseOk(text);
    expect(o).toMatchObject({ kind: "organization", name: { text: "acme" }, title: { value: "Acme B.V." } });
    expect(o!.properties.map((p) => p.keyword.text)).toEqual([
      "role", "country", "contact", "address", "dpo", "representative", "joint_controller", "description",
    ]);
    expect(prop(o!, "joint_controller")).toMatchObject({ type: "strings", strings: [{ value: "Partner A" }, { value: "Partner B" }] });
    expect(prop(o!, "country")).toMatchObject({ type: "names", names: [{ text: "NL" }] });
  });

  it("subjects with and without a title or block", () => {
    const decls = parseOk('subject visitor\nsubject customer "Customers"\nsubject staff "Staff" { description "employees" }');
    expect(decls.map((d) => [d.kind, d.name?.text, d.title?.value, d.properties.length])).toEqual([
      ["subject", "visitor", undefined, 0],
      ["subject", "customer", "Customers", 0],
      ["subject", "staff", "Staff", 1],
    ]);
  });

  it("data with a kind", () => {
    const [d] = parseOk('data email "E-mail" { kind contact }');
    expect(d).toMatchObject({ kind: "data", name: { text: "email" }, properties: [{ type: "names", keyword: { text: "kind" }, names: [{ text: "contact" }] }] });
  });

  it("purpose: basis with a note, condition, lists", () => {
    const text = `purpose care {
  basis legitimate_interests "fraud prevention"
  condition health_care
  subjects patient, visitor
  data email, health
  retention 13 months
}`;
    const [p] = parseOk(text);
    const basis = prop(p!, "basis");
    expect(basis).toMatchObject({ type: "names", names: [{ text: "legitimate_interests" }], note: { value: "fraud prevention" } });
    expect(slice(text, basis.span)).toBe('basis legitimate_interests "fraud prevention"');
    expect(prop(p!, "subjects")).toMatchObject({ names: [{ text: "patient" }, { text: "visitor" }] });
    expect(prop(p!, "data")).toMatchObject({ type: "names", names: [{ text: "email" }, { text: "health" }] });
  });

  it.each([
    ["13 months", { duration: { amount: { value: 13 }, unit: { text: "months" } } }],
    ["1.5 years", { duration: { amount: { value: 1.5 }, unit: { text: "years" } } }],
    ["until account_deleted", { until: { text: "account_deleted" } }],
    ["until account_deleted + 30 days", { until: { text: "account_deleted" }, plus: { amount: { value: 30 }, unit: { text: "days" } } }],
    ["session", { word: { text: "session" } }],
    ["memory", { word: { text: "memory" } }],
    ["indefinite", { word: { text: "indefinite" } }],
    ['unspecified "as long as necessary"', { word: { text: "unspecified" }, statement: { value: "as long as necessary" } }],
    ['30 days "thirty days"', { duration: { amount: { value: 30 } }, statement: { value: "thirty days" } }],
  ])("retention %s", (value, shape) => {
    const text = `purpose p {\n  retention ${value}\n}`;
    const [p] = parseOk(text);
    const r = prop(p!, "retention");
    expect(r.type).toBe("retention");
    if (r.type !== "retention") return;
    expect(r.retention).toMatchObject(shape);
    expect(slice(text, r.retention.span)).toBe(value);
    expect(slice(text, r.span)).toBe(`retention ${value}`);
  });

  it("system: operator forms, located, certified, contract, stores, security", () => {
    const text = `system crm "CRM" {
  kind saas
  operator "Vendor \\"X\\" Inc." as subprocessor of app
  located US, IE
  certified dpf, iso27001
  contract "DPA 2024"
  stores email, phone for orders, support retention 2 years "two years"
  stores logs
  security "encryption at rest", "MFA"
}
system app { operator self }
system cdn { operator "Edge Co." }
system ads { operator "Ads Inc." as controller }`;
    const [crm, app, cdn, ads] = parseOk(text);
    const op = prop(crm!, "operator");
    expect(op).toMatchObject({ type: "operator", vendor: { value: 'Vendor "X" Inc.' }, role: { text: "subprocessor" }, of: { text: "app" } });
    expect(slice(text, op.span)).toBe('operator "Vendor \\"X\\" Inc." as subprocessor of app');
    expect(prop(app!, "operator")).toMatchObject({ type: "operator", self: { text: "self" } });
    const cdnOp = prop(cdn!, "operator");
    expect(cdnOp).toMatchObject({ type: "operator", vendor: { value: "Edge Co." } });
    if (cdnOp.type === "operator") expect(cdnOp.role).toBeUndefined();
    expect(prop(ads!, "operator")).toMatchObject({ role: { text: "controller" } });
    expect(prop(crm!, "located")).toMatchObject({ names: [{ text: "US" }, { text: "IE" }] });
    expect(prop(crm!, "certified")).toMatchObject({ names: [{ text: "dpf" }, { text: "iso27001" }] });
    expect(prop(crm!, "contract")).toMatchObject({ type: "strings", strings: [{ value: "DPA 2024" }] });
    const stores = prop(crm!, "stores");
    expect(stores).toMatchObject({
      type: "stores",
      data: [{ text: "email" }, { text: "phone" }],
      purposes: [{ text: "orders" }, { text: "support" }],
      retention: { duration: { amount: { value: 2 }, unit: { text: "years" } }, statement: { value: "two years" } },
    });
    expect(slice(text, stores.span)).toBe('stores email, phone for orders, support retention 2 years "two years"');
    const bare = prop(crm!, "stores", 1);
    expect(bare).toMatchObject({ type: "stores", data: [{ text: "logs" }], purposes: [] });
    if (bare.type === "stores") expect(bare.retention).toBeUndefined();
    expect(prop(crm!, "security")).toMatchObject({ strings: [{ value: "encryption at rest" }, { value: "MFA" }] });
  });

  it("flow: ends, title, data, for, mechanism, encrypted, occasional", () => {
    const text = `flow app -> crm "Sync contacts" {
  data email, phone
  for orders
  mechanism scc c2p "signed 2024-01-01"
  encrypted transit, rest
  occasional
  description "nightly"
}
flow a -> b { mechanism derogation a }
flow a -> b { mechanism adequacy }`;
    const [f, g, h] = parseOk(text);
    expect(f).toMatchObject({ kind: "flow", from: { text: "app" }, to: { text: "crm" }, title: { value: "Sync contacts" } });
    expect(f!.name).toBeUndefined();
    expect(f!.properties.map((p) => [p.type, p.keyword.text])).toEqual([
      ["names", "data"], ["names", "for"], ["mechanism", "mechanism"], ["names", "encrypted"], ["flag", "occasional"], ["strings", "description"],
    ]);
    const m = prop(f!, "mechanism");
    expect(m).toMatchObject({ mechanism: { text: "scc" }, detail: { text: "c2p" }, note: { value: "signed 2024-01-01" } });
    expect(slice(text, m.span)).toBe('mechanism scc c2p "signed 2024-01-01"');
    expect(slice(text, prop(f!, "occasional").span)).toBe("occasional");
    expect(prop(g!, "mechanism")).toMatchObject({ mechanism: { text: "derogation" }, detail: { text: "a" } });
    const adequacy = prop(h!, "mechanism");
    if (adequacy.type === "mechanism") expect(adequacy.detail).toBeUndefined();
  });

  it("string escapes are unquoted", () => {
    const [d] = parseOk('subject s "a \\"quoted\\" \\\\ back\\nslash\\t."');
    expect(d!.title!.value).toBe('a "quoted" \\ back\nslash\t.');
  });

  it("every node span covers its text in the example model", () => {
    const text = readFileSync(join(here, "..", "models", "cieloweb.flow"), "utf8");
    const decls = parseOk(text);
    expect(decls).toHaveLength(23);
    for (const d of decls) {
      expectSpanConsistent(text, d.span);
      expect(slice(text, d.keyword.span)).toBe(d.kind);
      if (d.name) expect(slice(text, d.name.span)).toBe(d.name.text);
      for (const p of d.properties) {
        expectSpanConsistent(text, p.span);
        expect(slice(text, p.span).startsWith(p.keyword.text)).toBe(true);
        expect(p.span.start >= d.span.start && p.span.end <= d.span.end).toBe(true);
      }
      if (d.properties.length || text.slice(d.span.start, d.span.end).includes("{")) expect(slice(text, d.span).endsWith("}")).toBe(true);
    }
  });

  it("spans are line/column consistent with CRLF and CR line breaks", () => {
    for (const nl of ["\r\n", "\r", "\n"]) {
      const text = ["// c", "data email {", "  kind contact", "}", 'subject s "é😀"', "system x { kind server }"].join(nl);
      const decls = parseOk(text);
      expect(decls.map((d) => d.span.line)).toEqual([2, 5, 6]);
      for (const d of decls) {
        expectSpanConsistent(text, d.span);
        for (const p of d.properties) expectSpanConsistent(text, p.span);
        if (d.title) expectSpanConsistent(text, d.title.span);
      }
      // Offsets are UTF-16 units: the emoji counts as two.
      const s = decls[1]!.title!.span;
      expect(s.end - s.start).toBe('"é😀"'.length);
    }
  });
});

describe("comments", () => {
  it("line and block comments are collected with spans, not parsed", () => {
    const text = "// first\ndata email { // trailing\n  kind contact /* inline */\n}\n/* block\n   over lines */\n";
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.file.declarations).toHaveLength(1);
    expect(r.file.comments.map((c) => c.text)).toEqual(["// first", "// trailing", "/* inline */", "/* block\n   over lines */"]);
    expect(r.file.comments.map((c) => [c.span.line, c.span.column, c.span.endLine])).toEqual([[1, 1, 1], [2, 14, 2], [3, 16, 3], [5, 1, 6]]);
    for (const c of r.file.comments) {
      expectSpanConsistent(text, c.span);
      expect(slice(text, c.span)).toBe(c.text);
    }
  });

  it("the example model's comments are all collected", () => {
    const text = readFileSync(join(here, "..", "models", "cieloweb.flow"), "utf8");
    const r = parse(text);
    expect(r.file.comments.length).toBe(text.split("\n").filter((l) => l.trim().startsWith("//")).length);
  });
});

describe("keywords as names", () => {
  it("every keyword can name a declaration", () => {
    const words = keywordWords.filter((w) => w !== "self");
    for (const w of words) {
      const decls = parseOk(`data ${w} { kind contact }\nsystem ${w} { kind server }\npurpose ${w} { data ${w} }\nflow ${w} -> ${w} { data ${w} for ${w} }`);
      expect(decls.map((d) => d.name?.text ?? `${d.from?.text}->${d.to?.text}`), w).toEqual([w, w, w, `${w}->${w}`]);
    }
  });

  it("`purpose security` and `data data` are valid and resolve", () => {
    const text = `organization acme { role controller  country NL  contact "x" }
subject for
data data { kind contact }
purpose security {
  basis legitimate_interests
  lia "LIA-2026-01"
  subjects for
  data data
  retention 30 days
}
system flow { kind server  operator self  located NL  stores data for security  security "TLS" }
system browser { kind browser }
flow browser -> flow { data data  for security }`;
    const r = checkSource("t.flow", text);
    expect(r.diagnostics).toEqual([]);
    expect(r.model.purposes.map((p) => [p.id, p.data.map((d) => d.id), p.subjects.map((s) => s.id)])).toEqual([["security", ["data"], ["for"]]]);
    expect(r.model.flows.map((f) => f.id)).toEqual(["browser->flow"]);
  });

  it("keywords can be values in name lists", () => {
    const [p] = parseOk("purpose p { data model, flow, until, as }");
    expect(prop(p!, "data")).toMatchObject({ names: [{ text: "model" }, { text: "flow" }, { text: "until" }, { text: "as" }] });
  });

  it("a keyword prefix of an identifier is an identifier", () => {
    const [d] = parseOk("data datapoint { kind contact }\nsystem flows { kind server }");
    expect(d!.name!.text).toBe("datapoint");
  });
});

describe("syntax errors", () => {
  it("recovery reports several errors in one run, with positions and `expected ...`", () => {
    const text = [
      "data email { kind contact }", // 1
      "system db {", // 2
      "  kind database", // 3
      "  lcoated NL", // 4
      "}", // 5
      "flow db email { data email }", // 6
      'purpose p { basis "consent" }', // 7
      "data phone { kind contact }", // 8
    ].join("\n");
    const r = parse(text);
    const errors = r.diagnostics.filter((d) => d.code === "syntax-error");
    expect(errors.map((d) => [at(d), d.message])).toEqual([
      ["4:3-4:10", "expected a property keyword or '}', found `lcoated` (did you mean `located`?)"],
      ["6:9-6:14", "expected '->', found `email`"],
      ["7:19-7:28", "expected a name, found a string"],
    ]);
    for (const d of errors) {
      expect(d.severity).toBe("error");
      expectSpanConsistent(text, d.span);
    }
    expect(errors[0]!.help).toContain("starts with a property keyword");
    expect(errors[2]!.help).toContain("names are bare words");
    // Recovery keeps the declarations around the errors.
    expect(r.file.declarations.map((d) => d.name?.text ?? d.kind)).toContain("phone");
    expect(r.file.declarations.map((d) => d.name?.text ?? d.kind)).toContain("email");
  });

  it("a missing closing brace is reported at the end of the file", () => {
    const text = 'data email "E-mail" { kind contact';
    const r = parse(text);
    expect(r.diagnostics.map((d) => [at(d), d.message, d.help])).toEqual([
      ["1:35-1:35", "expected '}' to close `data email` (line 1), found the end of the file", "check that every `{` has a matching `}`"],
    ]);
    expect(r.diagnostics[0]!.span.start).toBe(text.length);
    expect(r.diagnostics[0]!.related.map((x) => [x.message, at(x)])).toEqual([["`data email` opens here", "1:21-1:22"]]);
  });

  it("properties a left-open block takes from the next declaration are not reported as misplaced", () => {
    const text = ['organization acme "Acme" { role controller country NL contact "a@b"', "", 'data email "E" { kind contact }', "", "system s { kind server  basis contract }"].join("\n");
    const r = checkSource("t.flow", text);
    // `data` and `kind` land in the organization because of the missing `}`: only that is reported;
    // a misplaced property in a declaration with no syntax error still is.
    expect(r.diagnostics.map((d) => [d.code, at(d)])).toEqual([
      ["syntax-error", "3:16-3:17"],
      ["invalid-property", "5:25-5:30"],
    ]);
  });

  it("a block left open in the middle names the declaration and points at its `{`", () => {
    const text = ['data email "E" { kind contact', "", "flow web -> db {", "  data email", "}"].join("\n");
    const r = parse(text);
    expect(r.diagnostics.map((d) => [at(d), d.message])).toEqual([["3:1-3:5", "expected '}' to close `data email` (line 1), found the keyword `flow`"]]);
    expect(r.diagnostics[0]!.related.map((x) => at(x))).toEqual(["1:16-1:17"]);
    // Braces closed before the error do not count: the open block is the innermost one left open.
    const nested = parse('system a { kind server }\nsystem b { kind server\nflow a -> b { data x }');
    expect(nested.diagnostics[0]!.message).toContain("to close `system b` (line 2)");
  });

  it("a block left open at the end of the file keeps every declaration before it", () => {
    // The common case while typing: a new flow at the end, not yet closed. The declarations above it
    // must still be checked, and no spurious `missing-organization` may appear.
    const text = [
      'organization acme "Acme" { role controler country NL }',
      'data email "E-mail" { kind contact }',
      'purpose p { basis contrct data email }',
      "flow a -> b { data email",
    ].join("\n");
    const parsed = parse(text);
    expect(parsed.file.declarations.map((d) => `${d.kind} ${d.name?.text}`)).toEqual(["organization acme", "data email", "purpose p"]);
    const r = checkSource("t.flow", text);
    expect(r.diagnostics.map((d) => [d.code, at(d)])).toEqual([
      ["invalid-value", "1:33-1:42"],
      ["invalid-basis", "3:19-3:26"],
      ["syntax-error", "4:25-4:25"],
    ]);
  });

  it("a missing value is reported at the token found instead", () => {
    const r = parse("purpose p {\n  retention\n}");
    expect(r.diagnostics.map((d) => [at(d), d.message])).toEqual([["3:1-3:2", "expected one of a number, 'until', a name, found `}`"]]);
  });

  it("stray input at the top level is a syntax error at that token", () => {
    const r = parse("data x { kind contact }\n}\n");
    expect(r.diagnostics.map((d) => [d.code, at(d)])).toEqual([["syntax-error", "2:1-2:2"]]);
    const typo = parse("sytem s { kind server }");
    expect(typo.diagnostics.map((d) => [d.code, at(d)])).toEqual([["syntax-error", "1:1-1:6"]]);
  });

  it("syntax errors stop the rules but keep model findings", () => {
    // A `model` header makes the file a model (without one it would be a library, which needs no organization).
    const r = checkSource("t.flow", "model \"T\"\ndata x { kind contact }\n@");
    expect(r.complete).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["missing-organization", "syntax-error"]);
  });

  it("recovered (inserted) tokens never produce NaN or out-of-range spans", () => {
    const texts = [
      "flow",
      "flow a",
      "flow a ->",
      "flow a -> {",
      "system {",
      "system s { stores }",
      "system s { located NL, }",
      "system s { operator }",
      'system s { operator "X" as }',
      'system s { operator "X" as processor of }',
      "flow a -> b { mechanism }",
      "purpose p { retention until }",
      "purpose p { retention until x + }",
      "purpose p { retention 3 }",
      "purpose p { basis consent, }",
      "data x { kind }",
      'organization o { contact }',
      'organization o { contact "a", }',
      "{ } { }",
      "-> , + }",
      "data\n\n\n",
    ];
    for (const text of texts) {
      const r = checkSource("t.flow", text);
      expect(r.diagnostics.some((d) => d.code === "syntax-error"), text).toBe(true);
      for (const d of r.diagnostics) {
        for (const s of [d.span, ...d.related.map((x) => x.span)]) {
          for (const v of Object.values(s)) if (typeof v === "number") expect(Number.isFinite(v), `${text}: ${d.message}`).toBe(true);
          expectSpanConsistent(text, s);
        }
      }
      for (const d of r.ast.declarations) {
        expectSpanConsistent(text, d.span);
        for (const p of d.properties) expectSpanConsistent(text, p.span);
      }
    }
  });
});

describe("lexer errors", () => {
  it("an unterminated string is a syntax error at the quote", () => {
    const text = 'data x "abc\n{ kind contact }';
    const r = parse(text);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ code: "syntax-error", severity: "error", message: "unterminated string" });
    expect(at(d)).toBe("1:8-1:9");
    expect(d.help).toContain('close the string with `"`');
  });

  it("stray characters are reported one by one with spans", () => {
    const text = "data x { kind contact } @ # $\n  ; !";
    const r = parse(text);
    expect(r.diagnostics.map((d) => [d.message, at(d)])).toEqual([
      ['unexpected character "@"', "1:25-1:26"],
      ['unexpected character "#"', "1:27-1:28"],
      ['unexpected character "$"', "1:29-1:30"],
      ["unexpected `;`: a property is its keyword and its value, with no `;`", "2:3-2:4"],
      ['unexpected character "!"', "2:5-2:6"],
    ]);
    // The declaration before them is intact.
    expect(r.file.declarations.map((x) => x.name?.text)).toEqual(["x"]);
  });

  it("non-ASCII characters outside strings are stray, with UTF-16 offsets", () => {
    const text = 'subject s "😀"\nsubject é';
    const r = parse(text);
    const stray = r.diagnostics.find((d) => d.message.startsWith("unexpected character"))!;
    expect(at(stray)).toBe("2:9-2:10");
    expect(stray.span.start).toBe(text.indexOf("é"));
  });

  it("an unterminated block comment is a lexer error", () => {
    const r = parse("data x { kind contact }\n/* never closed");
    expect(r.diagnostics[0]).toMatchObject({ code: "syntax-error", message: 'unexpected character "/"' });
    expect(at(r.diagnostics[0]!)).toBe("2:1-2:2");
  });
});

describe("did you mean", () => {
  const org = 'organization acme { role controller  country NL  contact "x" }\n';
  const messages = (text: string, code: string) => checkSource("t.flow", org + text).diagnostics.filter((d) => d.code === code).map((d) => d.message);

  it.each([
    ["lcoated", "located"],
    ["retenton", "retention"],
    ["basys", "basis"],
    ["kindd", "kind"],
  ])("property keyword %s -> %s", (typo, word) => {
    const r = parse(`system s {\n  ${typo} x\n}`);
    expect(r.diagnostics[0]!.message).toContain(`(did you mean \`${word}\`?)`);
    expect(at(r.diagnostics[0]!)).toBe(`2:3-2:${3 + typo.length}`);
  });

  it("unknown names suggest the nearest declared name", () => {
    const base = "subject customer\ndata email { kind contact }\n";
    expect(messages(`${base}purpose p { subjects custmer  data emal }`, "unknown-name")).toEqual([
      "unknown data subject `custmer` (did you mean `customer`?)",
      "unknown data category `emal` (did you mean `email`?)",
    ]);
  });

  it("unknown names declared as another kind say what they are", () => {
    expect(messages("subject customer\npurpose p { data customer }", "unknown-name")).toEqual([
      "unknown data category `customer` (`customer` is a data subject)",
    ]);
  });

  it("unknown names with nothing close get no suggestion", () => {
    const r = checkSource("t.flow", `${org}data email { kind contact }\npurpose p { data zzzzzz }`);
    const d = r.diagnostics.find((x) => x.code === "unknown-name")!;
    expect(d.message).toBe("unknown data category `zzzzzz`");
    expect(d.help).toBe("declared: email");
  });

  it.each([
    ["UK", "(did you mean `GB`, United Kingdom?)"],
    ["Germany", "(did you mean `DE`, Germany?)"],
    ["germany", "(did you mean `DE`, Germany?)"],
    ["USA", "(did you mean `US`, United States?)"],
    ["us", "(did you mean `US`?)"],
    ["Switzerland", "(did you mean `CH`, Switzerland?)"],
    ["United_Kingdom", "(did you mean `GB`?)"],
    ["globl", "(did you mean `global`?)"],
  ])("country %s", (word, hint) => {
    expect(messages(`system s { located ${word} }`, "invalid-country")).toEqual([
      `\`${word}\` is not an ISO 3166-1 alpha-2 country code ${hint}`,
    ]);
  });

  it("the organization's country is checked the same way", () => {
    const r = checkSource("t.flow", 'organization acme { role controller  country UK  contact "x" }');
    expect(r.diagnostics.map((d) => [d.code, d.message])).toContainEqual(["invalid-country", "`UK` is not an ISO 3166-1 alpha-2 country code (did you mean `GB`, United Kingdom?)"]);
  });

  it.each([
    ["dys", "days"],
    ["mnths", "months"],
    ["yeers", "years"],
    ["wek", "week"],
  ])("unit %s -> %s", (unit, word) => {
    expect(messages(`purpose p { retention 3 ${unit} }`, "invalid-duration")).toEqual([
      `\`${unit}\` is not a unit of time (did you mean \`${word}\`?)`,
    ]);
  });

  it("retention words", () => {
    expect(messages("purpose p { retention sesion }", "invalid-duration")).toEqual(["`sesion` is not a retention (did you mean `session`?)"]);
    expect(messages("purpose p { retention until x + 3 dayss }", "invalid-duration")).toEqual(["`dayss` is not a unit of time (did you mean `days`?)"]);
  });

  it.each([
    ["consnet", "basis", "consent"],
    ["legitimate_interest", "basis", "legitimate_interests"],
    ["contrakt", "basis", "contract"],
    ["explicit_consnt", "condition", "explicit_consent"],
    ["healthcare", "condition", "health_care"],
  ])("basis %s -> %s", (word, key, suggestion) => {
    expect(messages(`purpose p { ${key} ${word} }`, "invalid-basis")).toEqual([
      `\`${word}\` is not a valid ${key} (did you mean \`${suggestion}\`?)`,
    ]);
  });

  it("other vocabularies", () => {
    expect(messages("system s { kind databse }", "invalid-value")).toEqual(["`databse` is not a valid kind (did you mean `database`?)"]);
    expect(messages('system s { operator "V" as procesor }', "invalid-value")).toEqual(["`procesor` is not a valid operator role (did you mean `processor`?)"]);
    expect(messages("system a { kind server }\nflow a -> a { mechanism sccs }", "invalid-value")).toEqual(["`sccs` is not a valid transfer mechanism (did you mean `scc`?)"]);
    expect(messages("system a { kind server }\nflow a -> a { mechanism scc c2x }", "invalid-value")).toEqual(["`c2x` is not a valid SCC module (did you mean `c2c`?)"]);
  });
});
