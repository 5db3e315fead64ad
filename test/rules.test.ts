/** Rule fixtures, golden diagnostics, transfer semantics and suppressions. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkEntry, checkSource, type CheckResult } from "../src/check/index.js";
import { loadProject } from "../src/project/load.js";
import { nodeHost } from "../src/cli/node-host.js";
import { allRules, ruleMeta } from "../src/check/registry.js";
import { buildRegister, toCsv, toMarkdown } from "../src/register/index.js";
import { formatSarif } from "../src/format/sarif.js";
import { parseFlow } from "../src/syntax/parser.js";
import { printFlowFile } from "../src/syntax/print.js";
import type { Diagnostic, Span } from "../src/diagnostics.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtureDir = join(here, "fixtures", "rules");
const fixturePath = (name: string) => join(fixtureDir, `${name}.flow`);

/** Fixtures that import files are read from disk (paths shown relative to test/); the size limit
 *  is lowered for the one that shows it. */
function checkFixture(name: string): CheckResult {
  const text = readFileSync(fixturePath(name), "utf8");
  if (!/^import /m.test(text)) return checkSource(`fixtures/rules/${name}.flow`, text);
  const host = nodeHost({ cwd: here, maxFileBytes: name === "file-too-large" ? 1000 : undefined });
  const project = loadProject([fixturePath(name)], host);
  return checkEntry(project, project.entries[0]!);
}

/** The load-stage errors leave the model partial: the rules do not run. */
const partial = new Set(["syntax-error", "import-not-found", "import-outside-workspace", "import-of-model", "unreadable-file", "file-too-large", "invalid-encoding"]);

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const pos = (s: Span) => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;

/** The golden text of a run: one block per diagnostic, in the checker's order. */
function golden(ds: Diagnostic[]): string {
  if (ds.length === 0) return "(no diagnostics)\n";
  return ds
    .map((d) => {
      const lines = [`${d.code} ${d.severity} ${pos(d.span)} ${d.message}`];
      if (d.help !== undefined) lines.push(`  help: ${d.help}`);
      for (const r of d.related) lines.push(`  related ${pos(r.span)}: ${r.message}`);
      return lines.join("\n");
    })
    .join("\n")
    .concat("\n");
}

const rules = allRules();
const ruleIds = rules.map((r) => r.id);

/** Diagnostics a fixture shows on purpose besides its own rule. */
const expectedExtras: Record<string, string[]> = {
  // The reasonless suppression silences nothing, so the finding it aimed at stays.
  "suppression-without-reason": ["storage-without-security"],
};

/** The `.ok` fixtures: the fixed version of a rule's fixture. */
const okFixtures = readdirSync(fixtureDir)
  .filter((f) => f.endsWith(".ok.flow"))
  .map((f) => f.slice(0, -".ok.flow".length))
  .sort();

describe("rule fixtures", () => {
  it("the registry lists every rule once, with metadata", () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(ruleIds.length).toBeGreaterThanOrEqual(37);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(["error", "warning", "info"]).toContain(r.severity);
      expect(["load", "syntax", "model", "check"]).toContain(r.stage);
      expect(r.title.length, r.id).toBeGreaterThan(0);
      expect(r.article.length, r.id).toBeGreaterThan(0);
      expect(r.help.length, r.id).toBeGreaterThan(0);
      expect(typeof r.run === "function", r.id).toBe(r.stage === "check");
    }
  });

  it("every registered rule has a fixture", () => {
    const missing = ruleIds.filter((id) => !existsSync(fixturePath(id)));
    expect(missing, `rules without test/fixtures/rules/<id>.flow`).toEqual([]);
  });

  it("every fixture belongs to a registered rule", () => {
    const stale = readdirSync(fixtureDir)
      .filter((f) => f.endsWith(".flow"))
      .map((f) => f.replace(/(\.ok)?\.flow$/, ""))
      .filter((id) => !ruleIds.includes(id));
    expect(stale).toEqual([]);
  });

  it("the transfer, retention and lawfulness rules have a fixed (.ok) variant", () => {
    for (const id of [
      "transfer-without-mechanism", "adequacy-not-available", "dpf-invalid", "transfer-unknown-destination",
      "derogation-for-regular-transfer", "retention-exceeds-purpose", "special-category-without-condition", "flow-data-not-in-purpose",
      "consent-invalid", "derogation-consent-not-explicit", "authority-transfer-without-agreement", "purpose-without-data",
      "basis-under-third-country-law", "invalidated-framework", "transfer-impact-assessment-missing",
    ]) {
      expect(okFixtures, id).toContain(id);
    }
  });

  describe.each(ruleIds)("%s", (id) => {
    it.skipIf(!existsSync(fixturePath(id)))("its fixture triggers it", () => {
      const text = readFileSync(fixturePath(id), "utf8");
      expect(text.startsWith(`// ${id}`), "the fixture starts with a comment naming the rule").toBe(true);
      const header = text.split("\n").filter((l) => l.startsWith("//")).slice(0, 3).join(" ");
      expect(header, "the comment names the provision").toMatch(/Art\.|flowmap|ISO|Decision/);
      const r = checkFixture(id);
      const own = r.diagnostics.filter((d) => d.code === id);
      expect(own.length).toBeGreaterThan(0);
      for (const d of own) expect(d.severity).toBe(ruleMeta(id)!.severity);
      // Otherwise clean: nothing but the rule itself (and any documented extra).
      const others = [...new Set(codes(r.diagnostics).filter((c) => c !== id))].sort();
      expect(others).toEqual(expectedExtras[id] ?? []);
      expect(r.complete).toBe(!partial.has(id));
    });

    it.skipIf(!existsSync(fixturePath(id)))("golden diagnostics", async () => {
      await expect(golden(checkFixture(id).diagnostics)).toMatchFileSnapshot(`golden/diagnostics/${id}.txt`);
    });
  });

  describe.each(okFixtures)("%s.ok", (id) => {
    it("the fixed variant is clean", () => {
      const r = checkFixture(`${id}.ok`);
      expect(codes(r.diagnostics)).not.toContain(id);
      expect(r.diagnostics).toEqual([]);
      expect(r.complete).toBe(true);
    });
  });

  it("the example model has the expected findings", () => {
    const text = readFileSync(join(here, "..", "models", "cieloweb.flow"), "utf8");
    const r = checkSource("cieloweb.flow", text);
    expect(r.complete).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code).sort()).toEqual([
      // No contact at all (nobody can reach CieloWeb); no purpose states a basis (accounts, advertising,
      // P2P); Google's US services have no mechanism.
      "controller-contact-missing", "purpose-without-basis", "purpose-without-basis", "purpose-without-basis", "transfer-without-mechanism", "transfer-without-mechanism",
    ]);
  });
});

// ---------------------------------------------------------------------------
// Transfer semantics (GDPR Chapter V), on small models built here.

const header = `model "T" { regime gdpr }
organization acme "Acme" {
  role controller
  country NL
  contact "privacy@acme.example"
}
subject customer
data email { kind contact }
purpose orders {
  basis contract
  subjects customer
  data email
  retention 1 years
}
system browser { kind browser }
system app {
  kind server
  operator self
  located NL
}
flow browser -> app {
  data email
  for orders
}
`;

/** A model where `app` (self-run, NL) sends e-mail addresses to `dest`. */
function sendTo(dest: string, flowExtra = "", from = "app"): CheckResult {
  const text = `${header}
system dest {
${dest}
}
flow ${from} -> dest {
  data email
  for orders
${flowExtra}
}
`;
  return checkSource("t.flow", text);
}

const vendor = (located: string, extra = "") => `  kind saas
  operator "Vendor Inc." as processor
  contract "DPA 2024"
  located ${located}
${extra}`;

function only(r: CheckResult) {
  expect(r.complete).toBe(true);
  expect(r.transfers).toHaveLength(1);
  return r.transfers[0]!;
}

describe("one finding per problem", () => {
  const base = header.replace("retention 1 years\n", "retention 1 years\n");
  const one = (code: string, r: CheckResult) => r.diagnostics.filter((d) => d.code === code);

  it("a vendor with no contract is one finding, its other systems related places", () => {
    const r = checkSource("t.flow", `${base}
system auth { kind authentication  operator "Google LLC" as processor  located NL }
system store { kind database  operator "Google LLC" as processor  located NL  security "tls" }
flow app -> auth { data email  for orders }
flow app -> store { data email  for orders }
`);
    const found = one("processor-without-contract", r);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe("processor Google LLC has no contract reference (systems `auth`, `store`)");
    expect(found[0]!.related.map((x) => [x.message, x.occurrence])).toEqual([["`store` is also run by Google LLC", true]]);
    // A contract on any of the vendor's systems covers all of them.
    expect(one("processor-without-contract", checkSource("t.flow", r.source.text.replace('located NL }\nsystem store', 'located NL  contract "Google DPA" }\nsystem store')))).toEqual([]);
  });

  it("a purpose missing its Art. 9 condition is one finding naming every item", () => {
    const r = checkSource("t.flow", header.replace("data email { kind contact }", "data email { kind contact }\ndata pulse { kind health }\ndata face { kind biometric }").replace("  data email\n  retention", "  data email, pulse, face\n  retention"));
    const found = one("special-category-without-condition", r);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("`pulse` (health data), `face` (biometric data for identification)");
  });

  it("purposes using only data that may hold special categories are one finding; so are purposes lacking a condition for the same special data", () => {
    const cv = 'data cv { kind content  special possible "If you send us health data, we process it only as the law allows." }';
    const two = (kind: string) => checkSource("t.flow", header.replace("data email { kind contact }", `data email { kind contact }\n${kind === "possible" ? cv : "data cv { kind health }"}`).replace("  data email\n  retention", "  data email, cv\n  retention").replace("system browser", `purpose hiring {\n  basis contract\n  subjects customer\n  data cv\n  retention 1 years\n}\nsystem browser`));
    const possible = one("special-category-without-condition", two("possible"));
    expect(possible).toHaveLength(1);
    expect(possible[0]!.message).toMatch(/^purpose `orders` processes special-category data .*; so do `hiring` \(`cv`\)$/);
    expect(possible[0]!.related.map((r) => r.message)).toContain("purpose `hiring` uses it with no condition either");
    const health = one("special-category-without-condition", two("health"));
    expect(health).toHaveLength(1);
    expect(health[0]!.related.filter((r) => r.occurrence).map((r) => r.message)).toEqual(["purpose `hiring` uses it with no condition either"]);
  });

  it("a stores line that inherits its purpose's missing retention is a related place of the purpose's finding", () => {
    const r = checkSource("t.flow", header.replace("  retention 1 years\n", "").replace("  located NL\n}", '  located NL\n  stores email for orders\n  security "tls"\n}'));
    const found = one("retention-missing", r);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe("purpose `orders` states no retention; a system stores its data, stating no retention either");
    expect(found[0]!.related[0]).toMatchObject({ message: "system `app` stores `email` for it with no retention of its own", occurrence: true });
  });

  it("missing security measures are one finding per party: the organization's own systems together, each vendor's together", () => {
    const systems = (own: number, vendor: string[]) => [
      ...Array.from({ length: own }, (_, i) => `system own${i} { kind server  operator self  located NL  stores email for orders }`),
      ...vendor.map((v, i) => `system v${i} { kind saas  operator "${v}" as processor  located NL  stores email for orders }`),
    ].join("\n");
    const found = one("storage-without-security", checkSource("t.flow", `${header}${systems(2, ["Acme Cloud", "Acme Cloud", "Other Ltd"])}\n`));
    expect(found.map((d) => d.message)).toEqual([
      "system `own0` stores personal data but states no security measures; nor do the organization's other systems `own1`",
      "system `v0` stores personal data but states no security measures; nor do `v1`, also run by Acme Cloud",
      "system `v2` stores personal data but states no security measures",
    ]);
    expect(found[0]!.related).toEqual([expect.objectContaining({ message: "`own1` stores personal data with no security measures either", occurrence: true })]);
    // Whose measures the record does not describe: a processor under a named contract (Art. 28(3)(c)),
    // an independent controller (its own, Art. 24, 32).
    const elsewhere = `${header}system v0 { kind saas  operator "Acme Cloud" as processor  located NL  contract "DPA of 2025-01-01"  stores email for orders }
system c0 { kind saas  operator "Partner Ltd" as controller  located NL  stores email for orders }
flow app -> c0 { data email  for orders }
`;
    expect(one("storage-without-security", checkSource("t.flow", elsewhere))).toEqual([]);
    // Read from a notice, every such system is one question to the organization: one note.
    const notice = `${header.replace('model "T" { regime gdpr }', 'model "T" { regime gdpr  describes notice }')}${systems(2, ["Acme Cloud", "Other Ltd"])}\n`;
    const notes = one("storage-without-security", checkSource("t.flow", notice));
    expect(notes.map((d) => [d.severity, d.message])).toEqual([["info", "system `own0` stores personal data but states no security measures; nor do `own1`, `v0`, `v1` (the notice describes none for them)"]]);
  });

  it("a stores line `retention unspecified` for a purpose that states none either is the purpose's one finding", () => {
    const said = (purposeRetention: string) => checkSource("t.flow", header.replace("  retention 1 years\n", purposeRetention).replace("  located NL\n}", '  located NL\n  stores email for orders retention unspecified "We store your e-mail."\n  security "tls"\n}'));
    const r = said('  retention unspecified "We store your e-mail."\n');
    const found = one("retention-missing", r);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("purpose `orders` leaves retention unspecified");
    expect(found[0]!.related[0]).toMatchObject({ message: "system `app` stores `email` for it, retention unspecified too", occurrence: true });
    // The purpose states a period: the line's own silence is a problem of its own.
    const own = one("retention-missing", said("  retention 1 years\n"));
    expect(own.map((d) => d.message)).toEqual(["system `app` stores data with no stated retention (\"We store your e-mail.\")"]);
  });

  it("one retention sentence with no period on two purposes is one finding, the other purpose a related occurrence", () => {
    const words = '  retention unspecified "as long as we need it"\n';
    const second = `purpose news {\n  basis consent\n  consent opt_in\n  subjects customer\n  data email\n  __R__}\n`;
    const text = (other: string) => `${header.replace("  retention 1 years\n", words)}${second.replace("__R__", other)}flow browser -> app {\n  data email\n  for news\n}\n`;
    const said = one("retention-missing", checkSource("t.flow", text(words)));
    expect(said.map((d) => d.message.match(/^purpose `(\w+)`/)![1])).toEqual(["orders"]);
    expect(said[0]!.message).toContain("the same words leave `news` open too");
    expect(said[0]!.related.filter((r) => r.occurrence).map((r) => r.message)).toContain("purpose `news`: the same words, no time limit either");
    expect(one("retention-missing", checkSource("t.flow", text("  retention 2 years\n")))).toHaveLength(1);
  });

  it("a purpose that keeps nothing of its own and only uses data kept for another purpose: its silence is info", () => {
    // `news` mails the address `orders` keeps (the app's stores line is for orders only).
    const text = (own: string) => `${header.replace("  located NL\n}", `  located NL\n  stores email for orders\n${own}}`)}purpose news {\n  basis consent\n  consent opt_in\n  subjects customer\n  data email\n}\nflow app -> browser {\n  data email\n  for news\n}\n`;
    const reused = one("retention-missing", checkSource("t.flow", text("")));
    expect(reused.map((d) => [d.severity, d.message])).toEqual([["info", "purpose `news` states no retention; it keeps nothing of its own, and its data is kept for other purposes"]]);
    // Kept for it too: a missing period is a failure of its own row.
    expect(one("retention-missing", checkSource("t.flow", text("  stores email for news\n"))).map((d) => d.severity)).toEqual(["warning"]);
  });

  it("a stores line keeping indefinitely what an indefinite purpose keeps restates it: one finding, on the purpose", () => {
    const text = (purpose: string) => header.replace("  retention 1 years\n", `  retention ${purpose}\n`).replace("  located NL\n}", '  located NL\n  stores email for orders retention indefinite "kept for good"\n  security "tls"\n}');
    const found = one("retention-indefinite", checkSource("t.flow", text("indefinite")));
    expect(found.map((d) => d.message)).toEqual(["purpose `orders` keeps data indefinitely"]);
    expect(found[0]!.related.map((r) => r.message)).toEqual(["system `app` keeps its data indefinitely too"]);
    // Beyond a purpose that sets an end, the line is a problem of its own.
    expect(one("retention-indefinite", checkSource("t.flow", text("2 years"))).map((d) => d.message)[0]).toContain("system `app` keeps data indefinitely");
  });

  it("parallel flows between the same two systems with one transfer problem are one finding", () => {
    const r = sendTo("  kind saas\n  operator \"V\" as processor\n  contract \"DPA\"\n  located US", "", "app");
    const twice = checkSource("t.flow", `${r.source.text}\nflow app -> dest {\n  data email\n  for orders\n}\n`);
    const found = one("transfer-without-mechanism", twice);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/\(2 flows\)$/);
    expect(found[0]!.related.filter((x) => x.occurrence)).toHaveLength(1);
  });

  it("a source that only sends data to the organization gets no location finding", () => {
    const r = checkSource("t.flow", `${header}
system partner { kind saas  operator "Partner Ltd" as controller }
flow partner -> app { data email  for orders }
`);
    expect(one("location-unspecified", r)).toEqual([]);
    const recipient = checkSource("t.flow", r.source.text.replace("flow partner -> app", "flow app -> partner"));
    expect(one("location-unspecified", recipient)).toHaveLength(1);
  });

  it("an independent controller established in the EEA, servers unplaced, gets no location finding; a processor still does", () => {
    const text = (role: string) => `${header}
system paypal { kind payment  operator "PayPal (Europe) S.à r.l." in LU as ${role}  located unspecified }
flow app -> paypal { data email  for orders }
`;
    expect(one("location-unspecified", checkSource("t.flow", text("controller")))).toEqual([]);
    expect(one("location-unspecified", checkSource("t.flow", text('processor\n  contract "DPA"')))).toHaveLength(1);
  });

  it("a recipient of data credibly called anonymous only gets no location finding", () => {
    const text = (kind: string) => `${header}
data totals { kind ${kind}  anonymous "aggregated figures that identify no one" }
purpose stats { basis legitimate_interests  subjects customer  data totals  retention 1 years }
system partners { kind saas  operator "Partners (not named)" as controller  located unspecified }
flow app -> partners { data totals  for stats }
`;
    expect(one("location-unspecified", checkSource("t.flow", text("usage")))).toEqual([]);
    // A claim the kind contradicts (an identifier is never anonymous) leaves it personal data.
    expect(one("location-unspecified", checkSource("t.flow", text("identifiers")))).toHaveLength(1);
  });

  it("a recipient of case-by-case disclosures only (every flow into it occasional), place unstated, gets no location finding", () => {
    const text = (located: string, occasional = "occasional", stores = "") => `${header}
system buyer { kind saas  operator "The buyer of the business (not named)" as controller  located ${located} ${stores} }
flow app -> buyer { data email  for orders  ${occasional} }
`;
    expect(one("location-unspecified", checkSource("t.flow", text("unspecified")))).toEqual([]);
    // A regular disclosure, one the policy places abroad, or a recipient that keeps data: still asked.
    expect(one("location-unspecified", checkSource("t.flow", text("unspecified", "")))).toHaveLength(1);
    expect(one("location-unspecified", checkSource("t.flow", text("abroad")))).toHaveLength(1);
    expect(one("location-unspecified", checkSource("t.flow", text("unspecified", "occasional", "stores email for orders retention 1 years")))).toHaveLength(1);
  });
});

describe("where a vendor is established and where its servers are", () => {
  const text = (system: string, flow = "mechanism scc p2p\n  tia \"TIA-1\"") => `${header}
system crash {
  kind saas
  ${system}
}
flow app -> crash {
  data email
  for orders
  ${flow}
}
`;
  it("an EEA processor with servers in a third country is an onward transfer by itself, on its P2P clauses", () => {
    const r = checkSource("t.flow", text('operator "Google Ireland Limited" in IE as processor\n  contract "DPA"\n  located US'));
    expect(r.model.systems.find((s) => s.id === "crash")!.operator!.established!.code).toBe("IE");
    expect(only(r).onward).toBe(true);
    expect(r.diagnostics).toEqual([]);
    // The same text through the canonical printer reads back the same.
    const printed = printFlowFile(r.ast.declarations.length ? parseFlow("t.flow", r.source.text).file : r.ast, r.source);
    expect(printed).toContain('operator "Google Ireland Limited" in IE as processor');
  });

  it("`certified dpf` is accepted only for an operator established in the US", () => {
    const r = checkSource("t.flow", text('operator "Google Ireland Limited" in IE as processor\n  contract "DPA"\n  located US\n  certified dpf', "mechanism dpf"));
    expect(codes(r.diagnostics)).toEqual(["dpf-invalid"]);
    expect(r.diagnostics[0]!.message).toContain("established in Ireland (IE), and the DPF certifies only organisations established in the US");
    const us = checkSource("t.flow", text('operator "Google LLC" in US as processor\n  contract "DPA"\n  located US\n  certified dpf', "mechanism dpf"));
    expect(us.diagnostics).toEqual([]);
  });
});

describe("review: cascades and entities", () => {
  it("a typo in one property does not hide a finding about another (a stores retention typo keeps the transfer error)", () => {
    const r = sendTo(vendor("US", "  stores email for orders retention 1 monthz\n  security \"tls\""));
    expect(codes(r.diagnostics).sort()).toEqual(["invalid-duration", "transfer-without-mechanism"]);
  });

  it("a hop between two systems of the same vendor is no transfer", () => {
    const r = checkSource("t.flow", `${header}
system mailer { kind email  operator "Mail Inc." as processor  contract "DPA"  located US }
system mailer_db { kind database  operator "Mail Inc." as processor  contract "DPA"  located US  security "tls"  stores email for orders }
flow app -> mailer { data email  for orders  mechanism scc c2p  tia "TIA-1" }
flow mailer -> mailer_db { data email  for orders }
`);
    expect(r.transfers.map((t) => t.flow)).toEqual(["app->mailer"]);
    expect(r.diagnostics).toEqual([]);
  });

  it("the organization's own system with no location is noted even when it only sends (organization outside the EEA: no importer)", () => {
    const r = checkSource("t.flow", `${header.replace("country NL", "country US\n  representative \"Acme EU Rep\"")}
system backend { kind server  operator self }
flow backend -> app { data email  for orders }
`);
    expect(codes(r.diagnostics)).toContain("own-location-unstated");
    expect(codes(r.diagnostics)).not.toContain("location-unspecified");
  });

  it("an EEA organization's own system with no location gets no location finding: it is no recipient and no importer", () => {
    const r = checkSource("t.flow", `${header}
system backend { kind server  operator self  security "tls"  stores email for orders }
flow browser -> backend { data email  for orders }
`);
    expect(codes(r.diagnostics)).not.toContain("location-unspecified");
    expect(r.transfers).toEqual([]);
  });

  it("a typo in `condition` is one error", () => {
    // (The organization names its DPO, whom health data may call for: dpo-contact-missing's question.)
    const r = checkSource("t.flow", header.replace('  contact "privacy@acme.example"', '  contact "privacy@acme.example"\n  dpo "DPO, dpo@acme.example"').replace("data email { kind contact }", "data email { kind contact }\ndata pulse { kind health }").replace("  data email\n  retention", "  condition explicit_consnt\n  data email, pulse\n  retention"));
    expect(codes(r.diagnostics)).toEqual(["invalid-basis"]);
  });
});

describe("several grounds per flow", () => {
  it("a failing ground is reported on its own line; another that covers every destination covers the transfer", () => {
    const r = sendTo(vendor("US"), '  mechanism dpf "We rely on the Data Privacy Framework"\n  mechanism scc c2p "and on SCCs as a fallback"\n  tia "TIA-1"');
    const t = only(r);
    expect(t.verdict).toBe("safeguard");
    expect(codes(r.diagnostics)).toEqual(["dpf-invalid"]);
    const dpfLine = r.source.text.split("\n").findIndex((l) => l.includes("mechanism dpf")) + 1;
    expect(r.diagnostics[0]!.span.line).toBe(dpfLine);
    expect(r.model.flows[1]!.mechanisms.map((m) => m.kind)).toEqual(["dpf", "scc"]);
    const row = toCsv(buildRegister(r, "controller"), { bom: false });
    expect(row).toContain("Art. 45 EU-US Data Privacy Framework");
    expect(row).toContain("Art. 46(2)(c) standard contractual clauses");
  });

  it("when no ground covers, each failing ground is reported", () => {
    const r = sendTo(vendor("US"), "  mechanism privacy_shield\n  mechanism adequacy");
    expect(only(r).verdict).toBe("not-covered");
    expect(codes(r.diagnostics).sort()).toEqual(["adequacy-not-available", "invalidated-framework"]);
  });

  it("one ground that does not read leaves the flow's grounds unread: one error", () => {
    const r = sendTo(vendor("US"), "  mechanism dpff\n  mechanism scc c2p");
    expect(codes(r.diagnostics)).toEqual(["invalid-value"]);
  });
});

describe("who exports (EDPB Guidelines 05/2021)", () => {
  const usController = (flows: string) => `model "T" { regime gdpr }
organization acme "Acme Inc." {
  role controller
  country US
  contact "privacy@acme.example"
  representative "Acme EU Rep, Dublin"
}
subject customer
data email { kind contact }
purpose orders {
  basis contract
  subjects customer
  data email
  retention 1 years
}
system browser { kind browser }
system app { kind server  operator self  located US }
system mailer { kind email  operator "Mailer Inc." as processor  contract "DPA"  located US }
flow browser -> app { data email  for orders }
${flows}
`;

  it("a US controller subject to the GDPR sending to a US processor makes a transfer, though both are in the US", () => {
    const r = checkSource("t.flow", usController("flow app -> mailer { data email  for orders }"));
    expect(r.transfers.map((t) => [t.flow, t.verdict])).toEqual([["app->mailer", "not-covered"]]);
    expect(codes(r.diagnostics)).toEqual(["transfer-without-mechanism"]);
  });

  it("the verdict does not depend on which end of the disclosure the modeller drew", () => {
    const server = checkSource("t.flow", usController("flow app -> mailer { data email  for orders }"));
    const browser = checkSource("t.flow", usController("flow browser -> mailer { data email  for orders }"));
    expect(browser.transfers.map((t) => t.verdict)).toEqual(server.transfers.map((t) => t.verdict));
    expect(codes(browser.diagnostics)).toEqual(codes(server.diagnostics));
  });

  it("the organization's own systems in its own country are not importers", () => {
    const r = checkSource("t.flow", usController("system db { kind database  operator self  located US  security \"tls\"  stores email for orders }\nflow app -> db { data email  for orders }"));
    expect(r.transfers).toEqual([]);
  });
});

describe("transfers", () => {
  it("EEA -> EEA is no transfer", () => {
    const r = sendTo(vendor("DE"));
    expect(r.transfers).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it("EEA -> EEA/EFTA (NO, IS, LI) is no transfer", () => {
    expect(sendTo(vendor("NO, IS, LI")).transfers).toEqual([]);
  });

  it("EEA -> CH rests on adequacy, with no mechanism needed", () => {
    const t = only(sendTo(vendor("CH")));
    expect(t.verdict).toBe("adequacy");
    expect(t.problems).toEqual([]);
    expect(t.onward).toBe(false);
    expect(t.destinations).toEqual([expect.objectContaining({ place: "CH", zone: "adequate", verdict: "adequacy" })]);
    expect(t.destinations[0]!.basis).toContain("2000/518/EC");
  });

  it("EEA -> GB, KR and BR rest on adequacy", () => {
    const t = only(sendTo(vendor("GB, KR, BR")));
    expect(t.destinations.map((d) => [d.place, d.verdict])).toEqual([["GB", "adequacy"], ["KR", "adequacy"], ["BR", "adequacy"]]);
  });

  it("only the non-EEA locations of a receiver are destinations", () => {
    const t = only(sendTo(vendor("NL, US"), "  mechanism scc c2p"));
    expect(t.destinations.map((d) => d.place)).toEqual(["US"]);
    expect(t.verdict).toBe("safeguard");
  });

  it("the US is a third country for non-certified recipients and adequate for DPF-certified ones", () => {
    expect(only(sendTo(vendor("US"))).destinations[0]!.zone).toBe("third");
    expect(only(sendTo(vendor("US", "  certified dpf"))).destinations[0]!.zone).toBe("adequate");
    expect(only(sendTo(vendor("IN"))).destinations[0]!.zone).toBe("third");
  });

  it("data arriving from an independent controller abroad is that controller's export, not ours", () => {
    const text = `${header}
system partner {
  kind saas
  operator "Partner Inc." as controller
  located US
}
flow partner -> app {
  data email
  for orders
}
`;
    const r = checkSource("t.flow", text);
    expect(r.transfers).toEqual([]);
    // No transfer finding; what the organization owes for data it gets from a partner is Art. 14's.
    expect(r.diagnostics.map((d) => d.code)).toEqual(["source-not-identified"]);
  });

  it("EEA -> US without a mechanism is not covered", () => {
    const r = sendTo(vendor("US"));
    const t = only(r);
    expect(t.verdict).toBe("not-covered");
    expect(t.problems).toEqual([{ rule: "transfer-without-mechanism", place: "US" }]);
    expect(codes(r.diagnostics)).toEqual(["transfer-without-mechanism"]);
  });

  it("EEA -> US non-certified with `mechanism adequacy` is an error", () => {
    const r = sendTo(vendor("US"), "  mechanism adequacy");
    const t = only(r);
    expect(t.verdict).toBe("not-covered");
    expect(t.problems.map((p) => p.rule)).toEqual(["adequacy-not-available"]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "adequacy-not-available", severity: "error" });
    expect(r.diagnostics[0]!.message).toContain("not declared DPF-certified");
    // Reported at the mechanism, with the receiver's location as related information.
    expect(r.source.text.slice(r.diagnostics[0]!.span.start, r.diagnostics[0]!.span.end)).toBe("mechanism adequacy");
    expect(r.source.text.slice(r.diagnostics[0]!.related[0]!.span.start, r.diagnostics[0]!.related[0]!.span.end)).toBe("located US");
  });

  it("EEA -> US with `certified dpf` makes it adequacy", () => {
    for (const mechanism of ["  mechanism adequacy", "  mechanism dpf", ""]) {
      const r = sendTo(vendor("US", "  certified dpf"), mechanism);
      const t = only(r);
      expect(t.verdict, mechanism).toBe("adequacy");
      expect(t.problems, mechanism).toEqual([]);
      expect(t.destinations[0]!.basis).toContain("DPF-certified");
      expect(r.diagnostics, mechanism).toEqual([]);
    }
  });

  it("EEA -> US non-certified with `mechanism dpf` is dpf-invalid", () => {
    const r = sendTo(vendor("US"), "  mechanism dpf");
    expect(only(r).problems.map((p) => p.rule)).toEqual(["dpf-invalid"]);
    expect(codes(r.diagnostics)).toEqual(["dpf-invalid"]);
  });

  it("`mechanism dpf` outside the US is dpf-invalid; an adequate country still counts as adequacy", () => {
    const india = sendTo(vendor("IN"), "  mechanism dpf");
    expect(only(india).verdict).toBe("not-covered");
    expect(codes(india.diagnostics)).toEqual(["dpf-invalid"]);
    expect(india.diagnostics[0]!.message).toContain("covers only US recipients");
    const swiss = sendTo(vendor("CH"), "  mechanism dpf");
    expect(only(swiss).verdict).toBe("adequacy");
    expect(codes(swiss.diagnostics)).toEqual(["dpf-invalid"]);
  });

  it("`mechanism adequacy` to a country without a decision is an error", () => {
    const r = sendTo(vendor("IN"), "  mechanism adequacy");
    expect(only(r).verdict).toBe("not-covered");
    expect(codes(r.diagnostics)).toEqual(["adequacy-not-available"]);
    expect(r.diagnostics[0]!.message).toContain("India has no adequacy decision");
  });

  it("browser -> self-run server abroad is not a transfer (collection, EDPB 05/2021)", () => {
    const r = sendTo("  kind server\n  operator self\n  located US", "", "browser");
    expect(r.transfers).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it("browser -> vendor system in the US is a transfer", () => {
    const r = sendTo(vendor("US"), "", "browser");
    const t = only(r);
    expect(t).toMatchObject({ from: "browser", to: "dest", onward: false, verdict: "not-covered" });
    expect(codes(r.diagnostics)).toEqual(["transfer-without-mechanism"]);
  });

  it("server -> the user's own device is never a transfer", () => {
    const text = `${header}
flow app -> browser {
  data email
  for orders
}
`;
    const r = checkSource("t.flow", text);
    expect(r.transfers).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it("`located global` with `mechanism scc c2p` is covered by a safeguard", () => {
    const r = sendTo(vendor("global"), "  mechanism scc c2p\n  tia \"TIA-1\"");
    const t = only(r);
    expect(t.verdict).toBe("safeguard");
    expect(t.destinations).toEqual([expect.objectContaining({ place: "global", zone: "unknown", verdict: "safeguard" })]);
    expect(t.destinations[0]!.basis).toBe("standard contractual clauses (c2p)");
    expect(r.diagnostics).toEqual([]);
  });

  it("`located anywhere` with adequacy or DPF is an unknown destination", () => {
    for (const m of ["", "  mechanism adequacy", "  mechanism dpf"]) {
      const r = sendTo(vendor("anywhere"), m);
      expect(only(r).verdict, m).toBe("not-covered");
      expect(codes(r.diagnostics), m).toEqual(["transfer-unknown-destination"]);
    }
  });

  it("an Art. 49 derogation on a non-occasional flow warns; on an `occasional` one it does not", () => {
    const regular = sendTo(vendor("US"), '  mechanism derogation a "explicit consent"');
    expect(only(regular).verdict).toBe("derogation");
    expect(codes(regular.diagnostics)).toEqual(["derogation-for-regular-transfer"]);
    expect(regular.diagnostics[0]!.severity).toBe("warning");
    expect(regular.diagnostics[0]!.message).toContain("Art. 49(1)(a)");
    expect(regular.diagnostics[0]!.message).toContain('"explicit consent"');

    const occasional = sendTo(vendor("US"), '  mechanism derogation a "explicit consent"\n  occasional');
    expect(only(occasional).verdict).toBe("derogation");
    expect(occasional.diagnostics).toEqual([]);
  });

  it("an Art. 49(1)(a) derogation on consent that is not explicit is an error, `occasional` or not", () => {
    for (const form of ["bundled", "by_use", "opt_out", "opt_in"]) {
      const regular = sendTo(vendor("US"), `  mechanism derogation a\n  consent ${form} "By accepting this policy you agree to the transfer."`);
      expect(codes(regular.diagnostics), form).toEqual(["derogation-for-regular-transfer", "derogation-consent-not-explicit"]);
      const occasional = sendTo(vendor("US"), `  mechanism derogation a\n  consent ${form}\n  occasional`);
      expect(codes(occasional.diagnostics), form).toEqual(["derogation-consent-not-explicit"]);
      expect(occasional.diagnostics[0]!.severity).toBe("error");
      expect(occasional.source.text.slice(occasional.diagnostics[0]!.span.start, occasional.diagnostics[0]!.span.end)).toBe(`consent ${form}`);
    }
    const explicit = sendTo(vendor("US"), "  mechanism derogation a\n  consent explicit\n  occasional");
    expect(explicit.diagnostics).toEqual([]);
    // Unstated: `derogation a` is itself the claim of explicit consent.
    expect(sendTo(vendor("US"), "  mechanism derogation a\n  occasional").diagnostics).toEqual([]);
    // No transfer relies on the derogation (an adequate country): nothing to say.
    expect(sendTo(vendor("CH"), "  mechanism derogation a\n  consent bundled").diagnostics).toEqual([]);
  });

  it("`consent` on a flow needs `mechanism derogation a`, with a did-you-mean for another point", () => {
    const b = sendTo(vendor("US"), "  mechanism derogation b\n  consent explicit\n  occasional");
    expect(codes(b.diagnostics)).toEqual(["invalid-property"]);
    expect(b.diagnostics[0]!.message).toContain("did you mean `mechanism derogation a`?");
    expect(b.model.flows[1]!.consent).toBeUndefined();
    const scc = sendTo(vendor("US"), "  mechanism scc c2p\n  tia \"TIA-1\"\n  consent explicit");
    expect(codes(scc.diagnostics)).toEqual(["invalid-property"]);
    expect(scc.diagnostics[0]!.message).toContain("rests on `scc`");
    const none = sendTo(vendor("DE"), "  consent opt_in");
    expect(codes(none.diagnostics)).toEqual(["invalid-property"]);
    expect(none.diagnostics[0]!.message).toContain("states no mechanism");
    // A mechanism that did not read has its own error only.
    expect(codes(sendTo(vendor("US"), "  mechanism derogaton a\n  consent explicit\n  occasional").diagnostics)).toEqual(["invalid-value"]);
  });

  it("a derogation without its Art. 49(1) point is an invalid value", () => {
    const r = sendTo(vendor("US"), "  mechanism derogation\n  occasional");
    expect(codes(r.diagnostics)).toEqual(["invalid-value"]);
    expect(r.diagnostics[0]!.message).toContain("names its Art. 49(1) point");
  });

  it("a processor's sub-processor abroad is an onward transfer", () => {
    const text = `${header}
system crm {
${vendor("US", "  certified dpf")}
}
system sub {
  kind storage
  operator "Sub Ltd." as subprocessor of crm
  contract "Sub-processing agreement"
  located IN
}
flow app -> crm {
  data email
  for orders
}
flow crm -> sub {
  data email
  for orders
  mechanism scc p2p
  tia "TIA-2026-02"
}
`;
    const r = checkSource("t.flow", text);
    expect(r.transfers.map((t) => [t.flow, t.verdict, t.onward])).toEqual([
      ["app->crm", "adequacy", false],
      ["crm->sub", "safeguard", true],
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it("SCCs with the wrong module warn, with the module the roles suggest", () => {
    const r = sendTo(vendor("US"), "  mechanism scc c2c\n  tia \"TIA-1\"");
    expect(only(r).verdict).toBe("safeguard");
    expect(codes(r.diagnostics)).toEqual(["scc-module-mismatch"]);
    expect(r.diagnostics[0]!.message).toContain("(c2p)");
    const none = sendTo(vendor("US"), "  mechanism scc\n  tia \"TIA-1\"");
    expect(none.diagnostics.map((d) => d.message)).toEqual(["SCCs for the transfer to `dest` name no module (the roles suggest c2p)"]);
  });

  it("in a model read from a notice, SCCs with no module are not a gap (a notice owes the safeguard, not its module); a wrong module still is", () => {
    const inNotice = (mechanism: string) => checkSource("t.flow", sendTo(vendor("US"), mechanism).source.text.replace('model "T" { regime gdpr }', 'model "T" { regime gdpr  describes notice }'));
    const none = inNotice("  mechanism scc\n  tia \"TIA-1\"");
    expect(none.source.text).toContain("describes notice");
    expect(codes(none.diagnostics)).not.toContain("scc-module-mismatch");
    expect(codes(inNotice("  mechanism scc c2c\n  tia \"TIA-1\"").diagnostics)).toContain("scc-module-mismatch");
  });
});

describe("disclosures to public authorities (Art. 48)", () => {
  const authority = (located: string) => `  kind authority
  operator "Public authorities" as controller
  located ${located}`;

  it("a third-country authority with no mechanism, or with SCCs or BCRs, is one authority finding and no other", () => {
    for (const [mechanism, words] of [
      ["", "rests on no international agreement (Art. 48) and no Art. 49 derogation"],
      ["  mechanism none", "rests on no international agreement (Art. 48) and no Art. 49 derogation"],
      ["  mechanism scc", "rests on Art. 46(2)(c) standard contractual clauses (Decision 2021/914), which cannot bind a public authority"],
      ["  mechanism bcr", "rests on Art. 46(2)(b), 47 binding corporate rules, which cannot bind a public authority"],
    ]) {
      const r = sendTo(authority("US"), `${mechanism}\n  occasional`);
      const t = only(r);
      expect(t.verdict, mechanism).toBe("not-covered");
      expect(t.destinations[0]!.zone, mechanism).toBe("third");
      expect(codes(r.diagnostics), mechanism).toEqual(["authority-transfer-without-agreement"]);
      expect(r.diagnostics[0]!.message, mechanism).toContain(words!);
      // The fix never suggests SCCs or DPF for an authority.
      expect(r.diagnostics[0]!.help, mechanism).not.toMatch(/scc|dpf/);
      expect(r.diagnostics[0]!.help, mechanism).toContain("mechanism international_agreement");
    }
  });

  it("a contract derogation (Art. 49(1)(b), (c)) cannot carry an authority's demand; the others can", () => {
    for (const [point, words] of [["b", "with"], ["c", "in the interest of"]]) {
      const r = sendTo(authority("US"), `  mechanism derogation ${point}\n  occasional`);
      expect(only(r).verdict, point).toBe("not-covered");
      expect(codes(r.diagnostics), point).toEqual(["authority-transfer-without-agreement"]);
      expect(r.diagnostics[0]!.message, point).toBe(
        `disclosure from \`app\` to the public authority \`dest\` in United States (US) rests on an Art. 49(1)(${point}) derogation (a contract ${words} the data subject), which cannot carry a disclosure a public authority demands`,
      );
    }
    for (const point of ["d", "e", "f"]) {
      const r = sendTo(authority("US"), `  mechanism derogation ${point}\n  occasional`);
      expect(only(r).verdict, point).toBe("derogation");
      expect(r.diagnostics, point).toEqual([]);
    }
    // To anyone else, a contract derogation is still a derogation.
    expect(only(sendTo(vendor("US"), "  mechanism derogation b\n  occasional")).verdict).toBe("derogation");
  });

  it("known and unknown countries of one authority make one finding naming both", () => {
    const r = sendTo(authority("US, unspecified"), "  occasional");
    expect(only(r).problems.map((p) => [p.rule, p.place])).toEqual([["authority-transfer-without-agreement", "US"], ["authority-transfer-without-agreement", "unspecified"]]);
    // The authority's unknown country is said by the disclosure's finding, not again as a location warning.
    expect(codes(r.diagnostics)).toEqual(["authority-transfer-without-agreement"]);
    expect(r.diagnostics[0]!.message).toContain("in United States (US) and an unspecified location rests on no international agreement");
  });

  it("an international agreement, an instrument between public bodies or a derogation covers the disclosure", () => {
    const agreement = only(sendTo(authority("US, anywhere"), '  mechanism international_agreement "EU-US MLAA"'));
    expect(agreement.verdict).toBe("safeguard");
    expect(agreement.destinations.map((d) => d.basis)).toEqual(["international agreement (Art. 48)", "international agreement (Art. 48)"]);
    expect(sendTo(authority("US"), '  mechanism international_agreement "EU-US MLAA"').diagnostics).toEqual([]);
    expect(only(sendTo(authority("IN"), "  mechanism authority_instrument")).verdict).toBe("safeguard");
    const legalClaims = sendTo(authority("US"), "  mechanism derogation e\n  occasional");
    expect(only(legalClaims).verdict).toBe("derogation");
    expect(legalClaims.diagnostics).toEqual([]);
    // A regular disclosure on a derogation is still the regularity rule's finding.
    expect(codes(sendTo(authority("US"), "  mechanism derogation d").diagnostics)).toEqual(["derogation-for-regular-transfer"]);
  });

  it("whole-country adequacy covers an authority; the US's, Japan's and Canada's partial decisions do not", () => {
    const swiss = sendTo(authority("CH, GB"));
    expect(only(swiss).verdict).toBe("adequacy");
    expect(swiss.diagnostics).toEqual([]);
    for (const place of ["US", "JP", "CA"]) {
      const none = only(sendTo(authority(place), "  occasional"));
      expect(none.destinations[0]!.zone, place).toBe("third");
      expect(none.problems.map((p) => p.rule), place).toEqual(["authority-transfer-without-agreement"]);
      const claimed = sendTo(authority(place), "  mechanism adequacy");
      expect(codes(claimed.diagnostics), place).toEqual(["adequacy-not-available"]);
      expect(claimed.diagnostics[0]!.message, place).toContain("not a public authority");
      expect(claimed.diagnostics[0]!.help, place).not.toMatch(/scc|dpf/);
    }
    expect(codes(sendTo(authority("US"), "  mechanism dpf").diagnostics)).toEqual(["dpf-invalid"]);
  });

  it("an international agreement covers nothing for a recipient that is not an authority", () => {
    const r = sendTo(vendor("US"), '  mechanism international_agreement "EU-US MLAA"');
    expect(only(r).verdict).toBe("not-covered");
    expect(codes(r.diagnostics)).toEqual(["transfer-without-mechanism"]);
    expect(r.diagnostics[0]!.message).toContain("covers only disclosures to a third country's public authority, and `dest` is not `kind authority`");
    expect(codes(sendTo(vendor("global"), "  mechanism international_agreement").diagnostics)).toEqual(["transfer-unknown-destination"]);
  });

  it("an authority inside the EEA receives no transfer", () => {
    const r = sendTo(authority("NL"));
    expect(r.transfers).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe("purpose specification", () => {
  it("a purpose with no data is one finding; unused-purpose does not repeat it", () => {
    const text = header.replace("purpose orders {", 'purpose other "Other purposes" {\n  basis consent\n  subjects customer\n  retention 1 years\n}\npurpose orders {');
    const r = checkSource("t.flow", text);
    expect(codes(r.diagnostics)).toEqual(["purpose-without-data"]);
    expect(r.diagnostics[0]!.message).toBe("purpose `other` declares no categories of personal data, and no flow or system serves it");
    // Served by a flow, it is still unspecified; the message no longer says it is unused.
    const served = checkSource("t.flow", text.replace("  for orders\n}", "  for orders, other\n}"));
    expect(served.diagnostics.map((d) => [d.code, d.message])).toEqual([["purpose-without-data", "purpose `other` declares no categories of personal data"]]);
    // A data list whose names do not resolve has its own error only, and the purpose is unused as before.
    const unknown = checkSource("t.flow", text.replace("  retention 1 years\n}\npurpose orders", "  data emial\n  retention 1 years\n}\npurpose orders"));
    expect(codes(unknown.diagnostics).sort()).toEqual(["unknown-name", "unused-purpose"]);
  });
});

describe("joint control of embedded collection (Art. 26)", () => {
  /** `from` (of the given kind) sends e-mail addresses straight to `dest`, an EEA system. */
  const embedded = (fromKind: string, destKind: string, operator: string) =>
    checkSource("t.flow", `${header}
system device { kind ${fromKind} }
system dest {
  kind ${destKind}
  operator ${operator}
  contract "DPA 2024"
  located IE
}
flow device -> dest {
  data email
  for orders
}
`).diagnostics.filter((d) => d.code === "embedded-collection-not-joint");

  it("reports the user's own browser or app sending straight to an independent controller", () => {
    for (const kind of ["browser", "mobile_app", "desktop_app"]) {
      const found = embedded(kind, "advertising", '"AdNet Ltd" as controller');
      expect(found.map((d) => d.message), kind).toEqual([
        '`device` sends data straight to `dest`, run by AdNet Ltd as an independent controller, for "orders": the organization whose page or app causes this collection decides it together with AdNet Ltd, and is a joint controller of it (Art. 26)',
      ]);
      expect(found[0]!.help).toContain('`operator "AdNet Ltd" as joint_controller` on `dest`');
    }
  });

  it("leaves joint controllers, processors, authorities, other users' devices and server-side senders alone", () => {
    expect(embedded("browser", "advertising", '"AdNet Ltd" as joint_controller')).toEqual([]);
    expect(embedded("browser", "analytics", '"Stats Ltd" as processor')).toEqual([]);
    expect(embedded("browser", "authority", '"Police" as controller')).toEqual([]);
    expect(embedded("peer_device", "advertising", '"AdNet Ltd" as controller')).toEqual([]);
    expect(embedded("server", "advertising", '"AdNet Ltd" as controller')).toEqual([]);
  });
});

describe("retention", () => {
  const text = readFileSync(fixturePath("retention-exceeds-purpose.ok"), "utf8")
    .replace('data email "E-mail address" { kind contact }', 'data email "E-mail address" { kind contact }\ndata phone "Phone" { kind contact }')
    .replace("  data email\n  retention 2 years", "  data email, phone\n  retention 2 years");

  it("one finding per `stores` line and purpose names every item kept too long", () => {
    const r = checkSource("t.flow", text.replace("stores email for orders retention 1 years", "stores email, phone for orders retention 5 years"));
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["retention-exceeds-purpose", "system `db` keeps `email`, `phone` for 5 years, but purpose `orders` allows 2 years"],
    ]);
    // The span runs from the first item to the end of the system's retention.
    expect(r.source.text.slice(r.diagnostics[0]!.span.start, r.diagnostics[0]!.span.end)).toBe("email, phone for orders retention 5 years");
    expect(r.diagnostics[0]!.related.map((x) => r.source.text.slice(x.span.start, x.span.end))).toEqual(["2 years", "5 years"]);
  });

  it.each([
    ["1 years", "2 years", false],
    ["2 years", "2 years", false],
    ["25 months", "2 years", true],
    ["731 days", "2 years", true],
    ["730 days", "2 years", false],
    // (a line kept indefinitely is retention-indefinite's finding, naming the purpose: see below)
    ["indefinite", "2 years", false],
    ["2 years", "indefinite", false],
    ["1 days", "memory", true],
    ["memory", "memory", false],
    ["session", "session", false],
    ["2 days", "session", true],
    ["session", "2 years", false],
    ["until account_deleted + 31 days", "until account_deleted + 30 days", true],
    ["until account_deleted + 30 days", "until account_deleted + 30 days", false],
    ["until account_deleted", "until account_deleted + 30 days", false],
    ["until order_closed", "2 years", false],
    ["5 years", "unspecified", false],
  ])("stores retention %s against purpose retention %s: exceeds = %s", (kept, allowed, exceeds) => {
    const r = checkSource(
      "t.flow",
      text.replace("stores email for orders retention 1 years", `stores email for orders retention ${kept}`).replace("  retention 2 years", `  retention ${allowed}`),
    );
    expect(codes(r.diagnostics).includes("retention-exceeds-purpose")).toBe(exceeds);
  });

  it("a line kept indefinitely beyond its purpose's period: one finding, retention-indefinite's, naming the purpose", () => {
    const r = checkSource("t.flow", text.replace("stores email for orders retention 1 years", "stores email for orders retention indefinite"));
    const f = r.diagnostics.filter((d) => d.code === "retention-indefinite" || d.code === "retention-exceeds-purpose");
    expect(f.map((d) => d.code)).toEqual(["retention-indefinite"]);
    expect(f[0]!.message).toContain("beyond what `orders` allows (2 years)");
    expect(r.source.text.slice(f[0]!.related[0]!.span.start, f[0]!.related[0]!.span.end)).toBe("2 years");
  });
});

// ---------------------------------------------------------------------------
// Suppressions.

/** The fixture model with the database's security line removed, so storage-without-security fires on `stores`. */
const insecure = readFileSync(fixturePath("storage-without-security"), "utf8");

describe("suppressions", () => {
  it("the unsuppressed model reports storage-without-security on the `stores` line", () => {
    const r = checkSource("t.flow", insecure);
    expect(codes(r.diagnostics)).toEqual(["storage-without-security"]);
    expect(r.source.lineText(r.diagnostics[0]!.span.line).trim()).toMatch(/^stores /);
  });

  it("a reasoned suppression on the line above removes the finding", () => {
    const text = insecure.replace("  stores email", "  // flowmap-ignore storage-without-security: encrypted by the platform\n  stores email");
    expect(checkSource("t.flow", text).diagnostics).toEqual([]);
  });

  it("a suppression above a multi-line declaration accepts its findings on any of its lines, on record with the reason", () => {
    const text = insecure.replace(/^system db /m, "// flowmap-ignore storage-without-security: encrypted by the platform (ticket SEC-7)\nsystem db ");
    const r = checkSource("t.flow", text);
    expect(r.diagnostics).toEqual([]);
    expect(r.accepted.map((d) => [d.code, d.suppressed?.reason])).toEqual([["storage-without-security", "encrypted by the platform (ticket SEC-7)"]]);
    expect(r.accepted[0]!.span.line).toBeGreaterThan(r.accepted[0]!.suppressed!.span.line + 1); // the finding is on a property line below
    // The register keeps the accepted risk, with its reason.
    const register = toCsv(buildRegister(r, "controller"), { bom: false });
    expect(register).toContain("accepted storage-without-security (line");
    expect(register).toContain("reason: encrypted by the platform (ticket SEC-7)");
    expect(toMarkdown(buildRegister(r, "controller"))).toContain("1 accepted with a reason");
    // SARIF: the result stays, with an in-source suppression and its justification.
    const sarif = JSON.parse(formatSarif([...r.diagnostics, ...r.accepted], allRules(), r.sources, { version: "0", docsBase: "x/", informationUri: "x" }));
    expect(sarif.runs[0].results[0].suppressions).toEqual([expect.objectContaining({ kind: "inSource", justification: "encrypted by the platform (ticket SEC-7)" })]);
  });

  it("a suppression above one declaration does not cover another that starts on its last line", () => {
    const text = insecure.replace(/^system db /m, "// flowmap-ignore storage-without-security: encrypted\nsystem other {\n  kind server  operator self  located NL } system db ");
    const r = checkSource("t.flow", text);
    expect(codes(r.diagnostics)).toContain("storage-without-security");
    // Declarations that both start on the covered line are both covered.
    const same = checkSource("t.flow", insecure.replace(/^system db /m, "// flowmap-ignore storage-without-security: encrypted\nsystem other { kind server  operator self  located NL } system db "));
    expect(codes(same.diagnostics)).not.toContain("storage-without-security");
  });

  it("an error that leaves the model partial cannot be accepted", () => {
    const r = checkSource("t.flow", `// flowmap-ignore import-not-found: will add later\nimport "missing.flow"\n${insecure}`);
    expect(codes(r.diagnostics)).toContain("import-not-found");
    expect(r.accepted).toEqual([]);
    expect(r.complete).toBe(false);
  });

  it("an unused suppression names the nearest finding of its rule", () => {
    const text = insecure.replace(/^subject /m, "// flowmap-ignore storage-without-security: encrypted\nsubject ");
    const r = checkSource("t.flow", text);
    const unused = r.diagnostics.find((d) => d.code === "unused-suppression")!;
    const finding = r.diagnostics.find((d) => d.code === "storage-without-security")!;
    expect(unused.message).toContain(`its nearest finding is on line ${finding.span.line}`);
    expect(unused.related[0]!.span.line).toBe(finding.span.line);
  });

  it("a trailing reasoned suppression applies to its own line", () => {
    const text = insecure.replace("retention 1 years\n", "retention 1 years // flowmap-ignore storage-without-security: encrypted by the platform\n");
    expect(checkSource("t.flow", text).diagnostics).toEqual([]);
  });

  it("blank lines and comments between a suppression and its line are skipped", () => {
    const text = insecure.replace("  stores email", "  // flowmap-ignore storage-without-security: encrypted by the platform\n\n  // another comment\n  stores email");
    expect(checkSource("t.flow", text).diagnostics).toEqual([]);
  });

  it("a suppression without a reason is an error and the finding stays", () => {
    for (const comment of ["// flowmap-ignore storage-without-security", "// flowmap-ignore storage-without-security:", "// flowmap-ignore storage-without-security:   "]) {
      const text = insecure.replace("  stores email", `  ${comment}\n  stores email`);
      const r = checkSource("t.flow", text);
      expect(codes(r.diagnostics), comment).toEqual(["suppression-without-reason", "storage-without-security"]);
      const d = r.diagnostics[0]!;
      expect(d.severity).toBe("error");
      expect(d.message).toBe("suppression of `storage-without-security` gives no reason");
      expect(r.source.text.slice(d.span.start, d.span.end)).toBe(comment);
    }
  });

  it("a suppression for a rule that reports nothing there is unused", () => {
    const text = insecure.replace("  located NL", "  // flowmap-ignore storage-without-security: wrong line\n  located NL");
    const r = checkSource("t.flow", text);
    expect(codes(r.diagnostics)).toEqual(["unused-suppression", "storage-without-security"]);
    expect(r.diagnostics[0]!.severity).toBe("warning");
    expect(r.diagnostics[0]!.message).toMatch(/^`storage-without-security` reports nothing on line \d+ \(its nearest finding is on line \d+\); this suppression is unused$/);
  });

  it("a suppression with a misspelled rule id is unused and silences nothing", () => {
    const text = insecure.replace("  stores email", "  // flowmap-ignore storage-without-securty: typo\n  stores email");
    const r = checkSource("t.flow", text);
    expect(codes(r.diagnostics)).toEqual(["unused-suppression", "storage-without-security"]);
    expect(r.diagnostics[0]!.message).toBe("`storage-without-securty` is not a rule id (did you mean `storage-without-security`?); this suppression is unused");
  });

  it("a suppression silences only the rule it names", () => {
    const text = insecure.replace("  stores email", "  // flowmap-ignore retention-missing: not this one\n  stores email");
    expect(codes(checkSource("t.flow", text).diagnostics)).toEqual(["unused-suppression", "storage-without-security"]);
  });

  it("syntax errors cannot be suppressed", () => {
    const text = "// flowmap-ignore syntax-error: trying\n@\n";
    const r = checkSource("t.flow", text);
    expect(codes(r.diagnostics)).toContain("syntax-error");
    // With syntax errors the rules do not run, so no suppression is judged unused.
    expect(codes(r.diagnostics)).not.toContain("unused-suppression");
  });

  it("model-stage findings can be suppressed", () => {
    const text = insecure.replace(
      "  kind database\n",
      "  // flowmap-ignore invalid-value: testing\n  kind databse\n",
    );
    const r = checkSource("t.flow", text);
    expect(codes(r.accepted)).toEqual(["invalid-value"]);
    // With the kind unread, whether `db` is a server or the user's device is unknown: the rules
    // that depend on it (storage-without-security here) stay quiet until the typo is fixed.
    expect(codes(r.diagnostics)).toEqual([]);
  });
});

describe("consent", () => {
  const purpose = (lines: string) => checkSource("t.flow", header.replace("  basis contract\n", lines));

  it("consent by use, opt-out or bundled is invalid; opt-in and explicit are valid; an unstated form is silent", () => {
    for (const form of ["by_use", "opt_out", "bundled"]) {
      const r = purpose(`  basis consent\n  consent ${form} "By using the Service, you agree."\n`);
      expect(codes(r.diagnostics), form).toEqual(["consent-invalid"]);
      expect(r.diagnostics[0]!.message, form).toContain('("By using the Service, you agree.")');
      expect(r.model.purposes[0]!.consent).toMatchObject({ form, note: "By using the Service, you agree." });
    }
    for (const form of ["opt_in", "explicit"]) expect(purpose(`  basis consent\n  consent ${form}\n`).diagnostics, form).toEqual([]);
    expect(purpose("  basis consent\n").diagnostics).toEqual([]);
  });

  it("an Art. 9(2)(a) condition needs the explicit form", () => {
    const r = purpose("  basis contract\n  condition explicit_consent\n  consent opt_in\n");
    expect(codes(r.diagnostics)).toEqual(["consent-invalid"]);
    expect(r.diagnostics[0]!.message).toContain("not explicit");
    expect(purpose("  basis contract\n  condition explicit_consent\n  consent explicit\n").diagnostics).toEqual([]);
  });

  it("`consent` on a purpose that does not rest on consent is an invalid property", () => {
    const r = purpose("  basis contract\n  consent opt_in\n");
    expect(codes(r.diagnostics)).toEqual(["invalid-property"]);
    expect(r.diagnostics[0]!.message).toBe("`consent` says how consent is obtained, but purpose `orders` rests on contract, not consent");
    expect(r.model.purposes[0]!.consent).toBeUndefined();
    const none = purpose("  consent by_use\n");
    expect(codes(none.diagnostics)).toEqual(["purpose-without-basis", "invalid-property"]);
    expect(none.diagnostics[1]!.message).toContain("did you mean to add `basis consent`?");
    // A misspelt basis has its own error only.
    expect(codes(purpose("  basis consnet\n  consent by_use\n").diagnostics)).toEqual(["invalid-basis"]);
  });

  it("a misspelt form suggests the nearest, and the formatter keeps the line", () => {
    const r = purpose("  basis consent\n  consent by_usee\n");
    expect(codes(r.diagnostics)).toEqual(["invalid-value"]);
    expect(r.diagnostics[0]!.message).toBe("`by_usee` is not a valid consent form (did you mean `by_use`?)");
  });
});
