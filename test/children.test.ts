/** Scope of the children rules (child-consent-below-age, children-profiled): where they must speak
 *  and where they must stay silent, and the Art. 8 age table they read. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { childConsentAges, childConsentAsOf, gdprChildConsentAge, lowestChildConsentAge } from "../src/legal/children.js";
import { eeaCountries } from "../src/legal/gdpr-transfers.js";

interface Parts {
  /** Lines inside the organization block besides role, contact. */
  org?: string;
  role?: string;
  subjectKind?: string;
  purpose?: string;
  /** Extra declarations (systems, flows). */
  rest?: string;
}

function model(p: Parts): string {
  return `model "M" {
  regime gdpr
  updated "2024-01-01"
}
organization acme "Acme" {
  role ${p.role ?? "controller"}
  contact "privacy@acme.example"
  ${p.org ?? "country DE"}
}
subject people "People"${p.subjectKind ? ` { kind ${p.subjectKind} }` : ""}
data nick "Nickname" { kind profile }
purpose board "Leaderboard" {
  ${p.purpose ?? "basis consent\n  consent opt_in"}
  subjects people
  data nick
  retention 12 months
}
${p.rest ?? ""}
`;
}

const findings = (text: string, code: string) => checkSource("children.flow", text).diagnostics.filter((d) => d.code === code);
const consent = (p: Parts) => findings(model(p), "child-consent-below-age");
const profiled = (p: Parts) => findings(model(p), "children-profiled");

describe("child-consent-below-age", () => {
  it("reports a minimum age below the national age once, on minimum_age, naming the provision", () => {
    const ds = consent({ org: "country FR\n  minimum_age 14 years" });
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("15 in France (Loi n° 78-17 Informatique et Libertés, art. 45)");
    expect(ds[0]!.span.line).toBe(9);
    expect(ds[0]!.related.map((r) => r.message)).toEqual(["`board` rests on consent"]);
  });

  it("names up to three purposes and counts the rest, each a related place", () => {
    const more = ["a", "b", "c"].map((id) => `purpose ${id} "${id}" {\n  basis consent\n  consent opt_in\n  subjects people\n  data nick\n  retention 12 months\n}`).join("\n");
    const ds = consent({ org: "country DE\n  minimum_age 13 years", rest: more });
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("`board`, `a`, `b` and 1 more rest on consent");
    expect(ds[0]!.related).toHaveLength(4);
  });

  it("is silent for a minimum age at or above the national age", () => {
    expect(consent({ org: "country FR\n  minimum_age 15 years" })).toEqual([]);
    expect(consent({ org: "country AT\n  minimum_age 14 years" })).toEqual([]);
    expect(consent({ org: "country DE\n  minimum_age 16 years", subjectKind: "child" })).toEqual([]);
    // 13 is the national age in Sweden: the same minimum age is below Germany's.
    expect(consent({ org: "country SE\n  minimum_age 13 years" })).toEqual([]);
    expect(consent({ org: "country DE\n  minimum_age 13 years" })).toHaveLength(1);
  });

  it("is silent for a processor's purpose, and for an organization that is a processor", () => {
    const onConsent = "basis consent\n  consent opt_in";
    expect(consent({ org: "country DE\n  minimum_age 13 years", purpose: onConsent })).toHaveLength(1);
    expect(consent({ org: "country DE\n  minimum_age 13 years", purpose: `${onConsent}\n  role processor` })).toEqual([]);
    expect(consent({ org: "country DE\n  minimum_age 13 years", role: "processor", purpose: onConsent })).toEqual([]);
  });

  it("is silent when no purpose rests on consent", () => {
    expect(consent({ org: "country DE\n  minimum_age 13 years", purpose: "basis contract" })).toEqual([]);
  });

  it("reads Art. 9(2)(a) explicit consent and a consent among several bases", () => {
    expect(consent({ org: "country DE\n  minimum_age 13 years", purpose: "basis contract\n  condition explicit_consent\n  consent explicit" })).toHaveLength(1);
    expect(consent({ org: "country DE\n  minimum_age 13 years", purpose: "basis contract, consent" })).toHaveLength(1);
  });

  it("is silent when the country or the minimum age did not read (their own errors)", () => {
    const badCountry = model({ org: "country Germny\n  minimum_age 13 years" });
    const r = checkSource("children.flow", badCountry);
    expect(r.diagnostics.some((d) => d.severity === "error" && d.span.line === 8)).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === "child-consent-below-age")).toEqual([]);
    const badAge = model({ org: "country DE\n  minimum_age 13 months", subjectKind: "child" });
    const r2 = checkSource("children.flow", badAge);
    expect(r2.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(r2.diagnostics.filter((d) => d.code === "child-consent-below-age")).toEqual([]);
  });

  it("says the GDPR's 16 and the national leeway for an EEA country without a confirmed age", () => {
    const ds = consent({ org: "country SI\n  minimum_age 14 years" });
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("16 under the GDPR in Slovenia, unless its law sets a lower age (not below 13");
  });

  it("names a pending reform where one was found", () => {
    expect(consent({ org: "country ES\n  minimum_age 13 years" })[0]!.message).toContain("would raise it to 16, not confirmed enacted");
  });

  it("outside the EEA: speaks only when the organization targets the EEA, or the minimum age is below 13", () => {
    expect(consent({ org: "country US\n  minimum_age 14 years" })).toEqual([]);
    const targeted = consent({ org: "country US\n  targets eea\n  minimum_age 14 years" });
    expect(targeted).toHaveLength(1);
    expect(targeted[0]!.message).toContain("13 to 16 by the child's member state (16 unless its law sets a lower age; United States is outside the EEA)");
    const young = consent({ org: "country US\n  minimum_age 12 years" });
    expect(young).toHaveLength(1);
    expect(young[0]!.message).toContain("below 13, the lowest age any member state may set");
  });

  it("with no country stated, speaks of the member states' range", () => {
    const ds = consent({ org: "minimum_age 13 years" });
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("the organization's country is not stated");
  });

  it("without a minimum age, reports each child subject of a consent purpose, and nothing for adults", () => {
    const ds = consent({ subjectKind: "child" });
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toMatch(/^children \(`people`\) are data subjects of `board`, which rests on consent, and the model states no `minimum_age`/);
    expect(consent({ subjectKind: "user" })).toEqual([]);
    expect(consent({})).toEqual([]);
    expect(consent({ subjectKind: "child", purpose: "basis consent\n  role processor" })).toEqual([]);
  });
});

const adnet = (role: string, kind = "advertising") => `system game "Game server" {
  kind server
  operator self
  located DE
  stores nick for board
  security "TLS"
}
system adnet "Partner" {
  kind ${kind}
  operator "Partner GmbH" as ${role}
  located DE
}
flow game -> adnet "Nicknames" {
  data nick
  for board
}`;

describe("children-profiled", () => {
  it("reports a child subject whose purpose sends data to an advertising system, with the purpose (an occurrence) and the flow related", () => {
    const ds = profiled({ subjectKind: "child", purpose: "basis legitimate_interests", rest: adnet("controller") });
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("`board` rests on legitimate interests");
    expect(ds[0]!.related).toHaveLength(2);
    expect(ds[0]!.related!.filter((x) => x.occurrence).map((x) => x.message)).toEqual(["`board` uses children's data for this"]);
    expect(profiled({ subjectKind: "child", rest: adnet("processor") })).toHaveLength(1);
  });

  it("is silent for adult-only subjects", () => {
    expect(profiled({ subjectKind: "user", rest: adnet("controller") })).toEqual([]);
    expect(profiled({ rest: adnet("controller") })).toEqual([]);
  });

  it("reads analytics only when an independent controller runs it", () => {
    expect(profiled({ subjectKind: "child", rest: adnet("controller", "analytics") })).toHaveLength(1);
    expect(profiled({ subjectKind: "child", rest: adnet("processor", "analytics") })).toEqual([]);
  });

  it("is silent for a processor's purpose", () => {
    expect(profiled({ subjectKind: "child", purpose: "basis legitimate_interests", rest: adnet("controller") })).toHaveLength(1);
    expect(profiled({ subjectKind: "child", purpose: "basis legitimate_interests\n  role processor", rest: adnet("controller") })).toEqual([]);
  });

  it("is silent for a flow the child makes on their own (linked)", () => {
    const linked = `system app "Phone" { kind mobile_app }
system social "Social network" {
  kind advertising
  operator "Social Inc." as controller
  located DE
}
flow app -> social "Share button" {
  data nick
  for board
  linked "You may share your score on the network yourself"
}`;
    expect(profiled({ subjectKind: "child", rest: linked })).toEqual([]);
  });
});

describe("the Art. 8 age table", () => {
  it("holds only EEA states, ages 13 to 16, each with its provision and a source", () => {
    expect(childConsentAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [code, entry] of Object.entries(childConsentAges)) {
      expect(eeaCountries.has(code), code).toBe(true);
      expect(entry.years, code).toBeGreaterThanOrEqual(lowestChildConsentAge);
      expect(entry.years, code).toBeLessThanOrEqual(gdprChildConsentAge);
      expect(entry.provision.length, code).toBeGreaterThan(0);
      expect(entry.source, code).toMatch(/https?:\/\/|SWD\(2020\)/);
    }
  });
});
