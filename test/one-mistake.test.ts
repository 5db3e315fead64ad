/** One mistake, one error: a single typo of each kind in a clean model gives exactly one finding,
 *  an error, at the typo; rules that would read the mistyped value stay quiet. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { theOneError } from "./one-error.js";
import { checkSource } from "../src/check/index.js";

const base = readFileSync(join(import.meta.dirname, "fixtures/clean-base.flow"), "utf8");

/** [what, the text to replace (first occurrence), its replacement, the error's code] */
const typos: Array<[string, string, string, string]> = [
  ["a country in lower case", "located US", "located us", "invalid-country"],
  ["a country name", "located NL", "located Netherlands", "invalid-country"],
  ["the organization's country", "country NL", "country Holland", "invalid-country"],
  ["a system kind", "kind browser", "kind browsr", "invalid-value"],
  ["a data kind", "kind contact", "kind contakt", "invalid-value"],
  ["a basis", "basis contract", "basis contrakt", "invalid-basis"],
  ["a mechanism", "mechanism scc c2p", "mechanism sc c2p", "invalid-value"],
  ["an SCC module", "mechanism scc c2p", "mechanism scc c2x", "invalid-value"],
  ["an operator role", "as processor", "as procesor", "invalid-value"],
  ["operator self", "operator self", "operator selff", "invalid-value"],
  ["a retention unit", "retention 1 years", "retention 1 yers", "invalid-duration"],
  ["a subject reference", "subjects customer", "subjects custmer", "unknown-name"],
  ["a data reference", "  data email\n  retention", "  data emial\n  retention", "unknown-name"],
  ["a purpose reference", "stores email for orders", "stores email for ordrs", "unknown-name"],
  ["a flow end", "flow app -> mailer", "flow app -> mailr", "unknown-name"],
  ["a property keyword", "  located NL", "  lcoated NL", "syntax-error"],
  ["a declaration keyword", "system mailer", "sytem mailer", "syntax-error"],
  ["a missing comma", "flow browser -> app { data email  for orders }", "flow browser -> app { data email email  for orders }", "syntax-error"],
  ["an unterminated string", '"privacy@acme.example"', '"privacy@acme.example', "syntax-error"],
  ["a colon after a property keyword", "  basis contract", "  basis: contract", "syntax-error"],
  ["a semicolon after a value", "  role controller", "  role controller;", "syntax-error"],
  ["a right", "rights access,", "rights acess,", "invalid-value"],
  ["a targeting zone", "targets eea", "targets eu", "invalid-value"],
  ["a purpose's role", "  role controller\n  basis contract", "  role controler\n  basis contract", "invalid-value"],
  ["a claim", "claim not_sold", "claim not_sould", "invalid-value"],
  ["a subject kind", "kind customer", "kind custmer", "invalid-value"],
  ["a data source", "obtained subject", "obtained subjet", "invalid-value"],
  ["none after dpo", "dpo none", "dpo non", "invalid-value"],
  ["an age's unit", "minimum_age 16 years", "minimum_age 16 yers", "invalid-duration"],
];

describe("one mistake, one error", () => {
  it("the base model is clean", () => {
    expect(checkSource("base.flow", base).diagnostics).toEqual([]);
  });

  it.each(typos)("%s", (_what, from, to, code) => {
    expect(theOneError(base, from, to).code).toBe(code);
  });

  it("an assessment written with a word, not a quote, is one error (the LIA rule stays quiet)", () => {
    // (legitimate interests also owe the right to object: the rights line says it, so nothing else fires)
    const li = base.replace("  basis contract\n", "  basis legitimate_interests \"to run the shop\"\n  lia LIA1\n").replace("portability, complaint", "portability, objection, complaint");
    expect(li).not.toBe(base);
    const r = checkSource("t.flow", li);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["invalid-value"]);
    expect(r.diagnostics[0]!.message).toContain("`lia` takes quoted text or `none`");
  });

  it("a missing comma says so", () => {
    const r = checkSource("t.flow", base.replace("{ data email  for orders }", "{ data email email  for orders }"));
    expect(r.diagnostics[0]!.message).toBe("missing `,` between `email` and `email`");
  });
});
