/** Whose processing it is: a data subject reaching a third party on their own (`linked`), and a
 *  purpose the organization carries out as a processor (`role processor`). Rules must stay silent
 *  where the organization neither discloses nor decides. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { parseFlow } from "../src/syntax/parser.js";
import { printFlowFile } from "../src/syntax/print.js";

const header = (role = "controller") => `model "T" { regime gdpr }
organization acme "Acme" {
  role ${role}
  country NL
  contact "privacy@acme.example"
}
subject donor
data email { kind contact }
system browser { kind browser }
`;
const codes = (r: ReturnType<typeof checkSource>) => r.diagnostics.map((d) => d.code);

describe("`linked`: the data subject reaches a third party on their own", () => {
  const model = (linked: string) => `${header()}purpose donations {
  basis contract
  subjects donor
  data email
  retention 10 years
}
system give { kind saas  operator "Give Inc." as controller  located US }
flow browser -> give {
  data email
  for donations
${linked}}
`;

  it("without it, a US platform the browser sends to is a transfer and an embedded collection", () => {
    const r = checkSource("t.flow", model(""));
    expect(r.transfers).toHaveLength(1);
    expect(codes(r)).toEqual(expect.arrayContaining(["transfer-without-mechanism", "embedded-collection-not-joint"]));
  });

  it("a payment provider acting as controller collects the payment for its own service: no transfer and no joint collection, without `linked`", () => {
    const r = checkSource("t.flow", model("").replace("kind saas", "kind payment"));
    expect(r.transfers).toEqual([]);
    expect(codes(r)).not.toContain("embedded-collection-not-joint");
    // Run for the organization (a processor), the same collection is its own transfer.
    const processor = checkSource("t.flow", model("").replace('kind saas  operator "Give Inc." as controller', 'kind payment  operator "Give Inc." as processor  contract "DPA"'));
    expect(processor.transfers).toHaveLength(1);
  });

  it("with it, neither: no disclosure by the organization", () => {
    const r = checkSource("t.flow", model('  linked "Donations are made on Give\'s own website; we have no access to this data"\n'));
    expect(r.transfers).toEqual([]);
    expect(codes(r)).toEqual([]);
    expect(r.model.flows[0]!.linked).toContain("we have no access");
  });

  it("a platform reached only through linked flows gets no location finding", () => {
    const r = checkSource("t.flow", model('  linked "On Give\'s own pages"\n').replace("located US", "located unspecified"));
    expect(codes(r)).toEqual([]);
  });

  it("on a flow the organization sends itself, `linked` changes nothing and is reported", () => {
    const text = `${header()}purpose donations {
  basis contract
  subjects donor
  data email
  retention 10 years
}
system app { kind server  operator self  located NL  security "tls"  stores email for donations }
system give { kind payment  operator "Give Inc." as controller  located US }
flow browser -> app { data email  for donations }
flow app -> give {
  data email
  for donations
  linked "We pass your details to Give"
}
`;
    const r = checkSource("t.flow", text);
    expect(codes(r)).toEqual(expect.arrayContaining(["linked-not-independent", "transfer-without-mechanism"]));
    expect(r.transfers).toHaveLength(1);
  });

  it("fmt keeps it", () => {
    const text = model('  linked "On Give\'s own pages"\n');
    const parsed = parseFlow("t.flow", text);
    const printed = printFlowFile(parsed.file, parsed.source);
    expect(printed).toContain('linked "On Give\'s own pages"');
  });
});

describe("`role processor` on a purpose", () => {
  const model = (role: string, orgRole = "controller") => `${header(orgRole)}data health_notes { kind health }
purpose customer_stats {
${role}  subjects donor
  data email, health_notes
}
system app { kind server  operator self  located NL  security "tls"  stores email, health_notes for customer_stats }
flow browser -> app { data email, health_notes  for customer_stats }
`;

  it("a controller's purpose with no basis, retention or Art. 9 condition has three findings (and the DPO question its health data raises)", () => {
    expect(codes(checkSource("t.flow", model(""))).sort()).toEqual(["dpo-contact-missing", "purpose-without-basis", "retention-missing", "special-category-without-condition"]);
  });

  it("carried out as a processor, the controller answers for them: none", () => {
    const r = checkSource("t.flow", model('  role processor "For data collected on behalf of your website, we act as a data processor."\n'));
    expect(codes(r)).toEqual([]);
    expect(r.model.purposes[0]).toMatchObject({ role: "processor", roleNote: expect.stringContaining("data processor") });
  });

  it("an organization whose role is processor: its purposes are processor purposes unless one says `role controller`", () => {
    expect(codes(checkSource("t.flow", model("", "processor")))).toEqual([]);
    expect(codes(checkSource("t.flow", model("  role controller\n", "processor")))).toContain("purpose-without-basis");
  });

  it("a misspelt role is one error", () => {
    const r = checkSource("t.flow", model("  role procesor\n"));
    expect(codes(r)).toEqual(["invalid-value"]);
    expect(r.diagnostics[0]!.message).toContain("processor");
  });
});

describe("the record a purpose belongs in", () => {
  it("a controller's purpose done for customers (`role processor`) is in the processor record, not the controller's", async () => {
    const { buildRegister } = await import("../src/register/index.js");
    const text = `${header()}purpose own {
  basis contract
  subjects donor
  data email
  retention 1 years
}
purpose customer_stats {
  role processor "For data collected on behalf of your website, we act as a data processor."
  subjects donor
  data email
}
system app { kind server  operator self  located NL  security "tls"  stores email for own, customer_stats }
flow browser -> app { data email  for own, customer_stats }
`;
    const r = checkSource("t.flow", text);
    const refs = (record: "controller" | "processor") => buildRegister(r, record).rows.map((row) => row[0]);
    expect(refs("controller")).toEqual(["own"]);
    expect(refs("processor")).toEqual(["customer_stats"]);
  });
});
