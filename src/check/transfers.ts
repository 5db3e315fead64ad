/** Transfers, computed for every flow from where its two ends are (GDPR Chapter V).
 *  Pure function of the model and the dated facts in legal/gdpr-transfers.ts; the checker, the
 *  map and the register all read this one result. */
import { adequacyFor, eeaCountries, invalidatedFrameworks, safeguards, zoneOf, type Zone } from "../legal/gdpr-transfers.js";
import { countryName } from "../legal/countries.js";
import type { Consent, Flow, Mechanism, Model, System } from "../model/model.js";
import type { Span } from "../diagnostics.js";
import { consentLabel, isUnknownPlace } from "../model/vocabulary.js";
import { linkedHolds } from "../model/roles.js";
import type { Relations } from "../model/relations.js";
import { onlyAnonymous } from "./anonymity.js";
import { paymentProviderAsController } from "./systems.js";

export type Verdict = "adequacy" | "safeguard" | "derogation" | "not-covered";

/** What went wrong with one destination, keyed by the rule that reports it. */
export type TransferProblem = ProblemOf & {
  /** The ground the problem is about, when the flow states several (reported on its line). */
  span?: Span;
};

type ProblemOf =
  | { rule: "transfer-without-mechanism"; place: string; reason?: string }
  | { rule: "adequacy-not-available"; place: string; reason: string }
  | { rule: "dpf-invalid"; place: string; reason: string }
  | { rule: "transfer-unknown-destination"; place: string; reason: string }
  | { rule: "derogation-consent-not-explicit"; place: string }
  | { rule: "consent-invalid"; place: string }
  | { rule: "authority-transfer-without-agreement"; place: string; reason: string; contractual?: string }
  | { rule: "invalidated-framework"; place: string; reason: string };

export interface Destination {
  /** ISO code, or anywhere / global / unspecified. */
  place: string;
  zone: Zone;
  verdict: Verdict;
  /** Why it is covered, or why not, in a DPO's words. */
  basis: string;
  /** When the flow's stated grounds all fail here: what the destination lacks besides them (no DPF
   *  certification, no adequacy, unknown countries), so one failed ground does not hide the rest. */
  uncovered?: string;
}

export interface Transfer {
  flow: string;
  from: string;
  to: string;
  /** The sender is itself outside the EEA: data moving on from a first recipient. */
  onward: boolean;
  destinations: Destination[];
  verdict: Verdict;
  problems: TransferProblem[];
}

const verdictRank: Record<Verdict, number> = { adequacy: 0, safeguard: 1, derogation: 2, "not-covered": 3 };

export function placeLabel(place: string): string {
  if (place === "anywhere" || place === "global") return `${place} (unknown countries)`;
  if (place === "unspecified") return "an unspecified location";
  if (place === "abroad") return "countries outside the EEA it does not name";
  return `${countryName(place)} (${place})`;
}

/** A public authority (a court, the police, a regulator): what it receives from a third country's
 *  point of view is a disclosure on its demand, read under Art. 48. */
export function isAuthority(s: System | undefined): boolean {
  return s?.kind === "authority";
}

/** A recipient whose place the model does not state (no `located`, or `located unspecified`), on a
 *  flow that states no ground. For an organization established in the EEA that is no shown transfer:
 *  an importer in a third country is what makes one (EDPB Guidelines 05/2021, criterion 3), and a
 *  notice must say when the controller intends a transfer (Art. 13(1)(f)); the silence is the gap
 *  `location-unspecified` reports. "The authorities", so unplaced, are those of the Union or Member
 *  State law its obligations arise under (Art. 6(3)), not a third country's (Art. 48 needs a foreign
 *  demand). A notice that admits the data may go abroad says so (`located abroad`), a stated ground is
 *  judged, and an organization outside the EEA (or of no stated country) exports whatever it sends to
 *  a third country: those stay transfers (its unplaced authorities are presumed its own country's,
 *  and judged as such: computeTransfers). */
export function placeNotStated(flow: Flow, to: System): boolean {
  return !flow.mechanisms.length && to.locations.every((l) => l.code === "unspecified") && establishedAbroad(to) === undefined;
}

/** The third country a vendor is established in (`operator "GitHub, Inc." in US`), when the policy
 *  does not place its servers: the data reaches an importer there (EDPB Guidelines 05/2021,
 *  criterion 3), so that is where the transfer goes. */
export function establishedAbroad(to: System): string | undefined {
  const at = to.operator?.established?.code;
  return at !== undefined && !to.operator!.self && !eeaCountries.has(at) && !isUnknownPlace(at) && to.locations.every((l) => l.code === "unspecified") ? at : undefined;
}

/** `placeNotStated` for a public authority (see above). */
export function domesticAuthority(flow: Flow, to: System): boolean {
  return isAuthority(to) && placeNotStated(flow, to);
}

function isVendor(s: System): boolean {
  return s.operator !== undefined && !s.operator.self;
}

/** Receiver locations that the data newly reaches outside the EEA, or undefined when the flow is not a transfer. */
function destinationsOf(from: System, to: System, groundStated = false): { places: string[]; onward: boolean } | undefined {
  if (to.clientSide) return undefined; // back to the data subject's own device
  const abroad = establishedAbroad(to);
  const receiver = abroad ? [abroad] : to.locations.length ? to.locations.map((l) => l.code) : ["unspecified"];
  const outside = receiver.filter((p) => !eeaCountries.has(p));
  if (!outside.length) return undefined;
  // Data arriving from an independent controller is that controller's export, not ours; unless the
  // flow states the ground it rests on: then the organization answers for it (as a processor whose
  // sub-processor receives a customer's data, Art. 28(4), 44), and the ground is judged.
  if (from.operator && !from.operator.self && from.operator.role === "controller" && !groundStated) return undefined;
  if (from.clientSide) {
    // Collection straight from the data subject is not a transfer (EDPB 05/2021), unless the
    // organization directs it to a vendor's system abroad (as with embedded analytics and ads); not a
    // payment provider collecting the payment for its own service (paymentProviderAsController).
    if (paymentProviderAsController(to)) return undefined;
    return isVendor(to) ? { places: outside, onward: false } : undefined;
  }
  const sender = from.locations.length ? from.locations.map((l) => l.code) : ["unspecified"];
  const senderInEea = sender.some((p) => eeaCountries.has(p));
  const senderKnown = !sender.some(isUnknownPlace);
  // An operator established in the EEA whose servers are abroad: the data reaches the EEA entity,
  // and its own processing abroad is an onward transfer.
  const establishedInEea = to.operator?.established !== undefined && eeaCountries.has(to.operator.established.code);
  if (senderInEea) return { places: outside, onward: establishedInEea };
  // A disclosure to another entity (a vendor) in a third country is a transfer by an exporter subject
  // to the GDPR, whatever country the exporter is in: a US controller under Art. 3(2) sending data to
  // a US processor makes one (EDPB Guidelines 05/2021, criterion 3).
  // (A hop between two systems of the same vendor stays within that entity.)
  const sameEntity = isVendor(from) && from.operator?.vendor === to.operator?.vendor;
  if (isVendor(to) && senderKnown && !sameEntity) return { places: outside, onward: true };
  // Both ends unknown and both run by the organization: nothing to compute; `location-unspecified` speaks.
  // A receiver that names a third country beside its unknown places is judged on all of them: the data
  // reaches that country (and possibly others) whatever the sender's location.
  if (!senderKnown && !isVendor(to) && !isVendor(from) && outside.every(isUnknownPlace)) return undefined;
  const fresh = outside.filter((p) => !sender.includes(p) || isUnknownPlace(p));
  if (!fresh.length) return undefined;
  return { places: fresh, onward: senderKnown };
}

/** What a destination lacks when no stated ground covers it, judged as if none were stated. */
function uncoveredReason(place: string, flow: Flow, to: System): string | undefined {
  const label = placeLabel(place);
  if (isUnknownPlace(place)) return `${label}: no adequacy decision can cover it, and no SCCs or BCRs travel with the data`;
  if (isAuthority(to)) return undefined; // Art. 48's own finding says what an authority needs
  const fallback = assess(place, flow, to, undefined).destination;
  if (fallback.verdict !== "not-covered") return undefined;
  const decision = adequacyFor(place);
  const who = to.operator?.vendor ?? to.name;
  if (decision?.scope === "certified") return `${label}: ${who} is not declared DPF-certified, and no SCCs or BCRs are stated`;
  if (decision?.scope === "partial") return `${label}: its adequacy decision covers only ${decision.note}, and no SCCs or BCRs are stated`;
  return `${label}: no adequacy decision, and no SCCs or BCRs are stated`;
}

/** "; nothing else covers it (...)" for a finding about a failed ground, or "" when nothing is left
 *  uncovered. `except`: the destination the finding's own reason already judges. */
export function nothingElse(t: Transfer, except?: string): string {
  // An unknown place that `transfer-unknown-destination` reports is said there, once.
  const toldUnknown = new Set(t.problems.filter((p) => p.rule === "transfer-unknown-destination").map((p) => p.place));
  const gaps = t.destinations.flatMap((d) => (d.uncovered && d.place !== except && !toldUnknown.has(d.place) ? [d.uncovered] : []));
  if (!gaps.length) return "";
  return except ? `; nor is anything stated for its other destinations (${gaps.join("; ")})` : `; nothing else covers it (${gaps.join("; ")})`;
}

/** One destination judged on one ground (`m`; none stated: undefined). */
function assess(place: string, flow: Flow, to: System, m: Mechanism | undefined): { destination: Destination; problem?: TransferProblem } {
  const kind = m?.kind;
  const unknown = isUnknownPlace(place);
  const label = placeLabel(place);
  const safeguardKinds = ["scc", "bcr", "code_of_conduct", "certification", "authority_instrument", "ad_hoc_clauses"];
  const safeguardText = () =>
    kind === "scc" ? `standard contractual clauses${m?.module ? ` (${m.module})` : ""}` : (kind ?? "").replace(/_/g, " ");

  // Art. 49(1)(a) needs explicit consent: a derogation resting on consent the policy obtains some
  // other way (`consent bundled`, `by_use`, ...) covers nothing. A consent asked for separately but
  // made a condition of the service (`conditional`) may be express; what fails is that it is not
  // freely given (Art. 7(4)), which is consent-invalid's finding, and it covers nothing either.
  const derogation = (zone: Zone): { destination: Destination; problem?: TransferProblem } => {
    const basis = `Art. 49(1)(${m?.derogation ?? "?"}) derogation`;
    const consent = flow.consent;
    if (m?.derogation === "a" && consent?.form === "conditional") {
      return { destination: { place, zone, verdict: "not-covered", basis: `Art. 49(1)(a) consent obtained ${consentLabel(consent)}, not freely given` }, problem: { rule: "consent-invalid", place } };
    }
    if (m?.derogation === "a" && consent && consent.form !== "explicit") {
      return { destination: { place, zone, verdict: "not-covered", basis: `Art. 49(1)(a) consent obtained ${consentLabel(consent)}, not explicitly` }, problem: { rule: "derogation-consent-not-explicit", place } };
    }
    return { destination: { place, zone, verdict: "derogation", basis } };
  };

  // Safe Harbour and the Privacy Shield were struck down: a transfer resting on one rests on nothing
  // (whatever else is true of the recipient, nothing else is declared).
  if (kind === "privacy_shield" || kind === "safe_harbour") {
    const f = invalidatedFrameworks[kind];
    const reason = `the ${f.name} (${f.decision}), invalidated on ${f.date} (${f.judgment})`;
    return { destination: { place, zone: unknown ? "unknown" : zoneOf(place), verdict: "not-covered", basis: reason }, problem: { rule: "invalidated-framework", place, reason } };
  }

  // Art. 48: an international agreement such as an MLAT is a ground only for a public authority's demand.
  if (kind === "international_agreement" && !isAuthority(to)) {
    const reason = `an international agreement (Art. 48) covers only disclosures to a third country's public authority, and \`${to.id}\` is not \`kind authority\``;
    if (unknown) return { destination: { place, zone: "unknown", verdict: "not-covered", basis: reason }, problem: { rule: "transfer-unknown-destination", place, reason } };
    return { destination: { place, zone: zoneOf(place), verdict: "not-covered", basis: reason }, problem: { rule: "transfer-without-mechanism", place, reason } };
  }
  if (isAuthority(to)) return assessAuthority();

  if (unknown) {
    const zone: Zone = "unknown";
    if (kind && safeguardKinds.includes(kind)) return { destination: { place, zone, verdict: "safeguard", basis: safeguardText() } };
    if (kind === "derogation") return derogation(zone);
    const reason = kind === "adequacy" || kind === "dpf"
      ? `${kind === "dpf" ? "the Data Privacy Framework" : "adequacy"} cannot cover ${label}`
      : "no safeguard covers every possible country";
    return { destination: { place, zone, verdict: "not-covered", basis: reason }, problem: { rule: "transfer-unknown-destination", place, reason } };
  }

  const decision = adequacyFor(place);
  // The DPF certifies a US organisation: an operator established elsewhere is not covered by it.
  const established = to.operator?.established?.code;
  const dpfCertified = to.certified.includes("dpf") && (established === undefined || established === "US");
  // US adequacy reaches only certified recipients: for the others the US is a third country.
  const zone: Zone = decision?.scope === "certified" && !dpfCertified ? "third" : zoneOf(place);
  const covered = (verdict: Verdict, basis: string) => ({ destination: { place, zone, verdict, basis } });
  const notCovered = (basis: string, problem: TransferProblem) => ({ destination: { place, zone, verdict: "not-covered" as const, basis }, problem });
  if (kind === "dpf" && place !== "US") {
    const reason = `the EU-US Data Privacy Framework covers only US recipients, not ${label}`;
    if (decision && decision.scope !== "certified") return { destination: { place, zone, verdict: "adequacy", basis: `adequacy (${decision.decision})` }, problem: { rule: "dpf-invalid", place, reason } };
    return notCovered(reason, { rule: "dpf-invalid", place, reason });
  }
  if (decision) {
    if (decision.scope !== "certified") {
      const basis = `adequacy (${decision.decision}${decision.scope === "partial" ? `; ${decision.note}` : ""})`;
      return covered("adequacy", basis);
    }
    // The United States: adequacy only for DPF-certified recipients.
    if (dpfCertified) return covered("adequacy", `adequacy for a DPF-certified recipient (${decision.decision})`);
    if (kind === "dpf" || kind === "adequacy") {
      const reason = to.certified.includes("dpf") && established
        ? `${to.operator?.vendor ?? to.name} is established in ${placeLabel(established)}, and the DPF certifies only organisations established in the US`
        : `${to.operator?.vendor ?? to.name} is not declared DPF-certified (add \`certified dpf\` if it is), and US adequacy covers ${decision.note}`;
      return notCovered(reason, kind === "dpf" ? { rule: "dpf-invalid", place, reason } : { rule: "adequacy-not-available", place, reason });
    }
  } else if (kind === "adequacy") {
    const reason = `${countryName(place)} has no adequacy decision`;
    return notCovered(reason, { rule: "adequacy-not-available", place, reason });
  }
  if (kind && safeguardKinds.includes(kind)) return covered("safeguard", safeguardText());
  if (kind === "derogation") return derogation(zone);
  return notCovered("no transfer mechanism", { rule: "transfer-without-mechanism", place });

  /** A disclosure to a third country's (or an unknown country's) public authority. Art. 48: the
   *  authority's judgment or decision is recognised only on an international agreement (an MLAT),
   *  without prejudice to the other grounds of Chapter V. SCCs, BCRs, codes and certifications bind
   *  the importer by contract or commitment, which a public authority does not give; adequacy covers
   *  it only where the decision covers the whole country (not the US's DPF, not Japan's private
   *  sector, not Canada's PIPEDA). What remains: the agreement, an instrument between public bodies
   *  (Art. 46(2)(a)), or an Art. 49 derogation. */
  function assessAuthority(): { destination: Destination; problem?: TransferProblem } {
    const decision = unknown ? undefined : adequacyFor(place);
    const zone: Zone = unknown ? "unknown" : decision && decision.scope !== "whole" ? "third" : zoneOf(place);
    const result = (verdict: Verdict, basis: string, problem?: TransferProblem) => ({ destination: { place, zone, verdict, basis }, ...(problem && { problem }) });
    if (kind === "dpf" && place !== "US" && !unknown) {
      const reason = `the EU-US Data Privacy Framework covers only US recipients, not ${label}`;
      if (decision?.scope === "whole") return result("adequacy", `adequacy (${decision.decision})`, { rule: "dpf-invalid", place, reason });
      return result("not-covered", reason, { rule: "dpf-invalid", place, reason });
    }
    if (decision?.scope === "whole") return result("adequacy", `adequacy (${decision.decision})`);
    if (kind === "international_agreement") return result("safeguard", "international agreement (Art. 48)");
    if (kind === "authority_instrument") return result("safeguard", safeguardText());
    // Points (b) and (c) need the transfer to be necessary for a contract with, or in the interest
    // of, the data subject; an authority's demand is neither (EDPB Guidelines 2/2018, 2.2-2.3).
    if (kind === "derogation" && (m?.derogation === "b" || m?.derogation === "c")) {
      const reason = `an Art. 49(1)(${m.derogation}) derogation (a contract ${m.derogation === "b" ? "with" : "in the interest of"} the data subject), which cannot carry a disclosure a public authority demands`;
      return result("not-covered", reason, { rule: "authority-transfer-without-agreement", place, reason });
    }
    if (kind === "derogation") return derogation(zone);
    if (kind === "adequacy" || kind === "dpf") {
      const what = kind === "dpf" ? "the Data Privacy Framework" : "adequacy";
      if (unknown) {
        const reason = `${what} cannot cover ${label}`;
        return result("not-covered", reason, { rule: "transfer-unknown-destination", place, reason });
      }
      const reason = decision
        ? `${countryName(place)}'s adequacy decision covers ${decision.note}, not a public authority`
        : `${countryName(place)} has no adequacy decision`;
      return result("not-covered", reason, kind === "dpf" ? { rule: "dpf-invalid", place, reason } : { rule: "adequacy-not-available", place, reason });
    }
    const contractual = kind && kind in safeguards ? safeguards[kind as keyof typeof safeguards] : undefined;
    const claimed = contractual ? `${contractual.article} ${contractual.name}` : undefined;
    const reason = claimed ? `${claimed} cannot bind a public authority` : "no international agreement (Art. 48) and no Art. 49 derogation";
    return result("not-covered", reason, { rule: "authority-transfer-without-agreement", place, reason, ...(claimed && { contractual: claimed }) });
  }
}

/** Items grouped by the consent they rest on (a flow's Art. 49(1)(a) consent, a purpose's): the same
 *  form (and `parental`) and the same policy words. One consent, asked once, is one problem: a finding
 *  stands on the first item of a group (the items' order, the model's), the others are its related
 *  places. An item whose consent has no words, or that states none, is a group of its own. */
export function bySameConsent<T>(items: readonly T[], consentOf: (x: T) => Consent | undefined): Array<[T, ...T[]]> {
  const groups = new Map<string, [T, ...T[]]>();
  items.forEach((x, i) => {
    const c = consentOf(x);
    const key = c?.note === undefined ? `\u0000${i}` : `${c.form}\u0000${c.parental ? "parental" : ""}\u0000${c.note}`;
    const g = groups.get(key);
    if (g) g.push(x);
    else groups.set(key, [x]);
  });
  return [...groups.values()];
}

/** A flow that states no ground at all, to a named third country and to countries it does not name
 *  (`located US, abroad`): one silence, the missing mechanism, whose finding names the unknown
 *  countries too; the destinations keep both places for the map and the record. */
function foldUnknownIntoMissingMechanism(flow: Flow, problems: TransferProblem[]): void {
  if (flow.mechanisms.length) return;
  const missing = problems.find((p) => p.rule === "transfer-without-mechanism");
  if (!missing || !problems.some((p) => p.rule === "transfer-unknown-destination")) return;
  for (let i = problems.length - 1; i >= 0; i--) if (problems[i]!.rule === "transfer-unknown-destination") problems.splice(i, 1);
  if (missing.rule === "transfer-without-mechanism" && !missing.reason) missing.reason = "nor does anything cover the other places it reaches, which the model does not name";
}

export function computeTransfers(model: Model, relations?: Relations): Transfer[] {
  const systems = new Map(model.systems.map((s) => [s.id, s]));
  const out: Transfer[] = [];
  const country = model.organization?.country?.code;
  const establishedInEea = country !== undefined && eeaCountries.has(country);
  // The authorities every flow to which is `domesticAuthority`'s (see `home` below), once.
  const homeAuthorities = new Set<string>();
  if (country !== undefined && !isUnknownPlace(country)) {
    const notHome = new Set<string>();
    for (const f of model.flows) {
      const to = systems.get(f.to.id);
      if (to && domesticAuthority(f, to)) homeAuthorities.add(to.id);
      else notHome.add(f.to.id);
    }
    for (const id of notHome) homeAuthorities.delete(id);
  }
  for (const flow of model.flows) {
    const from = systems.get(flow.from.id);
    const to = systems.get(flow.to.id);
    if (!from || !to) continue;
    // The data subject reaching a third party on their own (`linked`): no disclosure by the organization.
    if (linkedHolds(flow, from, to)) continue;
    if (establishedInEea && placeNotStated(flow, to)) continue;
    // Only data the policy credibly calls anonymous (aggregate figures) is no personal data, and so
    // no transfer of any (Recital 26).
    if (relations && onlyAnonymous(flow, relations)) continue;
    // "The authorities", country unstated, of an organization established outside the EEA are its own
    // country's, as for one in the EEA (see placeNotStated): a disclosure to them is judged as one to
    // that country (a UK organization's is covered by the UK's adequacy; a US one's is Art. 48's question).
    // (Not where another flow to them states a ground: that is a foreign authority's request.)
    const home = country !== undefined && homeAuthorities.has(to.id);
    const dest = home ? { places: [country], onward: false } : destinationsOf(from, to, flow.mechanisms.length > 0);
    if (!dest) continue;
    const destinations: Destination[] = [];
    const problems: TransferProblem[] = [];
    // Each ground is judged on its own: a destination is covered when one ground covers it, and a
    // ground that fails is reported on its own line, even when another covers the transfer (but
    // adequacy offered beside a safeguard for countries not named is not a failure: see below).
    const grounds: Array<Mechanism | undefined> = flow.mechanisms.length ? flow.mechanisms : [flow.mechanism];
    for (const place of dest.places) {
      const judged = grounds.map((m) => ({ m, ...assess(place, flow, to, m) }));
      const best = judged.reduce((a, b) => (verdictRank[b.destination.verdict] < verdictRank[a.destination.verdict] ? b : a));
      // Every stated ground failed here: say what the destination lacks besides them.
      const uncovered = flow.mechanisms.length && best.destination.verdict === "not-covered" ? uncoveredReason(place, flow, to) : undefined;
      destinations.push(uncovered ? { ...best.destination, uncovered } : best.destination);
      for (const j of judged) {
        if (!j.problem) continue;
        // "Adequacy decisions, or SCCs" for countries it does not name: adequacy where a decision
        // exists, the clauses elsewhere. Where another ground covers the unknown place, adequacy's
        // not reaching it is no failure of the policy's (a struck-down framework still is).
        if (j.problem.rule === "transfer-unknown-destination" && (j.m?.kind === "adequacy" || j.m?.kind === "dpf") && best.destination.verdict !== "not-covered") continue;
        problems.push(grounds.length > 1 && j.m ? { ...j.problem, span: j.m.span } : j.problem);
      }
    }
    foldUnknownIntoMissingMechanism(flow, problems);
    const verdict = destinations.reduce<Verdict>((worst, d) => (verdictRank[d.verdict] > verdictRank[worst] ? d.verdict : worst), "adequacy");
    // A `mechanism` that did not read (a typo) has its own error; judging the transfer as if it
    // stated none would say the same mistake twice.
    const unread = flow.spans.mechanism !== undefined && flow.mechanism === undefined;
    out.push({ flow: flow.id, from: from.id, to: to.id, onward: dest.onward || to.operator?.role === "subprocessor", destinations, verdict, problems: unread ? [] : problems });
  }
  return out;
}
