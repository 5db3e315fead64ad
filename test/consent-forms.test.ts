/** Consent forms (`consent <form>[, parental] "..."`): who consents is not how (a guardian's explicit
 *  consent), the `conditional` form (Art. 7(4)), and one consent, one finding for the transfer
 *  consent rules (derogation-consent-not-explicit, consent-invalid on a flow); regularity
 *  (derogation-for-regular-transfer) stays per transfer. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { chevrotainParse } from "../src/syntax/parser.js";
import { fastParse } from "../src/syntax/fast-parse.js";
import { lexFlow } from "../src/syntax/lex.js";
import { SourceFile } from "../src/syntax/source.js";
import { allRules } from "../src/check/registry.js";
import { formatSarif } from "../src/format/sarif.js";
import type { Diagnostic } from "../src/diagnostics.js";

const head = `model "M" {
  regime gdpr
  updated "2024-01-01"
}
organization acme "Acme" {
  role controller
  country FI
  contact "privacy@acme.example"
}
subject users "Users"
subject kids "Children" { kind child }
data email "E-mail address" { kind contact }
data heart "Heart rate" { kind health }
system app "App" { kind mobile_app }
system cloud "Servers" {
  kind server
  operator self
  located FI
}
flow app -> cloud "Sync" {
  data email, heart
  for accounts, kids_accounts
}
`;

/** A purpose for the children's accounts, with its consent line. */
const kidsPurpose = (consent: string, extra = "condition explicit_consent") => `purpose accounts "Accounts" {
  basis contract
  subjects users
  data email
  retention until account_deleted
}
purpose kids_accounts "Children's accounts" {
  basis consent
  ${extra}
  ${consent}
  subjects kids
  data email, heart
  retention until account_deleted
}
`;

const check = (text: string) => checkSource("consent.flow", text);
const codesOf = (ds: Diagnostic[]) => ds.map((d) => d.code);
const of = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe("who consents is not the form of consent", () => {
  it("both parsers read `consent explicit, parental` alike, in either order", () => {
    for (const line of ['consent explicit, parental "a guardian ticks the box"', "consent parental, explicit", "consent conditional, parental"]) {
      const text = `purpose p "P" {\n  basis consent\n  ${line}\n}\n`;
      const source = new SourceFile("p.flow", text);
      const errors: Diagnostic[] = [];
      const slow = chevrotainParse(source, lexFlow(text).tokens, errors);
      expect(errors).toEqual([]);
      expect(JSON.stringify(fastParse(source, lexFlow(text).tokens))).toBe(JSON.stringify(slow));
    }
  });

  it("the model keeps the form and says a guardian gives it; `parental` alone keeps its meaning", () => {
    const purpose = (line: string) => check(head + kidsPurpose(line)).model.purposes.find((p) => p.id === "kids_accounts")!;
    expect(purpose('consent explicit, parental "with a guardian\'s permission"').consent).toMatchObject({ form: "explicit", parental: true, note: "with a guardian's permission" });
    expect(purpose("consent parental, explicit").consent).toMatchObject({ form: "explicit", parental: true });
    expect(purpose("consent parental").consent).toMatchObject({ form: "parental", parental: true });
    expect(purpose("consent explicit").consent?.parental).toBeUndefined();
  });

  it("two forms, or `parental` twice, is one error on the second word; a misspelt form reads nothing", () => {
    const two = check(head + kidsPurpose("consent explicit, opt_in, parental"));
    expect(of(two.diagnostics, "invalid-value").map((d) => d.message)).toEqual(["`consent` takes one form (and `parental`, when a guardian gives it)"]);
    expect(of(check(head + kidsPurpose("consent parental, explicit, parental")).diagnostics, "invalid-value").map((d) => d.message)).toEqual(["`parental` is written twice"]);
    const typo = check(head + kidsPurpose("consent explict, parental"));
    expect(of(typo.diagnostics, "invalid-value")).toHaveLength(1);
    expect(typo.model.purposes.find((p) => p.id === "kids_accounts")!.consent).toBeUndefined();
    // The unread consent is its own error: consent-invalid does not second-guess it.
    expect(codesOf(typo.diagnostics)).not.toContain("consent-invalid");
  });

  it("a guardian's explicit consent meets Art. 9(2)(a); a guardian's consent of no stated form does not", () => {
    expect(codesOf(check(head + kidsPurpose('consent explicit, parental "a guardian gives permission"')).diagnostics)).not.toContain("consent-invalid");
    const alone = of(check(head + kidsPurpose('consent parental "a guardian gives permission"')).diagnostics, "consent-invalid");
    expect(alone).toHaveLength(1);
    expect(alone[0]!.message).toContain("obtained from the holder of parental responsibility");
    expect(alone[0]!.help).toContain("`consent explicit, parental`");
  });

  it("a guardian's consent in any form is the parental consent Art. 8(1) asks for", () => {
    const below = (line: string) => head.replace('contact "privacy@acme.example"', 'contact "privacy@acme.example"\n  minimum_age 10 years') + kidsPurpose(line, "");
    expect(codesOf(check(below("consent opt_in")).diagnostics)).toContain("child-consent-below-age");
    expect(codesOf(check(below("consent parental")).diagnostics)).not.toContain("child-consent-below-age");
    expect(codesOf(check(below("consent opt_in, parental")).diagnostics)).not.toContain("child-consent-below-age");
  });

  it("an invalid form stays invalid whoever gives it, and says who", () => {
    const found = of(check(head + kidsPurpose('consent by_use, parental "by using the app"', "")).diagnostics, "consent-invalid");
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("obtained by use of the service, from the holder of parental responsibility")]);
  });
});

describe("`conditional`: consent asked separately but made a condition of the service", () => {
  it("is not valid consent on a purpose, for Art. 7(4)", () => {
    const text = head + kidsPurpose('consent conditional "without these consents we cannot offer you the service"', "");
    const found = of(check(text).diagnostics, "consent-invalid");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("obtained as a condition of the service");
    expect(found[0]!.message).toContain("(Art. 7(4), Recital 43)");
  });

  it("on a transfer it is consent-invalid's finding, not derogation-consent-not-explicit's, and the transfer is not covered", () => {
    const r = check(head + kidsPurpose("consent explicit") + abroad([{ to: "mailer", consent: 'conditional "without it we cannot offer you the service"', occasional: true }]));
    expect(of(r.diagnostics, "consent-invalid").map((d) => d.message)).toEqual([expect.stringContaining("the transfer from `cloud` to `mailer` rests on Art. 49(1)(a) consent obtained as a condition of the service")]);
    expect(codesOf(r.diagnostics)).not.toContain("derogation-consent-not-explicit");
    expect(r.transfers.find((t) => t.to === "mailer")!.verdict).toBe("not-covered");
  });

  it("an explicit transfer consent is covered and reported by neither rule", () => {
    const r = check(head + kidsPurpose("consent explicit") + abroad([{ to: "mailer", consent: 'explicit "we ask you, naming the risks"', occasional: true }]));
    expect(codesOf(r.diagnostics).filter((c) => c === "consent-invalid" || c === "derogation-consent-not-explicit")).toEqual([]);
    expect(r.transfers.find((t) => t.to === "mailer")!.verdict).toBe("derogation");
  });
});

interface Abroad { to: string; consent?: string; occasional?: boolean }

/** US processors reached from `cloud` on an Art. 49(1)(a) derogation, one flow each. */
function abroad(flows: Abroad[]): string {
  return flows.map((f) => `system ${f.to} "${f.to}" {
  kind saas
  operator "${f.to} Inc." as processor
  contract "${f.to} DPA, 2024-03-01"
  located US
}
flow cloud -> ${f.to} "To ${f.to}" {
  data email
  for accounts
  mechanism derogation a "we ask for your permission for the transfer"
  ${f.consent ? `consent ${f.consent}` : ""}
  ${f.occasional ? "occasional" : ""}
}
`).join("");
}

describe("one consent, one finding", () => {
  const policyWords = 'bundled "You agree that we may transfer your personal data on that basis."';
  const base = head + kidsPurpose("consent explicit");

  it("flows on the same consent are one derogation-consent-not-explicit finding on the first flow, the others related", () => {
    const r = check(base + abroad([{ to: "mailer", consent: policyWords, occasional: true }, { to: "monitor", consent: policyWords, occasional: true }, { to: "crm", consent: policyWords, occasional: true }]));
    const found = of(r.diagnostics, "derogation-consent-not-explicit");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("the transfer from `cloud` to `mailer`");
    const related = found[0]!.related.filter((x) => x.message.includes("rests on the same consent"));
    const lines = (to: string) => r.model.flows.find((f) => f.to.id === to)!.spans.consent!.line;
    expect(related.map((x) => x.span.line)).toEqual([lines("monitor"), lines("crm")]);
  });

  it("the first flow's fingerprint is the one it had alone", () => {
    const fingerprint = (text: string) => {
      const r = check(text);
      const sarif = JSON.parse(formatSarif(r.diagnostics, allRules(), r.sources, { version: "0", docsBase: "x/", informationUri: "x" }));
      return sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === "derogation-consent-not-explicit").map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints["flowmapFinding/v1"]);
    };
    const alone = fingerprint(base + abroad([{ to: "mailer", consent: policyWords, occasional: true }]));
    const grouped = fingerprint(base + abroad([{ to: "mailer", consent: policyWords, occasional: true }, { to: "monitor", consent: policyWords, occasional: true }]));
    expect(alone).toHaveLength(1);
    expect(grouped).toEqual(alone);
  });

  it("other words, another form, or no words are other consents: a finding each", () => {
    const r = check(base + abroad([
      { to: "mailer", consent: policyWords, occasional: true },
      { to: "monitor", consent: 'bundled "By accepting this policy you agree to the transfer."', occasional: true },
      { to: "crm", consent: 'by_use "You agree that we may transfer your personal data on that basis."', occasional: true },
      { to: "ads", consent: "bundled", occasional: true },
      { to: "logs", consent: "bundled", occasional: true },
    ]));
    expect(of(r.diagnostics, "derogation-consent-not-explicit").map((d) => d.message.match(/to `(\w+)`/)![1])).toEqual(["mailer", "monitor", "crm", "ads", "logs"]);
  });

  it("regular transfers on one consent are one regularity finding, each other importer a related occurrence", () => {
    const explicitWords = 'explicit "we ask you for each transfer, naming the risks"';
    const r = check(base + abroad([{ to: "mailer", consent: explicitWords }, { to: "monitor", consent: explicitWords }, { to: "crm", consent: explicitWords, occasional: true }]));
    const regular = of(r.diagnostics, "derogation-for-regular-transfer");
    expect(regular.map((d) => d.message.match(/to `(\w+)`/)![1])).toEqual(["mailer"]);
    expect(regular[0]!.message).toContain("`cloud -> monitor`");
    expect(regular[0]!.related.filter((x) => x.occurrence).map((x) => x.message)).toEqual(["the transfer from `cloud` to `monitor` is regular too, on the same consent"]);
    // On a consent that is not explicit: one consent finding, one regularity finding.
    const bundled = check(base + abroad([{ to: "mailer", consent: policyWords }, { to: "monitor", consent: policyWords }]));
    expect(of(bundled.diagnostics, "derogation-consent-not-explicit")).toHaveLength(1);
    expect(of(bundled.diagnostics, "derogation-for-regular-transfer")).toHaveLength(1);
    // Consents in different words are different consents: a regularity finding each.
    const apart = check(base + abroad([{ to: "mailer", consent: policyWords }, { to: "monitor", consent: explicitWords }]));
    expect(of(apart.diagnostics, "derogation-for-regular-transfer")).toHaveLength(2);
  });

  it("a conditional transfer consent on several flows is one consent-invalid finding, and one regularity finding", () => {
    const words = 'conditional "If you do not want to give one or more of the mandatory consents, we cannot offer you the service."';
    const r = check(base + abroad([{ to: "mailer", consent: words }, { to: "monitor", consent: words }]));
    const invalid = of(r.diagnostics, "consent-invalid");
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.message).toContain("`cloud` to `mailer`");
    expect(invalid[0]!.related.map((x) => x.message)).toContain("the transfer from `cloud` to `monitor` rests on the same consent");
    expect(of(r.diagnostics, "derogation-for-regular-transfer")).toHaveLength(1);
    expect(codesOf(r.diagnostics)).not.toContain("derogation-consent-not-explicit");
  });
});

describe("the register and the diff say who consents", () => {
  it("the register's basis cell names the guardian beside the form", async () => {
    const { buildRegister, toCsv } = await import("../src/register/index.js");
    const csv = toCsv(buildRegister(check(head + kidsPurpose('consent explicit, parental "a guardian agrees"')), "controller"), { bom: false });
    expect(csv).toContain("obtained explicitly, from the holder of parental responsibility");
    expect(toCsv(buildRegister(check(head + kidsPurpose('consent explicit "you agree"')), "controller"), { bom: false })).not.toContain("parental responsibility");
  });

  it("a guardian added beside a form is a change to the purpose's consent", async () => {
    const { compareModels } = await import("../src/diff/compare.js");
    const side = (consent: string) => { const r = check(head + kidsPurpose(consent)); return { model: r.model, transfers: r.transfers }; };
    const changes = compareModels(side('consent explicit "a guardian agrees"'), side('consent explicit, parental "a guardian agrees"'));
    const consent = changes.find((c) => c.kind === "purpose-changed" && c.field === "consent");
    expect(consent).toMatchObject({ id: "kids_accounts", before: 'explicit "a guardian agrees"', after: 'explicit, parental "a guardian agrees"' });
  });
});
