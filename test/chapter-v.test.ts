/** Chapter V, the parts added after the first pass: Art. 3(2) targeting, what a failed ground leaves
 *  uncovered, and unknown destinations on the organization's own systems. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";

const org = (country: string, extra = "") => `model "T" { regime gdpr }
organization acme "Acme" {
  role controller
  country ${country}
  contact "privacy@acme.example"
${extra}}
subject customer
data email { kind contact }
purpose orders {
  basis contract
  subjects customer
  data email
  retention 1 years
}
system browser { kind browser }
`;

const codes = (r: ReturnType<typeof checkSource>) => r.diagnostics.map((d) => d.code);
const find = (r: ReturnType<typeof checkSource>, code: string) => r.diagnostics.filter((d) => d.code === code);

describe("Art. 3(2): whether the GDPR applies to a non-EEA organization", () => {
  it("`targets eea` is read into the model with the policy's words", () => {
    const r = checkSource("t.flow", org("US", '  targets eea "We offer the service to customers in the EU"\n  representative "Acme EU Rep, Dublin"\n'));
    expect(r.model.organization?.targets).toEqual({ zone: "eea", note: "We offer the service to customers in the EU" });
    expect(codes(r)).not.toContain("representative-missing");
  });

  it("stating neither targeting nor a representative: one finding, saying applicability is not stated", () => {
    const r = checkSource("t.flow", org("US"));
    const f = find(r, "representative-missing");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("whether the GDPR applies to it is not stated");
    expect(f[0]!.help).toContain("targets eea");
  });

  it("stated targeting without a representative: the finding sits on `targets` and says the representative is owed", () => {
    const text = org("US", '  targets eea "EU customers"\n');
    const r = checkSource("t.flow", text);
    const f = find(r, "representative-missing");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("targets people in the EEA (Art. 3(2))");
    expect(text.split("\n")[f[0]!.span.line - 1]).toContain("targets eea");
  });

  it("an EEA organization needs neither; a misspelt zone is one error with a suggestion", () => {
    expect(codes(checkSource("t.flow", org("NL")))).not.toContain("representative-missing");
    const r = checkSource("t.flow", org("NL", "  targets eaa\n"));
    expect(codes(r).filter((c) => !c.startsWith("unused-"))).toEqual(["invalid-value"]);
    expect(r.diagnostics[0]!.message).toContain("eea");
  });
});

describe("a stated ground that fails does not hide what else the destinations lack", () => {
  const cdn = (ground: string) => `${org("NL")}system cdn { kind cdn  operator "Edge Inc." as processor  contract "DPA"  located US, global }
flow browser -> cdn { data email  for orders
${ground}
}
`;

  it("bundled Art. 49(1)(a) consent: the finding names the uncertified US recipient and the global network", () => {
    const r = checkSource("t.flow", cdn('  mechanism derogation a "By using the site you agree"\n  consent bundled "By using the site you agree"\n  occasional'));
    const f = find(r, "derogation-consent-not-explicit");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("nothing else covers it");
    expect(f[0]!.message).toContain("United States (US): Edge Inc. is not declared DPF-certified, and no SCCs or BCRs are stated");
    expect(f[0]!.message).toContain("global (unknown countries): no adequacy decision can cover it");
    const t = r.transfers[0]!;
    expect(t.destinations.map((d) => [d.place, d.verdict, Boolean(d.uncovered)])).toEqual([["US", "not-covered", true], ["global", "not-covered", true]]);
  });

  it("an invalidated framework names the same gaps", () => {
    const r = checkSource("t.flow", cdn("  mechanism privacy_shield"));
    const f = find(r, "invalidated-framework");
    expect(f.length).toBeGreaterThan(0);
    for (const d of f) expect(d.message).toContain("Edge Inc. is not declared DPF-certified");
  });

  it("a DPF-certified recipient is covered whatever the failed ground; only the unknown countries are left", () => {
    const text = cdn('  mechanism derogation a "By using the site you agree"\n  consent bundled "By using the site you agree"\n  occasional').replace('contract "DPA"', 'contract "DPA"  certified dpf');
    const f = find(checkSource("t.flow", text), "derogation-consent-not-explicit");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).not.toContain("United States (US):");
    expect(f[0]!.message).toContain("global (unknown countries)");
  });

  it("when another stated ground covers every destination, nothing is said to be left", () => {
    const r = checkSource("t.flow", cdn('  mechanism privacy_shield\n  mechanism scc c2p\n  tia "TIA-1"'));
    for (const d of find(r, "invalidated-framework")) expect(d.message).not.toContain("nothing else covers it");
    expect(r.transfers[0]!.destinations.every((d) => d.uncovered === undefined)).toBe(true);
  });
});

describe("unknown destinations on the organization's own systems", () => {
  const own = (appLocated: string) => `${org("NL")}system app { kind server  operator self  located ${appLocated}  security "tls" }
system db { kind database  operator self  located US, unspecified  security "tls"  stores email for orders }
flow browser -> app { data email  for orders }
flow app -> db { data email  for orders }
`;

  it("`located US, unspecified` receiving from an EEA system: a transfer to the US and to an unknown country", () => {
    const r = checkSource("t.flow", own("NL"));
    expect(r.transfers.map((t) => t.destinations.map((d) => d.place))).toEqual([["US", "unspecified"]]);
    // No ground at all: one finding, the missing mechanism, which names the unknown places too.
    expect(codes(r)).toContain("transfer-without-mechanism");
    expect(codes(r)).not.toContain("transfer-unknown-destination");
  });

  it("the same when the sending system's own location is unknown: the receiver names a third country", () => {
    const r = checkSource("t.flow", own("unspecified"));
    expect(r.transfers.map((t) => t.destinations.map((d) => d.place))).toEqual([["US", "unspecified"]]);
    // No ground at all: one finding, the missing mechanism, which names the unknown places too.
    expect(codes(r)).toContain("transfer-without-mechanism");
    expect(codes(r)).not.toContain("transfer-unknown-destination");
  });

  it("two of the organization's systems in unknown places: no verdict to compute, and, in or outside the EEA, one note speaks for both", () => {
    const text = own("unspecified").replace("located US, unspecified", "located unspecified");
    const eea = checkSource("t.flow", text);
    expect(eea.transfers).toEqual([]);
    expect(codes(eea)).not.toContain("location-unspecified");
    const us = checkSource("t.flow", text.replace("country NL", 'country US\n  representative "Acme EU Rep"'));
    expect(us.transfers).toEqual([]);
    // The organization's silence about where it runs its systems is one note, the other system
    // related: its own systems are no importer, wherever it is established (EDPB 05/2021).
    expect(codes(us)).not.toContain("location-unspecified");
    const located = us.diagnostics.filter((d) => d.code === "own-location-unstated");
    expect(located).toHaveLength(1);
    expect(located[0]!.severity).toBe("info");
    expect(located[0]!.related).toHaveLength(1);
  });

  it("collection from the data subject straight into the organization's own system is no transfer", () => {
    const r = checkSource("t.flow", `${org("NL")}system db { kind database  operator self  located US, unspecified  security "tls"  stores email for orders }\nflow browser -> db { data email  for orders }\n`);
    expect(r.transfers).toEqual([]);
  });
});

describe("the register says why the GDPR applies", () => {
  it("the controller cell records stated Art. 3(2) targeting in the policy's words", async () => {
    const { buildRegister, toCsv } = await import("../src/register/index.js");
    const text = `${org("US", '  targets eea "We offer the service to customers in the EU"\n  representative "Acme EU Rep, Dublin"\n')}system app { kind server  operator self  located US  security "tls"  stores email for orders }
flow browser -> app { data email  for orders }
`;
    const csv = toCsv(buildRegister(checkSource("t.flow", text), "controller"), { bom: false });
    expect(csv).toContain('subject to the GDPR under Art. 3(2): offers its services to, or monitors, people in the EEA (""We offer the service to customers in the EU"")');
  });
});

describe("a recipient located only `unspecified`: one finding, on the location or on the transfer", () => {
  const recipient = (block: string, flowExtra = "", country = "NL", located = "unspecified") => `${org(country, country === "US" ? '  targets eea "EU customers"\n  representative "Acme EU Rep, Dublin"\n' : "")}system app { kind server  operator self  located ${country}  security "tls"  stores email for orders }
system vendor {
  kind saas
${block}
  located ${located}
}
flow browser -> app { data email  for orders }
flow app -> vendor { data email  for orders${flowExtra} }
`;

  it("an organization established in the EEA, no ground stated: no transfer is shown, the location gap is the finding, named or not", () => {
    for (const block of ['  operator "Mailer Ltd" as controller', '  operator "Partners" as controller\n  unnamed "our partners"', '  operator "Providers" as processor\n  unnamed "providers"\n  contract "bound by contractual obligations to protect your data"']) {
      const r = checkSource("t.flow", recipient(block));
      expect(r.transfers, block).toEqual([]);
      expect(codes(r), block).toContain("location-unspecified");
      expect(codes(r), block).not.toContain("transfer-unknown-destination");
    }
    // A notice that admits the data may go anywhere says so: that is a transfer to unknown countries.
    expect(codes(checkSource("t.flow", recipient('  operator "Partners" as controller\n  unnamed "our partners"', "", "NL", "anywhere")))).toContain("transfer-unknown-destination");
  });

  it("`located abroad` (outside the EEA, no country named): the transfer to unknown countries and the record's unnamed countries", () => {
    const r = checkSource("t.flow", recipient('  operator "Mailer Ltd" as processor\n  contract "DPA 2024"', "", "NL", "abroad"));
    expect(find(r, "transfer-unknown-destination").map((d) => d.message)).toEqual([expect.stringContaining("reaches countries outside the EEA it does not name")]);
    expect(find(r, "location-unspecified").map((d) => d.message)).toEqual(["system `vendor` is located outside the EEA, in countries the model does not name"]);
    // SCCs travel with the data: the transfer is covered; which countries is still the record's gap.
    const scc = checkSource("t.flow", recipient('  operator "Mailer Ltd" as processor\n  contract "DPA 2024"', "  mechanism scc c2p", "NL", "abroad"));
    expect(codes(scc)).not.toContain("transfer-unknown-destination");
    expect(codes(scc)).toContain("location-unspecified");
  });

  it("an organization outside the EEA: a named vendor's location gap is the finding; no transfer is presumed", () => {
    const r = checkSource("t.flow", recipient('  operator "Mailer Ltd" as controller', "", "US"));
    expect(r.transfers).toHaveLength(1); // the map and the register still show the unknown destination
    expect(codes(r)).toContain("location-unspecified");
    expect(codes(r)).not.toContain("transfer-unknown-destination");
  });

  it("an organization outside the EEA: an unnamed category of recipients bound by nothing stated is a transfer to unknown countries", () => {
    const r = checkSource("t.flow", recipient('  operator "Partners" as controller\n  unnamed "our partners"', "", "US"));
    expect(find(r, "transfer-unknown-destination")).toHaveLength(1);
  });

  it("an organization outside the EEA: an unnamed processor under a named Art. 28 contract is bound on transfers (Art. 28(3)(a)), so the location speaks", () => {
    const r = checkSource("t.flow", recipient('  operator "IT service providers" as processor\n  unnamed "IT-Dienstleister"\n  contract "im Rahmen einer Auftragsverarbeitung"', "", "US"));
    expect(codes(r)).not.toContain("transfer-unknown-destination");
    expect(codes(r)).toContain("location-unspecified");
    // "bound by contractual obligations" names no Art. 28 agreement: the transfer finding stays.
    const vague = checkSource("t.flow", recipient('  operator "Providers" as processor\n  unnamed "providers"\n  contract "bound by contractual obligations to protect your data"', "", "US"));
    expect(codes(vague)).toContain("transfer-unknown-destination");
  });

  it("a ground stated for an unknown place is judged, named or not, wherever the organization is", () => {
    for (const country of ["NL", "US"]) {
      const r = checkSource("t.flow", recipient('  operator "Mailer Ltd" as processor\n  contract "DPA 2024"', "  mechanism adequacy", country));
      expect(codes(r), country).toContain("transfer-unknown-destination");
    }
  });
});

describe("\"the authorities\", country unstated", () => {
  const disclose = (country: string, located: string, mechanism = "") => checkSource("t.flow", `${org(country, country === "US" ? '  targets eea "EU customers"\n  representative "Acme EU Rep, Dublin"\n' : "")}system db { kind database  operator self  located ${country}  security "tls"  stores email for orders }
system police { kind authority  operator "The authorities" as controller  ${located} }
flow browser -> db { data email  for orders }
flow db -> police {
  data email
  for orders
${mechanism}}
`);

  it("of an organization established in the EEA, with no ground stated: its own law's authorities, no transfer and no location gap", () => {
    const r = disclose("DE", "located unspecified");
    expect(codes(r)).not.toContain("authority-transfer-without-agreement");
    expect(codes(r)).not.toContain("location-unspecified");
    expect(r.transfers.filter((t) => t.to === "police")).toEqual([]);
  });

  it("a named third country, a stated ground, or an organization outside the EEA is judged under Art. 48", () => {
    expect(codes(disclose("DE", "located US"))).toContain("authority-transfer-without-agreement");
    expect(codes(disclose("DE", "located unspecified", '  mechanism scc c2c "SCCs"\n'))).toContain("authority-transfer-without-agreement");
    expect(codes(disclose("US", "located unspecified"))).toContain("authority-transfer-without-agreement");
  });
});

describe("one question, one note, in a model read from a notice", () => {
  const vendors = (notice: boolean) => checkSource("t.flow", `${org("DE").replace('model "T" { regime gdpr }', notice ? 'model "T" { regime gdpr  describes notice }' : 'model "T" { regime gdpr }')}system db { kind database  operator self  security "tls"  stores email for orders }
system logs { kind logs  operator self  security "tls"  stores email for orders }
system a { kind saas  operator "A Inc." as processor  located IN  contract "DPA" }
system b { kind saas  operator "B Inc." as processor  located IN  contract "DPA" }
flow browser -> db { data email  for orders }
flow db -> a { data email  for orders  mechanism scc c2p "SCCs" }
flow db -> b { data email  for orders  mechanism scc c2p "SCCs" }
`);

  it("TIAs a notice never shows: one note naming every transfer; in a record, one warning each", () => {
    const notes = find(vendors(true), "transfer-impact-assessment-missing");
    expect(notes.map((d) => [d.severity, d.message])).toEqual([["info", expect.stringMatching(/^the transfer from `db` to `a` in India \(IN\) rests on SCCs with no transfer impact assessment; so does `db -> b` \(a published notice never shows one: ask for them\)$/)]]);
    expect(find(vendors(false), "transfer-impact-assessment-missing").map((d) => d.severity)).toEqual(["warning", "warning"]);
  });

  it("the organization's own systems with no location: one note naming each", () => {
    const notes = find(vendors(false), "own-location-unstated");
    expect(notes.map((d) => d.message)).toEqual(["where the organization's own system `db` runs is not stated, nor where `logs` runs; no transfer is presumed, but the record and the map cannot place them"]);
    expect(notes[0]!.related.map((r) => r.message)).toEqual(["`logs` is the organization's own, with no location either"]);
  });
});

describe("a recipient in unknown countries is one problem, whatever reaches it", () => {
  it("the browser and the app sending to one unlocated, unnamed recipient: one finding, the other flow related", () => {
    const r = checkSource("t.flow", `${org("DE")}system app { kind mobile_app }
system partners { kind advertising  unnamed "our cookie partners"  operator "Partners" as controller  located anywhere }
flow browser -> partners { data email  for orders }
flow app -> partners { data email  for orders }
`);
    const f = find(r, "transfer-unknown-destination");
    expect(f.map((d) => d.message)).toEqual([expect.stringMatching(/^transfer from `browser` to `partners` reaches .* \(2 flows, also from `app`\)$/)]);
    expect(f[0]!.related.map((x) => x.message)).toContain("the same recipient, from `app`");
  });
});

describe("data from an independent controller", () => {
  const fromSchool = (mechanism: string) => checkSource("t.flow", `${org("FI")}system school_app { kind server  operator "The school" as controller  located FI }
system hosting { kind server  operator "Hosting Inc." as subprocessor  contract "DPA"  located US }
flow school_app -> hosting {
  data email
  for orders
${mechanism}}
`);

  it("is that controller's export when the flow states no ground; a ground the flow states is the organization's, and is judged", () => {
    expect(fromSchool("").transfers).toEqual([]);
    const stated = fromSchool('  mechanism privacy_shield "we apply the Privacy Shield"\n');
    expect(find(stated, "invalidated-framework")).toHaveLength(1);
  });
});

describe("authorities of an organization outside the EEA, and anonymous data", () => {
  const withAuthorities = (country: string, extra = "") => `${org(country, '  representative "Acme EU Rep, Dublin"\n')}system app { kind server  operator self  located ${country}  security "tls"  stores email for orders }
system police { kind authority  operator "The authorities" as controller  located unspecified }
flow browser -> app { data email  for orders }
flow app -> police { data email  for orders  occasional }
${extra}`;

  it("\"the authorities\", country unstated, are the organization's own country's: a UK organization's disclosure is covered by adequacy", () => {
    const gb = checkSource("t.flow", withAuthorities("GB"));
    expect(gb.transfers.map((t) => [t.to, t.destinations.map((d) => [d.place, d.verdict])])).toEqual([["police", [["GB", "adequacy"]]]]);
    expect(codes(gb)).not.toContain("authority-transfer-without-agreement");
    expect(codes(gb)).not.toContain("location-unspecified");
  });

  it("a US organization's disclosure to them is one to US authorities, Art. 48's question, with no location warning beside it", () => {
    const us = find(checkSource("t.flow", withAuthorities("US")), "authority-transfer-without-agreement");
    expect(us).toHaveLength(1);
    expect(us[0]!.message).toContain("in United States (US)");
    expect(codes(checkSource("t.flow", withAuthorities("US")))).not.toContain("location-unspecified");
  });

  it("not when another flow to them states a ground: those are a foreign authority's", () => {
    const foreign = checkSource("t.flow", withAuthorities("GB", 'flow app -> police {\n  data email\n  for orders\n  occasional\n  mechanism international_agreement "MLAT"\n}\n'));
    expect(foreign.transfers.flatMap((t) => t.destinations.map((d) => d.place))).not.toContain("GB");
  });

  it("a flow of only data credibly called anonymous is no transfer; an identifier called anonymous still is", () => {
    const text = (kind: string) => `${org("US", '  representative "Acme EU Rep, Dublin"\n')}data totals { kind ${kind}  anonymous "aggregate counts only" }
purpose stats { basis legitimate_interests  subjects customer  data totals  retention 1 years }
system app { kind server  operator self  located US  security "tls" }
system partners { kind saas  operator "Partners" as controller  located unspecified }
flow app -> partners { data totals  for stats }
`;
    expect(checkSource("t.flow", text("usage")).transfers).toEqual([]);
    expect(checkSource("t.flow", text("identifiers")).transfers).toHaveLength(1);
  });
});

describe("a flow with no ground to a named third country and to unnamed ones", () => {
  it("is one finding, the missing mechanism, naming the unknown countries too; the destinations keep both", () => {
    const text = (mechanism = "") => `${org("NL")}system app { kind server  operator self  located NL  security "tls"  stores email for orders }
system group { kind saas  operator "Group Inc." as processor  contract "DPA"  located US, abroad }
flow app -> group { data email  for orders ${mechanism} }
`;
    const r = checkSource("t.flow", text());
    expect(codes(r).filter((c) => c.startsWith("transfer-"))).toEqual(["transfer-without-mechanism"]);
    expect(find(r, "transfer-without-mechanism")[0]!.message).toContain("nor does anything cover the other places it reaches");
    expect(r.transfers[0]!.destinations.map((d) => d.place)).toEqual(["US", "abroad"]);
    // With a ground stated, each place is judged on it: SCCs cover both (they travel with the data).
    expect(codes(checkSource("t.flow", text('mechanism scc c2p "SCCs"  tia "TIA-1"'))).filter((c) => c.startsWith("transfer-"))).toEqual([]);
  });
});

describe("a vendor established in a third country whose servers the policy does not place", () => {
  const text = (operator: string, located = "unspecified") => `${org("DE")}system app { kind server  operator self  located DE  security "tls"  stores email for orders }
system forge { kind saas  operator ${operator} as processor  contract "DPA"  located ${located} }
flow app -> forge { data email  for orders }
`;
  it("the data reaches an importer in that country: a transfer there, even for an organization in the EEA", () => {
    const r = checkSource("t.flow", text('"GitHub, Inc." in US'));
    expect(r.transfers.map((t) => t.destinations.map((d) => d.place))).toEqual([["US"]]);
    expect(find(r, "transfer-without-mechanism")[0]!.message).toContain("in United States (US)");
    // That country is the record's third country: no location warning beside it.
    expect(codes(r)).not.toContain("location-unspecified");
  });

  it("not when it is established in the EEA: its place is then the policy's silence (location-unspecified)", () => {
    const r = checkSource("t.flow", text('"GitHub B.V." in NL'));
    expect(r.transfers).toEqual([]);
    expect(codes(r)).toContain("location-unspecified");
  });
});
