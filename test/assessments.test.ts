/** Bases and assessments: several bases with no split, legitimate interests with no assessment, and
 *  the DPIA WP248's criteria call for. Where each rule must stay silent, and notice mode. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";

interface Shape {
  header?: string;
  orgRole?: string;
  subject?: string;
  data?: string;
  purpose: string;
  systems?: string;
  flows?: string;
}

/** A clean model around one purpose `p` (the shape's purpose lines are its body). */
const model = (s: Shape) => `model "T" {
  regime gdpr
${s.header ?? ""}}
organization acme "Acme" {
  role ${s.orgRole ?? "controller"}
  country NL
  contact "privacy@acme.example"
}
subject people "People" ${s.subject ?? ""}
data email "E-mail" { kind contact }
${s.data ?? ""}
purpose p "P" {
${s.purpose}
  subjects people
  data email${s.data ? `, ${[...s.data.matchAll(/^data (\w+)/gm)].map((m) => m[1]).join(", ")}` : ""}
  retention 1 years
}
system device "Device" { kind mobile_app }
system db "Database" { kind database  operator self  located NL  security "encryption at rest"  stores email for p }
${s.systems ?? ""}
flow device -> db { data email  for p }
${s.flows ?? ""}`;

const check = (s: Shape) => checkSource("t.flow", model(s));
const findings = (s: Shape, code: string) => check(s).diagnostics.filter((d) => d.code === code);
const codes = (s: Shape) => check(s).diagnostics.map((d) => d.code);
const notice = 'describes notice\n';

describe("bases-not-split", () => {
  it("several bases on one purpose: one finding on the basis line, naming them", () => {
    const ds = findings({ purpose: '  basis contract, legal_obligation, consent "We rely on Art. 6(1)(a), (b) and (c)"\n  consent opt_in "a box"' }, "bases-not-split");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("states 3 bases, contract, legal obligation and consent");
    expect(ds[0]!.message).toContain('"We rely on Art. 6(1)(a), (b) and (c)"');
    expect(ds[0]!.span.line).toBe(13);
  });

  it("an unsplit list naming a legal obligation: bases-not-split alone; the law is asked for once the policy maps the basis", () => {
    const listed = codes({ purpose: '  basis contract, legal_obligation "a contract or a legal obligation"' });
    expect(listed).toContain("bases-not-split");
    expect(listed).not.toContain("legal-obligation-law-unnamed");
    expect(codes({ purpose: '  basis legal_obligation "if required by law"' })).toContain("legal-obligation-law-unnamed");
    expect(codes({ purpose: '  basis contract "for the account", legal_obligation "for the tax records"' })).toContain("legal-obligation-law-unnamed");
  });

  it("one basis, or the same basis twice, is no finding", () => {
    expect(codes({ purpose: "  basis contract" })).toEqual([]);
    expect(codes({ purpose: "  basis contract, contract" })).toEqual([]);
  });

  it("silent for a processor's purpose, and when a basis did not read", () => {
    expect(codes({ purpose: "  basis contract, legal_obligation\n  role processor" })).not.toContain("bases-not-split");
    expect(codes({ purpose: "  basis contract, legal_obligation", orgRole: "processor" })).not.toContain("bases-not-split");
    // The misspelt basis is one error; the list is not judged on what did read.
    expect(codes({ purpose: "  basis contract, legal_obligaton" })).toEqual(["invalid-basis"]);
  });
});

describe("legitimate-interests-unassessed", () => {
  const li = '  basis legitimate_interests "our interest in security"';

  it("legitimate interests with no `lia`: a warning in the organization's record", () => {
    const ds = findings({ purpose: li }, "legitimate-interests-unassessed");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe("warning");
    expect(ds[0]!.message).toContain("names no assessment");
  });

  it("in a model read from a notice, the missing reference is info, asked only where there is a reason to weigh; `lia none` stays a warning", () => {
    const [note] = findings({ header: notice, purpose: li, subject: "{ kind child }" }, "legitimate-interests-unassessed");
    expect(note!.severity).toBe("info");
    expect(note!.message).toContain("meets WP248's criterion data concerning vulnerable data subjects (`people` are children)");
    expect(note!.message).toContain("the notice names no assessment");
    // No WP248 criterion and nothing kept indefinitely: the generic question adds nothing.
    expect(findings({ header: notice, purpose: li }, "legitimate-interests-unassessed")).toEqual([]);
    for (const header of ["", notice]) {
      const [none] = findings({ header, purpose: `${li}\n  lia none "we did not think it necessary"` }, "legitimate-interests-unassessed");
      expect(none!.severity).toBe("warning");
      expect(none!.message).toContain('says there is no assessment of them ("we did not think it necessary")');
      expect(check({ header, purpose: `${li}\n  lia none "x"` }).source.text.split("\n")[none!.span.line - 1]).toContain("lia none");
    }
  });

  it("in a notice model, the purposes on legitimate interests are one question: one note naming them all", () => {
    const second = `purpose q "Q" {\n${li}\n  subjects people\n  data email\n  retention 1 years\n}`;
    const notes = findings({ header: notice, purpose: li, systems: second, subject: "{ kind child }" }, "legitimate-interests-unassessed");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toMatch(/^purpose `p` rests on legitimate interests \(Art\. 6\(1\)\(f\)\) and meets WP248's criterion .*; so do `q`; the notice names no assessment of any of them/);
    expect(notes[0]!.related.map((r) => r.message)).toEqual(["`q` rests on legitimate interests too, with a reason to weigh"]);
    // In the organization's own record each purpose owes its own assessment: one warning each.
    expect(findings({ purpose: li, systems: second }, "legitimate-interests-unassessed").map((d) => d.severity)).toEqual(["warning", "warning"]);
  });

  it("legitimate interests among several bases need the assessment too", () => {
    const c = codes({ purpose: "  basis contract, legitimate_interests" });
    expect(c.sort()).toEqual(["bases-not-split", "legitimate-interests-unassessed"]);
    expect(codes({ purpose: '  basis contract, legitimate_interests\n  lia "LIA-1"' })).toEqual(["bases-not-split"]);
  });

  it("silent with an assessment named, for another basis, for a processor's purpose, and when the basis did not read", () => {
    expect(codes({ purpose: `${li}\n  lia "LIA-2024-03"` })).toEqual([]);
    expect(codes({ purpose: "  basis contract" })).toEqual([]);
    expect(codes({ purpose: `${li}\n  role processor` })).not.toContain("legitimate-interests-unassessed");
    expect(codes({ purpose: li, orgRole: "processor" })).not.toContain("legitimate-interests-unassessed");
    expect(codes({ purpose: '  basis legitimate_interest "our interest"' })).toEqual(["invalid-basis"]);
  });
});

describe("dpia-likely-required", () => {
  const location = { data: "data gps { kind precise_location }", flows: "flow device -> db { data gps  for p }" };
  const employees = '{ kind employee }';
  const adnet = 'system adnet "AdNet" { kind advertising  operator "AdNet Ltd" as controller  located NL }';
  const cookie = "data cookie { kind online_identifiers }";

  it("two or more criteria and no DPIA: one warning naming the criteria, the facts in related places", () => {
    const ds = findings({ ...location, subject: employees, purpose: "  basis contract" }, "dpia-likely-required");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe("warning");
    expect(ds[0]!.message).toContain("meets 3 of WP248's criteria");
    expect(ds[0]!.message).toContain("systematic monitoring (precise location collected from `device`)");
    expect(ds[0]!.message).toContain("`gps` is precise location");
    expect(ds[0]!.message).toContain("`people` are employees");
    expect(ds[0]!.message).toContain("a DPIA is likely required (Art. 35(1), (3); WP248: two or more criteria)");
    expect(ds[0]!.related.map((r) => r.message.split(":")[0])).toEqual(["systematic monitoring", "sensitive data or data of a highly personal nature", "data concerning vulnerable data subjects"]);
  });

  it("behavioural advertising run for the organization by another party: profiling and monitoring", () => {
    const forUs = adnet.replace('as controller  located NL', 'as processor  located NL  contract "DPA"');
    const ds = findings({ data: cookie, systems: forUs, flows: "flow device -> adnet { data cookie  for p }", purpose: '  basis consent\n  consent opt_in "banner"' }, "dpia-likely-required");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("evaluation or scoring, including profiling (data sent to advertising systems `adnet`)");
    expect(ds[0]!.message).toContain("identifiers from the user's device reach `adnet`");
  });

  it("an independent controller's ad network builds its own profiles: the organization's flow to it is monitoring only", () => {
    expect(findings({ data: cookie, systems: adnet, flows: "flow device -> adnet { data cookie  for p }", purpose: '  basis consent\n  consent opt_in "banner"' }, "dpia-likely-required")).toEqual([]);
    // With a second criterion of the organization's own, it is two.
    expect(findings({ data: cookie, subject: employees, systems: adnet, flows: "flow device -> adnet { data cookie  for p }", purpose: '  basis consent\n  consent opt_in "banner"' }, "dpia-likely-required")[0]!.message).toContain("meets 2 of WP248's criteria");
  });

  it("data that only may hold special categories (special possible) is not counted as sensitive data", () => {
    const cv = 'data cv { kind content  special possible "if you send us health data we use it only as the law allows" }';
    const location2 = "data gps { kind precise_location }";
    // precise location (monitoring and sensitive) is two criteria; the CV adds none.
    expect(findings({ data: `${cv}\n${location2}`, flows: "flow device -> db { data gps, cv  for p }", purpose: "  basis contract\n  condition employment" }, "dpia-likely-required")[0]!.message).toContain("meets 2 of WP248's criteria");
    expect(findings({ data: cv, subject: employees, flows: "flow device -> db { data cv  for p }", purpose: "  basis contract\n  condition employment" }, "dpia-likely-required")).toEqual([]);
  });

  it("one criterion is not enough: health data alone, employees alone, analytics alone", () => {
    expect(findings({ data: "data health { kind health }", purpose: "  basis contract\n  condition health_care" }, "dpia-likely-required")).toEqual([]);
    expect(findings({ subject: employees, purpose: "  basis contract" }, "dpia-likely-required")).toEqual([]);
    const stats = 'system stats "Stats" { kind analytics  operator "Stats B.V." as processor  located NL  contract "DPA" }';
    expect(findings({ data: cookie, systems: stats, flows: "flow device -> stats { data cookie  for p }", purpose: '  basis consent\n  consent opt_in "banner"' }, "dpia-likely-required")).toEqual([]);
  });

  it("what does not count: the organization's own analytics, a linked third party, data whose anonymity claim stands", () => {
    const own = 'system stats "Stats" { kind analytics  operator self  located NL }';
    expect(findings({ data: cookie, subject: employees, systems: own, flows: "flow device -> stats { data cookie  for p }", purpose: '  basis consent\n  consent opt_in "banner"' }, "dpia-likely-required")).toEqual([]);
    const linked = "flow device -> adnet { data cookie  for p  linked \"users visit AdNet's site on their own\" }";
    expect(findings({ data: cookie, systems: adnet, flows: linked, purpose: '  basis consent\n  consent opt_in "banner"' }, "dpia-likely-required")).toEqual([]);
    const aggregate = 'data counts { kind financial  anonymous "totals per month only" }';
    expect(findings({ data: aggregate, subject: employees, purpose: "  basis contract" }, "dpia-likely-required")).toEqual([]);
    expect(findings({ data: "data pay { kind financial }", subject: employees, purpose: "  basis contract" }, "dpia-likely-required")).toHaveLength(1);
  });

  it("a flow serving two purposes counts for each only the data that purpose declares", () => {
    // `q` (employees' accounts) shares the connection that carries `p`'s location feed, and declares no location.
    const q = `purpose q "Accounts" {\n  basis contract\n  subjects staff\n  data email\n  retention 1 years\n}\nsubject staff "Staff" { kind employee }`;
    const ds = findings({ ...location, systems: q, flows: "flow device -> db { data gps, email  for p, q }", purpose: "  basis contract" }, "dpia-likely-required");
    // `p` meets two criteria with its location (monitoring, sensitive data); `q` only its employees.
    expect(ds.map((d) => d.message.match(/^purpose `(\w+)`/)![1])).toEqual(["p"]);
    // Were the location `q`'s too, monitoring and sensitive data (precise location) and employees make three.
    const both = findings({ ...location, systems: q.replace("data email\n", "data email, gps\n"), flows: "flow device -> db { data gps, email  for p, q }", purpose: "  basis contract" }, "dpia-likely-required");
    expect(both.map((d) => d.message.match(/^purpose `(\w+)`/)![1])).toEqual(["p", "q"]);
  });

  it("matching datasets: two sources, one of them another organization", () => {
    const bought = 'data leads { kind contact  obtained subject, brokers "lists we buy" }';
    const ds = findings({ data: bought, subject: employees, purpose: "  basis contract" }, "dpia-likely-required");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("matching or combining datasets (data obtained from subject, brokers)");
    // The data subject's own acts are one dataset, however collected.
    const own = 'data leads { kind contact  obtained subject, observed, social_login "you, your use, your login" }';
    expect(findings({ data: own, subject: employees, purpose: "  basis contract" }, "dpia-likely-required")).toEqual([]);
  });

  it("silent with a DPIA named, with `dpia none` (a reasoned decision), and for a processor's purpose", () => {
    const base = { ...location, subject: employees };
    // (The precise location also raises the DPO question, dpo-contact-missing's, not this rule's.)
    const dpiaCodes = (s: Shape) => codes(s).filter((c) => c !== "dpo-contact-missing");
    expect(dpiaCodes({ ...base, purpose: '  basis contract\n  dpia "DPIA-2024-01"' })).toEqual([]);
    expect(dpiaCodes({ ...base, purpose: '  basis contract\n  dpia none "one courier, for one day a year"' })).toEqual([]);
    expect(codes({ ...base, purpose: "  basis contract\n  role processor" })).not.toContain("dpia-likely-required");
    expect(codes({ ...base, purpose: "  basis contract", orgRole: "processor" })).not.toContain("dpia-likely-required");
  });

  it("in a model read from a notice it is info: DPIAs are not published", () => {
    const [d] = findings({ ...location, header: notice, subject: employees, purpose: "  basis contract" }, "dpia-likely-required");
    expect(d!.severity).toBe("info");
    expect(d!.message).toContain("notices do not publish DPIAs, so ask whether one was done");
  });

  it("in a notice model, the purposes that call for a DPIA are one question: one note, each purpose's criteria related", () => {
    const second = `purpose q "Q" {\n  basis contract\n  subjects people\n  data gps\n  retention 1 years\n}`;
    const shape = { data: location.data, flows: `${location.flows}\nflow device -> db { data gps  for q }`, subject: employees, purpose: "  basis contract", systems: second };
    const notes = findings({ ...shape, header: notice }, "dpia-likely-required");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toMatch(/^purpose `p` meets 3 of WP248's criteria .*; so do `q` \(3 criteria\); notices do not publish DPIAs, so ask whether they were done$/);
    expect(notes[0]!.related.some((r) => r.message.startsWith("`q` meets systematic monitoring"))).toBe(true);
    expect(findings(shape, "dpia-likely-required").map((d) => d.severity)).toEqual(["warning", "warning"]);
  });
});

describe("bases-not-split: one statement, one finding", () => {
  it("two purposes given the same bases in the same words are reported once, the second as related", async () => {
    const { checkSource } = await import("../src/check/index.js");
    const text = `model "T" { regime gdpr }
organization acme "Acme" { role controller  country DE  contact "privacy@acme.example"  address "Berlin" }
subject user
data email { kind contact }
purpose support { basis contract, legitimate_interests "We process personal data under the following legal bases"  lia "LIA-1"  subjects user  data email  retention 1 years }
purpose blog { basis contract, legitimate_interests "We process personal data under the following legal bases"  lia "LIA-2"  subjects user  data email  retention 1 years }
purpose shop { basis contract, legitimate_interests "Other words"  lia "LIA-3"  subjects user  data email  retention 1 years }
system app { kind server  operator self  located DE  security "tls"  stores email for support, blog, shop }
system browser { kind browser }
flow browser -> app { data email  for support, blog, shop }
`;
    const f = checkSource("t.flow", text).diagnostics.filter((d) => d.code === "bases-not-split");
    expect(f).toHaveLength(2);
    expect(f[0]!.message).toContain("and for `blog`, in the same words");
    expect(f[0]!.related).toHaveLength(1);
  });
});
