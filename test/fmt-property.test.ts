/** `flowmap fmt` property tests: comments inserted at random token boundaries (line and block
 *  comments, one line or several, `// flowmap-ignore` comments for findings the text really has)
 *  into random valid models and into the seed models and rule fixtures. Formatting must keep every
 *  comment (same texts, same order, between the same two tokens, trailing or on a line of its own
 *  as before), be idempotent, and change neither the model nor the findings.
 *
 *  FMT_FUZZ_RUNS=<n> runs each property n times (the defaults keep the file to a few seconds). */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSource } from "../src/cli/fmt-command.js";
import { checkSource } from "../src/check/index.js";
import type { Diagnostic } from "../src/diagnostics.js";
import { allRules } from "../src/check/registry.js";
import { lexFlow } from "../src/syntax/lex.js";
import { parseFlow } from "../src/syntax/parser.js";

const runs = (n: number) => Number(process.env.FMT_FUZZ_RUNS ?? n);

/** What formatting must keep: the model without positions, the findings without positions (code,
 *  severity, message, and the text under the span without blanks; those a suppression accepts
 *  with its reason), and each comment with where it stands (how many tokens precede it, whether
 *  it has its line to itself). */
function facts(text: string) {
  const r = checkSource("f.flow", text);
  const parsed = parseFlow("f.flow", text);
  const tokens = lexFlow(text).tokens;
  let t = 0;
  const comments = parsed.file.comments.map((c) => {
    while (t < tokens.length && tokens.starts[t]! < c.span.start) t++;
    const before = parsed.source.lineText(c.span.line).slice(0, c.span.column - 1).trim();
    return { text: c.text.split(/\r\n|\r|\n/).map((l) => l.trimEnd()).join("\n"), after: t, ownLine: before === "" };
  });
  const finding = (d: Diagnostic) => `${d.severity} ${d.code}: ${d.message.replace(/lines? \d+(-\d+)?/g, "line N")} @ ${text.slice(d.span.start, d.span.end).replace(/\s+/g, "")}`;
  const findings = r.diagnostics.map(finding).sort();
  // Findings a suppression accepts, with its reason (where the checker keeps them apart).
  const accepted = ((r as { accepted?: Array<Diagnostic & { suppressed?: { reason: string } }> }).accepted ?? []).map((d) => `${finding(d)} (${d.suppressed?.reason})`).sort();
  const model = JSON.parse(JSON.stringify(r.model, (key, value) => (key === "span" || key === "spans" ? undefined : value)));
  return { complete: r.complete, model, findings, accepted, comments };
}

/** Formats `text` and checks every promise fmt makes about it; returns the formatted text. */
function formatKeepsEverything(text: string): string {
  const once = formatSource("f.flow", text);
  if (once.formatted === undefined) throw new Error(`not valid: ${once.errors[0]?.message}\n${text}`);
  const twice = formatSource("f.flow", once.formatted);
  expect(twice.formatted, "idempotent").toBe(once.formatted);
  expect(facts(once.formatted)).toEqual(facts(text));
  return once.formatted;
}

// ---- random valid models ---------------------------------------------------------------------

/** A model that means something: declarations that refer to each other (and now and then to a
 *  name nobody declares), so the findings are real ones that suppressions can silence. Layout
 *  choices (one line or several, lists broken over lines, blank lines) come from `choices`. */
const modelText = fc
  .record({
    subjects: fc.integer({ min: 1, max: 3 }),
    data: fc.array(fc.constantFrom("contact", "identity", "health", "usage", "payment_card", "online_identifiers"), { minLength: 1, maxLength: 4 }),
    purposes: fc.array(
      fc.record({
        basis: fc.option(fc.constantFrom("contract", "consent", "legitimate_interests", "legal_obligation", "wishful")),
        data: fc.array(fc.nat(5), { maxLength: 3 }),
        subjects: fc.array(fc.nat(3), { maxLength: 2 }),
        retention: fc.option(fc.constantFrom("30 days", "13 months", "until account_deleted + 30 days", "indefinite", 'unspecified "as needed"', "session")),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    systems: fc.array(
      fc.record({
        kind: fc.constantFrom("server", "browser", "database", "saas", "email", "analytics"),
        operator: fc.constantFrom("", "operator self", 'operator "Vendor Inc." as processor', 'operator "Ads Co." as controller'),
        located: fc.array(fc.constantFrom("NL", "DE", "US", "IN", "CH"), { maxLength: 2 }),
        stores: fc.option(fc.tuple(fc.array(fc.nat(5), { minLength: 1, maxLength: 2 }), fc.array(fc.nat(3), { maxLength: 2 }), fc.option(fc.constantFrom("1 year", "indefinite")))),
        extra: fc.subarray(['security "tls"', 'contract "DPA"', "certified dpf"]),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    flows: fc.array(fc.record({ from: fc.nat(4), to: fc.nat(4), data: fc.array(fc.nat(5), { maxLength: 2 }), for: fc.array(fc.nat(3), { maxLength: 2 }), mechanism: fc.option(fc.constantFrom("adequacy", "dpf", "scc c2p", "none", 'derogation a "asked"')) }), { maxLength: 4 }),
    organization: fc.boolean(),
    choices: fc.array(fc.nat(), { minLength: 8, maxLength: 32 }),
  })
  .map((m) => {
    let k = 0;
    const pick = <T,>(options: T[]): T => options[m.choices[k++ % m.choices.length]! % options.length]!;
    const ref = (prefix: string, count: number) => (i: number) => (i < count ? `${prefix}${i}` : "ghost");
    const list = (names: string[]) => [...new Set(names)].join(pick([", ", ", ", ",\n    ", " ,"]));
    const decl = (head: string, props: string[]) => {
      const body = props.filter(Boolean);
      if (!body.length) return head + pick(["", "", " {}", " {\n}"]);
      const sep = pick(["\n  ", "\n  ", "  ", " "]);
      return `${head} {${pick([" ", "\n  "])}${body.join(sep)}${pick([" }", "\n}"])}`;
    };
    const data = ref("d", m.data.length);
    const purpose = ref("p", m.purposes.length);
    const subject = ref("s", m.subjects);
    const system = ref("x", m.systems.length);
    const out = [decl('model "Fuzz"', ["regime gdpr"])];
    if (m.organization) out.push(decl('organization o "O"', ["role controller", "country NL", 'contact "privacy@o.example"']));
    for (let i = 0; i < m.subjects; i++) out.push(decl(`subject s${i} "Subject ${i}"`, []));
    m.data.forEach((kind, i) => out.push(decl(`data d${i} "Data ${i}"`, [`kind ${kind}`])));
    m.purposes.forEach((p, i) =>
      out.push(decl(`purpose p${i} "Purpose ${i}"`, [
        p.basis ? `basis ${p.basis}` : "",
        p.subjects.length ? `subjects ${list(p.subjects.map(subject))}` : "",
        p.data.length ? `data ${list(p.data.map(data))}` : "",
        p.retention ? `retention ${p.retention}` : "",
      ])),
    );
    m.systems.forEach((s, i) => {
      const stores = s.stores ? `stores ${list(s.stores[0].map(data))}${s.stores[1].length ? ` for ${list(s.stores[1].map(purpose))}` : ""}${s.stores[2] ? ` retention ${s.stores[2]}` : ""}` : "";
      out.push(decl(`system x${i} "System ${i}"`, [`kind ${s.kind}`, s.operator, s.located.length ? `located ${list(s.located)}` : "", stores, ...s.extra]));
    });
    for (const f of m.flows) {
      out.push(decl(`flow ${system(f.from)} -> ${system(f.to)}`, [f.data.length ? `data ${list(f.data.map(data))}` : "", f.for.length ? `for ${list(f.for.map(purpose))}` : "", f.mechanism ? `mechanism ${f.mechanism}` : ""]));
    }
    return out.map((d) => d + pick(["\n", "\n", "\n\n", " "])).join("");
  });

// ---- comments at token boundaries ---------------------------------------------------------------

const ruleIds = allRules().map((r) => r.id);

interface Insertion {
  /** Which boundary: the start or the end of a token (or the start of the text). */
  at: number;
  end: boolean;
  kind: number;
  /** For suppressions: which finding (or rule) they name, and where they go (before the finding's
   *  token on a line of their own, or at the end of its line). */
  pick: number;
  before: string;
  after: string;
}

const insertion: fc.Arbitrary<Insertion> = fc.record({
  at: fc.nat(),
  end: fc.boolean(),
  kind: fc.nat(9),
  pick: fc.nat(),
  before: fc.constantFrom("", " ", "\n", "\n\n", "  \n"),
  after: fc.constantFrom("", " ", "\n", "\n\n"),
});

/** `base` with the insertions applied (each placed by its position in `base`). */
function withComments(base: string, insertions: Insertion[]): string {
  const tokens = lexFlow(base).tokens;
  const findings = checkSource("f.flow", base).diagnostics.filter((d) => d.code !== "syntax-error");
  /** `last`: stays after what else is inserted at its place (a line comment ends the line there). */
  const edits: Array<{ at: number; text: string; last?: boolean }> = [];
  insertions.forEach((ins, i) => {
    const n = tokens.length;
    let at = n === 0 ? 0 : ins.at % (n + 1) === n ? base.length : tokens.starts[ins.at % (n + 1)]! + (ins.end ? tokens.lengths[ins.at % (n + 1)]! : 0);
    const finding = findings.length ? findings[ins.pick % findings.length] : undefined;
    const rule = finding && ins.kind < 6 ? finding.code : ruleIds[ins.pick % ruleIds.length]!;
    let text: string;
    switch (ins.kind) {
      case 0: // a suppression on a line of its own, before the finding's token
      case 1:
        text = `// flowmap-ignore ${rule}: reason ${i}`;
        if (finding) at = finding.span.start;
        edits.push({ at, text: `\n${text}\n` });
        return;
      case 2: // a suppression at the end of the finding's line
      case 3: {
        const from = finding ? finding.span.start : at;
        const eol = base.slice(from).search(/[\r\n]|$/);
        edits.push({ at: from + eol, text: ` // flowmap-ignore ${rule}: reason ${i}${from + eol === base.length ? "\n" : ""}`, last: true });
        return;
      }
      case 4:
        text = `// flowmap-ignore ${rule}: reason ${i}`;
        break;
      case 5:
        text = `// flowmap-ignore ${rule}`;
        break;
      case 6:
        text = `// note ${i}`;
        break;
      case 7:
        text = `/* note ${i} */`;
        break;
      case 8:
        text = `/* note ${i}\n     over lines   \n*/`;
        break;
      default:
        text = i % 2 ? "//" : "/**/";
    }
    const after = text.startsWith("//") && !ins.after.includes("\n") ? "\n" : ins.after;
    edits.push({ at, text: ins.before + text + after });
  });
  edits.sort((a, b) => b.at - a.at || Number(!!b.last) - Number(!!a.last));
  let out = base;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}

const commented = (base: fc.Arbitrary<string>, max: number) =>
  fc.tuple(base, fc.array(insertion, { minLength: 1, maxLength: max })).map(([text, ins]) => withComments(text, ins));

const seeds = readdirSync("models").filter((f) => f.endsWith(".flow")).map((f) => readFileSync(`models/${f}`, "utf8"));
const fixtures = readdirSync("test/fixtures/rules")
  .filter((f) => f.endsWith(".flow"))
  .map((f) => readFileSync(`test/fixtures/rules/${f}`, "utf8"))
  .filter((t) => !/^\s*import\b/m.test(t) && parseFlow("f.flow", t).diagnostics.length === 0);

describe("fmt keeps comments, findings and the model, and is idempotent (property)", () => {
  it("the generator makes valid models with findings to suppress", () => {
    const samples = fc.sample(commented(modelText, 6), { numRuns: 50, seed: 19 });
    for (const s of samples) expect(parseFlow("f.flow", s).diagnostics).toEqual([]);
    // Samples where a suppression silences a finding (one reported once the suppressions are
    // turned into plain comments, which moves nothing).
    const key = (d: { code: string; span: { start: number } }) => `${d.code}@${d.span.start}`;
    const silenced = (s: string) => {
      const kept = new Set(checkSource("f.flow", s).diagnostics.map(key));
      return checkSource("f.flow", s.replace(/\/\/ flowmap-ignore/g, "// flowmap-xxxxxx")).diagnostics.some((d) => !kept.has(key(d)));
    };
    const used = samples.filter(silenced);
    expect(used.length).toBeGreaterThan(25);
  });

  it("random valid models with comments at random token boundaries", () => {
    fc.assert(fc.property(commented(modelText, 8), (text) => !!formatKeepsEverything(text)), { numRuns: runs(250) });
  });

  it("random valid models squashed onto few lines, with comments", () => {
    const squashed = modelText.map((t) => t.replace(/\n(?!\n)/g, " "));
    fc.assert(fc.property(commented(squashed, 8), (text) => !!formatKeepsEverything(text)), { numRuns: runs(150) });
  });

  it("random valid models with CRLF or CR line breaks and tabs, with comments", () => {
    const spaced = fc.tuple(modelText, fc.constantFrom("\r\n", "\r"), fc.boolean()).map(([t, nl, tabs]) => t.replace(/\n/g, nl).replace(/ {2}/g, tabs ? "\t" : "  "));
    fc.assert(fc.property(commented(spaced, 6), (text) => !!formatKeepsEverything(text)), { numRuns: runs(80) });
  });

  it("the seed models with comments injected", () => {
    fc.assert(fc.property(commented(fc.constantFrom(...seeds), 12), (text) => !!formatKeepsEverything(text)), { numRuns: runs(40) });
  });

  it("the rule fixtures with comments injected", () => {
    expect(fixtures.length).toBeGreaterThan(40);
    fc.assert(fc.property(commented(fc.constantFrom(...fixtures), 8), (text) => !!formatKeepsEverything(text)), { numRuns: runs(120) });
  });
});
