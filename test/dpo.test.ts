/** The data protection officer (Art. 37, 13(1)(b)): where `dpo-contact-missing` reports, at which
 *  severity, and where it must stay silent. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";

/** An organization (its lines vary) with one purpose whose data and flow vary. */
const model = (o: { org?: string; data?: string; purpose?: string; flow?: string } = {}) => `model "T" { regime gdpr  updated "2025-01-01" }
organization acme "Acme" {
  role controller
  country NL
  contact "privacy@acme.example"
${o.org ?? ""}
}
subject people "People"
data email "E-mail" { kind contact }
${o.data ?? ""}
purpose p "P" {
  basis contract
  subjects people
  data email${o.data ? `, ${[...o.data.matchAll(/^data (\w+)/gm)].map((m) => m[1]).join(", ")}` : ""}
  retention 1 years
${o.purpose ?? ""}
}
system app "App" { kind mobile_app }
system db "Database" { kind database  operator self  located NL  security "encryption at rest" }
flow app -> db { data email${o.flow ?? ""}  for p }
`;
const found = (text: string) => checkSource("t.flow", text).diagnostics.filter((d) => d.code === "dpo-contact-missing");

describe("dpo-contact-missing", () => {
  it("a public body with no DPO: a warning on its kind", () => {
    const ds = found(model({ org: "  kind public_body" }));
    expect(ds.map((d) => d.severity)).toEqual(["warning"]);
    expect(ds[0]!.message).toContain("must designate one (Art. 37(1)(a))");
  });

  it("special-category data or location tracking of its own: info, naming the data, its places related", () => {
    const health = found(model({ data: "data health { kind health }", purpose: "  condition explicit_consent" }));
    expect(health.map((d) => d.severity)).toEqual(["info"]);
    expect(health[0]!.message).toContain("special-category data `health` (Art. 37(1)(c))");
    const gps = found(model({ data: "data gps { kind precise_location }", flow: ", gps" }));
    expect(gps[0]!.message).toContain("precise location from the data subjects' devices, `gps` (monitoring, Art. 37(1)(b))");
    expect(gps[0]!.related.map((r) => r.message)).toEqual(["`gps` (precise location) is collected from `app` for `p`"]);
  });

  it("silent when a DPO is named or `dpo none` states the decision, and for ordinary data", () => {
    expect(found(model({ org: '  kind public_body\n  dpo "DPO, dpo@acme.example"' }))).toEqual([]);
    expect(found(model({ org: '  dpo none "fewer than 20 people process personal data"', data: "data health { kind health }", purpose: "  condition explicit_consent" }))).toEqual([]);
    expect(found(model())).toEqual([]);
    // Data that only may hold special categories is what people choose to send, not an activity.
    expect(found(model({ data: 'data notes { kind content  special possible "if you tell us" }' }))).toEqual([]);
  });

  it("silent for a processor's purposes and for data credibly anonymous", () => {
    expect(found(model({ data: "data health { kind health }", purpose: '  condition explicit_consent\n  role processor "for our clinics"' }))).toEqual([]);
    expect(found(model({ data: 'data gps { kind location  anonymous "aggregated heat maps" }' }))).toEqual([]);
  });

  it("one mistake, one error: a kind or dpo line that did not read", () => {
    const typo = checkSource("t.flow", model({ org: "  kind public_bdy" })).diagnostics;
    expect(typo.map((d) => d.code)).toContain("invalid-value");
    expect(typo.map((d) => d.code)).not.toContain("dpo-contact-missing");
  });
});
