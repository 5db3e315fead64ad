import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { formatSource } from "../src/cli/fmt-command.js";
import { checkSource } from "../src/check/index.js";
import { parseFlow } from "../src/syntax/parser.js";

/** The model without positions: what fmt must never change. */
function meaning(path: string, text: string): unknown {
  const { model } = checkSource(path, text);
  return JSON.parse(JSON.stringify(model, (key, value) => (key === "span" || key === "spans" ? undefined : value)));
}

/** The findings without positions (the text under each span, without blanks, stands in for
 *  its place): fmt must not change them either (suppressions cover lines). */
function findings(path: string, text: string): string[] {
  return checkSource(path, text)
    .diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message.replace(/lines? \d+(-\d+)?/g, "line N")} @ ${text.slice(d.span.start, d.span.end).replace(/\s+/g, "")}`)
    .sort();
}

/** Formats `text`, checks that fmt kept the model, the findings and every comment and that
 *  formatting again changes nothing; returns the formatted text. */
function formatKeeping(text: string): string {
  const { formatted } = formatSource("k.flow", text);
  expect(formatted).toBeDefined();
  expect(comments(formatted!)).toEqual(comments(text));
  expect(meaning("k.flow", formatted!)).toEqual(meaning("k.flow", text));
  expect(findings("k.flow", formatted!)).toEqual(findings("k.flow", text));
  expect(formatSource("k.flow", formatted!).formatted).toBe(formatted);
  return formatted!;
}

/** Every comment's text, in order: fmt keeps them all. */
function comments(text: string): string[] {
  return (parseFlow("c.flow", text).file.comments ?? []).map((c) => c.text.trim());
}

const seeds = readdirSync("models").filter((f) => f.endsWith(".flow")).map((f) => `models/${f}`);

describe("flowmap fmt", () => {
  it.each(seeds)("%s is formatted, and formatting keeps its model and comments", (path) => {
    const text = readFileSync(path, "utf8");
    const { formatted } = formatSource(path, text);
    expect(formatted).toBeDefined();
    expect(formatted).toBe(text);
  });

  it("lays out a messy file canonically, keeping every comment", () => {
    const messy = [
      "// header comment",
      "organization   o \"Org\"{role controller country NL   contact \"a@b\"}",
      "data email \"E-mail\"{",
      "  kind contact // trailing",
      "}",
      "",
      "",
      "",
      "purpose p { basis contract data email",
      "  /* block */ retention 30 days \"thirty\" }",
      "// end",
      "",
    ].join("\n");
    const { formatted } = formatSource("m.flow", messy);
    expect(formatted).toBe(
      [
        "// header comment",
        'organization o "Org" {',
        "  role controller",
        "  country NL",
        '  contact "a@b"',
        "}",
        'data email "E-mail" {',
        "  kind contact // trailing",
        "}",
        "",
        "purpose p {",
        "  basis contract",
        "  data email",
        "  /* block */",
        '  retention 30 days "thirty"',
        "}",
        "// end",
        "",
      ].join("\n"),
    );
    expect(meaning("m.flow", formatted!)).toEqual(meaning("m.flow", messy));
  });

  it("refuses files with syntax errors", () => {
    const { formatted, errors } = formatSource("bad.flow", "purpose p { basis }");
    expect(formatted).toBeUndefined();
    expect(errors[0]?.code).toBe("syntax-error");
  });

  it("is idempotent and never changes the model (property)", () => {
    const base = readFileSync("models/cieloweb.flow", "utf8").split("\n");
    const whitespace = fc.constantFrom(" ", "  ", "\t", "\n", "\n\n", " \n ");
    // Re-space a valid file: split each line's tokens apart with random whitespace and drop lines.
    const variant = fc.tuple(fc.array(whitespace, { minLength: 50, maxLength: 50 }), fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }));
    fc.assert(
      fc.property(variant, ([spaces, keep]) => {
        let i = 0;
        const text = base
          .filter((line, n) => keep[n] || !line.trim().startsWith("//"))
          .map((line) => (line.trim().startsWith("//") ? line : line.replace(/ +/g, () => spaces[i++ % spaces.length]!.replace(/\n/g, " "))))
          .join(spaces[0]!.includes("\n") ? "\n\n" : "\n");
        const once = formatSource("v.flow", text);
        if (once.formatted === undefined) return true; // re-spacing inside a string can break it; not fmt's concern
        const twice = formatSource("v.flow", once.formatted);
        expect(twice.formatted).toBe(once.formatted);
        expect(meaning("v.flow", once.formatted)).toEqual(meaning("v.flow", text));
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it("keeps what a suppression covers on its line, so formatting never changes the findings", () => {
    const text = [
      'organization o "O" { role controller country NL contact "x" }',
      'subject s "S"',
      'data d "D" { kind contact }',
      'data e "E" { kind contact }',
      'purpose p "P" { data d, e subjects s retention 1 year } // flowmap-ignore purpose-without-basis: trailing',
      "// flowmap-ignore purpose-without-basis: leading",
      'purpose q "Q" { data d, // in the list',
      "  e subjects s retention 1 year }",
      'system x "X" { kind server operator "Vendor" as processor located NL stores d, e for p, q security "tls" } // flowmap-ignore processor-without-contract: DPA pending',
      'system y "Y" { kind server operator self located NL }',
      "// flowmap-ignore flow-without-purpose: both flows",
      "flow x -> y { data d } flow y -> x { data e }",
      "",
    ].join("\n");
    const { formatted } = formatSource("s.flow", text);
    expect(formatted).toBeDefined();
    expect(findings("s.flow", formatted!)).toEqual(findings("s.flow", text));
    expect(findings("s.flow", text).some((f) => f.includes("unused-suppression"))).toBe(false);
    expect(comments(formatted!)).toEqual(comments(text));
    // The comment stays after `d,`, where it was: the list goes on on the next line.
    expect(formatted).toContain('purpose q "Q" { data d, // in the list\n    e\n  subjects s\n');
    expect(formatSource("s.flow", formatted!).formatted).toBe(formatted);
  });

  it("keeps findings, comments and suppressions through formatting (property)", () => {
    const path = "models/banzaicloud.flow";
    const base = readFileSync(path, "utf8").split("\n");
    const plain = (l: string) => !l.includes("//") && !l.includes("/*") && !l.includes("*/");
    // Squash runs of lines into one (declarations on one line, several on a line), then suppress
    // random findings of the result with a comment before their line or trailing it.
    const edit = fc.record({
      runs: fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 1, max: 12 })), { maxLength: 12 }),
      picks: fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(edit, ({ runs, picks }) => {
        const join = new Set<number>();
        for (const [start, n] of runs) for (let i = start; i < Math.min(base.length - 1, start + n); i++) join.add(i);
        const squashed = base.map((l, i) => (join.has(i) && plain(l) ? `${l} ` : `${l}\n`)).join("").split("\n");
        const diagnostics = checkSource("p.flow", squashed.join("\n")).diagnostics;
        const out = [...squashed];
        for (const [n, trailing] of picks) {
          const d = diagnostics[n % diagnostics.length]!;
          const i = d.span.line - 1;
          const comment = `// flowmap-ignore ${d.code}: accepted`;
          if (trailing && plain(out[i]!)) out[i] = `${out[i]} ${comment}`;
          else if (!trailing) out[i] = `${comment}\n${out[i]}`;
        }
        const text = out.join("\n");
        const once = formatSource("p.flow", text);
        if (once.formatted === undefined) return true;
        expect(findings("p.flow", once.formatted)).toEqual(findings("p.flow", text));
        expect(comments(once.formatted)).toEqual(comments(text));
        expect(formatSource("p.flow", once.formatted).formatted).toBe(once.formatted);
        return true;
      }),
      { numRuns: 40 },
    );
  });
  // Issue 19, item 3: what an audit of fmt found, one test a reproducer.

  it("keeps a comment between a declaration's keyword and its name, in a declaration without a body", () => {
    expect(formatKeeping('subject\n// note\nuser "Users"\n')).toBe('subject\n    // note\n    user "Users"\n');
    // A suppression there still covers the line of the name, where the finding is.
    const org = 'model "M" { regime gdpr }\norganization o "O" { role controller country NL contact "x" }\n';
    const suppressed = `${org}subject\n// flowmap-ignore unused-subject: not modelled yet\nuser "Users"\n`;
    expect(findings("k.flow", suppressed).filter((f) => f.includes("unused-"))).toEqual([]);
    formatKeeping(suppressed);
  });

  it("keeps comments anywhere among a declaration's header tokens, each where it was", () => {
    const text = 'flow /* a */ web // b\n  -> /* c */ api // d\n  "Calls" /* e */ { data email }\nsystem /* f */ x\n  /* g */ "X" // h\n{ kind server }\n';
    expect(formatKeeping(text)).toBe(
      [
        "flow /* a */ web // b",
        '    -> /* c */ api // d',
        '    "Calls" /* e */ {',
        "  data email",
        "}",
        "system /* f */ x",
        '    /* g */',
        '    "X" // h',
        "    {",
        "  kind server",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("keeps two comments inside one property apart, so a suppression among them still works", () => {
    const text = [
      'model "M" { regime gdpr }',
      'organization o "O" { role controller country NL contact "x" }',
      'subject s "S"',
      'data a "A" { kind contact }',
      'data c "C" { kind contact }',
      'purpose p "P" {',
      "  basis contract",
      "  subjects s",
      "  data a, // first",
      "    ghost, // flowmap-ignore unknown-name: declared in the vendor's model",
      "    c",
      "}",
      "",
    ].join("\n");
    // The suppression silences the unknown name on its line.
    expect(findings("k.flow", text).some((f) => f.includes("unknown-name") || f.includes("unused-suppression"))).toBe(false);
    const formatted = formatKeeping(text);
    expect(formatted).toContain("  data a, // first\n    ghost, // flowmap-ignore unknown-name: declared in the vendor's model\n    c\n}");
    // A block comment inside a list stays in it, on the same line.
    expect(formatKeeping('data a "A" { kind contact }\npurpose p { data a, /* x */ a }\n')).toBe('data a "A" { kind contact }\npurpose p {\n  data a, /* x */ a\n}\n');
  });

  it("never lets code follow a line comment, nor joins what a suppression covers with the next line", () => {
    const org = 'organization o "O" {\n  role controller\n  country NL\n  contact "x"\n}\n';
    const text = `${org}data e "E" { kind // the kind:\n contact }\n// flowmap-ignore unused-system: ours\nsystem x "X" {\n  kind server }\n`;
    expect(findings("k.flow", text).filter((f) => f.includes("unused-s"))).toEqual([]);
    expect(formatKeeping(text)).toBe(`${org}data e "E" {\n  kind // the kind:\n    contact\n}\n// flowmap-ignore unused-system: ours\nsystem x "X" {\n  kind server\n}\n`);
  });

  it("keeps a declaration a suppression covers whole the first to start on the line it applies to", () => {
    const org = 'model "M" { regime gdpr }\norganization o "O" { role controller country NL contact "x" }\n';
    const text = `${org}data a "A" {\n  kind contact\n// flowmap-ignore unused-data: collected next release\n} data b "B" {\n  kind contact\n}\ndata c "C" { kind contact }\n`;
    expect(findings("k.flow", text).filter((f) => f.includes("unused-"))).toEqual([
      "warning unused-data: data category `a` is never used @ a",
      "warning unused-data: data category `c` is never used @ c",
    ]);
    expect(formatKeeping(text)).toBe(`${org.replace(/\{ role controller country NL contact "x" \}/, '{\n  role controller\n  country NL\n  contact "x"\n}')}data a "A" {\n  kind contact\n  // flowmap-ignore unused-data: collected next release\n} data b "B" {\n  kind contact\n}\ndata c "C" { kind contact }\n`);
  });

  it("prints a claim's `except` clause: the exceptions, the line's quote last, an out-of-place quote and comments kept", () => {
    const head = 'model "M" { regime gdpr }\norganization o "O" {\n  role controller\n  country NL\n  contact "x"\n';
    const text = `${head}  claim not_shared   except consent,\n     reservation "unless you agree"\n  claim not_sold "x"   except /* c */ consent "y"\n  claim no_tracking except\n}\n`;
    expect(formatKeeping(text)).toBe(`${head}  claim not_shared except consent, reservation "unless you agree"\n  claim not_sold "x" except /* c */ consent "y"\n  claim no_tracking except\n}\n`);
    // Each value's own words (`basis`), then an `except` the model builder rejects there: nothing lost.
    expect(formatKeeping('purpose p {\n  basis contract "a", consent "b"   except legal_obligation "c"\n}\n')).toBe('purpose p { basis contract "a", consent "b" except legal_obligation "c" }\n');
  });

  it("prints `import \"path\"`, comments around it kept", () => {
    expect(formatKeeping('import   "vendors.flow" // the vendors\n/* next */ import "b.flow"\n')).toBe('import "vendors.flow" // the vendors\n/* next */\nimport "b.flow"\n');
  });
});

describe("numbers are printed as written", () => {
  it("a retention of 10^21 days or more reads back after fmt (it printed as 1e+21)", async () => {
    const { formatSource } = await import("../src/cli/fmt-command.js");
    const text = "purpose p { retention 1000000000000000000000 days }\n";
    const out = formatSource("n.flow", text).formatted!;
    expect(out).toContain("retention 1000000000000000000000 days");
    expect(formatSource("n.flow", out).errors).toEqual([]);
  });
});
