/** Claims checked against the model (storage, tracking, sharing), the controller's identity and the
 *  notice's date: where each rule reports, with both places, and where it must stay silent. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import type { Diagnostic } from "../src/diagnostics.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "rules");
const fixture = (name: string) => readFileSync(join(fixtures, `${name}.flow`), "utf8");
/** The fixture with each [from, to] replacement applied; a replacement that matches nothing fails
 *  the test, so a changed fixture cannot silently leave a variant testing nothing. */
function variant(name: string, ...edits: Array<[string, string]>): string {
  let text = fixture(name);
  for (const [from, to] of edits) {
    expect(text, `fixture ${name} has ${JSON.stringify(from)}`).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}
const check = (text: string) => checkSource("t.flow", text);
const findings = (text: string, code: string): Diagnostic[] => check(text).diagnostics.filter((d) => d.code === code);
const codes = (text: string) => check(text).diagnostics.map((d) => d.code);

describe("storage-claim-contradicted", () => {
  const id = "storage-claim-contradicted";

  it("reports the claim, with the contradicting stores line as the related place", () => {
    const [d, ...rest] = findings(fixture(id), id);
    expect(rest).toEqual([]);
    expect(d!.span.line).toBe(18);
    expect(d!.message).toContain('is said to be kept in memory only ("Your location is kept in server memory only');
    expect(d!.message).toContain("system `places` stores it for 30 days");
    expect(d!.related.map((r) => r.span.line)).toEqual([34]);
  });

  it("claim not_stored is judged the same way", () => {
    const text = variant(id, ['claim memory_only "Your location is kept in server memory only while you use the app."', 'claim not_stored "We do not store your location."']);
    expect(findings(text, id)[0]!.message).toContain("is said to be not stored");
  });

  it("is silent for data kept only in memory or for the session", () => {
    expect(findings(fixture(`${id}.ok`), id)).toEqual([]);
    const session = variant(id, ["stores location for nearby retention 30 days", "stores location for nearby retention session"]);
    expect(findings(session, id)).toEqual([]);
  });

  it("a stores line with no retention of its own keeps the data as long as its purposes do", () => {
    const inherits = variant(id, ["stores location for nearby retention 30 days", "stores location for nearby"]);
    expect(findings(inherits, id)[0]!.message).toContain("for 30 days (purpose `nearby`'s retention)");
    const memory = variant(id, ["stores location for nearby retention 30 days", "stores location for nearby"], ["  retention 30 days\n}", "  retention memory\n}"]);
    expect(findings(memory, id)).toEqual([]);
  });

  it("is silent when the stores line's retention did not read (its own error)", () => {
    const text = variant(id, ["stores location for nearby retention 30 days", "stores location for nearby retention 30 dayz"]);
    expect(codes(text)).toContain("invalid-duration");
    expect(findings(text, id)).toEqual([]);
  });

  it("says a contradiction retention-exceeds-purpose reports (the purpose keeps it in memory) once, there", () => {
    const text = variant(id, ["  retention 30 days\n}", "  retention memory\n}"]);
    expect(codes(text)).toContain("retention-exceeds-purpose");
    expect(findings(text, id)).toEqual([]);
  });

  it("is silent for data kept on the data subject's own device", () => {
    const text = variant(id,
      ["system app \"Acme app\" { kind mobile_app }", "system app \"Acme app\" {\n  kind mobile_app\n  stores location for nearby retention 30 days\n}"],
      ["  stores location for nearby retention 30 days\n  security", "  security"]);
    expect(findings(text, id)).toEqual([]);
  });

  it("is silent for data the policy credibly calls anonymous", () => {
    const text = variant(id, ["kind location\n", 'kind usage\n  anonymous "Aggregated counts per area"\n']);
    expect(findings(text, id)).toEqual([]);
  });
});

describe("tracking-claim-contradicted", () => {
  const id = "tracking-claim-contradicted";

  it("reports the claim, with the flow to the vendor's analytics as the related place", () => {
    const [d, ...rest] = findings(fixture(id), id);
    expect(rest).toEqual([]);
    expect(d!.span.line).toBe(12);
    expect(d!.message).toContain('says it does not track ("We do not track our visitors.")');
    expect(d!.message).toContain("gives `visitor_id` to `analytics` (analytics, run by StatCo Ltd as processor)");
    expect(d!.related.map((r) => r.span.line)).toEqual([37]);
  });

  it("the organization's own analytics tracks only with an identifier", () => {
    expect(findings(fixture(`${id}.ok`), id)).toEqual([]);
    const withId = variant(`${id}.ok`, ['data page_views "Pages viewed" { kind usage }', 'data page_views "Pages viewed, with a cookie ID" { kind online_identifiers }']);
    expect(findings(withId, id)).toHaveLength(1);
  });

  it("a vendor as controller collecting identifiers from the browser tracks, whatever its kind", () => {
    const text = variant(id, ["kind analytics", "kind saas"], ['operator "StatCo Ltd" as processor', 'operator "StatCo Ltd" as controller'], ['  contract "StatCo DPA 2024"\n', ""]);
    expect(findings(text, id)[0]!.message).toContain("(saas, run by StatCo Ltd as controller)");
    // A processor of another kind is no tracker.
    expect(findings(variant(id, ["kind analytics", "kind saas"]), id)).toEqual([]);
  });

  it("is silent for a linked flow (the data subject reaches the third party on their own)", () => {
    const text = variant(id, ['operator "StatCo Ltd" as processor', 'operator "StatCo Ltd" as controller'], ["  for stats\n}", '  for stats\n  linked "Visitors who follow our StatCo profile"\n}']);
    expect(findings(text, id)).toEqual([]);
    expect(findings(variant(id, ['operator "StatCo Ltd" as processor', 'operator "StatCo Ltd" as controller']), id)).toHaveLength(1);
  });

  it("is silent for a flow done only for a purpose the organization carries out as a processor", () => {
    const text = variant(id, ["  basis consent\n", '  role processor "for our customers\' shops"\n'], ['  consent opt_in "Accept statistics cookies in the banner."\n', ""], ["  retention 13 months\n", ""]);
    expect(findings(text, id)).toEqual([]);
  });

  it("is silent when the recipient's kind or operator role did not read", () => {
    const kind = variant(id, ["kind analytics", "kind analytcs"]);
    expect(codes(kind)).toContain("invalid-value");
    expect(findings(kind, id)).toEqual([]);
    const role = variant(id, ['operator "StatCo Ltd" as processor', 'operator "StatCo Ltd" as procesor']);
    expect(codes(role)).toContain("invalid-value");
    expect(findings(role, id)).toEqual([]);
  });

  it("is silent without the claim", () => {
    expect(findings(variant(id, ['  claim no_tracking "We do not track our visitors."\n', ""]), id)).toEqual([]);
  });
});

describe("sharing-claim-contradicted", () => {
  const id = "sharing-claim-contradicted";

  it("one claim line saying both is one finding, with the other word and the flow as related places", () => {
    const [d, ...rest] = findings(fixture(id), id);
    expect(rest).toEqual([]);
    expect(d!.message).toContain('does not sell or share personal data ("We never sell or share your data.")');
    expect(d!.message).toContain("gives `email` to `adnet` (advertising, run by AdNet B.V. as controller)");
    expect(d!.related.map((r) => r.message)).toEqual(["the same promise: not shared", expect.stringContaining("`shop -> adnet` gives `email`")]);
  });

  it("not_sold is about advertising recipients; not_shared about any independent controller", () => {
    const saas = (claim: string) => variant(id, ['claim not_sold, not_shared "We never sell or share your data."', claim], ["kind advertising", "kind saas"]);
    expect(findings(saas('claim not_sold "We never sell your data."'), id)).toEqual([]);
    expect(findings(saas('claim not_shared "We never share your data."'), id)[0]!.message).toContain("does not share personal data");
    const apart = findings(variant(id, ['claim not_sold, not_shared "We never sell or share your data."', 'claim not_sold "We never sell your data."\n  claim not_shared "Nor do we share it."']), id);
    expect(apart.map((d) => d.message.slice(0, 48))).toEqual(["the organization says it does not sell personal ", "the organization says it does not share personal"]);
  });

  it("is silent for processors, authorities and disclosures the law requires", () => {
    expect(findings(fixture(`${id}.ok`), id)).toEqual([]);
    // The same tax flow to an adviser who is a controller is sharing unless the law requires it.
    const adviser = variant(`${id}.ok`, ["kind authority", "kind saas"]);
    expect(findings(adviser, id)).toEqual([]);
    const notRequired = variant(`${id}.ok`, ["kind authority", "kind saas"], ["  basis legal_obligation\n  law NL \"Algemene wet inzake rijksbelastingen, art. 52\"\n", "  basis legitimate_interests\n"]);
    expect(findings(notRequired, id)[0]!.message).toContain("gives `invoice` to `tax_office`");
  });

  it("is silent for a linked flow, a processor's purpose, and an operator role that did not read", () => {
    const fromBrowser = (...more: Array<[string, string]>) => variant(id, ["system shop \"Shop backend\" {\n  kind server", "system shop \"Shop backend\" {\n  kind browser"], ["  operator self\n  located NL\n", ""], ...more);
    expect(findings(fromBrowser(), id)).toHaveLength(1);
    expect(findings(fromBrowser(["  for audiences\n}", '  for audiences\n  linked "Customers who join AdNet themselves"\n}']), id)).toEqual([]);
    const processor = variant(id, ["  basis consent\n", '  role processor "for our clients"\n'], ['  consent opt_in "Tick the box to see our ads on other sites."\n', ""], ["  retention 1 years\n", ""]);
    expect(findings(processor, id)).toEqual([]);
    const role = variant(id, ['as controller', "as controler"]);
    expect(codes(role)).toContain("invalid-value");
    expect(findings(role, id)).toEqual([]);
  });
});

describe("controller-contact-missing and controller-address-missing", () => {
  const contact = "controller-contact-missing";
  const address = "controller-address-missing";
  const org = (lines: string, header = "") => `model "T" {\n  regime gdpr\n  updated "2024-01-01"\n${header}}\norganization acme "Acme B.V." {\n${lines}}\n`;

  it("nobody to reach is an error; reachable but incomplete is a warning", () => {
    expect(findings(org("  role controller\n  country NL\n"), contact).map((d) => d.severity)).toEqual(["error"]);
    for (const reach of ['  address "Keizersgracht 1, Amsterdam"\n', '  dpo "dpo@acme.example"\n', '  representative "Rep GmbH, Berlin"\n']) {
      const [d] = findings(org(`  role controller\n  country NL\n${reach}`), contact);
      expect(d!.severity, reach).toBe("warning");
      expect(d!.message).toBe("organization `acme` gives no contact");
    }
    expect(findings(org('  role controller\n  contact "privacy@acme.example"\n'), contact)[0]!.severity).toBe("warning");
  });

  it("a role or country written but unread counts as given (its own error)", () => {
    for (const text of [org('  role controler\n  country NL\n  contact "privacy@acme.example"\n'), org('  role controller\n  country Netherlands\n  contact "privacy@acme.example"\n')]) {
      expect(codes(text).some((c) => c.startsWith("invalid-"))).toBe(true);
      expect(findings(text, contact)).toEqual([]);
    }
  });

  it("the address is owed by a controller, in a model of its published notice", () => {
    const notice = '  source "https://acme.example/privacy"\n';
    const full = '  role controller\n  country NL\n  contact "privacy@acme.example"\n';
    expect(findings(org(full, notice), address).map((d) => d.severity)).toEqual(["info"]);
    expect(findings(org(full, "  describes notice\n"), address)).toHaveLength(1);
    expect(findings(org(full), address)).toEqual([]);
    expect(findings(org(full.replace("controller", "processor"), notice), address)).toEqual([]);
    expect(findings(org(`${full}  address "Keizersgracht 1, Amsterdam"\n`, notice), address)).toEqual([]);
  });

  it("an organization missing more is one finding that names the address too", () => {
    const text = org('  role controller\n  contact "privacy@acme.example"\n', '  source "https://acme.example/privacy"\n');
    expect(findings(text, address)).toEqual([]);
    expect(findings(text, contact).map((d) => d.message)).toEqual([expect.stringMatching(/^organization `acme` gives no country, address; without a country/)]);
  });
});

describe("policy-undated", () => {
  const id = "policy-undated";
  const header = (lines: string) => `model "T" {\n  regime gdpr\n${lines}}\norganization acme "Acme B.V." {\n  role controller\n  country NL\n  contact "x@acme.example"\n  address "Keizersgracht 1"\n}\n`;

  it("a model of a published notice with no date is reported", () => {
    expect(findings(header('  source "https://acme.example/privacy"\n'), id).map((d) => d.severity)).toEqual(["info"]);
    expect(findings(header("  describes notice\n"), id)[0]!.message).toContain("(`describes notice`)");
  });

  it("is silent for a record, for a date of any precision, and for a date that did not read", () => {
    expect(findings(header(""), id)).toEqual([]);
    for (const date of ['"2024"', '"2024-03"', '"2024-03-01"']) expect(findings(header(`  source "s"\n  updated ${date}\n`), id)).toEqual([]);
    const bad = header('  source "s"\n  updated "March 2024"\n');
    expect(codes(bad)).toContain("invalid-value");
    expect(findings(bad, id)).toEqual([]);
  });
});
