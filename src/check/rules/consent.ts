/** Art. 4(11), 7 and 49(1)(a): consent counts only when it is obtained the way the law defines it.
 *  The model records how, in the policy's words: `consent <form> "..."`; no free text is read. */
import { defineRule } from "../registry.js";
import { quotedWords } from "../words.js";
import { bySameConsent, nothingElse, type Transfer } from "../transfers.js";
import { basesOf, linkedHolds, processedAsProcessor } from "../../model/roles.js";
import { eprivacyProvision } from "../../legal/eprivacy.js";
import { ConsentForm, consentForms, consentLabel, nonEssentialPurposeKinds } from "../../model/vocabulary.js";
import type { Consent, Flow, Model, Purpose, System } from "../../model/model.js";
import type { RelatedInfo, Span } from "../../diagnostics.js";
import type { Relations } from "../../model/relations.js";

/** Systems whose reading of the device is never strictly necessary for the service the user asked
 *  for (WP29 Opinion 04/2012 on cookie consent exemption; EDPB Guidelines 2/2023 on the technical
 *  scope of Art. 5(3)): advertising and analytics. */
const nonEssentialKinds: ReadonlySet<string> = new Set(["advertising", "analytics"]);
const deviceKinds: ReadonlySet<string> = new Set(["online_identifiers", "device"]);

/** A purpose's flows that carry online identifiers or device data from the user's own device to an
 *  advertising or analytics system, or to the organization's own system that passes those data on,
 *  for the same purpose, to one (an app's attribution IDs sent to its servers and on to an
 *  attribution vendor: the read serves that vendor all the same). Not a third party the user reaches
 *  on their own. */
export function deviceReadingFlows(model: Model, relations: Relations, purpose: string): Flow[] {
  return (relations.flowsByPurpose.get(purpose) ?? []).filter((f) => readersOf(relations, purpose, f).length > 0);
}

/** The advertising or analytics systems a device flow's identifiers reach for the purpose: its
 *  recipient, or the ones the receiving system passes them on to (one hop). */
function readersOf(relations: Relations, purpose: string, f: Flow): System[] {
  const from = relations.systems.get(f.from.id);
  const to = relations.systems.get(f.to.id);
  if (!from?.clientSide || from.kind === "peer_device" || !to?.kind || linkedHolds(f, from, to)) return [];
  const read = f.data.filter((r) => deviceKinds.has(relations.data.get(r.id)?.kind ?? "")).map((r) => r.id);
  if (!read.length) return [];
  if (nonEssentialKinds.has(to.kind)) return [to];
  if (to.clientSide) return [];
  // A purpose the model says is for analytics, advertising, marketing or personalization (`kind`):
  // its own cookies and device identifiers read into the organization's systems are never strictly
  // necessary either, whoever reads them (EDPB Guidelines 2/2023). Identifiers only: device facts a
  // browser sends with every request (its user agent) are left to the systems that profile them.
  const p = relations.purposes.get(purpose);
  if (p?.kind && nonEssentialPurposeKinds.has(p.kind) && f.data.some((r) => { const d = relations.data.get(r.id); return d?.kind === "online_identifiers" && !ipAddress(d); })) return [to];
  const onward = (relations.flowsByPurpose.get(purpose) ?? []).filter((g) => g.from.id === to.id && g.data.some((r) => read.includes(r.id)));
  return [...new Set(onward.map((g) => relations.systems.get(g.to.id)).filter((s): s is System => !!s?.kind && nonEssentialKinds.has(s.kind)))];
}

/** An IP address (its id or name says so) travels with every request: the network gives it, nothing
 *  is read from the device's storage, so a first-party read is not shown by it. */
const ipAddress = (d: { id: string; name?: string }) => /(^|[_\s-])ip([_\s-]|s?$)|\bip[- ]?address/i.test(`${d.id} ${d.name ?? ""}`);

/** The systems those flows' identifiers reach, once each, as the finding names them. */
function readers(model: Model, relations: Relations, purpose: string, flows: Flow[]): string[] {
  return [...new Set(flows.flatMap((f) => readersOf(relations, purpose, f).map((s) => `\`${s.id}\``)))];
}

/** The advertising and analytics systems the purpose's device reads serve, named as a finding names them. */
export const deviceReaders = (model: Model, relations: Relations, purpose: string): string[] =>
  readers(model, relations, purpose, deviceReadingFlows(model, relations, purpose));

/** Whether the identifiers the purpose reads reach an advertising system. */
const readsForAds = (model: Model, relations: Relations, purpose: string, flows: Flow[]) =>
  flows.some((f) => readersOf(relations, purpose, f).some((s) => s.kind === "advertising"));

const forms = ConsentForm.options.map((f) => `- \`${f}\`: ${consentForms[f].meaning}${consentForms[f].valid ? "." : `. Not valid: ${consentForms[f].why}.`}`).join("\n");

/** `obtained by use ("By using the Service, ...")` */
function how(c: Consent): string {
  const quote = quotedWords(c.note);
  return `obtained ${consentLabel(c)}${quote}`;
}

/** The transfers with `rule`'s consent problem, each with its flow, grouped by the consent they rest
 *  on (one consent, one finding). */
function consentProblems(model: Model, transfers: readonly Transfer[], rule: "consent-invalid" | "derogation-consent-not-explicit"): Array<[OnConsent, ...OnConsent[]]> {
  const flows = new Map(model.flows.map((f) => [f.id, f]));
  const items: OnConsent[] = [];
  for (const t of transfers) {
    const flow = flows.get(t.flow)!;
    const ground = flow.mechanisms.find((m) => m.kind === "derogation" && m.derogation === "a");
    if (!flow.consent || !ground || !t.problems.some((p) => p.rule === rule)) continue;
    items.push({ t, flow, consent: flow.consent, ground: ground.span });
  }
  return bySameConsent(items, (x) => x.flow.consent);
}

interface OnConsent { t: Transfer; flow: Flow; consent: Consent; ground: Span }

/** The related places a finding on the first flow of a consent group gives the others. The message
 *  is the first flow's own, so that its fingerprint (rule, message, line) stays what it was alone. */
function sameConsent(others: readonly OnConsent[]): RelatedInfo[] {
  return others.map((o) => ({ message: `the transfer from \`${o.t.from}\` to \`${o.t.to}\` rests on the same consent`, span: o.flow.spans.consent ?? o.flow.span, occurrence: true }));
}

defineRule({
  id: "consent-invalid", severity: "error", title: "Consent obtained in a way the law does not count as consent",
  article: "GDPR Art. 4(11), 6(1)(a), 7(2), 7(4), 9(2)(a); Recitals 32, 43",
  description: `Consent is "a freely given, specific, informed and unambiguous indication of the data subject's wishes by which he or she, by a statement or by a clear affirmative act, signifies agreement" (Art. 4(11)). \`consent <form> "policy words"\` on a purpose with \`basis consent\` records how the policy says consent is obtained, in one of seven forms:\n\n${forms}\n\nWho consents is not how: \`parental\` beside a form (\`consent explicit, parental "..."\`) says that the holder of parental responsibility gives the consent in that form; \`consent parental\` alone is a guardian's valid consent, not explicit.\n\nA purpose resting on consent obtained \`by_use\`, \`opt_out\`, \`bundled\` or \`conditional\` has no valid consent, whatever the policy calls it ("Silence, pre-ticked boxes or inactivity should not therefore constitute consent", Recital 32; consent to processing not necessary for a contract or service, made a condition of it, is not freely given, Art. 7(4), Recital 43). One consent is one finding: purposes whose consent has the same form in the same words (one account checkbox behind several purposes) are reported once, on the first purpose, the others as related places. A purpose with \`condition explicit_consent\` (Art. 9(2)(a)) needs the \`explicit\` form, a guardian's included (\`consent explicit, parental\`). A transfer's Art. 49(1)(a) consent (\`consent conditional\` on a flow with \`mechanism derogation a\`) made a condition of the service is reported here too, since it may be asked expressly and fails for not being freely given; the transfers resting on the same consent (the same form and policy words) are one finding, on the first flow, the others related. Other forms on a flow are \`derogation-consent-not-explicit\`'s. When the form is not stated, the rule is silent: \`basis consent\` alone is the claim that consent is valid, and flowmap does not read the policy's words to second-guess it.`,
  help: "obtain consent by a clear affirmative act for this purpose (`consent opt_in`), or rest the purpose on another basis (contract, legitimate_interests, ...)",
  run({ model, relations, transfers, report }) {
    // One consent, one finding: purposes whose consent has the same form in the same words (one
    // account checkbox "I agree to the privacy policy" behind several purposes) are one problem, on
    // the first purpose, the others related.
    const invalid: Purpose[] = [];
    for (const p of model.purposes) {
      if (!consentRead(model, p)) continue;
      const c = p.consent!;
      if (consentInvalidReports(model, p)) invalid.push(p);
      else if (p.condition === "explicit_consent" && c.form !== "explicit") {
        report(p, "consent", `purpose \`${p.id}\` relies on explicit consent (Art. 9(2)(a)) for special-category data, but the consent is ${how(c)}, not explicit`, {
          help: c.form === "parental"
            ? "if the guardian consents by an express statement, say so (`consent explicit, parental`); otherwise obtain the guardian's explicit consent, or rely on another Art. 9(2) condition"
            : "obtain an express statement of consent for this purpose (`consent explicit`), or rely on another Art. 9(2) condition",
        });
      }
    }
    for (const [p, ...others] of bySameConsent(invalid, (x) => x.consent)) {
      const c = p.consent!;
      const what = basesOf(p).includes("consent") ? "rests on consent" : "meets its Art. 9(2)(a) condition with consent";
      // Said here once: the same consent is what ePrivacy Art. 5(3) needs for reading the device.
      const devices = [...new Set([p, ...others].flatMap((x) => readers(model, relations, x.id, deviceReadingFlows(model, relations, x.id))))];
      const eprivacy = devices.length ? `; it also reads identifiers from the user's device for ${devices.join(", ")}, which needs prior consent (${eprivacyProvision(model.organization?.country?.code)})` : "";
      const also = others.length ? ` (and so do ${others.map((o) => `\`${o.id}\``).join(", ")}, on the same consent)` : "";
      report(p, "consent", `purpose \`${p.id}\` ${what} ${how(c)}${also}, which is not valid consent (${consentForms[c.form].cite})${eprivacy}`, {
        related: others.map((o) => ({ message: `purpose \`${o.id}\` rests on the same consent`, span: o.spans.consent ?? o.span, occurrence: true })),
      });
    }
    // A transfer's Art. 49(1)(a) consent made a condition of the service: not freely given, so no
    // consent at all, however expressly asked. One consent is one finding, on its first flow.
    for (const [first, ...others] of consentProblems(model, transfers, "consent-invalid")) {
      const { t, flow, consent: c, ground } = first;
      report(flow, "consent", `the transfer from \`${t.from}\` to \`${t.to}\` rests on Art. 49(1)(a) consent ${how(c)}, which is not valid consent (${consentForms[c.form].cite})${nothingElse(t)}`, {
        help: "ask for the transfer consent apart from the service, so that the service is offered without it (or rest the transfer on an Art. 46 safeguard: SCCs, BCRs)",
        related: [{ message: "the derogation is claimed here", span: ground }, { message: `\`${t.to}\``, span: relations.systems.get(t.to)!.span }, ...sameConsent(others)],
      });
    }
  },
});

defineRule({
  id: "derogation-consent-not-explicit", severity: "error", title: "An Art. 49(1)(a) transfer rests on consent that is not explicit",
  article: "GDPR Art. 49(1)(a); EDPB Guidelines 2/2018 on derogations, section 2.1",
  description: `The Art. 49(1)(a) derogation needs the data subject's *explicit* consent to the proposed transfer, given after being informed of its possible risks for lack of an adequacy decision and appropriate safeguards. The EDPB reads it strictly (Guidelines 2/2018, 2.1): the consent must be explicit, specific to the particular transfer or set of transfers, and informed, including of the specific risks of the transfer; agreeing to a privacy policy as a whole is none of these. \`consent <form> "policy words"\` on a flow with \`mechanism derogation a\` records how the policy says that consent is obtained (forms as for \`consent-invalid\`). Any form but \`explicit\` fails Art. 49(1)(a), whether or not the flow is \`occasional\` (regularity is \`derogation-for-regular-transfer\`'s finding); a consent asked separately but made a condition of the service (\`conditional\`) fails for not being freely given, \`consent-invalid\`'s finding. One consent is one finding: the flows whose consent has the same form and the same policy words ("You agree that we may transfer your personal data on that basis", on every flow abroad) are reported once, on the first flow in the model, the others as related places. When the form is not stated the rule is silent: \`mechanism derogation a\` itself claims explicit consent. The map and the register show a transfer this rule reports as not covered, since the derogation it claims does not apply.`,
  help: "ask for explicit consent to this transfer after informing the person of its risks (`consent explicit`), or use an Art. 46 safeguard (SCCs, BCRs)",
  run({ model, transfers, relations, report }) {
    // One consent, one finding: the flows resting on the same consent words are its related places.
    for (const [first, ...others] of consentProblems(model, transfers, "derogation-consent-not-explicit")) {
      const { t, flow, consent: c, ground } = first;
      report(flow, "consent", `the transfer from \`${t.from}\` to \`${t.to}\` rests on Art. 49(1)(a) consent ${how(c)}, not explicit consent to the transfer${nothingElse(t)}`, {
        related: [
          { message: "the derogation is claimed here", span: ground },
          { message: `\`${t.to}\``, span: relations.systems.get(t.to)!.span },
          ...sameConsent(others),
        ],
      });
    }
  },
});

defineRule({
  id: "cookie-consent-missing", severity: "warning", title: "Cookies or SDKs for ads or analytics without prior consent",
  article: "Directive 2002/58/EC (ePrivacy) Art. 5(3); GDPR Art. 4(11), 7; WP29 Opinion 04/2012 on cookie consent exemption; EDPB Guidelines 2/2023 on the technical scope of Art. 5(3) (v2, 7 October 2024)",
  description: `Storing information on a user's device, or reading it from there (cookies, device identifiers, an SDK's advertising ID, fingerprinting), needs the user's prior consent, unless it is strictly necessary for a service the user explicitly asked for (ePrivacy Art. 5(3), in each Member State's law: TDDDG § 25 in Germany, Telecommunicatiewet art. 11.7a in the Netherlands, ...). Advertising and analytics are never strictly necessary. It reads the purposes whose flows carry online identifiers or device data from the data subject's browser or app to an advertising or analytics system, or to the organization's own system that passes those data on, for the same purpose, to one (an app's attribution identifiers sent to its servers and on to an attribution vendor; cookie data the site's servers hand to ad partners); and, for a purpose whose \`kind\` is \`analytics\`, \`advertising\`, \`marketing\` or \`personalization\`, flows carrying online identifiers (cookies, device IDs; not an IP address, which the network gives with every request) from the device to any of the organization's systems (first-party cookies are no more strictly necessary, EDPB Guidelines 2/2023), when the purpose does not rest on consent (\`basis consent\`, or \`condition explicit_consent\`; consent among several bases counts only when the policy gives each basis its own words, since a list with no word on which basis covers what does not show prior consent for the read; such a list is \`bases-not-split\`'s finding, which says that the device read needs prior consent the list does not show: one statement to fix, said once). One consent prompt on a device covers every purpose that reads it, so the purposes reading the same device without consent are one finding: it stands on the purpose that reads for advertising (the weightiest use), else the first in the model, and names the others, each a related location. A purpose on consent obtained in a way the law does not count (\`consent by_use\`, \`opt_out\`, \`bundled\`, \`conditional\`) is \`consent-invalid\`'s finding, which says the same gap once. The national provision is named when the organization's country is in the table (src/legal/eprivacy.ts).`,
  help: "ask for consent before the tag or SDK runs (a consent banner with an equal choice to refuse): `basis consent` and `consent opt_in` on the purpose",
  run({ model, relations, report }) {
    const country = model.organization?.country?.code;
    const reads: DeviceRead[] = [];
    for (const p of model.purposes) {
      if (!readsWithoutConsent(model, p)) continue;
      const flows = deviceReadingFlows(model, relations, p.id);
      if (flows.length) reads.push({ purpose: p, flows, advertising: readsForAds(model, relations, p.id, flows) });
    }
    // One consent prompt on a device covers every purpose that reads it, so a device read without
    // consent is one problem: one finding per group of purposes sharing a device, on the weightiest
    // use (a read for advertising before one for analytics; then the model's order), the others related.
    for (const group of sharingADevice(reads)) {
      const [head, ...rest] = [...group].sort((a, b) => Number(b.advertising) - Number(a.advertising));
      const p = head!.purpose;
      // (Consent among unsplit bases is bases-not-split's to say, and an invalid one consent-invalid's.)
      const rests = !p.basis ? "states no basis" : `rests on ${p.basis.replace(/_/g, " ")}`;
      const also = rest.length ? `; the same device is read without consent for ${rest.map((r) => `purpose \`${r.purpose.id}\` (${readers(model, relations, r.purpose.id, r.flows).join(", ")})`).join(", ")}` : "";
      report(p, p.basis ? "basis" : undefined, `purpose \`${p.id}\` reads identifiers from the user's device for ${readers(model, relations, p.id, head!.flows).join(", ")} but ${rests}, not prior consent (${eprivacyProvision(country)})${also}`, {
        related: [
          ...head!.flows.map((f) => ({ message: "the device sends them here", span: f.span, occurrence: true })),
          ...rest.flatMap((r) => [
            { message: `purpose \`${r.purpose.id}\` reads the device too, without prior consent`, span: r.purpose.spans.basis ?? r.purpose.span },
            ...r.flows.map((f) => ({ message: `the device sends them here for \`${r.purpose.id}\``, span: f.span, occurrence: true })),
          ]),
        ],
      });
    }
  },
});

interface DeviceRead { purpose: Purpose; flows: Flow[]; advertising: boolean }

/** Whether `cookie-consent-missing` reports the purpose for reading the device for an advertising
 *  system (the same test the rule runs, so that rules that defer to it agree with it). */
export function readsDeviceForAdsWithoutConsent(model: Model, relations: Relations, p: Purpose): boolean {
  return readsWithoutConsent(model, p) && readsForAds(model, relations, p.id, deviceReadingFlows(model, relations, p.id));
}

/** A purpose of the organization's own whose device reads no consent covers (a basis that did not
 *  read has its own error). */
function readsWithoutConsent(model: Model, p: Purpose): boolean {
  return !processedAsProcessor(model, p) && !consentCovers(p) && p.condition !== "explicit_consent" && !(p.spans.basis && !p.basis) && !consentInvalidReports(model, p) && !consentAmongUnsplitBases(p);
}

/** Whether `consent-invalid` reports the purpose's consent (obtained by use, opt-out, bundled or as a
 *  condition): its finding also says the device read that consent cannot cover, once. */
function consentInvalidReports(model: Model, p: Purpose): boolean {
  const c = p.consent;
  return consentRead(model, p) && !consentForms[c!.form].valid;
}

/** A purpose's consent line that describes what it rests on: its basis is consent, or its Art. 9(2)(a)
 *  condition is (a misspelt basis has its own error), and the purpose is the organization's own. */
function consentRead(model: Model, p: Purpose): boolean {
  return !!p.consent && (basesOf(p).includes("consent") || p.condition === "explicit_consent") && !processedAsProcessor(model, p);
}

/** Whether the purpose's consent is what its device reads rest on: consent is its only basis, or the
 *  policy gives each of several bases its own words (then it says what consent covers). A list of
 *  bases with no word on which covers what ("consent, legitimate interests or a legal obligation")
 *  does not show prior consent for reading the device. */
function consentCovers(p: Purpose): boolean {
  const bases = basesOf(p);
  return bases.includes("consent") && (bases.length === 1 || p.basesWords !== undefined);
}

/** Consent among several bases with no word on which covers what: `bases-not-split` reports the
 *  purpose, and says there that its device read needs prior consent (one statement to fix, once). */
export function consentAmongUnsplitBases(p: Purpose): boolean {
  const bases = basesOf(p);
  return bases.includes("consent") && bases.length > 1 && p.basesWords === undefined;
}

/** The reads grouped so that two purposes reading the same device are in one group, in the model's order. */
function sharingADevice(reads: DeviceRead[]): DeviceRead[][] {
  const groups: { devices: Set<string>; reads: DeviceRead[] }[] = [];
  for (const read of reads) {
    const devices = new Set(read.flows.map((f) => f.from.id));
    const joined = groups.filter((g) => [...devices].some((d) => g.devices.has(d)));
    const group = { devices, reads: [read] };
    for (const g of joined) {
      for (const d of g.devices) group.devices.add(d);
      group.reads.unshift(...g.reads);
      groups.splice(groups.indexOf(g), 1);
    }
    groups.push(group);
  }
  return groups.map((g) => g.reads.sort((a, b) => reads.indexOf(a) - reads.indexOf(b)));
}
