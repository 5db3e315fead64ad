/** A claim's own exceptions: `claim not_shared except consent, reservation "..."`. What the parsers
 *  build, what the model builder reads (and the one error each mistake gives), which disclosures the
 *  exceptions cover in sharing-claim-contradicted and tracking-claim-contradicted, and that `flowmap
 *  diff` sees them change. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { theOneError } from "./one-error.js";
import { checkSource } from "../src/check/index.js";
import { parseFlow } from "../src/syntax/parser.js";
import { fastParse } from "../src/syntax/fast-parse.js";
import { chevrotainParse } from "../src/syntax/recovering-parser.js";
import { lexFlow } from "../src/syntax/lex.js";
import { SourceFile } from "../src/syntax/source.js";
import type { NamesProperty } from "../src/syntax/ast.js";
import type { Diagnostic } from "../src/diagnostics.js";
import { compareModels } from "../src/diff/compare.js";
import { contextAt } from "../src/lsp/context.js";
import { completions } from "../src/lsp/completion.js";

const line = (text: string) => parseFlow("a.flow", `organization o {\n  ${text}\n}\n`).file.declarations[0]!.properties[0] as NamesProperty;

describe("the syntax", () => {
  it("reads the exceptions after the values, and the line's quote after them", () => {
    const p = line('claim not_sold, not_shared except consent, reservation "unless you agree"');
    expect(p.names.map((n) => n.text)).toEqual(["not_sold", "not_shared"]);
    expect(p.except?.names.map((n) => n.text)).toEqual(["consent", "reservation"]);
    expect(p.except?.keyword.text).toBe("except");
    expect(p.note?.value).toBe("unless you agree");
    expect(p.except?.before).toBeUndefined();
  });

  it("keeps a quote written before `except` apart from the line's quote", () => {
    const p = line('claim not_shared "first" except consent "last"');
    expect(p.except?.before?.value).toBe("first");
    expect(p.note?.value).toBe("last");
  });

  it("takes no exception from the next line: a line ending at `except` names none", () => {
    const d = parseFlow("a.flow", "organization o {\n  claim not_shared except\n  country NL\n}\n");
    expect(d.diagnostics).toEqual([]);
    const [claim, country] = d.file.declarations[0]!.properties as NamesProperty[];
    expect(claim!.except?.names).toEqual([]);
    expect(country!.keyword.text).toBe("country");
  });

  it("the fast parser and the Chevrotain parser build the same tree for it", () => {
    for (const text of [
      'organization o { claim not_shared except consent, reservation "w" }',
      'organization o { claim not_shared "a" except consent "b" kind company }',
      'organization o { claim not_shared except\n kind company }',
      'organization o { claim not_shared except "w" }',
      'organization o { claim not_shared except consent,\n   contract }',
      'purpose p { basis contract "a", consent "b" except legal_obligation "c" }',
    ]) {
      const source = new SourceFile("p.flow", text);
      const fast = fastParse(source, lexFlow(text).tokens);
      const errors: Diagnostic[] = [];
      const slow = chevrotainParse(source, lexFlow(text).tokens, errors);
      expect(errors, text).toEqual([]);
      expect(fast, text).toBeDefined();
      expect(JSON.stringify(fast), text).toBe(JSON.stringify(slow));
    }
  });
});

const base = readFileSync(join(import.meta.dirname, "fixtures/clean-base.flow"), "utf8");

/** [what, the text to replace (first occurrence), its replacement, the error's code, words of its message] */
const mistakes: Array<[string, string, string, string, string]> = [
  ["`except` with nothing after it", 'claim not_sold "We never sell your data"', 'claim not_sold except "We never sell your data"', "invalid-value", "names no exception"],
  ["`except` at the end of its line", 'claim not_sold "We never sell your data"', "claim not_sold except", "invalid-value", "names no exception"],
  ["an exception that is neither a basis nor a purpose", 'claim not_sold "We', 'claim not_sold except consnt "We', "unknown-name", "did you mean `consent`"],
  ["a misspelt excepted purpose", 'claim not_sold "We', 'claim not_sold except ordrs "We', "unknown-name", "did you mean `orders`"],
  ["the quote before `except`", 'claim not_sold "We never sell your data"', 'claim not_sold "We never sell your data" except consent', "invalid-value", "at the end of the line"],
  ["`except` on a purpose's property", "  basis contract", "  basis contract except consent", "invalid-value", "`basis` takes no `except`"],
  ["`except` on a flow's property", "flow browser -> app { data email  for orders }", "flow browser -> app { data email  for orders except consent }", "invalid-value", "`for` takes no `except`"],
];

describe("one mistake, one error", () => {
  it("the base model, with a claim's exceptions, is clean", () => {
    const text = base.replace('claim not_sold "We', 'claim not_sold except consent, orders "We');
    expect(checkSource("t.flow", text).diagnostics).toEqual([]);
  });

  it.each(mistakes)("%s", (_what, from, to, code, words) => {
    const d = theOneError(base, from, to);
    expect(d.code).toBe(code);
    expect(d.message).toContain(words);
    expect(d.help).toBeTruthy();
  });

  it("`except` on a data category's claim is one error, and the claim still reads without it", () => {
    const to = "data email { kind contact  obtained subject  claim memory_only except consent }";
    const text = base.replace("data email { kind contact  obtained subject }", to);
    const r = checkSource("t.flow", text);
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "invalid-value", span: { line: text.slice(0, text.indexOf(to)).split("\n").length } });
    expect(errors[0]!.message).toContain("a claim on a data category takes none");
    // The claim is read: the app keeps the e-mail address for a year, which contradicts it.
    expect(r.diagnostics.filter((d) => d.severity !== "error").map((d) => d.code)).toEqual(["storage-claim-contradicted"]);
  });

  it("reads the exceptions into the model: bases, then purposes, for each claim of the line", () => {
    const { model } = checkSource("t.flow", base.replace('claim not_sold "We', 'claim not_sold, not_shared except orders, consent, consent "We'));
    for (const c of model.organization!.claims!) {
      expect(c.except).toMatchObject({ bases: ["consent"], purposes: ["orders"] });
      expect(c.except!.unread).toBeUndefined();
    }
    expect(model.organization!.claims!.map((c) => c.note)).toEqual(["We never sell your data", "We never sell your data"]);
  });
});

// ---- the rule ------------------------------------------------------------------------------

/** A shop that gives a controller data for purposes with the given bases (`-` for none). */
function shop(claim: string, purposes: Record<string, string>, opts: { recipient?: string; kind?: string; extra?: string } = {}): string {
  const ids = Object.keys(purposes);
  return [
    'model "M" { regime gdpr }',
    `organization acme "Acme" {\n  role controller\n  country NL\n  contact "p@acme.example"\n  ${claim}\n}`,
    'subject customer "Customers"',
    'data email "E-mail" { kind contact }',
    ...ids.map((id) => `purpose ${id} "P" {\n${purposes[id] === "-" ? "" : `  basis ${purposes[id]}\n`}  subjects customer\n  data email\n  retention 1 years\n}`),
    'system app "App" {\n  kind server\n  operator self\n  located NL\n}',
    `system partner "Partner" {\n  kind ${opts.kind ?? "saas"}\n  operator "${opts.recipient ?? "Partner B.V."}" as controller\n  located NL\n}`,
    `flow app -> partner {\n  data email\n  for ${ids.join(", ")}\n}`,
    opts.extra ?? "",
  ].join("\n");
}

const findings = (text: string, code: string) => checkSource("t.flow", text).diagnostics.filter((d) => d.code === code);
const sharing = (text: string) => findings(text, "sharing-claim-contradicted");

describe("sharing-claim-contradicted and a claim's exceptions", () => {
  it("a disclosure for a purpose resting on an excepted basis keeps the promise", () => {
    expect(sharing(shop('claim not_shared "never"', { plugins: "consent" }))).toHaveLength(1);
    expect(sharing(shop('claim not_shared except consent "never, unless you agree"', { plugins: "consent" }))).toEqual([]);
  });

  it("a purpose with no basis is not covered by a basis exception, and the finding says why (tado)", () => {
    const [d, ...more] = sharing(shop('claim not_shared except consent "unless you have expressly agreed"', { social_plugins: "-" }));
    expect(more).toEqual([]);
    expect(d!.message).toContain("its exception (`except consent`) does not cover it: purpose `social_plugins` names no basis, so the consent the claim excepts is not recorded");
    expect(d!.related.some((r) => r.message.includes("names no basis"))).toBe(true);
  });

  it("an excepted purpose is covered whatever its basis, none included (citizenM's reservation)", () => {
    expect(sharing(shop('claim not_shared except consent, reservation "only if necessary to fulfil our obligations"', { reservation: "-" }))).toEqual([]);
  });

  it("every purpose of the flow must be covered: the one that is not is named", () => {
    const [d] = sharing(shop('claim not_shared except consent "unless you agree"', { ads: "consent", profiling: "legitimate_interests" }));
    expect(d!.message).toContain("purpose `profiling` rests on legitimate_interests, which the claim does not except");
    const [both] = sharing(shop('claim not_shared except consent "unless you agree"', { mixed: "consent, legitimate_interests" }));
    expect(both!.message).toContain("purpose `mixed` rests on legitimate_interests");
  });

  it("an exception of purposes only covers those purposes", () => {
    const [d] = sharing(shop('claim not_shared except reservation "only for your booking"', { reservation: "contract", ads: "consent" }));
    expect(d!.message).toContain("purpose `ads` is not one the claim excepts (`reservation`)");
  });

  it("one mistake, one error: an exception that did not read leaves the claim unjudged", () => {
    for (const claim of ['claim not_shared except consnt "unless you agree"', 'claim not_shared except "unless you agree"']) {
      const r = checkSource("t.flow", shop(claim, { social_plugins: "-" }));
      expect(r.diagnostics.filter((d) => d.code === "sharing-claim-contradicted"), claim).toEqual([]);
      expect(r.diagnostics.filter((d) => d.severity === "error" && (d.code === "unknown-name" || d.code === "invalid-value")), claim).toHaveLength(1);
    }
  });

  it("a purpose whose basis did not read is not judged against a basis exception", () => {
    const r = checkSource("t.flow", shop('claim not_shared except consent "unless you agree"', { plugins: "consnt" }));
    expect(r.diagnostics.filter((d) => d.code === "sharing-claim-contradicted")).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === "invalid-basis")).toHaveLength(1);
  });

  it("keeps the implicit exceptions: an authority, a disclosure the law compels", () => {
    expect(sharing(shop('claim not_shared except consent "unless you agree"', { tax: "legal_obligation" }))).toEqual([]);
    expect(sharing(shop('claim not_shared except consent "unless you agree"', { fraud: "-" }, { kind: "authority", recipient: "Police" }))).toEqual([]);
  });

  it("each claim reads its own line's exceptions: `not_sold except consent` beside a bare `not_shared`", () => {
    const text = shop('claim not_sold except consent "never sold without your consent"\n  claim not_shared "never shared"', { audiences: "consent" }, { kind: "advertising", recipient: "AdNet" });
    const found = sharing(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("does not share personal data");
    // One line saying both, with one exception that does not cover the ads: one finding, for both.
    const [together, ...more] = sharing(shop('claim not_sold, not_shared except contract "never, unless needed for your contract"', { audiences: "consent" }, { kind: "advertising", recipient: "AdNet" }));
    expect(more).toEqual([]);
    expect(together!.message).toContain("does not sell or share personal data");
    expect(together!.message).toContain("purpose `audiences` rests on consent, which the claim does not except");
  });
});

describe("tracking-claim-contradicted reads the exceptions too", () => {
  const analytics = (claim: string, basis: string) => [
    'model "M" { regime gdpr }',
    `organization acme "Acme" {\n  role controller\n  country NL\n  contact "p@acme.example"\n  ${claim}\n}`,
    'subject visitor "Visitors"',
    'data visitor_id "Cookie ID" { kind online_identifiers }',
    `purpose stats "Statistics" {\n  basis ${basis}\n  consent opt_in "the cookie banner"\n  subjects visitor\n  data visitor_id\n  retention 1 years\n}`,
    'system browser "Browser" { kind browser }',
    'system analytics "Analytics" {\n  kind analytics\n  operator "StatCo" as processor\n  contract "DPA"\n  located NL\n}',
    "flow browser -> analytics {\n  data visitor_id\n  for stats\n}",
  ].join("\n");
  it("a flow for a purpose resting on an excepted basis keeps the promise; another basis still contradicts it", () => {
    expect(findings(analytics('claim no_tracking "we do not track you"', "consent"), "tracking-claim-contradicted")).toHaveLength(1);
    expect(findings(analytics('claim no_tracking except consent "we do not track you unless you agree"', "consent"), "tracking-claim-contradicted")).toEqual([]);
    const [d] = findings(analytics('claim no_tracking except consent "we do not track you unless you agree"', "legitimate_interests"), "tracking-claim-contradicted");
    expect(d!.message).toContain("its exception (`except consent`) does not cover it: purpose `stats` rests on legitimate_interests");
  });
});

describe("flowmap diff and the language server", () => {
  it("a claim's exceptions changing is a change of the organization", () => {
    const side = (claim: string) => {
      const r = checkSource("t.flow", base.replace('claim not_sold "We never sell your data"', claim));
      return { model: r.model, transfers: r.transfers };
    };
    const changes = compareModels(side('claim not_sold "We never sell your data"'), side('claim not_sold except consent "We never sell your data"'));
    const claim = changes.filter((c) => c.kind === "organization-changed" && c.field === "claim");
    expect(claim).toHaveLength(1);
    expect(claim[0]).toMatchObject({ before: "not_sold", after: "not_sold except consent" });
    // The words alone changing is not a change of what is promised.
    expect(compareModels(side('claim not_sold "We never sell your data"'), side('claim not_sold "We never sell data"')).filter((c) => c.field === "claim")).toEqual([]);
  });

  it("completes a claim's exceptions with the bases and the declared purposes", () => {
    const text = base.replace('claim not_sold "We', "claim not_sold except ");
    const offset = text.indexOf("except ") + "except ".length;
    const labels = completions(contextAt(text, offset), undefined, "t.flow").map((c) => c.label);
    expect(labels).toContain("consent");
    expect(labels).toContain("legitimate_interests");
  });
});
