/** A purpose's `kind` (what it is for): read by the model builder, one error for a word that is not
 *  a kind, and read by cookie-consent-missing, for which a first-party cookie read for analytics,
 *  advertising, marketing or personalization needs prior consent as a vendor's does. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";

const model = (purpose: string) => `model "m" { regime gdpr }
organization o "O" {
  country NL
  contact "privacy@o.example"
  address "Damrak 1, Amsterdam"
}
subject visitor "Visitor" { kind visitor }
data visitor_cookie "Visitor cookie" { kind online_identifiers }
data page_views "Pages viewed" { kind usage }
purpose measure "Measure visits" {
  ${purpose}
  subjects visitor
  data visitor_cookie, page_views
  retention 13 months
}
system browser "Browser" { kind browser }
system site "Website" {
  kind server
  operator self
  located NL
  stores visitor_cookie, page_views for measure
  security "TLS 1.3"
}
flow browser -> site {
  data visitor_cookie, page_views
  for measure
}
`;

const codes = (text: string) => checkSource("t.flow", text).diagnostics.map((d) => d.code);

describe("purpose kind", () => {
  it("reads the kind, and a first-party cookie read for analytics without consent is a finding", () => {
    const r = checkSource("t.flow", model('kind analytics\n  basis legitimate_interests "to count visits"'));
    expect(r.model.purposes[0]!.kind).toBe("analytics");
    const found = r.diagnostics.filter((d) => d.code === "cookie-consent-missing");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("`site`");
  });

  it("is silent for a purpose of a kind that may be strictly necessary, for no kind, and with prior consent", () => {
    expect(codes(model('kind security\n  basis legitimate_interests "to keep the site safe"'))).not.toContain("cookie-consent-missing");
    expect(codes(model('basis legitimate_interests "to count visits"'))).not.toContain("cookie-consent-missing");
    expect(codes(model('kind analytics\n  basis consent "when you accept analytics cookies"\n  consent opt_in "a banner with an equal choice"'))).not.toContain("cookie-consent-missing");
  });

  it("reads only identifiers first-party: device facts sent with each request are not a device read", () => {
    const text = model('kind analytics\n  basis legitimate_interests "to count visits"').replace("kind online_identifiers", "kind device");
    expect(codes(text)).not.toContain("cookie-consent-missing");
  });

  it("gives one error, naming the kinds, for a word that is not a kind, and nothing else about it", () => {
    const r = checkSource("t.flow", model('kind analytic\n  basis legitimate_interests "to count visits"'));
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.code)).toEqual(["invalid-value"]);
    expect(errors[0]!.message + (errors[0]!.help ?? "")).toContain("analytics");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("cookie-consent-missing");
  });
});
