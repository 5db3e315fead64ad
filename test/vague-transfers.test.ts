/** transfer-ground-unspecified: a transfer's safeguard that the policy's words offer only as an
 *  example, as one of alternatives or on an open condition. Where it reports (one finding per set of
 *  words), what it says, and where it must stay silent: grounds named plainly, destinations adequacy
 *  covers, flows that are no transfer, `linked` flows, authorities, unread mechanisms, a processor's
 *  processing, a void framework the flow itself states (invalidated-framework's finding). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import type { Diagnostic } from "../src/diagnostics.js";
import { transferGroundLeftOpen } from "../src/legal/measures.js";

const id = "transfer-ground-unspecified";
const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "rules");
const fixture = readFileSync(join(fixtures, `${id}.flow`), "utf8");
const example = "Where we use providers outside the EU, we ensure appropriate safeguards are in place, such as Standard Contractual Clauses.";

/** The fixture with each [from, to] replacement applied everywhere; one that matches nothing fails
 *  the test, so a changed fixture cannot leave a variant testing nothing. */
function variant(...edits: Array<[string, string]>): string {
  let text = fixture;
  for (const [from, to] of edits) {
    expect(text, `fixture has ${JSON.stringify(from)}`).toContain(from);
    text = text.replaceAll(from, to);
  }
  return text;
}
const check = (text: string) => checkSource("t.flow", text);
const findings = (text: string, code = id): Diagnostic[] => check(text).diagnostics.filter((d) => d.code === code);
/** Both flows' words replaced. */
const words = (to: string) => variant([`"${example}"`, JSON.stringify(to)]);

describe("transfer-ground-unspecified reports", () => {
  it("one finding for the sentence on two transfers, on the first, the other related", () => {
    const [d, ...rest] = findings(fixture);
    expect(rest).toEqual([]);
    expect(d!.severity).toBe("warning");
    expect(d!.span.line).toBe(56);
    expect(d!.message).toContain("the transfer from `app` to `mailer` rests on SCCs");
    expect(d!.message).toContain('offer only as an example ("such as")');
    expect(d!.message).toContain("the same words stand for 1 more transfer (`app -> helpdesk`)");
    expect(d!.related.map((r) => [r.span.line, r.message])).toEqual([[63, "`app -> helpdesk` rests on the same words"]]);
  });

  it("different words on the two flows are two findings", () => {
    const text = variant([`"${example}"\n  tia "TIA-2026-05`, `"Appropriate safeguards, e.g. SCCs, are in place."\n  tia "TIA-2026-05`]);
    expect(findings(text).map((d) => d.span.line)).toEqual([56, 63]);
  });

  it("alternatives: two tools joined by 'or', the void framework among them named when the flow does not state it", () => {
    const d = findings(words("If the entity is certified under the US-EU Privacy Shield Framework, or if we have entered into standard data protection clauses with the entity."))[0]!;
    expect(d.message).toContain('offer as one of alternatives ("privacy shield ... or ... standard data protection clauses")');
    expect(d.message).toContain("one of them, the EU-US Privacy Shield, has been no ground since 16 July 2020");
    expect(findings(words("We rely on SCCs or other appropriate safeguards."))[0]!.message).toContain('("or other appropriate safeguards")');
    expect(findings(words("We use binding corporate rules or standard contractual clauses."))[0]!.message).not.toContain("no ground since");
  });

  it("'notably' and 'in particular' before the tool offer it as an example too", () => {
    expect(findings(words("in compliance with regulations (notably the examples of contractual clauses provided by the European Commission)"))[0]!.message).toContain('offer only as an example ("notably")');
    expect(findings(words("with appropriate safeguards, in particular the standard contractual clauses"))[0]!.message).toContain('("in particular")');
  });

  it("an open condition on the safeguard", () => {
    expect(findings(words("Where required, we use the standard contractual clauses."))[0]!.message).toContain('offer only on a condition they leave open ("where required")');
  });

  it("stays a warning in a model read from a published notice: Art. 13(1)(f) is the notice's own duty", () => {
    const notice = variant(['  regime gdpr\n', '  regime gdpr\n  describes notice\n']);
    expect(findings(notice).map((d) => d.severity)).toEqual(["warning"]);
  });
});

describe("transfer-ground-unspecified is silent", () => {
  it("where the words name the ground plainly (a condition on the transfer is not one on the safeguard)", () => {
    expect(findings(words("Where we use providers outside the EU, we rely on the Standard Contractual Clauses concluded with each of them."))).toEqual([]);
    expect(findings(words("We rely on the Standard Contractual Clauses (SCCs), Module 2."))).toEqual([]);
    // "such as" about a recipient, not the tool.
    expect(findings(words("We share data with providers such as Google, under standard contractual clauses."))).toEqual([]);
    // No words: the model states the ground itself.
    expect(findings(variant([`mechanism scc c2p "${example}"`, "mechanism scc c2p"]))).toEqual([]);
  });

  it("where no transfer is computed (the recipient in the EEA) or adequacy covers the destination", () => {
    expect(findings(variant(["located US", "located DE"], ["in US as processor", "in DE as processor"]))).toEqual([]);
    expect(findings(variant(["located US", "located CH"], ["in US as processor", "in CH as processor"]))).toEqual([]);
  });

  it("for a US recipient the Data Privacy Framework covers (declared certified, `mechanism dpf` first)", () => {
    const text = variant(["  located US\n", "  located US\n  certified dpf\n"], [`mechanism scc c2p "${example}"`, `mechanism dpf\n  mechanism scc c2p "${example}"`]);
    expect(findings(text)).toEqual([]);
  });

  it("where another safeguard on the flow is named plainly", () => {
    const text = variant([`mechanism scc c2p "${example}"`, `mechanism scc c2p "${example}"\n  mechanism bcr "Helpdesk Inc.'s binding corporate rules, approved 2022"`]);
    expect(findings(text)).toEqual([]);
  });

  it("where the mechanism did not read (its own error)", () => {
    const text = variant([`mechanism scc c2p "${example}"`, `mechanism sccs "${example}"`]);
    const r = check(text);
    expect(r.diagnostics.some((d) => d.severity === "error" && d.span.line === 56)).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === id)).toEqual([]);
  });

  it("for a public authority (Art. 48 is authority-transfer-without-agreement's)", () => {
    const text = variant(
      ['system helpdesk "Customer support desk" {\n  kind saas\n  operator "Helpdesk Inc." in US as processor\n  contract "Helpdesk Inc. DPA, 2021-06-01"\n', 'system helpdesk "US regulator" {\n  kind authority\n'],
      ['system mailer "Transactional e-mail" {\n  kind email\n  operator "Mailer Inc." in US as processor\n  contract "Mailer Inc. DPA, 2019-03-01"\n', 'system mailer "US court" {\n  kind authority\n'],
    );
    expect(check(text).diagnostics.map((d) => d.code)).toContain("authority-transfer-without-agreement");
    expect(findings(text)).toEqual([]);
  });

  it("for a `linked` flow: the data subject reaches the third party on their own", () => {
    const text = variant(
      ["flow app -> helpdesk", "flow shop -> helpdesk"], ["flow app -> mailer", "flow shop -> mailer"],
      ["in US as processor", "in US as controller"],
      [`  tia "TIA-2026-04`, `  linked "You may contact Mailer directly."\n  tia "TIA-2026-04`], [`  tia "TIA-2026-05`, `  linked "You may contact Helpdesk directly."\n  tia "TIA-2026-05`],
    );
    expect(findings(text)).toEqual([]);
  });

  it("for processing the organization carries out as a processor (the notice is its controller's)", () => {
    const text = variant(['purpose orders "Process orders" {\n', 'purpose orders "Process orders" {\n  role processor\n']);
    expect(findings(text)).toEqual([]);
  });

  it("where the flow itself states the void framework from the same words: invalidated-framework's one finding", () => {
    const both = "If the entity is certified under the US-EU Privacy Shield Framework, or if we have entered into standard data protection clauses with the entity.";
    const text = variant([`mechanism scc c2p "${example}"`, `mechanism privacy_shield "${both}"\n  mechanism scc c2p "${both}"`]);
    const r = check(text);
    expect(r.diagnostics.filter((d) => d.code === "invalidated-framework").length).toBeGreaterThan(0);
    expect(r.diagnostics.filter((d) => d.code === id)).toEqual([]);
  });
});

describe("the words that leave a transfer's safeguard open", () => {
  it.each([
    ["appropriate safeguards, e.g. SCCs", "example"],
    ["appropriate safeguards (e.g., standard contractual clauses)", "example"],
    ["safeguards such as the European Commission's standard contractual clauses", "example"],
    ["If we have entered into standard data protection clauses adopted by the Commission with the entity (or: If the entity is certified to comply with the principles for data protection under the US-EU Privacy Shield Framework)", "alternative"],
    ["the Data Privacy Framework or SCCs", "alternative"],
    ["we may rely on standard contractual clauses", "condition"],
    ["SCCs, as appropriate", "condition"],
  ])("%s: %s", (text, how) => {
    expect(transferGroundLeftOpen(text)?.how).toBe(how);
  });

  it.each([
    "We rely on the Standard Contractual Clauses (SCCs).",
    "SCCs (standard data protection clauses adopted by the Commission)",
    "The above mentioned companies are either EU-based or compliant with the EU-US Privacy Shield Framework.",
    "Wir haben mit Google Standarddatenschutzklauseln nach Art. 46 Abs. 2 lit. c DSGVO abgeschlossen.",
    "appropriate safeguards are in place",
    "adequacy decisions or, where none exists, the standard contractual clauses",
  ])("%s: plain, or no tool named", (text) => {
    expect(transferGroundLeftOpen(text)).toBeUndefined();
  });
});
