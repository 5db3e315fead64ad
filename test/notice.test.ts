/** What the notice tells people: their rights (Art. 13(2)(b)-(d)) and consent before the device is
 *  read for ads or analytics (ePrivacy Art. 5(3)). */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";

const model = (org: string, purposes: string, rest = "") => `model "T" { regime gdpr }
organization acme "Acme" {
  role controller
  country NL
  contact "privacy@acme.example"
${org}}
subject visitor
data email { kind contact }
data cookie { kind online_identifiers }
${purposes}
system browser { kind browser }
system db { kind database  operator self  located NL  security "tls"  stores email for p }
flow browser -> db { data email  for p }
${rest}`;
const purpose = (basis: string) => `purpose p {\n${basis}  subjects visitor\n  data email, cookie\n  retention 1 years\n}`;
const codes = (r: ReturnType<typeof checkSource>) => r.diagnostics.map((d) => d.code);
const messages = (r: ReturnType<typeof checkSource>, code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => d.message);

describe("rights-incomplete", () => {
  it("a model that does not say what the notice states is not judged on it", () => {
    expect(codes(checkSource("t.flow", model("", purpose("  basis contract\n"))))).toEqual([]);
  });

  it("the rights owed follow the bases: portability for contract, objection for legitimate interests, withdrawal for consent", () => {
    const base = "  rights access, rectification, erasure, restriction, complaint\n";
    expect(messages(checkSource("t.flow", model(base, purpose("  basis contract\n"))), "rights-incomplete")).toEqual([expect.stringContaining("but not portability (Art. 20)")]);
    const li = messages(checkSource("t.flow", model(base, purpose("  basis legitimate_interests\n"))), "rights-incomplete");
    expect(li).toHaveLength(1);
    expect(li[0]).toContain("objection (Art. 21)");
    expect(li[0]).not.toContain("portability");
    const consent = messages(checkSource("t.flow", model(base, purpose('  basis consent\n  consent opt_in "tick"\n'))), "rights-incomplete");
    expect(consent[0]).toContain("portability (Art. 20), withdrawal (Art. 7(3))");
    expect(codes(checkSource("t.flow", model(base.replace("complaint", "portability, complaint"), purpose("  basis contract\n"))))).toEqual([]);
  });

  it("`rights none` is one finding listing what is owed; with another right it is an error", () => {
    const r = checkSource("t.flow", model('  rights none "Nothing about rights"\n', purpose("  basis contract\n")));
    expect(messages(r, "rights-incomplete")).toEqual([expect.stringContaining("states none of the data subjects' rights")]);
    expect(codes(checkSource("t.flow", model("  rights none, access\n", purpose("  basis contract\n"))))).toContain("invalid-value");
  });

  it("a misspelt right is one error with a suggestion, and the line is not judged on it alone", () => {
    const r = checkSource("t.flow", model("  rights acess\n", purpose("  basis contract\n")));
    expect(codes(r)).toEqual(["invalid-value"]);
    expect(r.diagnostics[0]!.message).toContain("access");
  });

  it("a processor organization owes no notice of its own", () => {
    const r = checkSource("t.flow", model("  rights access\n", purpose("  basis contract\n")).replace("role controller", "role processor"));
    expect(codes(r)).not.toContain("rights-incomplete");
  });
});

describe("cookie-consent-missing", () => {
  const tag = (basis: string, flowExtra = "", country = "NL") => model("", purpose(basis), `system tag { kind analytics  operator "Stats B.V." as processor  located NL  contract "DPA" }
flow browser -> tag {
  data cookie
  for p
${flowExtra}}
`).replace("country NL", `country ${country}`);

  it("an analytics tag reading a cookie ID on legitimate interests: one finding naming the national law", () => {
    const r = checkSource("t.flow", tag("  basis legitimate_interests\n"));
    expect(messages(r, "cookie-consent-missing")).toEqual([expect.stringContaining("Telecommunicatiewet art. 11.7a")]);
    const unknown = checkSource("t.flow", tag("  basis legitimate_interests\n", "", "PT"));
    expect(messages(unknown, "cookie-consent-missing")[0]).toContain("Directive 2002/58/EC (ePrivacy), Art. 5(3)");
  });

  it("purposes reading the same device without consent are one finding, on the one that reads for advertising", () => {
    const two = model("", `${purpose("  basis legitimate_interests\n")}
purpose ads {
  subjects visitor
  data cookie
  retention 1 years
}`, `system tag { kind analytics  operator "Stats B.V." as processor  located NL  contract "DPA" }
system pixel { kind advertising  operator "Ads B.V." as processor  located NL  contract "DPA" }
flow browser -> tag { data cookie  for p }
flow browser -> pixel { data cookie  for ads }
`);
    const r = checkSource("t.flow", two);
    expect(messages(r, "cookie-consent-missing")).toEqual([expect.stringMatching(/^purpose `ads` reads identifiers from the user's device for `pixel` but states no basis.*; the same device is read without consent for purpose `p` \(`tag`\)$/)]);
    expect(r.diagnostics.find((d) => d.code === "cookie-consent-missing")!.related.map((x) => x.message)).toContain("purpose `p` reads the device too, without prior consent");
    // Another device (an app) asks for its own consent: a second finding.
    const apart = checkSource("t.flow", two.replace("system browser { kind browser }", "system browser { kind browser }\nsystem phone { kind mobile_app }").replace("flow browser -> tag", "flow phone -> tag"));
    expect(messages(apart, "cookie-consent-missing")).toHaveLength(2);
  });

  it("consent among several bases with no word on which covers what does not show prior consent for the read: bases-not-split says it, once", () => {
    const listed = checkSource("t.flow", tag('  basis consent, legitimate_interests "a legal obligation, a legitimate interest, or your consent"\n  consent opt_in "banner"\n'));
    expect(messages(listed, "cookie-consent-missing")).toEqual([]);
    expect(messages(listed, "bases-not-split")).toEqual([expect.stringContaining("it reads identifiers from the user's device for `tag`, which needs prior consent")]);
    const split = checkSource("t.flow", tag('  basis consent "for the analytics cookies", legitimate_interests "for the statistics we keep"\n  consent opt_in "banner"\n'));
    expect(messages(split, "cookie-consent-missing")).toEqual([]);
  });

  it("valid consent: none; consent obtained by use: consent-invalid says both, once", () => {
    expect(codes(checkSource("t.flow", tag('  basis consent\n  consent opt_in "banner"\n')))).toEqual([]);
    const r = checkSource("t.flow", tag('  basis consent\n  consent by_use "By using the site you agree"\n'));
    expect(codes(r)).toEqual(["consent-invalid"]);
    expect(r.diagnostics[0]!.message).toContain("reads identifiers from the user's device for `tag`");
  });

  it("a third party the user reaches on their own, or a server-side flow, reads nothing from the device", () => {
    const own = tag("  basis legitimate_interests\n", '  linked "They visit Stats on their own"\n').replace('operator "Stats B.V." as processor  located NL  contract "DPA"', 'operator "Stats B.V." as controller  located NL');
    expect(codes(checkSource("t.flow", own))).not.toContain("cookie-consent-missing");
    // To a processor, `linked` cannot hold: the tag is the organization's, and the finding stays.
    expect(codes(checkSource("t.flow", tag("  basis legitimate_interests\n", '  linked "They visit Stats on their own"\n')))).toEqual(expect.arrayContaining(["cookie-consent-missing", "linked-not-independent"]));
    const server = model("", purpose("  basis legitimate_interests\n"), `system tag { kind analytics  operator "Stats B.V." as processor  located NL  contract "DPA" }
flow db -> tag { data cookie  for p }
`);
    expect(codes(checkSource("t.flow", server))).not.toContain("cookie-consent-missing");
  });
});

describe("anonymity claims", () => {
  const claim = (kind: string, retention = "") => `model "T" { regime gdpr }
organization acme "Acme" {
  role controller
  country NL
  contact "privacy@acme.example"
}
subject visitor
data stats {
  kind ${kind}
  anonymous "All the data is in aggregate only."
}
purpose p {
  basis legitimate_interests  lia "LIA-1"
  subjects visitor
  data stats
${retention}}
system browser { kind browser }
system db { kind database  operator self  located NL  security "tls"  stores stats for p }
flow browser -> db { data stats  for p }
`;

  it("aggregate usage statistics: the claim stands and storage limitation does not read them", () => {
    const r = checkSource("t.flow", claim("usage"));
    expect(codes(r)).toEqual([]);
    expect(r.model.data[0]!.anonymous).toBe("All the data is in aggregate only.");
  });

  it("usage data sent to another party with a cookie is linkable: the claim fails; to the organization's own systems, or once on a sale, it stands", () => {
    const sent = (to: string, extra = "") => claim("usage").replace("data stats {", 'data cookie { kind online_identifiers }\ndata stats {').replace("  data stats\n", "  data stats, cookie\n") + `${to}\nflow browser -> ads { data stats, cookie  for p ${extra} }\n`;
    const vendor = 'system ads { kind analytics  operator "Ads Ltd" as controller  located NL }';
    const r = checkSource("t.flow", sent(vendor));
    const f = r.diagnostics.filter((d) => d.code === "anonymity-claim-contradicted");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("flow `browser -> ads` carries it with `cookie`");
    expect(f[0]!.related.map((x) => x.message)).toEqual(["sent together here"]);
    const codesOf = (text: string) => checkSource("t.flow", text).diagnostics.map((d) => d.code);
    expect(codesOf(sent('system ads { kind analytics  operator self  located NL  security "tls" }'))).not.toContain("anonymity-claim-contradicted");
    expect(codesOf(sent(vendor, "occasional"))).not.toContain("anonymity-claim-contradicted");
  });

  it("an identifier called anonymous: one finding on the claim, and the data is personal again", () => {
    const r = checkSource("t.flow", claim("online_identifiers"));
    expect(codes(r).sort()).toEqual(["anonymity-claim-contradicted", "retention-missing"]);
    const f = r.diagnostics.find((d) => d.code === "anonymity-claim-contradicted")!;
    expect(r.source.text.split("\n")[f.span.line - 1]).toContain("anonymous");
    expect(f.related[0]!.message).toContain("online_identifiers");
  });
});

describe("the policy's date", () => {
  const dated = (updated: string) => `model "T" {\n  regime gdpr\n  updated "${updated}"\n}\n`;
  it("accepts the precision the policy gives, and nothing that is not a date", () => {
    for (const ok of ["2025", "2025-05", "2024-02-29"]) expect(checkSource("t.flow", dated(ok)).diagnostics.filter((d) => d.code === "invalid-value"), ok).toEqual([]);
    for (const bad of ["May 2025", "2025-13", "2023-02-29", "25-05-2024"]) expect(checkSource("t.flow", dated(bad)).diagnostics.map((d) => d.code), bad).toContain("invalid-value");
  });

  it("a policy wholly dated before 25 May 2018 gets a note; one that may be later does not", () => {
    const notes = (u: string) => checkSource("t.flow", dated(u)).diagnostics.filter((d) => d.code === "policy-predates-gdpr");
    expect(notes("2017-11-23")).toHaveLength(1);
    expect(notes("2017")).toHaveLength(1);
    expect(notes("2018-05-24")).toHaveLength(1);
    expect(notes("2018-05")).toEqual([]);
    expect(notes("2018")).toEqual([]);
    expect(notes("2018-05-25")).toEqual([]);
    expect(notes("2017-11")[0]!.severity).toBe("info");
  });

  it("a notice dated before that which states the right to data portability was written for the GDPR: no note", () => {
    const withRights = (rights: string) => `${dated("2018-04")}organization o "O" {\n  role controller\n  country IE\n  contact "a@o.example"\n  rights ${rights}\n}\n`;
    const notes = (text: string) => checkSource("t.flow", text).diagnostics.filter((d) => d.code === "policy-predates-gdpr");
    expect(notes(withRights("access, erasure, portability, complaint"))).toEqual([]);
    expect(notes(withRights("access, erasure"))).toHaveLength(1);
  });
});
