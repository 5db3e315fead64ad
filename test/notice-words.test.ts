/** Words added for what real policies say, read through to the rules that use them: consent from
 *  parents (Art. 8(1)) and how people who never see the notice are informed (Art. 14(3), 14(5)(b)). */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";

const model = (subject: string, purpose: string) => `model "T" { regime gdpr }
organization acme "Acme" {
  role controller
  country DE
  contact "privacy@acme.example"
  address "Hauptstr. 1, Berlin"
  minimum_age 13 years "You must be 13 or older"
}
subject kids "Children" { kind child }
${subject}
data email { kind contact }
purpose newsletter {
${purpose}
  data email
  retention until unsubscribed
}
system app { kind server  operator self  located DE  security "tls"  stores email for newsletter }
system browser { kind browser }
flow browser -> app { data email  for newsletter }
`;
const codes = (text: string) => checkSource("t.flow", text).diagnostics.map((d) => d.code);

describe("consent parental", () => {
  const consent = (form: string) => model("", `  basis consent\n  consent ${form} "with a parent's approval"\n  subjects kids`);
  it("below the Art. 8 age, consent from the holder of parental responsibility is what Art. 8(1) asks for", () => {
    expect(codes(consent("opt_in"))).toContain("child-consent-below-age");
    expect(codes(consent("parental"))).not.toContain("child-consent-below-age");
  });
  it("is valid consent (not one of the invalid forms) and reads into the model", () => {
    const r = checkSource("t.flow", consent("parental"));
    expect(r.model.purposes[0]!.consent?.form).toBe("parental");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("consent-invalid");
  });
});

describe("informed on a subject who never sees the notice", () => {
  const callers = (line: string) => model(`subject callers "People who call our users" {\n  kind non_user\n${line}}`, "  basis contract\n  subjects kids, callers");
  it("without it, the observation stands; with how they are told, or the exemption and its reason, it is silent", () => {
    expect(codes(callers(""))).toContain("non-user-not-informed");
    expect(codes(callers('  informed "They hear a notice at the start of the call"\n'))).not.toContain("non-user-not-informed");
    expect(codes(callers('  informed none "Art. 14(5)(b): we cannot reach them; the notice is public"\n'))).not.toContain("non-user-not-informed");
  });
  it("`informed none` without a reason does not silence it, and a bare word is one error", () => {
    expect(codes(callers("  informed none\n"))).toContain("non-user-not-informed");
    const typo = codes(callers("  informed nobody\n"));
    expect(typo).toEqual(["invalid-value"]);
  });
});

describe("retention not_applicable: a purpose that keeps nothing", () => {
  const base = (stores: string) => model("", "  basis contract\n  subjects kids").replace("retention until unsubscribed", 'retention not_applicable "we only pass your address on"').replace("  stores email for newsletter", stores);
  it("needs no period when nothing keeps its data", () => {
    const r = checkSource("t.flow", base(""));
    expect(r.model.purposes[0]!.retention?.kind).toBe("not_applicable");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("retention-missing");
  });
  it("a line that keeps its data anyway is the finding, on that line", () => {
    const r = checkSource("t.flow", base("  stores email for newsletter"));
    const f = r.diagnostics.filter((d) => d.code === "retention-missing");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("keeps nothing");
    expect(f[0]!.related[0]!.message).toContain("not_applicable");
  });
  it("a line with its own period exceeds it", () => {
    const r = checkSource("t.flow", base("  stores email for newsletter retention 30 days"));
    expect(r.diagnostics.map((d) => d.code)).toContain("retention-exceeds-purpose");
  });
});

describe("legal-obligation-law-unnamed: one sentence, one finding", () => {
  it("purposes resting on a legal obligation in the same words are one finding; another basis first does not hide it", () => {
    // Each basis with its words (an unsplit list is bases-not-split's alone); the obligation second.
    const purpose = (id: string, note: string) => `purpose ${id} { basis contract "for the order", legal_obligation "${note}"  subjects kids  data email  retention 1 years }\n`;
    const text = model("", "  basis contract\n  subjects kids")
      + purpose("tax", "if required by law") + purpose("audit", "if required by law") + purpose("courts", "to answer court orders");
    const f = checkSource("t.flow", text).diagnostics.filter((d) => d.code === "legal-obligation-law-unnamed");
    expect(f).toHaveLength(2);
    expect(f[0]!.message).toContain("as do `audit`, in the same words");
    expect(f[0]!.related).toHaveLength(1);
  });
});

describe("the policy's words after each basis", () => {
  const purpose = (basis: string) => model("", `  ${basis}\n  lia "LIA-1"\n  subjects kids`).replace("purpose newsletter {", "purpose newsletter {");
  it("say which basis covers what: no bases-not-split, and the register names each with its words", async () => {
    const split = checkSource("t.flow", purpose('basis contract "for the account", legitimate_interests "for a quick sign-in"'));
    expect(split.model.purposes[0]!.basesWords).toEqual(["for the account", "for a quick sign-in"]);
    expect(split.diagnostics.map((d) => d.code)).not.toContain("bases-not-split");
    const { basisCell } = await import("../src/register/data.js");
    expect(basisCell(split.model.purposes[0]!)).toBe('Art. 6(1)(b) contract ("for the account")\nArt. 6(1)(f) legitimate interests ("for a quick sign-in")');
    const unsplit = checkSource("t.flow", purpose('basis contract, legitimate_interests "for the account and a quick sign-in"'));
    expect(unsplit.diagnostics.map((d) => d.code)).toContain("bases-not-split");
  });
  it("fmt keeps them; on other properties a quote mid-list is one error and the line still reads", async () => {
    const { formatSource } = await import("../src/cli/fmt-command.js");
    const text = purpose('basis contract "for the account", legitimate_interests "for a quick sign-in"');
    expect(formatSource("t.flow", text).formatted).toContain('basis contract "for the account", legitimate_interests "for a quick sign-in"');
    const r = checkSource("t.flow", text.replace("  subjects kids", '  subjects kids "the children", kids'));
    expect(r.diagnostics.map((d) => d.code)).toContain("invalid-value");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toHaveLength(2); // the stray quote, and the repeated name
  });
});
