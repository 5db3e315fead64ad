/** Where the recipients, sensitive-data and free-text rules must speak, once, and where they must stay
 *  silent: named systems, processors' purposes, linked flows, values that did not read, recipients
 *  whose location is already reported unknown, public authorities. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";

const header = (role = "controller") => `model "T" { regime gdpr }
organization acme "Acme" {
  role ${role}
  country NL
  contact "privacy@acme.example"
}
subject customer { kind customer }
system browser { kind browser }
system app { kind server  operator self  located NL  security "tls" }
`;
const run = (text: string) => checkSource("t.flow", text);
const of = (text: string, code: string) => run(text).diagnostics.filter((d) => d.code === code);

describe("unnamed-recipient", () => {
  /** Card data (sensitive) to a recipient named only by category, over two flows. */
  const model = (o: { unnamed?: string; located?: string; kind?: string; dataKind?: string; purposeRole?: string; mechanism?: string; extra?: string } = {}) => `${header()}data email { kind contact }
data card { kind ${o.dataKind ?? "payment_card"} }
purpose orders {
  basis contract
  subjects customer
  data email, card
  retention 2 years
${o.purposeRole ? `  role ${o.purposeRole}\n` : ""}}
flow browser -> app { data email, card  for orders }
system providers {
  kind ${o.kind ?? "saas"}
${o.unnamed === "" ? "" : `  unnamed "${o.unnamed ?? "our service providers (such as Amazon)"}"\n`}  operator "Service providers" as processor
  contract "DPA 2024"
  located ${o.located ?? "DE"}
}
flow app -> providers { data card  for orders${o.mechanism ?? ""} }
flow app -> providers { data email, card  for orders${o.mechanism ?? ""} }
${o.extra ?? ""}`;

  it("one finding per system, however many flows bring the data, on its `unnamed` line", () => {
    const r = run(model());
    const found = r.diagnostics.filter((d) => d.code === "unnamed-recipient");
    expect(found).toHaveLength(1);
    expect(found[0]!.span.line).toBe(r.model.systems.find((s) => s.id === "providers")!.spans.unnamed!.line);
    expect(found[0]!.message).toContain('"our service providers (such as Amazon)"');
    expect(found[0]!.message).toContain("`card` (payment card data)");
    // In the EEA: no transfer to speak of.
    expect(found[0]!.message).not.toContain("leaving the EEA");
    expect(found[0]!.related.filter((x) => x.message.startsWith("flow"))).toHaveLength(2);
  });

  it("silent for a named recipient, and for a category that receives only ordinary data in the EEA", () => {
    expect(of(model({ unnamed: "" }), "unnamed-recipient")).toEqual([]);
    expect(of(model({ dataKind: "identifiers" }), "unnamed-recipient")).toEqual([]);
  });

  it("data leaving the EEA is a reason of its own, with the country named", () => {
    const found = of(model({ dataKind: "identifiers", located: "US", mechanism: "  mechanism scc c2p  tia \"TIA-1\"" }), "unnamed-recipient");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("data leaving the EEA (to United States (US))");
    expect(found[0]!.message).toContain("Art. 13(1)(f)");
    expect(found[0]!.message).not.toContain("sensitive");
  });

  it("special-category data is named as such", () => {
    expect(of(model({ dataKind: "health" }), "unnamed-recipient")[0]!.message).toContain("special-category or sensitive data `card` (health data)");
  });

  it("silent where the location is already reported unknown: one finding for the recipient that cannot be placed", () => {
    const r = run(model({ located: "unspecified" }));
    expect(r.diagnostics.map((d) => d.code)).toContain("location-unspecified");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("unnamed-recipient");
    // Unknown countries with no safeguard: `transfer-unknown-destination` says it.
    const anywhere = run(model({ located: "anywhere" }));
    expect(anywhere.diagnostics.map((d) => d.code)).toContain("transfer-unknown-destination");
    expect(anywhere.diagnostics.map((d) => d.code)).not.toContain("unnamed-recipient");
  });

  it("unknown countries covered by SCCs: nothing else speaks, so it does, for the data only", () => {
    const r = run(model({ located: "anywhere", mechanism: "  mechanism scc c2p" }));
    expect(r.diagnostics.map((d) => d.code)).not.toContain("transfer-unknown-destination");
    const found = r.diagnostics.filter((d) => d.code === "unnamed-recipient");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).not.toContain("leaving the EEA");
  });

  it("silent for purposes the organization carries out as a processor, on its flows and its stores lines", () => {
    expect(of(model({ purposeRole: "processor" }), "unnamed-recipient")).toEqual([]);
    // The recipient keeps the card only for the customer's purpose: its stores line is not the organization's either.
    const stored = model({ purposeRole: "processor" }).replace('  located DE\n}', '  located DE\n  stores card for orders\n}');
    expect(stored).toContain("stores card for orders");
    expect(of(stored, "unnamed-recipient")).toEqual([]);
  });

  it("silent where the place is not known, `abroad` included (location-unspecified names the gap)", () => {
    expect(of(model({ located: "abroad" }), "unnamed-recipient")).toEqual([]);
    expect(of(model({ located: "abroad" }), "location-unspecified")).toHaveLength(1);
  });

  it("silent for a public authority: a disclosure on demand has no recipient known in advance", () => {
    expect(of(model({ kind: "authority" }), "unnamed-recipient")).toEqual([]);
  });

  it("silent when the system's or the data's kind did not read", () => {
    const typoSystem = run(model({ kind: "sas" }));
    expect(typoSystem.diagnostics.some((d) => d.code.startsWith("invalid-") || d.code === "unknown-name")).toBe(true);
    expect(typoSystem.diagnostics.map((d) => d.code)).not.toContain("unnamed-recipient");
    const typoData = run(model({ dataKind: "payment_crd" }));
    expect(typoData.diagnostics.map((d) => d.code)).not.toContain("unnamed-recipient");
  });

  it("silent for flows the data subject makes on their own (`linked`)", () => {
    const text = `${header()}data card { kind payment_card }
purpose donations {
  basis contract
  subjects customer
  data card
  retention 2 years
}
system give {
  kind payment
  unnamed "donation platforms"
  operator "Donation platforms" as controller
  located DE
}
flow browser -> give {
  data card
  for donations
  linked "You donate on the platform's own site"
}
`;
    const r = run(text);
    expect(r.diagnostics.map((d) => d.code)).not.toContain("unnamed-recipient");
    // Without `linked`, the organization sends it: reported.
    expect(of(text.replace(/  linked .*\n/, ""), "unnamed-recipient")).toHaveLength(1);
  });

  it("a `stores` line of sensitive data on the recipient counts, with the line as a related place", () => {
    const text = model({ dataKind: "identifiers" }).replace('  contract "DPA 2024"', '  contract "DPA 2024"\n  stores email\n  security "tls"')
      .replace("data email { kind contact }", "data email { kind credentials }");
    const found = of(text, "unnamed-recipient");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("`email` (credentials)");
    expect(found[0]!.related.some((x) => x.message === "`providers` stores `email`")).toBe(true);
  });
});
describe("communications: sensitive as correspondence between people, not as a message to the organization", () => {
  const support = (extra = "") => `${header()}data ticket { kind communications }
purpose support {
  basis contract
  subjects customer
  data ticket
  retention 2 years
}
flow browser -> app { data ticket  for support }
system helpdesk { kind helpdesk  unnamed "a helpdesk provider"  operator "Helpdesk provider" as processor  contract "DPA 2024"  located DE }
flow app -> helpdesk { data ticket  for support }
${extra}`;

  it("a support request to the organization itself is not sensitive communications: no unnamed-recipient finding for it", () => {
    expect(of(support(), "unnamed-recipient")).toEqual([]);
  });

  it("the same data carried to another person's device is: the recipient named only by category is a finding", () => {
    const carried = support("system friend { kind peer_device }\nflow app -> friend { data ticket  for support }\n");
    expect(of(carried, "unnamed-recipient")).toHaveLength(1);
  });
});


describe("sensitive-data-noted", () => {
  const model = (o: { subjects?: string; second?: string; obtained?: string; dataKind?: string; role?: string; extra?: string; security?: string } = {}) => `${header()}subject callers { kind non_user }
data calls {
  kind ${o.dataKind ?? "communications"}
${o.obtained ? `  obtained ${o.obtained}\n` : ""}}
purpose service {
  basis contract
  subjects ${o.subjects ?? "customer, callers"}
  data calls
  retention 6 months
${o.role ? `  role ${o.role}\n` : ""}}
purpose support {
  basis contract
  subjects ${o.second ?? "customer, callers"}
  data calls
  retention 1 years
${o.role ? `  role ${o.role}\n` : ""}}
system db { kind database  operator self  located NL  stores calls for service${o.security === "" ? "" : `  security "${o.security ?? "encryption at rest"}"`} }
system db2 { kind database  operator self  located NL  stores calls for support  security "access control" }
flow browser -> app { data calls  for service, support }
flow app -> db { data calls  for service }
flow app -> db2 { data calls  for support }
${o.extra ?? ""}`;

  it("data about non-users: one finding for the data category, with what protects it and how long it is kept", () => {
    const found = of(model(), "sensitive-data-noted");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("communications content `calls` is sensitive data about people other than the user (subjects `callers` are not users)");
    expect(found[0]!.message).toContain('protected by: `db` ("encryption at rest"); `db2` ("access control")');
    expect(found[0]!.message).toContain("kept: `service` 6 months, `support` 1 years");
    expect(found[0]!.related.filter((x) => x.message.endsWith("stores it"))).toHaveLength(2);
  });

  it("a system that states no security is said in the finding, not as a second one", () => {
    const found = of(model({ security: "" }), "sensitive-data-noted");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("`db` (no security stated)");
  });

  it("silent when one purpose using the data is about users only (the data may be theirs alone)", () => {
    expect(of(model({ second: "customer" }), "sensitive-data-noted")).toEqual([]);
  });

  it("a non-user beside a user's own credentials or location does not make them the non-user's", () => {
    expect(of(model({ dataKind: "credentials" }), "sensitive-data-noted")).toEqual([]);
    expect(of(model({ dataKind: "precise_location" }), "sensitive-data-noted")).toEqual([]);
    // Unless the data comes from other users.
    expect(of(model({ dataKind: "precise_location", obtained: 'other_users "friends share where they are"' }), "sensitive-data-noted")).toHaveLength(1);
  });

  it("data obtained from other users counts, whoever the subjects are", () => {
    const found = of(model({ subjects: "customer", second: "customer", obtained: 'other_users "what your friends share"' }), "sensitive-data-noted");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('obtained from other users ("what your friends share")');
  });

  it("silent for sensitive data about the users themselves, even with gaps other rules report", () => {
    const r = run(model({ subjects: "customer", second: "customer", security: "" }));
    expect(r.diagnostics.map((d) => d.code)).toContain("storage-without-security");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("sensitive-data-noted");
  });

  it("silent for special-category data (the Art. 9 rules read it), for data that is not sensitive, and when the kind did not read", () => {
    expect(of(model({ dataKind: "health" }), "sensitive-data-noted")).toEqual([]);
    expect(of(model({ dataKind: "usage" }), "sensitive-data-noted")).toEqual([]);
    expect(of(model({ dataKind: "communicatons" }), "sensitive-data-noted")).toEqual([]);
  });

  it("silent for a processor's purposes", () => {
    expect(of(model({ role: "processor" }), "sensitive-data-noted")).toEqual([]);
  });

  it("call metadata: reported when no data covers the calls' content, silent when one does", () => {
    const users = { dataKind: "call_metadata", subjects: "customer", second: "customer" };
    const found = of(model(users), "sensitive-data-noted");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("recording calls whose content no data category covers");
    expect(found[0]!.message).not.toContain("other than the user");
    const content = "data voice { kind audio_video }\npurpose relay { basis contract  subjects customer  data voice  retention 1 days }\n";
    expect(of(model({ ...users, extra: content }), "sensitive-data-noted")).toEqual([]);
  });
});

describe("free-text-special-unassessed", () => {
  const model = (o: { subject?: string; position?: string; condition?: string; dataKind?: string; role?: string; extra?: string } = {}) => `${header()}subject writer { kind ${o.subject ?? "patient"} }
data notes {
  kind ${o.dataKind ?? "content"}
${o.position ? `  special ${o.position}\n` : ""}}
purpose intake {
  basis contract
${o.condition ? `  condition ${o.condition}\n` : ""}  subjects writer
  data notes
  retention 1 years
  dpia "DPIA-1"
${o.role ? `  role ${o.role}\n` : ""}}
purpose follow_up {
  basis contract
${o.condition ? `  condition ${o.condition}\n` : ""}  subjects writer
  data notes
  retention 1 years
  dpia "DPIA-1"
${o.role ? `  role ${o.role}\n` : ""}}
flow browser -> app { data notes  for intake, follow_up }
${o.extra ?? ""}`;

  it("free text from patients: one finding per data category, however many purposes use it", () => {
    const found = of(model(), "free-text-special-unassessed");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("user content `notes` may hold special-category data (it concerns patients (`writer`))");
    expect(found[0]!.message).toContain("purposes `intake`, `follow_up`");
  });

  it("employees and job applicants are a context too; customers of a plain service are not", () => {
    expect(of(model({ subject: "job_applicant" }), "free-text-special-unassessed")).toHaveLength(1);
    expect(of(model({ subject: "employee", dataKind: "image" }), "free-text-special-unassessed")).toHaveLength(1);
    expect(of(model({ subject: "customer" }), "free-text-special-unassessed")).toEqual([]);
    expect(of(model({ subject: "customer", dataKind: "communications" }), "free-text-special-unassessed")).toEqual([]);
  });

  it("special-category data of the organization's own makes the context", () => {
    const health = "data cycle { kind health }\npurpose tracking { basis consent  consent explicit \"Tick to track\"  condition explicit_consent  subjects customer  data cycle  retention 1 years  dpia \"DPIA-2\" }\n";
    const found = of(model({ subject: "customer", extra: health }), "free-text-special-unassessed");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("the service processes health data (`cycle`)");
  });

  it("a stated position or an Art. 9 condition silences it; `special possible` hands it to the special-category rules", () => {
    expect(of(model({ position: 'none "We ask patients not to describe symptoms here"' }), "free-text-special-unassessed")).toEqual([]);
    expect(of(model({ condition: "health_care" }), "free-text-special-unassessed")).toEqual([]);
    const possible = run(model({ position: 'possible "Patients may describe symptoms"' }));
    expect(possible.diagnostics.map((d) => d.code)).not.toContain("free-text-special-unassessed");
    expect(possible.diagnostics.map((d) => d.code)).toContain("special-category-without-condition");
  });

  it("silent when the `special` line, the data's kind or a condition did not read", () => {
    const typo = run(model({ position: 'maybe "who knows"' }));
    expect(typo.diagnostics.some((d) => d.code.startsWith("invalid-") || d.code === "syntax-error" || d.code === "unknown-name")).toBe(true);
    expect(typo.diagnostics.map((d) => d.code)).not.toContain("free-text-special-unassessed");
    expect(of(model({ dataKind: "contnet" }), "free-text-special-unassessed")).toEqual([]);
    expect(of(model({ condition: "health_cure" }), "free-text-special-unassessed")).toEqual([]);
  });

  it("silent for a processor's purposes", () => {
    expect(of(model({ role: "processor" }), "free-text-special-unassessed")).toEqual([]);
  });
});

describe("operator-unspecified: a vendor whose role is not stated", () => {
  const open = (header: string) => `model "T" { regime gdpr${header} }
organization acme "Acme" {
  role controller
  country NL
  contact "privacy@acme.example"
}
subject customer { kind customer }
data email { kind contact }
purpose orders {
  basis contract
  subjects customer
  data email
  retention 2 years
}
system app { kind server  operator self  located NL  security "tls" }
system hosting { kind server  operator "Hosting B.V."  located NL }
flow app -> hosting { data email  for orders }
`;
  it("is a warning in the organization's record and info in a model read from a notice (a notice owes recipients, not roles)", () => {
    const record = of(open(""), "operator-unspecified");
    expect(record.map((d) => d.severity)).toEqual(["warning"]);
    const notice = of(open("  describes notice"), "operator-unspecified");
    expect(notice.map((d) => [d.severity, d.message])).toEqual([["info", "vendor Hosting B.V. (system `hosting`) has no role (the notice does not say whether it acts as processor or controller: ask)"]]);
  });

  it("one vendor leaving its role open on several systems is one finding, the others related; another vendor is its own", () => {
    const two = `${open("")}system backup { kind storage  operator "Hosting B.V."  located NL }\nflow app -> backup { data email  for orders }\n`;
    const found = of(two, "operator-unspecified");
    expect(found.map((d) => d.message)).toEqual(["vendor Hosting B.V. (system `hosting`) has no role; nor on `backup`"]);
    expect(found[0]!.related.map((r) => r.message)).toEqual(["`backup` is Hosting B.V.'s too, with no role"]);
    expect(of(two.replace('operator "Hosting B.V."  located NL }\nflow app -> backup', 'operator "Backup GmbH"  located NL }\nflow app -> backup'), "operator-unspecified")).toHaveLength(2);
  });

  it("not asked of a public authority, nor of a recipient of only credibly anonymous data", () => {
    const authority = open("").replace('system hosting { kind server  operator "Hosting B.V."  located NL }', 'system hosting { kind authority  operator "The police"  located NL }');
    expect(of(authority, "operator-unspecified")).toEqual([]);
    // With no operator line at all, too.
    expect(of(open("").replace('system hosting { kind server  operator "Hosting B.V."  located NL }', "system hosting { kind authority  located NL }"), "operator-unspecified")).toEqual([]);
    expect(of(open("").replace('system hosting { kind server  operator "Hosting B.V."  located NL }', "system hosting { kind server  located NL }"), "operator-unspecified")).toHaveLength(1);
    const totals = open("").replace("data email { kind contact }", 'data email { kind contact }\ndata totals { kind usage  anonymous "aggregate counts" }').replace("  data email\n  retention", "  data email, totals\n  retention").replace("flow app -> hosting { data email  for orders }", "flow app -> hosting { data totals  for orders }");
    expect(of(totals, "operator-unspecified")).toEqual([]);
    expect(of(totals.replace("data totals  for orders }", "data totals, email  for orders }"), "operator-unspecified")).toHaveLength(1);
  });
});

describe("location-unspecified: a third party the organization's customers reach through it", () => {
  const integration = (purposeRole: string, operatorRole: string) => `model "T" { regime gdpr }
organization acme "Acme" {
  role controller
  country FR
  contact "privacy@acme.example"
}
subject visitor { kind visitor }
data answers { kind content }
purpose chatbots {
  basis contract
  subjects visitor
  data answers
  retention 1 years
${purposeRole}}
system app { kind server  operator self  located FR  security "tls"  stores answers for chatbots }
system llm { kind saas  operator "LLM Inc." as ${operatorRole}  located unspecified }
flow app -> llm { data answers  for chatbots }
`;
  it("is the customer's to locate when it receives data only for purposes the organization carries out as a processor", () => {
    expect(of(integration('  role processor "for our customers"\n', "controller"), "location-unspecified")).toEqual([]);
    // The organization's own purpose, or its own sub-processor, is still asked.
    expect(of(integration("", "controller"), "location-unspecified")).toHaveLength(1);
    expect(of(integration('  role processor "for our customers"\n', "subprocessor"), "location-unspecified")).toHaveLength(1);
  });
});
