/** Bases and the assessments they rest on: a purpose's bases said per purpose (Art. 13(1)(c)), the
 *  legitimate-interests assessment (Art. 6(1)(f), 5(2)) and the DPIA (Art. 35, WP248's criteria). */
import { defineRule } from "../registry.js";
import { quotedWords } from "../words.js";
import { bySameWords, sameWordsRelated } from "../same-words.js";
import { readFromNotice } from "../../model/notice.js";
import { anonymousAsClaimed } from "../anonymity.js";
import { basesOf, linkedHolds, processedAsProcessor } from "../../model/roles.js";
import { dataKinds, vulnerableSubjectKinds } from "../../model/vocabulary.js";
import { correspondenceBetweenPeople } from "../communications.js";
import { consentAmongUnsplitBases, deviceReaders } from "./consent.js";
import { eprivacyProvision } from "../../legal/eprivacy.js";
import { dpiaCriteria, dpiaSource, dpiaThreshold, highlyPersonalKinds, otherControllerSources, type DpiaCriterionId } from "../../legal/dpia.js";
import type { RelatedInfo } from "../../diagnostics.js";
import type { DataCategory, Flow, Model, Purpose, Subject } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";

const basisWords = (b: string) => b.replace(/_/g, " ");
const quoted = quotedWords;

defineRule({
  id: "bases-not-split", severity: "warning", title: "A purpose states several bases without saying which applies to what",
  article: "GDPR Art. 13(1)(c), 14(1)(c); Art. 6(1); Art. 5(1)(a)",
  description: "The privacy notice gives, for each purpose, the legal basis it rests on (Art. 13(1)(c), 14(1)(c)); each basis brings its own rights (objection for legitimate interests, portability for a contract or consent, withdrawal for consent), so a reader who cannot tell which basis covers which processing cannot tell which rights they have over it. `basis contract, legitimate_interests \"<the policy's words>\"` records a policy that gives several bases for one purpose without splitting them. A policy that gives each basis its own words (what it covers) splits them: `basis contract \"<for what>\", legitimate_interests \"<for what>\"` is not reported. Where consent is among the bases and the purpose reads identifiers from the user's device for an advertising or analytics system, the finding says that the read needs prior consent (ePrivacy Art. 5(3)) which the unsplit list does not show, and `cookie-consent-missing` is silent. Reported once per such statement, on the first purpose's `basis` line: purposes that give the same bases in the same words are one problem, and the others are related places. Not reported for a purpose the organization carries out as a processor (the controller states its bases), nor when a basis did not read (that has its own error).",
  help: "split the purpose into one purpose per basis, each with the data, subjects and flows that basis covers (`purpose support_contract { basis contract ... }`, `purpose support_interest { basis legitimate_interests ... }`)",
  run({ model, relations, report }) {
    // One policy sentence giving the same bases to several purposes ("we process personal data under
    // the following legal bases: ...") is one problem: reported on the first, the others related.
    // (`basis contract "...", legitimate_interests "..."`: the policy says what each covers.)
    const unsplit = model.purposes.filter((p) => p.bases && p.bases.length > 1 && !p.basesWords && !processedAsProcessor(model, p));
    for (const [p, ...others] of bySameWords(unsplit, (x) => [...x.bases!].sort().join(","))) {
      const bases = p.bases!;
      const named = bases.map(basisWords);
      const also = others.length ? ` (and for ${others.map((o) => `\`${o.id}\``).join(", ")}, in the same words)` : "";
      // Consent among them for a purpose that reads the device: whether prior consent covers the
      // read (ePrivacy Art. 5(3)) is the same unsplit statement, said here once.
      const readers = [...new Set([p, ...others].filter(consentAmongUnsplitBases).flatMap((x) => deviceReaders(model, relations, x.id)))];
      const device = readers.length ? `; it reads identifiers from the user's device for ${readers.join(", ")}, which needs prior consent (${eprivacyProvision(model.organization?.country?.code)}), and the unsplit bases do not show it` : "";
      report(p, "basis", `purpose \`${p.id}\` states ${bases.length} bases, ${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}${quoted(p.basisNote)}${also}, without saying which applies to what; Art. 13(1)(c) needs the basis of each purpose${device}`, {
        help: `split the purpose into one per basis (${bases.map((b) => `\`${p.id}_${b}\``).join(", ")}), each with the data, subjects and flows that basis covers`,
        related: sameWordsRelated(others, (o) => `purpose \`${o.id}\` gives the same bases in the same words`),
      });
    }
  },
});

defineRule({
  id: "legitimate-interests-unassessed", severity: "warning", title: "Legitimate interests with no assessment of them",
  article: "GDPR Art. 6(1)(f); Recital 47; Art. 5(2), 24(1); EDPB Guidelines 1/2024 on processing based on Art. 6(1)(f) (version 1.0, 8 October 2024)",
  description: `Legitimate interests are a basis only when three conditions hold: the interest is legitimate, the processing is necessary for it, and the data subjects' interests or fundamental rights do not override it, "in particular where the data subject is a child" (Art. 6(1)(f)); the balancing takes into account the reasonable expectations of the data subjects (Recital 47). The controller must be able to show it did that assessment (Art. 5(2)); the EDPB asks for it to be done before the processing and documented (Guidelines 1/2024). \`lia "<reference>"\` on the purpose names the assessment; \`lia none "<reason>"\` says there is none.\n\nReported once per purpose resting on legitimate interests (alone or among several bases) that names no assessment, and for \`lia none\`, which says the balancing test was not done. In a model read from a published notice (\`describes notice\`) a missing reference is one info note for the whole notice: notices do not publish the assessment, so its absence there is a question for the organization, not evidence, and a question worth asking only where the notice gives a reason to doubt the balance. The note is given when a purpose resting on legitimate interests meets one of WP248's high-risk criteria (the ones \`dpia-likely-required\` reads: special or highly personal data, tracking, evaluation, matched sources, children or other vulnerable people) or keeps its data indefinitely; it lands on the purpose with the most such reasons and names the other purposes with one as related places. A notice whose purposes on legitimate interests show none of them gets no note (the generic question adds nothing a reader of the notice can check). \`lia none\` stays a warning there, since the policy itself says there is none. Not reported for a purpose the organization carries out as a processor, nor when a basis did not read (that has its own error).`,
  help: "carry out and record the balancing test (interest, necessity, balance against the data subjects' rights and reasonable expectations) and name it: `lia \"LIA-2026-01\"`; or rest the purpose on another basis",
  run({ model, relations, report }) {
    // In a notice model the notes are one question to the organization ("show us the balancing
    // tests"), and a question worth asking only where the notice gives a reason to doubt the
    // balance: a purpose meeting one of WP248's high-risk criteria (special or highly personal data,
    // tracking, evaluation, matched sources, children or other vulnerable people), or keeping data
    // with no end: what the EDPB weighs against the interest (Guidelines 1/2024, the balancing
    // test). One note, on the purpose with the most such reasons, naming the others that have one.
    const subjects = new Map(model.subjects.map((s) => [s.id, s]));
    const unpublished: Array<{ p: Purpose; criteria: number; met: Met[]; forever: boolean }> = [];
    for (const p of model.purposes) {
      if (!basesOf(p).includes("legitimate_interests") || processedAsProcessor(model, p)) continue;
      // `lia LIA1` did not read: its own error says so.
      if (p.lia?.ref || (p.spans.lia && !p.lia)) continue;
      if (p.lia?.none) {
        report(p, "lia", `purpose \`${p.id}\` rests on legitimate interests (Art. 6(1)(f)) but says there is no assessment of them${quoted(p.lia.none.reason)}; the interest, its necessity and the balance against the data subjects' rights must be assessed and shown (Art. 5(2))`);
      } else if (readFromNotice(model)) {
        const met = criteriaMet(p, relations, subjects);
        const forever = p.retention?.kind === "indefinite";
        unpublished.push({ p, criteria: met.length + (forever ? 1 : 0), met, forever });
      } else {
        report(p, "basis", `purpose \`${p.id}\` rests on legitimate interests (Art. 6(1)(f)) but names no assessment of them (\`lia "<reference>"\`); the balancing test must be done and shown (Art. 5(2))`);
      }
    }
    // (The first of equals; none when no purpose has a reason.)
    const anchor = heaviest(unpublished.filter((x) => x.criteria > 0), (x) => x.criteria);
    if (!anchor) return;
    const rest = unpublished.filter((x) => x !== anchor && x.criteria > 0).map((x) => x.p);
    const first = anchor.p;
    const so = rest.length ? `; so do ${rest.map((p) => `\`${p.id}\``).join(", ")}` : "";
    const reasons = [
      ...(anchor.met.length ? [`meets WP248's ${anchor.met.length > 1 ? "criteria" : "criterion"} ${criteriaWords(anchor.met)}`] : []),
      ...(anchor.forever ? ["keeps its data indefinitely"] : []),
    ];
    const why = reasons.join(" and ");
    report(first, "basis", `purpose \`${first.id}\` rests on legitimate interests (Art. 6(1)(f)) and ${why}${so}; the notice names no assessment of ${rest.length ? "any of them" : "them"} (notices rarely do): ask for the balancing ${rest.length ? "tests" : "test"}, or record ${rest.length ? "each" : "it"} with \`lia "<reference>"\``, {
      severity: "info",
      related: rest.map((p) => ({ message: `\`${p.id}\` rests on legitimate interests too, with a reason to weigh`, span: p.spans.basis ?? p.span, occurrence: true })),
    });
  },
});

/** The item of greatest weight, the first of equals (the model's order breaks ties). */
function heaviest<T>(xs: readonly T[], weight: (x: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of xs) if (best === undefined || weight(x) > weight(best)) best = x;
  return best;
}

interface Met {
  id: DpiaCriterionId;
  /** What in the model meets it, for the message: a lead ("sent to advertising systems") and the
   *  things named after it, once each. */
  facts: Map<string, string[]>;
  related: RelatedInfo[];
}

/** The purpose's own flows (not a third party the data subject reaches on their own). */
function ownFlows(p: Purpose, relations: Relations): Flow[] {
  return (relations.flowsByPurpose.get(p.id) ?? []).filter((f) => !linkedHolds(f, relations.systems.get(f.from.id), relations.systems.get(f.to.id)));
}

/** Personal data a flow carries (data whose anonymity claim stands is not). */
function flowData(f: Flow, relations: Relations): DataCategory[] {
  return f.data.flatMap((r) => {
    const d = relations.data.get(r.id);
    return d && !anonymousAsClaimed(d, relations) ? [d] : [];
  });
}

/** Subject kinds in words, as a group ("`pupils` are children"). */
const subjectWords: Readonly<Record<string, string>> = { child: "children", employee: "employees", patient: "patients", vulnerable: "vulnerable people" };

const trackingKinds: ReadonlySet<string> = new Set(["online_identifiers", "device"]);
const ids = (xs: { id: string }[]) => xs.map((x) => `\`${x.id}\``).join(", ");

/** What a special or highly personal data category is, in words. */
function sensitiveLabel(d: DataCategory): string {
  const label = dataKinds[d.kind!].label;
  return dataKinds[d.kind!].special || !d.special ? label : `${label} that may hold special categories`;
}

/** WP248's criteria the model shows for a purpose, in WP248's order. */
function criteriaMet(p: Purpose, relations: Relations, subjects: ReadonlyMap<string, Subject>): Met[] {
  const met = new Map<DpiaCriterionId, Met>();
  const name = (id: DpiaCriterionId) => dpiaCriteria.find((c) => c.id === id)!.name;
  const add = (id: DpiaCriterionId, lead: string, item: string, where: RelatedInfo) => {
    let m = met.get(id);
    if (!m) met.set(id, (m = { id, facts: new Map(), related: [] }));
    const items = m.facts.get(lead) ?? [];
    if (!items.includes(item)) items.push(item);
    m.facts.set(lead, items);
    m.related.push({ message: `${name(id)}: ${where.message}`, span: where.span });
  };
  // A flow serving several purposes carries each its own data: what the purpose does not declare
  // is another purpose's (a location feed beside the account data on one connection).
  const declared = new Set(p.data.map((r) => r.id));
  for (const f of ownFlows(p, relations)) {
    const from = relations.systems.get(f.from.id);
    const to = relations.systems.get(f.to.id);
    const data = flowData(f, relations).filter((d) => !declared.size || declared.has(d.id));
    if (!from || !to || !data.length) continue;
    // The profiling an independent controller's ad network does is its own (Fashion ID, paras 76, 85):
    // the organization's part is the collection and transmission, which monitoring counts.
    const theirProfiles = !!to.operator && !to.operator.self && to.operator.role === "controller";
    if (to.kind === "advertising" && !theirProfiles) add("evaluation", "data sent to advertising systems", `\`${to.id}\``, { message: `this flow sends ${ids(data)} to \`${to.id}\``, span: f.span });
    if (!from.clientSide || from.kind === "peer_device") continue;
    const tracked = data.filter((d) => d.kind && trackingKinds.has(d.kind));
    // "Another party": a system whose operator is stated and is not the organization itself.
    if (tracked.length && (to.kind === "analytics" || to.kind === "advertising") && to.operator && !to.operator.self) {
      add("monitoring", "identifiers from the user's device reach", `\`${to.id}\``, { message: `${ids(tracked)} from \`${from.id}\` to \`${to.id}\`, run by another party`, span: f.span });
    }
    const located = data.filter((d) => d.kind === "precise_location");
    if (located.length) add("monitoring", "precise location collected from", `\`${from.id}\``, { message: `${ids(located)} from \`${from.id}\``, span: f.span });
  }
  for (const ref of p.data) {
    const d = relations.data.get(ref.id);
    if (!d?.kind || anonymousAsClaimed(d, relations)) continue;
    // Data that only may hold special categories (`special possible`: what people choose to send)
    // needs an Art. 9 condition in case it does, but is not processing of special categories in
    // WP248's sense: its kind alone is counted.
    const special = d.special && (dataKinds[d.kind].special || d.specialPosition?.position !== "possible");
    if (!(special || (highlyPersonalKinds.has(d.kind) && correspondenceBetweenPeople(d, relations)))) continue;
    add("sensitive", "", `\`${d.id}\` is ${sensitiveLabel(d)}`, { message: `\`${d.id}\` is ${sensitiveLabel(d)}`, span: ref.span });
  }
  const sources = new Map<string, RelatedInfo>();
  for (const ref of p.data) {
    const o = relations.data.get(ref.id)?.obtained;
    for (const s of o?.sources ?? []) if (!sources.has(s)) sources.set(s, { message: `\`${ref.id}\` is obtained from ${basisWords(s)}`, span: o!.span });
  }
  if (sources.size >= 2 && [...sources.keys()].some((s) => otherControllerSources.has(s))) {
    for (const [s, where] of sources) add("matching", "data obtained from", basisWords(s), where);
  }
  for (const ref of p.subjects) {
    const s = subjects.get(ref.id);
    if (s?.kind && vulnerableSubjectKinds.has(s.kind)) add("vulnerable", "", `\`${s.id}\` are ${subjectWords[s.kind] ?? basisWords(s.kind)}`, { message: `\`${s.id}\` are ${subjectWords[s.kind] ?? basisWords(s.kind)}`, span: ref.span });
  }
  return dpiaCriteria.filter((c) => met.has(c.id)).map((c) => met.get(c.id)!);
}

/** The criteria met, in words with their facts: "sensitive data (`x` is health data) and ...". */
function criteriaWords(met: Met[]): string {
  const listed = met.map((m) => {
    const c = dpiaCriteria.find((x) => x.id === m.id)!;
    const facts = [...m.facts].map(([lead, items]) => (lead ? `${lead} ${items.join(", ")}` : items.join(", ")));
    return `${c.name} (${facts.join("; ")})`;
  });
  return listed.length > 1 ? `${listed.slice(0, -1).join(", ")} and ${listed[listed.length - 1]}` : listed[0] ?? "";
}

const likely = "a DPIA is likely required (Art. 35(1), (3); WP248: two or more criteria)";

const criteriaList = dpiaCriteria.map((c) => `${c.n}. ${c.name}: ${c.reads ? `counted when ${c.reads}` : "not read from a model (no model fact shows it), so never counted"}.`).join("\n");

defineRule({
  id: "dpia-likely-required", severity: "warning", title: "A purpose meets two or more WP248 criteria and names no DPIA",
  article: "GDPR Art. 35(1), 35(3); Art. 5(2); WP29 Guidelines on DPIA, WP 248 rev.01 (4 October 2017, endorsed by the EDPB on 25 May 2018)",
  description: `A controller carries out a data protection impact assessment before processing that is likely to result in a high risk (Art. 35(1)); Art. 35(3) names three cases (systematic and extensive evaluation with significant effects, large-scale special categories, large-scale monitoring of public areas). The ${dpiaSource.name} list nine criteria, and as a rule of thumb processing meeting two or more of them needs a DPIA. flowmap reads from the model what it can of each:\n\n${criteriaList}\n\n"Large scale" (criterion 5, and Art. 35(3)(b) and (c)) depends on how many people, how much data, for how long and where, none of which a model states, so it is never assumed; nor is artificial intelligence, since no system kind says so. Reported once per purpose meeting two or more criteria with no \`dpia "<reference>"\`, naming the criteria and the facts (the related locations). \`dpia none "<reason>"\` records the organization's reasoned decision that no DPIA is needed, which WP248 asks a controller to document when it does not carry one out despite the criteria: it is not reported (flowmap does not judge the reason). In a model read from a published notice (\`describes notice\`) the finding is one info note for the notice: DPIAs are not published, so the notice's silence is not evidence that none was done; the note lands on the purpose meeting the most criteria (among equals, one with special-category data, then one that monitors, the cases Art. 35(3) names) and names the others. Not reported for a purpose the organization carries out as a processor: the controller carries out the DPIA (the processor assists, Art. 28(3)(f)). Data whose anonymity claim stands is not counted. A supervisory authority's own list of processing that always needs a DPIA (Art. 35(4)) may require one where fewer criteria hold.`,
  help: "carry out a DPIA and name it on the purpose (`dpia \"DPIA-2026-01\"`), or record why none is needed (`dpia none \"<reason>\"`)",
  run({ model, relations, report }) {
    const subjects = new Map(model.subjects.map((s) => [s.id, s]));
    // In a notice model the notes are one question to the organization ("were DPIAs done?"): one
    // note, on the first such purpose with its criteria, naming the others with theirs as related.
    const unpublished: { p: Purpose; met: Met[]; criteria: string; related: RelatedInfo[] }[] = [];
    for (const p of model.purposes) {
      if (p.dpia || (p.spans.dpia && !p.dpia) || processedAsProcessor(model, p)) continue;
      const met = criteriaMet(p, relations, subjects);
      if (met.length < dpiaThreshold) continue;
      const criteria = criteriaWords(met);
      const related = met.flatMap((m) => m.related);
      if (readFromNotice(model)) unpublished.push({ p, met, criteria, related });
      else report(p, undefined, `purpose \`${p.id}\` meets ${met.length} of WP248's criteria for a DPIA, ${criteria}, and names none: ${likely}`, { related });
    }
    // The note lands where the risk is: the purpose meeting the most criteria, and among equals one
    // with what Art. 35(3) itself names, special-category data and systematic monitoring (the first
    // in the file only breaks a tie).
    const art9 = (p: Purpose) => p.data.some((r) => { const d = relations.data.get(r.id); return !!d?.kind && dataKinds[d.kind].special; });
    const weight = (r: { p: Purpose; met: Met[] }) => r.met.length * 4 + (art9(r.p) ? 2 : 0) + (r.met.some((m) => m.id === "monitoring") ? 1 : 0);
    const first = heaviest(unpublished, weight);
    const rest = unpublished.filter((r) => r !== first);
    if (first) {
      const so = rest.length ? `; so do ${rest.map((r) => `\`${r.p.id}\` (${r.met.length} criteria)`).join(", ")}` : "";
      report(first.p, undefined, `purpose \`${first.p.id}\` meets ${first.met.length} of WP248's criteria for a DPIA, ${first.criteria}: ${likely}${so}; notices do not publish DPIAs, so ask whether ${rest.length ? "they were" : "one was"} done`, {
        severity: "info",
        related: [...first.related, ...rest.flatMap((r) => [{ message: `\`${r.p.id}\` meets ${r.criteria}`, span: r.p.span, occurrence: true }, ...r.related])],
      });
    }
  },
});
