/** Scope of behavioural-ads-on-legitimate-interests: what counts as a profile fed to an ad system,
 *  where the rule must stay silent (processors, linked flows, anonymous data, unread values,
 *  contextual ads, children), and how it shares one problem with cookie-consent-missing and
 *  children-profiled so that each is said once. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import type { Diagnostic } from "../src/diagnostics.js";

const id = "behavioural-ads-on-legitimate-interests";

interface Parts {
  role?: string;
  /** The ads purpose's basis line(s). */
  basis?: string;
  /** Extra lines in the ads purpose (role, condition...). */
  purpose?: string;
  subjects?: string;
  /** Data the flow to the ad network carries. */
  data?: string;
  /** The flow's source system. */
  from?: "browser" | "shop";
  /** Extra lines in the flow block. */
  flow?: string;
  adKind?: string;
  rest?: string;
}

function model(p: Parts): string {
  const data = p.data ?? "cookie";
  return `model "M" {
  regime gdpr
  updated "2024-01-01"
}
organization acme "Acme B.V." {
  role ${p.role ?? "controller"}
  country NL
  contact "privacy@acme.example"
}
subject visitor "Visitors"
subject kids "Children" { kind child }
data cookie "Advertising cookie ID" { kind online_identifiers }
data device_id "Device ID" { kind identifiers }
data hashed_email "Hashed e-mail" { kind identifiers }
data events "Pages viewed" { kind usage }
data ua "Browser and screen size" { kind device }
data region "Region" { kind location }
data stats "Visit counts per page" {
  kind usage
  anonymous "aggregated counts, no one can be singled out"
}
purpose ads "Ads" {
  ${p.basis ?? 'basis legitimate_interests "our legitimate interest in showing relevant ads"'}
  ${p.purpose ?? ""}
  subjects ${p.subjects ?? "visitor"}
  data ${data}
  retention 13 months
}
system browser "Visitor's browser" { kind browser }
system shop "Shop backend" { kind server  operator self  located NL }
system adnet "Ad network" { kind ${p.adKind ?? "advertising"}  operator "AdNet Ltd" as controller  located IE }
flow ${p.from ?? "shop"} -> adnet "To the ad network" {
  data ${data}
  for ads
  ${p.flow ?? ""}
}
${p.rest ?? ""}
`;
}

const all = (text: string): Diagnostic[] => checkSource("ads.flow", text).diagnostics;
const own = (p: Parts) => all(model(p)).filter((d) => d.code === id);
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe(id, () => {
  it("reports behaviour sent from a server to an ad network on legitimate interests, once, on the basis line", () => {
    const text = model({ data: "events" });
    const ds = all(text).filter((d) => d.code === id);
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe("warning");
    expect(ds[0]!.span.line).toBe(lineOf(text, "basis legitimate_interests"));
    expect(ds[0]!.message).toContain("purpose `ads` sends `events` to the advertising system `adnet`");
    expect(ds[0]!.message).toContain('("our legitimate interest in showing relevant ads")');
    expect(ds[0]!.message).toContain("C-252/21");
    expect(ds[0]!.related.map((r) => r.message)).toEqual(["`shop` -> `adnet` delivers `events`"]);
    expect(ds[0]!.related[0]!.span.line).toBe(lineOf(text, "flow shop -> adnet"));
  });

  it("reads legitimate interests among several bases, and quotes the words the policy gives them", () => {
    const ds = own({
      from: "browser",
      basis: 'basis consent "we ask before the ad tag reads the cookie", legitimate_interests "we personalise ads in our legitimate interest"\n  consent opt_in "the cookie banner"',
    });
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('("we personalise ads in our legitimate interest")');
    expect(ds[0]!.message).toContain("the consent it also states does not cover the processing it rests on legitimate interests");
  });

  it("counts online identifiers from any side, identifiers only from the person's own device", () => {
    expect(own({ data: "cookie" })).toHaveLength(1);
    // A hashed e-mail uploaded from the server is a list matched, not behaviour.
    expect(own({ data: "hashed_email" })).toEqual([]);
    // The same kind read by the app or browser is the device's identifier (split basis: see the fold below).
    expect(own({ data: "device_id", from: "browser", basis: 'basis consent "x", legitimate_interests "y"\n  consent opt_in' })).toHaveLength(1);
  });

  it("is silent for contextual ads: device data and coarse location only", () => {
    expect(own({ data: "ua, region", from: "browser", basis: 'basis consent "x", legitimate_interests "y"\n  consent opt_in' })).toEqual([]);
    expect(own({ data: "ua, region" })).toEqual([]);
  });

  it("is silent for data whose anonymity claim stands, and speaks when the claim fails", () => {
    expect(own({ data: "stats" })).toEqual([]);
    // Sent with the cookie to the ad network, the statistics are linkable (Recital 26): both count.
    expect(own({ data: "stats, cookie" }).map((d) => d.message)[0]).toContain("sends `stats`, `cookie` to");
  });

  it("reads only advertising systems, and only purposes on legitimate interests", () => {
    expect(own({ data: "events", adKind: "analytics" })).toEqual([]);
    expect(own({ data: "events", basis: 'basis consent "x"\n  consent opt_in' })).toEqual([]);
    // Contract for the same ads is C-252/21's Art. 6(1)(b) question, not this rule's.
    expect(own({ data: "events", basis: 'basis contract "x"' })).toEqual([]);
  });

  it("is silent for a processor's purposes", () => {
    expect(own({ data: "events", purpose: 'role processor "we run the ads for our customers"' })).toEqual([]);
    expect(own({ data: "events", role: "processor" })).toEqual([]);
  });

  it("is silent for a flow the data subject makes on their own (linked)", () => {
    const text = model({ data: "cookie", from: "browser", flow: 'linked "the visitor follows a link to the network"', basis: 'basis consent "x", legitimate_interests "y"\n  consent opt_in', rest: "" });
    expect(all(text).filter((d) => d.code === id)).toEqual([]);
  });

  it("one mistake, one error: a misspelt basis gives its own error and nothing from this rule", () => {
    const ds = all(model({ data: "events", basis: 'basis legitimate_interest "x"' }));
    expect(ds.filter((d) => d.code === id)).toEqual([]);
    expect(ds.filter((d) => d.code === "invalid-basis")).toHaveLength(1);
    const several = all(model({ data: "events", basis: 'basis consent, legitimate_intrests "x"\n  consent opt_in' }));
    expect(several.filter((d) => d.code === id)).toEqual([]);
    // A subject kind that did not read may be a child's: the children rule would have said it.
    const kindless = all(model({ data: "events", subjects: "kids", rest: "" }).replace("{ kind child }", "{ kind chlid }"));
    expect(kindless.filter((d) => d.code === id)).toEqual([]);
  });

  it("the device read for ads on legitimate interests alone is cookie-consent-missing's one finding", () => {
    const text = model({ data: "cookie", from: "browser" });
    const ds = all(text);
    expect(ds.filter((d) => d.code === id)).toEqual([]);
    const cookie = ds.filter((d) => d.code === "cookie-consent-missing");
    expect(cookie).toHaveLength(1);
    expect(cookie[0]!.span.line).toBe(lineOf(text, "basis legitimate_interests"));
    expect(cookie[0]!.message).toContain("rests on legitimate interests, not prior consent");
  });

  it("never reports a purpose that cookie-consent-missing reports, and one of the two reports every LI purpose feeding ads from the device", () => {
    const bases = ['basis legitimate_interests "y"', 'basis consent "x", legitimate_interests "y"\n  consent opt_in', 'basis contract, legitimate_interests "y"'];
    const datas = ["cookie", "device_id", "events", "ua", "cookie, events"];
    for (const basis of bases) {
      for (const data of datas) {
        for (const from of ["browser", "shop"] as const) {
          const ds = all(model({ basis, data, from }));
          const mine = ds.filter((d) => d.code === id).length;
          const cookie = ds.filter((d) => d.code === "cookie-consent-missing").length;
          const label = `${basis} / ${data} / ${from}`;
          expect(mine + cookie, label).toBeLessThanOrEqual(1);
          const profile = data !== "ua" && !(data === "device_id" && from === "shop");
          if (profile) expect(mine + cookie, label).toBe(1);
        }
      }
    }
  });

  it("a purpose whose subjects are all children is children-profiled's finding; with adults too, this rule's", () => {
    const kids = all(model({ data: "events", subjects: "kids" }));
    expect(kids.filter((d) => d.code === id)).toEqual([]);
    expect(kids.filter((d) => d.code === "children-profiled")[0]!.message).toContain("rests on legitimate interests");
    const both = all(model({ data: "events", subjects: "visitor, kids" }));
    expect(both.filter((d) => d.code === id)).toHaveLength(1);
    expect(both.filter((d) => d.code === "children-profiled")).toHaveLength(1);
  });

  it("purposes resting on legitimate interests in the same words are one finding, the other related", () => {
    const second = `purpose retarget "Retargeting" {
  basis legitimate_interests "our legitimate interest in showing relevant ads"
  subjects visitor
  data events
  retention 13 months
}
flow shop -> adnet "Retargeting events" {
  data events
  for retarget
}`;
    const text = model({ data: "events", rest: second });
    const ds = all(text).filter((d) => d.code === id);
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("(as do `retarget`, in the same words)");
    const related = ds[0]!.related;
    expect(related.map((r) => r.message)).toContain("purpose `retarget` rests its advertising on the same words");
    expect(related.some((r) => r.message.includes("for `retarget`") && r.span.line === lineOf(text, '"Retargeting events"'))).toBe(true);
    // Other words: two findings.
    const other = all(model({ data: "events", rest: second.replace("our legitimate interest in showing relevant ads", "to reach you elsewhere") })).filter((d) => d.code === id);
    expect(other).toHaveLength(2);
  });
});

describe(`${id} on the saygames corpus model`, () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const corpus = readFileSync(join(here, "corpus", "ads-app-saygames", "model.flow"), "utf8");
  // The policy: "Our processing for the above purpose is justified by our legitimate interests ... The
  // disclosure of your advertising ID ... is based on your consent". Written with both bases (the
  // corpus model may state only the consent, until its owner adds the interests).
  const consentOnly = /^ {2}basis consent ("The disclosure of your advertising ID[^"]*")$/m;
  const both = corpus.replace(consentOnly, '  basis legitimate_interests "Our processing for the above purpose is justified by our legitimate interests", consent $1');

  it("finds the behavioural ads on legitimate interests, once, and leaves the contextual ads to cookie-consent-missing", () => {
    const ds = checkSource("saygames.flow", both).diagnostics;
    const mine = ds.filter((d) => d.code === id);
    expect(mine).toHaveLength(1);
    const lines = both.split("\n");
    const start = lines.findIndex((l) => l.startsWith("purpose behavioral_ads"));
    expect(mine[0]!.span.line).toBe(lines.findIndex((l, i) => i > start && l.startsWith("  basis")) + 1);
    expect(mine[0]!.message).toContain("purpose `behavioral_ads`");
    expect(mine[0]!.message).toContain("`mopub`, `mopub_partners`");
    expect(ds.filter((d) => d.code === "cookie-consent-missing").map((d) => d.message)[0]).toContain("purpose `contextual_ads`");
    expect(ds.filter((d) => d.code === "consent-invalid").map((d) => d.message)[0]).toContain("purpose `behavioral_ads`");
  });
});
