/** Vague words: security statements that name no measure, contract words that refer to no Art. 28
 *  contract, retention words that leave a stated end open. Where each rule must stay silent, the
 *  vocabulary's case and locale handling, and one finding per problem. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { contractReference, foldWords, openEndedQualifier, recognisedMeasure } from "../src/legal/measures.js";

interface Shape {
  header?: string;
  orgRole?: string;
  data?: string;
  purpose?: string;
  retention?: string;
  systems?: string;
  flows?: string;
}

/** A clean model: purpose `p` on `email`, kept by the organization's database `db`. */
const model = (s: Shape) => `model "T" {
  regime gdpr
${s.header ?? ""}}
organization acme "Acme" {
  role ${s.orgRole ?? "controller"}
  country NL
  contact "privacy@acme.example"
}
subject people "People"
data email "E-mail" { kind contact }
${s.data ?? ""}
purpose p "P" {
  basis contract
${s.purpose ?? ""}
  subjects people
  data email
  retention ${s.retention ?? "1 years"}
}
system device "Device" { kind mobile_app }
system db "Database" { kind database  operator self  located NL  security "encryption at rest"  stores email for p }
${s.systems ?? ""}
flow device -> db { data email  for p }
${s.flows ?? ""}`;

const check = (s: Shape) => checkSource("t.flow", model(s));
const findings = (s: Shape, code: string) => check(s).diagnostics.filter((d) => d.code === code);
const codes = (s: Shape) => check(s).diagnostics.map((d) => d.code);
/** The text of the line a finding points at. */
const lineOf = (s: Shape, line: number) => model(s).split("\n")[line - 1]!.trim();

/** A system `x` fed from `db`, with the given lines. */
const sys = (id: string, lines: string) => ({ systems: `system ${id} "${id}" {\n${lines}\n}`, flows: `flow db -> ${id} { data email  for p }` });
const two = (a: { systems: string; flows: string }, b: { systems: string; flows: string }) => ({ systems: `${a.systems}\n${b.systems}`, flows: `${a.flows}\n${b.flows}` });
const own = (security: string) => sys("store", `  kind storage\n  operator self\n  located NL\n  stores email for p\n  security ${security}`);

describe("the vocabularies", () => {
  it("folds case, width and white space without the locale (a Turkish dotted I stays out of it)", () => {
    expect(foldWords("ISO  27001")).toBe("iso 27001");
    expect(recognisedMeasure("ＴＬＳ everywhere")?.entry.id).toBe("transport-encryption");
    expect(recognisedMeasure("Data is ENCRYPTED at rest")?.entry.id).toBe("encryption");
    expect(recognisedMeasure("encryption\u00a0at rest")?.entry.id).toBe("encryption");
    expect(recognisedMeasure("We are ISO/IEC 27001 certified")?.entry.id).toBe("certification");
    // Words the seed and corpus policies write in Dutch.
    expect(recognisedMeasure("Al deze gegevens worden versleuteld")?.entry.id).toBe("encryption");
  });

  it("names the measures real policies state, and none of the vague words", () => {
    for (const text of [
      "Your password is stored using one-way encryption (hashing plus salting)", "We log all access to all accounts by IP address",
      "The database backups are also encrypted.", "Only employees of the Company have physical or other access to the servers.",
      "The security of our servers is routinely verified by experts", "secure methods provided by Firebase Authentication",
      "two-factor authentication", "role-based access", "penetration tests by an outside firm", "staff sign confidentiality agreements",
      "We regularly audit our systems and processes", "our staff ... is fully trained on how to protect personal data",
    ]) expect(recognisedMeasure(text), text).toBeDefined();
    for (const text of [
      "We employ the absolute security of your data.", "commercially acceptable means to protect Your Personal Data",
      "SayGames takes reasonable measures to help protect information about you from loss, theft, misuse and unauthorized access, disclosure, alteration and destruction.",
      "We use appropriate technical and organizational security measures to protect your data", "you can log in with your e-mail", "we keep your blog safe",
      "our trained staff will answer you",
    ]) expect(recognisedMeasure(text), text).toBeUndefined();
  });

  it("recognises contract references, including the German and Dutch words policies write", () => {
    for (const text of [
      "DPA", "Mailer Data Processing Addendum", "Firebase Data Processing Terms", "https://mailer.example/dpa", "Sub-processing agreement",
      "Daneben haben wir mit Stripe einen Auftragsverarbeitungsvertrag gemäß Art. 28 DSGVO geschlossen", "Dienstleister, derer wir uns im Rahmen einer Auftragsverarbeitung bedienen",
      "verwerkersovereenkomst van 1 maart 2024", "EU-Standardvertragsklauseln", "Standard Contractual Clauses (module 3)", "Service agreement 2024",
      "We ... contractually require them to keep this information confidential and to process personal data only according to our instructions.",
      "These providers are bound by contractual obligations to protect your data", "Article 28 GDPR terms",
      "the standard clauses of the European Commission", "standard data protection clauses", "we ask them to contractually committ to implement equivalent measures",
      "These parties are subject to confidentiality agreements with us and other legal restrictions that prohibit their use of the information",
      // The Art. 28(3)(a) term itself, which only the contract or legal act can impose (fourth review).
      "These processors can only use your information in accordance with our instructions and for no other purpose.",
    ]) expect(contractReference(text), text).toBeDefined();
    for (const text of ["Generally, these disclosures are made under terms comparable to this policy.", "we choose trustworthy partners", "our terms of service",
      // A clause names no agreement.
      "always covered by a confidentiality clause"]) {
      expect(contractReference(text), text).toBeUndefined();
    }
  });

  it("reads open-ended qualifiers, and leaves criteria alone", () => {
    expect(openEndedQualifier("for the life of the account or as otherwise necessary", "event")?.words).toBe("or as otherwise necessary");
    // An alternative that names the purpose the stated end already bounds leaves nothing open
    // (test/corpus/ADJUDICATION.md, Mittal Cloud); one that names another purpose does.
    expect(openEndedQualifier("until the account is closed, or as necessary to comply with our legal obligations", "event")?.words).toBe("or as necessary");
    expect(openEndedQualifier("until the account is closed, or as necessary to provide services to others", "event")?.words).toBe("or as necessary");
    expect(openEndedQualifier("13 months, OR LONGER where useful", "duration")?.entry.id).toBe("or-longer");
    expect(openEndedQualifier("30 days or as required", "duration")?.entry.id).toBe("or-as-required");
    for (const [text, kind] of [
      ["We retain your information for as long as your account is active and as necessary to provide you with the service.", "event"],
      ["We will retain your personal data for as long as your account remains active, or as necessary to provide you with the Services.", "event"],
      ["only as long as necessary to handle your request", "event"], ["3 years, unless further storage is required to comply with applicable law", "duration"],
      ["2 years, or as required by law", "duration"], ["Active accounts will have data retained indefinitely.", "event"],
    ] as const) expect(openEndedQualifier(text, kind), text).toBeUndefined();
    expect(openEndedQualifier("kept 2 years, or indefinitely for backups", "duration")?.entry.id).toBe("indefinitely");
  });
});

describe("security-not-a-measure", () => {
  it("vague words on the organization's own system: one finding on its security line, quoting them", () => {
    const shape = own('"We employ the absolute security of your data."');
    const ds = findings(shape, "security-not-a-measure");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe("warning");
    expect(ds[0]!.message).toContain('("We employ the absolute security of your data.")');
    expect(lineOf(shape, ds[0]!.span.line)).toBe('security "We employ the absolute security of your data."');
  });

  it("a recognised measure among vague words passes, on one line or on a second security line", () => {
    expect(codes(own('"commercially acceptable means", "access is restricted to the support team"'))).toEqual([]);
    const second = sys("store", '  kind storage\n  operator self\n  located NL\n  stores email for p\n  security "commercially acceptable means"\n  security "daily backups"');
    expect(codes(second)).toEqual([]);
  });

  it("a certified iso27001 or soc2 system passes; dpf certifies no measure", () => {
    const vendor = (cert: string) => sys("host", `  kind server\n  operator "Host B.V." as processor\n  located NL\n  certified ${cert}\n  security "reasonable measures"`);
    expect(codes(vendor("iso27001"))).not.toContain("security-not-a-measure");
    expect(codes(vendor("soc2"))).not.toContain("security-not-a-measure");
    expect(codes(vendor("dpf"))).toContain("security-not-a-measure");
  });

  it("the same words on several systems are one finding, the others related; other words are their own", () => {
    const ds = findings(two(own('"reasonable measures"'), sys("files", '  kind storage\n  operator self\n  located NL\n  stores email for p\n  security "reasonable measures"')), "security-not-a-measure");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.related.map((r) => r.message)).toEqual(["`files` has the same security statement"]);
    const apart = findings(two(own('"reasonable measures"'), sys("files", '  kind storage\n  operator self\n  located NL\n  stores email for p\n  security "we care about security"')), "security-not-a-measure");
    expect(apart).toHaveLength(2);
  });

  it("silent for the data subject's device, an independent controller's system and a processor bound by a recognised contract", () => {
    expect(codes(sys("phone", '  kind mobile_app\n  security "absolute security"'))).not.toContain("security-not-a-measure");
    expect(codes(sys("ads", '  kind saas\n  operator "AdCo Ltd" as controller\n  located IE\n  security "absolute security"'))).not.toContain("security-not-a-measure");
    expect(codes(sys("host", '  kind server\n  operator "Host B.V." as processor\n  contract "Host DPA, 2024-03-01"\n  located NL\n  security "absolute security"'))).toEqual([]);
    // A processor whose contract words refer to nothing: both gaps are said, each once.
    const vague = codes(sys("host", '  kind server\n  operator "Host B.V." as processor\n  contract "terms comparable to this policy"\n  located NL\n  security "absolute security"'));
    expect(vague.filter((c) => c === "security-not-a-measure" || c === "contract-not-a-dpa").sort()).toEqual(["contract-not-a-dpa", "security-not-a-measure"]);
  });

  it("silent when the system's kind or its operator's role did not read (the typo has its own error)", () => {
    const r = codes(sys("store", '  kind strage\n  operator self\n  located NL\n  security "absolute security"'));
    expect(r).toContain("invalid-value");
    expect(r).not.toContain("security-not-a-measure");
    const role = codes(sys("ads", '  kind saas\n  operator "AdCo Ltd" as controler\n  located IE\n  security "absolute security"'));
    expect(role).toContain("invalid-value");
    expect(role).not.toContain("security-not-a-measure");
  });

  it("info in a model read from a published notice", () => {
    const ds = findings({ header: "describes notice\n", ...own('"absolute security"') }, "security-not-a-measure");
    expect(ds.map((d) => d.severity)).toEqual(["info"]);
  });
});

describe("contract-not-a-dpa", () => {
  const processor = (id: string, vendor: string, contract: string, role = "processor") => sys(id, `  kind email\n  operator "${vendor}" as ${role}\n  located NL${contract ? `\n  contract ${contract}` : ""}`);

  it("vague contract words on a processor: one finding on the contract line, naming the vendor", () => {
    const shape = processor("mailer", "Mailer B.V.", '"Generally, under terms comparable to this policy"');
    const ds = findings(shape, "contract-not-a-dpa");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('processor Mailer B.V.\'s contract ("Generally, under terms comparable to this policy") refers to no Art. 28 contract (system `mailer`)');
    expect(lineOf(shape, ds[0]!.span.line)).toBe('contract "Generally, under terms comparable to this policy"');
  });

  it("a sub-processor is bound the same way", () => {
    expect(codes(processor("sub", "Sub B.V.", '"we choose trustworthy partners"', "subprocessor"))).toContain("contract-not-a-dpa");
  });

  it("silent for the organization's own system and for controllers: no processor to bind", () => {
    const self = sys("store", '  kind storage\n  operator self\n  located NL\n  stores email for p\n  security "encryption at rest"\n  contract "terms comparable to this policy"');
    expect(codes(self)).toEqual([]);
    expect(codes(processor("ads", "AdCo Ltd", '"terms comparable to this policy"', "controller"))).not.toContain("contract-not-a-dpa");
    expect(codes(processor("ads", "AdCo Ltd", '"terms comparable to this policy"', "joint_controller"))).not.toContain("contract-not-a-dpa");
  });

  it("one finding per vendor: a recognised contract on any of its systems covers the others", () => {
    const covered = two(processor("mail_a", "Mailer B.V.", '"terms comparable to this policy"'), processor("mail_b", "Mailer B.V.", '"Mailer DPA"'));
    expect(codes(covered)).not.toContain("contract-not-a-dpa");
    const both = findings(two(processor("mail_a", "Mailer B.V.", '"terms comparable to this policy"'), processor("mail_b", "Mailer B.V.", '"our usual terms"')), "contract-not-a-dpa");
    expect(both).toHaveLength(1);
    expect(both[0]!.related.map((r) => r.message)).toEqual(["`mail_b` is also run by Mailer B.V., with no contract reference"]);
  });

  it("the same words given to several vendors are one finding, the other vendors related", () => {
    const same = findings(two(processor("mail", "Mailer B.V.", '"always covered by a confidentiality clause"'), processor("host", "Hoster B.V.", '"always covered by a confidentiality clause"')), "contract-not-a-dpa");
    expect(same).toHaveLength(1);
    expect(same[0]!.message).toContain("; the same words stand for Hoster B.V.");
    expect(same[0]!.related.map((r) => r.message)).toEqual(["`host` (Hoster B.V.) has the same contract words"]);
    const apart = findings(two(processor("mail", "Mailer B.V.", '"always covered by a confidentiality clause"'), processor("host", "Hoster B.V.", '"our usual terms"')), "contract-not-a-dpa");
    expect(apart).toHaveLength(2);
    // Words that hold the others' sentence whole are that sentence too: one finding, on the first system.
    const longer = findings(two(processor("mail", "Mailer B.V.", '"They may use it for nothing else, and are always covered by a confidentiality clause."'), processor("host", "Hoster B.V.", '"always covered by a confidentiality clause"')), "contract-not-a-dpa");
    expect(longer).toHaveLength(1);
    expect(longer[0]!.message).toContain("system `mail`");
    expect(longer[0]!.related.map((r) => r.message)).toEqual(["`host` (Hoster B.V.) has the same contract words"]);
    // A short common phrase does not join unrelated statements.
    expect(findings(two(processor("mail", "Mailer B.V.", '"our terms, always"'), processor("host", "Hoster B.V.", '"terms"')), "contract-not-a-dpa")).toHaveLength(2);
  });

  it("silent when the operator's role did not read, and when there is no contract line (processor-without-contract's)", () => {
    const typo = codes(processor("mailer", "Mailer B.V.", '"terms comparable to this policy"', "procesor"));
    expect(typo).toContain("invalid-value");
    expect(typo).not.toContain("contract-not-a-dpa");
    const none = codes(processor("mailer", "Mailer B.V.", ""));
    expect(none).toContain("processor-without-contract");
    expect(none).not.toContain("contract-not-a-dpa");
  });

  it("a contract taken from a vendor entry is the entry's DPA: not read", () => {
    const entry = `vendor mailer_inc "Mailer" {\n  kind email\n  operator "Mailer B.V." in NL\n  located NL\n  role processor\n  contract "Mailer standard terms"\n  as_of "2026-11-01"\n  source "https://mailer.example/legal"\n}`;
    const r = checkSource("t.flow", model({ systems: `${entry}\nsystem mailer "Mailer" from mailer_inc`, flows: "flow db -> mailer { data email  for p }" }));
    expect(r.model.systems.find((s) => s.id === "mailer")?.contract).toBe("Mailer standard terms");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("contract-not-a-dpa");
  });
});

describe("retention-open-ended", () => {
  it("a stated event with 'or as otherwise necessary': one finding on the retention line, quoting the qualifier", () => {
    const shape = { retention: 'until account_deleted "for the life of the account or as otherwise necessary"' };
    const ds = findings(shape, "retention-open-ended");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe("warning");
    expect(ds[0]!.message).toContain('purpose `p` keeps data until account_deleted, but the policy\'s words leave that open ("or as otherwise necessary")');
    expect(lineOf(shape, ds[0]!.span.line)).toBe(`retention ${shape.retention}`);
  });

  it("a period with 'or longer', or 'indefinitely' after it", () => {
    expect(findings({ retention: '13 months "13 months or longer"' }, "retention-open-ended")[0]!.message).toContain("keeps data for 13 months");
    expect(codes({ retention: '2 years "two years; backups may be kept indefinitely"' })).toContain("retention-open-ended");
  });

  it("unspecified and indefinite retentions are the other rules' findings, once", () => {
    const unspecified = codes({ retention: 'unspecified "as long as necessary"' });
    expect(unspecified).toContain("retention-missing");
    expect(unspecified).not.toContain("retention-open-ended");
    const indefinite = codes({ retention: 'indefinite "for a variety of purposes"' });
    expect(indefinite).toContain("retention-indefinite");
    expect(indefinite).not.toContain("retention-open-ended");
  });

  it("silent for criteria: 'as long as necessary' beside its event, 'and as necessary', the law's periods", () => {
    expect(codes({ retention: 'until request_resolved "only as long as necessary to answer your request"' })).toEqual([]);
    expect(codes({ retention: 'until account_deleted "as long as your account is active and as necessary to provide the service"' })).toEqual([]);
    expect(codes({ retention: '3 years "three years, or as required by law"' })).toEqual([]);
    expect(codes({ retention: 'until account_closed "Active accounts will have data retained indefinitely."' })).toEqual([]);
  });

  it("silent for a processor's purpose and for credibly anonymous data", () => {
    expect(codes({ purpose: "  role processor", retention: 'until contract_ended "or as otherwise necessary"' })).not.toContain("retention-open-ended");
    const anonymous = checkSource("t.flow", model({ retention: '1 years "or longer"' }).replace('data email "E-mail" { kind contact }', 'data email "Counts" { kind usage  anonymous "monthly totals only" }'));
    expect(anonymous.diagnostics.map((d) => d.code)).not.toContain("retention-open-ended");
  });

  it("on a stores line too; the same words on a purpose and a stores line are one finding", () => {
    const line = own('"encryption at rest"').systems.replace("stores email for p", 'stores email for p retention 6 months "six months, or as otherwise necessary"');
    const ds = findings({ ...own(""), systems: line }, "retention-open-ended");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("system `store`'s `stores` line keeps data for 6 months");
    const same = line.replace('6 months "six months, or as otherwise necessary"', '1 years "a year or longer"');
    const one = findings({ ...own(""), systems: same, retention: '1 years "a year or longer"' }, "retention-open-ended");
    expect(one).toHaveLength(1);
    expect(one[0]!.message).toContain("purpose `p` keeps data for 1 years");
    expect(one[0]!.related.map((r) => r.message)).toEqual(["system `store`'s `stores` line has the same retention words"]);
  });
});
