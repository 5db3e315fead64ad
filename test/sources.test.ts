/** Data not obtained from the data subject (Art. 14): where `source-not-identified` and
 *  `non-user-not-informed` report, and where they must stay silent. */
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import type { Diagnostic } from "../src/diagnostics.js";

const header = (extra = "", role = "controller") => `model "S" {
  regime gdpr
  updated "2025-01-02"
  ${extra}
}
organization o "O" { role ${role}  country NL  contact "x@example.org" }
subject user "Users" { kind user }
system browser "Browser" { kind browser }
system web "Web shop" { kind server  operator self  located NL  security "TLS" }
system google "Sign in with Google" { kind authentication  operator "Google Ireland Limited" in IE as controller  located IE }
`;

/** A shop that receives a profile from Google sign-in; `profile` and `flow` vary. */
function shop(opts: { profile?: string; purpose?: string; flow?: string; extra?: string; role?: string; more?: string } = {}): string {
  return `${header(opts.extra, opts.role)}
data profile "Name and e-mail" { kind identity ${opts.profile ?? ""} }
purpose accounts "Accounts" { basis contract  subjects user  data profile  retention 1 years ${opts.purpose ?? ""} }
flow google -> web { data profile  for accounts ${opts.flow ?? ""} }
${opts.more ?? ""}`;
}

const run = (text: string) => checkSource("s.flow", text).diagnostics;
const of = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe("source-not-identified", () => {
  it("reports a third party's system that sends data with no `obtained` source, once, on its operator", () => {
    const text = shop();
    const found = of(run(text), "source-not-identified");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("warning");
    expect(text.slice(found[0]!.span.start, found[0]!.span.end)).toMatch(/^operator "Google Ireland Limited"/);
    expect(found[0]!.message).toContain("`google` (Google Ireland Limited, an independent controller) sends the organization `profile`");
    expect(found[0]!.help).toContain('obtained social_login "');
  });

  it("is satisfied by an `obtained` line naming a source other than the data subject", () => {
    expect(codes(run(shop({ profile: 'obtained social_login "Google gives us your name"' })))).not.toContain("source-not-identified");
    // `subject` alone does not say the data comes from Google.
    const only = of(run(shop({ profile: 'obtained subject "you give us your name"' })), "source-not-identified");
    expect(only).toHaveLength(1);
    expect(only[0]!.related.map((r) => r.message)).toContain("the `obtained` line of `profile` names only the data subject");
  });

  it("is info in a `describes notice` model, where the flow from a named party is drawn from the notice", () => {
    const found = of(run(shop({ extra: "describes notice" })), "source-not-identified");
    expect(found.map((d) => d.severity)).toEqual(["info"]);
  });

  it("reports a source the notice names only by category, even with an `obtained` line, and in a notice model", () => {
    const text = `${header("describes notice")}
system partners "Partners" { kind saas  unnamed "such as our partners or advertisers"  operator "Unnamed partners" as controller  located unspecified }
data leads "Leads" { kind profile  obtained partners "We may obtain information from our partners" }
purpose marketing "Marketing" { basis consent  consent opt_in  subjects user  data leads  retention 1 years }
flow partners -> web { data leads  for marketing }
`;
    const found = of(run(text), "source-not-identified");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("warning");
    expect(text.slice(found[0]!.span.start, found[0]!.span.end)).toBe('unnamed "such as our partners or advertisers"');
    expect(found[0]!.message).toContain('names this source only as a category ("such as our partners or advertisers")');
  });

  it("is silent where each person is told the specific source individually (`informed` on the data), or the policy says why it cannot be", () => {
    const text = (informed: string) => `${header("describes notice")}
system partners "Partners" { kind saas  unnamed "a referral or a recruiting platform"  operator "Unnamed referrers" as controller  located unspecified }
data leads "Leads" { kind profile  obtained partners "we receive your data through a referral or a platform"  ${informed} }
data bought "Bought lists" { kind contact  obtained brokers "we buy lists"  ${informed} }
purpose hiring "Hiring" { basis contract  subjects user  data leads, bought  retention 1 years }
flow partners -> web { data leads  for hiring }
`;
    // Without it: the category source and the bought lists, one finding each.
    expect(of(run(text("")), "source-not-identified")).toHaveLength(2);
    expect(codes(run(text('informed "we tell you the source of the data individually"')))).not.toContain("source-not-identified");
    expect(codes(run(text('informed none "the data comes from many sources"')))).not.toContain("source-not-identified");
    // `informed none` with no reason answers nothing; one that did not read has its own error only.
    expect(of(run(text("informed none")), "source-not-identified")).toHaveLength(2);
    const broken = run(text("informed 42"));
    expect(codes(broken)).not.toContain("source-not-identified");
    expect(broken.filter((d) => d.severity === "error").length).toBeGreaterThan(0);
  });

  it("data from partners or brokers sent by a system named only by category is that system's finding, whatever its role", () => {
    const text = `${header()}
system agencies "Agencies" { kind advertising  unnamed "our subcontractors, including advertising agencies or private databases"  operator "Agencies (not named)" as processor  located unspecified }
data bought "Bought data" { kind profile  obtained brokers "private databases" }
data leads "Leads" { kind contact  obtained partners "advertising agencies" }
purpose marketing "Marketing" { basis consent  consent opt_in  subjects user  data bought, leads  retention 1 years }
flow agencies -> web { data bought, leads  for marketing }
`;
    const found = of(run(text), "source-not-identified");
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.span.start, found[0]!.span.end)).toBe('unnamed "our subcontractors, including advertising agencies or private databases"');
    expect(found[0]!.message).toContain("`agencies` sends the organization `bought`, `leads`");
    expect(found[0]!.related.map((r) => text.slice(r.span.start, r.span.end))).toEqual(['obtained brokers "private databases"', 'obtained partners "advertising agencies"']);
  });

  it("a source of the person's own choosing named by category (their bank, their mailbox) is not a party source: only its `obtained` line is asked for", () => {
    const text = `${header("describes notice")}
system bank "Donors' banks" { kind payment  unnamed "a standard bank payment"  operator "The donor's bank" as controller  located unspecified }
data donation "Donation and account" { kind financial }
purpose donations "Donations" { basis contract  subjects user  data donation  retention 10 years }
flow bank -> web { data donation  for donations }
`;
    const found = of(run(text), "source-not-identified");
    expect(found.map((d) => [d.severity, text.slice(d.span.start, d.span.end)])).toEqual([["info", 'operator "The donor\'s bank" as controller']]);
  });

  it("the person's own bank or payment provider (kind payment), named by category, is identified by being theirs", () => {
    const text = (kind: string) => `${header("describes notice")}
system banks "Banks" { kind ${kind}  unnamed "your bank or payment provider"  operator "The reader's bank" as controller  located unspecified }
data updates "Updated card details" { kind payment_card  obtained partners "we may receive updated payment details from your bank or payment provider" }
purpose billing "Billing" { basis contract  subjects user  data updates  retention 1 years }
flow banks -> web { data updates  for billing }
`;
    expect(codes(run(text("payment")))).not.toContain("source-not-identified");
    expect(of(run(text("saas")), "source-not-identified")).toHaveLength(1);
  });

  it("is silent for data a connected service sends through the person's own device (a wearable's), named by category", () => {
    const text = `${header()}
system app "Our app" { kind mobile_app }
system wearables "Wearables" { kind saas  unnamed "wearables you use, such as Fitbit"  operator "Wearable providers" as controller  located unspecified }
data steps "Steps" { kind usage  obtained partners "we read the data your wearable stores, with your approval" }
purpose sync "Sync" { basis consent  consent opt_in  subjects user  data steps  retention 1 years }
flow wearables -> app { data steps  for sync }
flow app -> web { data steps  for sync }
`;
    expect(codes(run(text))).not.toContain("source-not-identified");
    expect(codes(run(text.replace("flow wearables -> app { data steps  for sync }\n", "")))).toContain("source-not-identified");
  });

  it("reports data obtained from partners, brokers or a social-login provider that no system sends, on its `obtained` line", () => {
    const text = `${header()}
data leads "Leads" { kind contact  obtained brokers "We buy contact lists" }
purpose marketing "Marketing" { basis consent  consent opt_in  subjects user  data leads  retention 1 years }
flow browser -> web { data leads  for marketing }
`;
    const found = of(run(text), "source-not-identified");
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.span.start, found[0]!.span.end)).toBe('obtained brokers "We buy contact lists"');
    // Sources identified by the word itself are not reported.
    expect(codes(run(text.replace('obtained brokers "We buy contact lists"', 'obtained parents "Parents enter it"')))).not.toContain("source-not-identified");
    // A named system that sends the data names the party.
    expect(codes(run(shop({ profile: 'obtained social_login "Google gives us your name"' })))).not.toContain("source-not-identified");
  });

  it("is silent for a processor's purpose, and for an organization that is only a processor", () => {
    expect(codes(run(shop({ purpose: 'role processor "for our customers"' })))).not.toContain("source-not-identified");
    const processor = `${header("", "processor")}
data profile "Name and e-mail" { kind identity }
purpose accounts "Accounts" { subjects user  data profile }
flow google -> web { data profile  for accounts }
data leads "Leads" { kind contact  obtained brokers "customers upload lists they bought" }
purpose lists "Lists" { subjects user  data leads }
flow browser -> web { data leads  for lists }
`;
    expect(codes(run(processor))).not.toContain("source-not-identified");
    expect(of(run(processor.replace("role processor", "role controller").replace(/purpose (\w+) "(\w+)" \{ /g, 'purpose $1 "$2" { basis contract  retention 1 years ')), "source-not-identified")).toHaveLength(2);
  });

  it("is silent for linked flows: one whose `linked` fails has its own error only", () => {
    const ds = run(shop({ flow: 'linked "you connect your Google account yourself"' }));
    expect(codes(ds)).toContain("linked-not-independent");
    expect(codes(ds)).not.toContain("source-not-identified");
  });

  it("is silent for data the subject gives from their own device, and between two third parties", () => {
    const text = `${header()}
data email "E-mail" { kind contact  obtained subject "you give us your e-mail" }
purpose accounts "Accounts" { basis contract  subjects user  data email  retention 1 years }
system ads "Ad partner" { kind advertising  operator "Ads Ltd" in IE as controller  located IE }
flow browser -> web { data email  for accounts }
flow google -> ads { data email  for accounts }
`;
    expect(codes(run(text))).not.toContain("source-not-identified");
  });

  it("is silent for data credibly called anonymous", () => {
    const text = `${header()}
data stats "Aggregate statistics" { kind usage  anonymous "aggregate figures, no identifiers" }
purpose reports "Reports" { basis legitimate_interests  lia "LIA-1"  subjects user  data stats  retention 1 years }
flow google -> web { data stats  for reports }
`;
    expect(codes(run(text))).not.toContain("source-not-identified");
    expect(codes(run(text.replace('  anonymous "aggregate figures, no identifiers"', "")))).toContain("source-not-identified");
  });

  it("is silent when the source or the operator's role did not read (one mistake, one error)", () => {
    const typo = run(shop({ profile: 'obtained socail_login "Google gives us your name"' }));
    expect(codes(typo)).toContain("invalid-value");
    expect(codes(typo)).not.toContain("source-not-identified");
    const role = run(shop().replace("as controller", "as controler"));
    expect(codes(role)).toContain("invalid-value");
    expect(codes(role)).not.toContain("source-not-identified");
    // Nor is data obtained from partners reported as sent by no named party when its sender's role did not read.
    const partners = run(shop({ profile: 'obtained partners "our partners send it"' }).replace("Sign in with Google", "Partner").replace("as controller", "as controler"));
    expect(codes(partners)).toContain("invalid-value");
    expect(codes(partners)).not.toContain("source-not-identified");
  });
});

describe("non-user-not-informed", () => {
  const calls = (opts: { kind?: string; role?: string; second?: string } = {}) => `${header()}
subject callers "People our customers call" { kind ${opts.kind ?? "non_user"} }
data phone "Phone numbers" { kind contact }
purpose calls "Calls" { basis contract  subjects user, callers  data phone  retention 6 months ${opts.role ?? ""} }
purpose billing "Billing" { basis contract  subjects ${opts.second ?? "user, callers"}  data phone  retention 6 months }
flow browser -> web { data phone  for calls, billing }
`;

  it("reports each non-user subject once, as info, on the subject, the purposes processing their data as related occurrences", () => {
    const text = calls();
    const found = of(run(text), "non-user-not-informed");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("info");
    expect(text.slice(found[0]!.span.start, found[0]!.span.end)).toBe("kind non_user");
    expect(found[0]!.message).toContain("`callers` (");
    expect(found[0]!.message).toContain("are not users and never see this notice, yet purposes `calls`, `billing` process their data");
    expect(found[0]!.related.filter((r) => r.occurrence).map((r) => r.message)).toEqual(["purpose `calls` processes their data", "purpose `billing` processes their data"]);
  });

  it("is silent for a processor's purposes, for users, and for a kind that did not read", () => {
    const processorOnly = run(calls({ role: 'role processor "for our customers"', second: "user" }));
    expect(codes(processorOnly)).not.toContain("non-user-not-informed");
    expect(codes(run(calls({ kind: "user" })))).not.toContain("non-user-not-informed");
    const typo = run(calls({ kind: "non_usr" }));
    expect(codes(typo)).toContain("invalid-value");
    expect(codes(typo)).not.toContain("non-user-not-informed");
  });
});
