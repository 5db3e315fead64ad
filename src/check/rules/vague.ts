/** Vague words kept as the policy's: security statements that name no measure (Art. 32(1)), contract
 *  strings that refer to no Art. 28 contract, retention words that leave a stated end open
 *  (Art. 5(1)(e)), and transfer grounds offered only as an example or an alternative (Art. 13(1)(f)).
 *  The vocabularies are data, in src/legal/measures.ts. */
import { defineRule } from "../registry.js";
import { clip } from "../words.js";
import { readFromNotice } from "../../model/notice.js";
import type { RelatedInfo, Span } from "../../diagnostics.js";
import type { Flow, Mechanism, Model, Purpose, Retention, System } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import { processedAsProcessor } from "../../model/roles.js";
import { contractReferences, openEndedQualifier, openEndedRetention, recognisedMeasure, securityMeasures, transferGroundLeftOpen, transferGroundOpen, type GroundOpen } from "../../legal/measures.js";
import { invalidatedFrameworks, safeguards } from "../../legal/gdpr-transfers.js";
import { isAuthority } from "../transfers.js";
import { anonymousAsClaimed } from "../anonymity.js";
import { contractRecognised, kindUnread, measuresAnsweredElsewhere, processorRole } from "../systems.js";

const measureList = (entries: readonly { what: string }[]) => entries.map((e) => e.what).join("; ");

defineRule({
  id: "security-not-a-measure", severity: "warning", title: "A system's security statement names no measure",
  article: "GDPR Art. 32(1); Art. 30(1)(g); Art. 5(1)(f)",
  description: `\`security "..."\` keeps the policy's words on what protects a system's data; the record gives "a general description of the technical and organisational security measures referred to in Article 32(1)" (Art. 30(1)(g)). Words that name no measure, such as "we employ the absolute security of your data", "commercially acceptable means to protect your data", "appropriate technical and organisational measures" (the law's words, restated) or "reasonable measures", describe nothing: the register's column reads as filled while it is empty. A statement is a measure when one of its strings names one of: ${measureList(securityMeasures)} (src/legal/measures.ts lists the words, with the article or ISO/IEC 27002:2022 control each rests on), or when the system is \`certified iso27001\` or \`soc2\`. One recognised measure among vague words is enough.

One finding per set of words: the same statement on several systems (a policy's one security sentence, copied to each system it covers) is reported once, on the first system, with the others as related places. Not reported for the data subject's own devices (nor when a system's kind or operator did not read), for a system an independent controller runs (its measures are its own, Art. 24, 32), nor for a processor's system whose contract is a reference (its Art. 32 measures are what the Art. 28 contract binds it to, Art. 28(3)(c)); \`contract-not-a-dpa\` reports a processor whose contract words refer to no contract. In a model read from a published notice (\`describes notice\`) the finding is info: a notice owes no description of the measures (Art. 13 asks for none), so its vague words are a question for the organization, as \`storage-without-security\` says of a notice that states none.`,
  help: 'name the measures: `security "encryption at rest", "TLS", "role-based access control", "daily encrypted backups"`',
  run({ model, report }) {
    const notice = readFromNotice(model);
    const groups = new Map<string, System[]>();
    for (const s of model.systems) {
      if (!s.security.length || s.clientSide || kindUnread(s)) continue;
      // Whose measures they are depends on who runs it: an operator that did not read leaves that open.
      if (s.spans.operator && !s.operator) continue;
      if (measuresAnsweredElsewhere(s)) continue;
      if (s.certified.includes("iso27001") || s.certified.includes("soc2")) continue;
      if (s.security.some((text) => recognisedMeasure(text) !== undefined)) continue;
      const key = s.security.join("\u0000");
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const [first, ...rest] of groups.values()) {
      const words = first!.security;
      const more = words.length > 1 ? ` (and ${words.length - 1} more statement${words.length > 2 ? "s" : ""})` : "";
      const also = rest.length ? `; the same words stand for ${rest.map((s) => `\`${s.id}\``).join(", ")}` : "";
      report(first!, "security", `system \`${first!.id}\`'s security statement names no measure ("${clip(words[0]!)}"${more})${also}`, {
        related: rest.map((s) => ({ message: `\`${s.id}\` has the same security statement`, span: s.spans.security ?? s.span, occurrence: true })),
        ...(notice && { severity: "info" as const }),
      });
    }
  },
});

defineRule({
  id: "contract-not-a-dpa", severity: "warning", title: "A processor's contract words refer to no Art. 28 contract",
  article: "GDPR Art. 28(3), 28(9); Art. 30(1)(d)",
  description: `\`contract "..."\` on a processor's or sub-processor's system names the contract that governs its processing: Art. 28(3) requires "a contract or other legal act" binding the processor, in writing (Art. 28(9)). Words that refer to no such contract, such as "generally under terms comparable to this policy" or "we take care to choose trustworthy partners", pass for a DPA while none is named. A contract string is a reference when it names one of: ${measureList(contractReferences)} (src/legal/measures.ts lists the words, with their sources). A contract taken from a vendor entry (\`from <entry>\`) is the entry's DPA and is not read.

One finding per vendor, as for \`processor-without-contract\`: a recognised contract on any of the vendor's systems covers them all; otherwise the finding is on its first system with vague words, its other systems as related places. Vendors given the same words (the policy's one sentence about its processors, or words that hold that sentence whole) are one finding, on the first, the others related. Not reported for a system the organization runs itself (\`operator self\`: there is no processor to bind) nor for an independent or joint controller (Art. 28 does not apply; Art. 26 governs joint controllers), nor when the operator's role did not read.`,
  help: 'name the agreement: `contract "Hostwerk DPA, 2025-03-01"` or its URL; if the policy names none, say so with `unstated contract "<the policy\'s words>"`',
  run({ model, report }) {
    const byVendor = new Map<string, System[]>();
    const covered = new Set<string>();
    for (const s of model.systems) {
      if (!s.operator || s.operator.self || !processorRole(s) || s.contract === undefined) continue;
      const vendor = s.operator.vendor ?? s.id;
      if (contractRecognised(s)) covered.add(vendor);
      else byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), s]);
    }
    // One set of words is one problem: the policy's one sentence about its processors' contracts,
    // given to several vendors, is one finding on the first, the other vendors related.
    const byWords = new Map<string, [string, System[]][]>();
    for (const [vendor, systems] of byVendor) {
      if (covered.has(vendor)) continue;
      const words = systems[0]!.contract!;
      byWords.set(words, [...(byWords.get(words) ?? []), [vendor, systems]]);
    }
    for (const [[vendor, [first, ...rest]], ...others] of containedWordsMerged(byWords)) {
      const also = others.length ? `; the same words stand for ${others.map(([v]) => v).join(", ")}` : "";
      report(first!, "contract", `${first!.operator!.role} ${vendor}'s contract ("${clip(first!.contract!)}") refers to no Art. 28 contract (system \`${first!.id}\`)${also}`, {
        related: [
          ...rest.map((s) => ({ message: `\`${s.id}\` is also run by ${vendor}, with no contract reference`, span: s.spans.contract ?? s.span, occurrence: true })),
          ...others.flatMap(([v, systems]) => systems.map((s) => ({ message: `\`${s.id}\` (${v}) has the same contract words`, span: s.spans.contract ?? s.span, occurrence: true }))),
        ],
      });
    }
  },
});

/** Groups of vendors whose contract words are one sentence: words that hold another group's words
 *  whole ("Our subcontractors are not authorized ... and [the one sentence]") join that group, and
 *  words holding two groups' words join both. Groups come in the order of their first system in the
 *  model. */
function containedWordsMerged<T extends [string, System[]]>(byWords: Map<string, T[]>): T[][] {
  const norm = (w: string) => w.toLowerCase().replace(/\s+/g, " ").replace(/[.\s]+$/, "").trim();
  const keys = [...byWords.keys()].sort((a, b) => norm(a).length - norm(b).length);
  // Union-find: words holding two sentences whole ("[the Relay sentence]", "[the policy's sentence]")
  // join both sentences' groups into one.
  const parent = new Map(keys.map((k) => [k, k]));
  const root = (k: string): string => { let r = k; while (parent.get(r) !== r) r = parent.get(r)!; return r; };
  for (const [i, key] of keys.entries()) {
    for (const k of keys.slice(0, i)) {
      if (norm(k).length < 20 || !norm(key).includes(norm(k))) continue;
      const a = root(k);
      const b = root(key);
      if (a !== b) parent.set(b, a);
    }
  }
  const merged = new Map<string, T[]>();
  for (const [key, groups] of byWords) merged.set(root(key), [...(merged.get(root(key)) ?? []), ...groups]);
  const start = (g: T[]) => Math.min(...g.flatMap(([, systems]) => systems.map((s) => s.span.start)));
  return [...merged.values()].map((g) => [...g].sort((a, b) => start([a]) - start([b]))).sort((a, b) => start(a) - start(b));
}

type Bounded = Retention & { kind: "duration" | "event" | "session" | "memory" };
const bounded = (r: Retention | undefined): r is Bounded => r !== undefined && r.statement !== undefined && r.kind !== "indefinite" && r.kind !== "unspecified";

/** A retention place: a purpose's, or a `stores` line's. */
interface Place {
  retention: Bounded;
  span: Span;
  what: string;
  /** The purpose whose retention this is, or the purposes a `stores` line serves. */
  purpose?: string;
  serves?: string[];
}

function howLong(r: Bounded): string {
  if (r.kind === "duration") return `for ${r.text}`;
  if (r.kind === "session") return "for the session";
  if (r.kind === "memory") return "in memory only";
  return r.text;
}

/** Purposes whose retention is the organization's to state: not a processor's (its controller
 *  states it, Art. 28(3)(g)), not one all of whose data is credibly anonymous (not personal data). */
function ownPurpose(model: Model, relations: Relations, p: Purpose): boolean {
  return !processedAsProcessor(model, p) && !(p.data.length > 0 && p.data.every((r) => anonymousAsClaimed(relations.data.get(r.id), relations)));
}

defineRule({
  id: "retention-open-ended", severity: "warning", title: "A stated retention is left open by its own words",
  article: "GDPR Art. 5(1)(e); Art. 13(2)(a); Art. 30(1)(f)",
  description: `A retention states a period or the event that ends it, and the policy's words after it (\`retention until account_deleted "..."\`) are kept. When those words add a qualifier that keeps the data past that end, such as "for the life of the account **or as otherwise necessary**", "or longer", "for a variety of purposes", "at our discretion", or "indefinitely" after a period, the stated end is no limit: storage limitation (Art. 5(1)(e)) and the notice's period or criteria (Art. 13(2)(a)) are not met by it. The qualifiers recognised: ${measureList(openEndedRetention)}.

Not reported for "as long as necessary" beside the event or purpose that bounds it ("as long as necessary to answer your request", with \`until request_resolved\`), which is the criterion, nor for "unless a longer period is required by law", which points at the law's periods. Nor for \`retention unspecified\` or \`indefinite\`, whatever their words: \`retention-missing\` and \`retention-indefinite\` report those, quoting the words (one finding per problem). One finding per statement: the same words on several purposes or \`stores\` lines are one sentence of the policy, reported on the first with the others as related places; a \`stores\` line that keeps a purpose's data for the purpose's own period, left open in the same way, restates the purpose's and is a related place of its finding. Not reported for a purpose the organization carries out as a processor, nor for one all of whose data the policy credibly calls anonymous (as for \`retention-missing\`).`,
  help: "drop the qualifier or bound it: `retention until account_deleted + 30 days`, and name any longer legal period as its own purpose with its law",
  run({ model, relations, reportAt }) {
    const places: Place[] = [];
    for (const p of model.purposes) {
      const r = p.retention;
      if (!bounded(r) || !ownPurpose(model, relations, p)) continue;
      places.push({ retention: r, span: p.spans.retention ?? r.span, what: `purpose \`${p.id}\``, purpose: p.id });
    }
    const seen = new Set<object>();
    for (const item of relations.stored) {
      const r = item.store.retention;
      if (!bounded(r) || seen.has(item.store)) continue;
      seen.add(item.store);
      const purposes = item.store.purposes.map((ref) => relations.purposes.get(ref.id)).filter((p): p is Purpose => p !== undefined);
      if (purposes.length && !purposes.some((p) => ownPurpose(model, relations, p))) continue;
      places.push({ retention: r, span: r.span, what: `system \`${item.system.id}\`'s \`stores\` line`, serves: purposes.map((x) => x.id) });
    }
    const groups = new Map<string, { place: Place; words: string; entry: string; others: Place[] }>();
    for (const place of places) {
      const statement = place.retention.statement!;
      const g = groups.get(statement);
      if (g) { g.others.push(place); continue; }
      const q = openEndedQualifier(statement, place.retention.kind);
      if (!q) continue;
      // A `stores` line that keeps a purpose's data for the purpose's own period, left open the same
      // way ("Minimum 12 months" on the purpose, "at least 12 months" on its log store), restates it.
      const restated = place.serves && [...groups.values()].find((x) => x.place.purpose !== undefined && place.serves!.includes(x.place.purpose) && x.entry === q.entry.id && x.place.retention.text === place.retention.text);
      if (restated) { restated.others.push(place); continue; }
      groups.set(statement, { place, words: q.words, entry: q.entry.id, others: [] });
    }
    for (const { place, words, others } of groups.values()) {
      const r = place.retention;
      const also = others.length ? `; the same words stand for ${others.map((o) => o.what).join(", ")}` : "";
      const related: RelatedInfo[] = others.map((o) => ({ message: `${o.what} has the same retention words`, span: o.span, occurrence: true }));
      reportAt(place.span, `${place.what} keeps data ${howLong(r)}, but the policy's words leave that open ("${words}"): "${clip(r.statement!)}"${also}`, { related });
    }
  },
});

const toolLabel = (kind: string) => (kind === "scc" ? "SCCs" : kind === "bcr" ? "BCRs" : kind.replace(/_/g, " "));
const howOffered: Record<GroundOpen["how"], string> = {
  example: "offer only as an example",
  alternative: "offer as one of alternatives",
  condition: "offer only on a condition they leave open",
};
const isVoidFramework = (kind: string): kind is keyof typeof invalidatedFrameworks => kind in invalidatedFrameworks;

defineRule({
  id: "transfer-ground-unspecified", severity: "warning", title: "A transfer's safeguard is offered only as an example or an alternative",
  article: "GDPR Art. 13(1)(f), 14(1)(f), 46(1); Art. 29 WP Guidelines on transparency (WP260 rev.01), Annex",
  description: `For a transfer resting on an Art. 46 safeguard the notice owes "a reference to the appropriate or suitable safeguards and the means by which to obtain a copy of them" (Art. 13(1)(f), 14(1)(f); the Art. 29 Working Party's transparency guidelines, WP260 rev.01, list it in their Annex), and the exporter must be able to show the safeguard each transfer rests on (Art. 46(1), 5(2)). \`mechanism scc "..."\` keeps the policy's words for it. Words that offer the tool only as an example ("appropriate safeguards are in place, such as Standard Contractual Clauses"), as one of alternatives ("If the entity is certified ... under the Privacy Shield ..., or if we have entered into standard data protection clauses", "SCCs or other appropriate safeguards"), or on a condition they leave open ("where required, we use ...", "if we have entered into ...") do not say which safeguard covers the transfer, nor where its copy is. The words recognised: ${measureList(transferGroundOpen)}; two different tools joined by "or" (src/legal/measures.ts lists the tools' names). Adequacy named beside a tool ("adequacy decisions or SCCs") is a criterion the destination answers, and is not an alternative here.

One finding per set of words: a policy's one transfer sentence, copied to each flow it covers, is reported once, on the first transfer, with the others as related places. Reported only where a transfer is computed and a destination rests on the safeguard: not for a flow that is no transfer (inside the EEA, back to the data subject), nor where adequacy covers every destination, nor for \`linked\` flows, nor for a public authority (no contract binds one: Art. 48 is \`authority-transfer-without-agreement\`'s), nor for a flow whose mechanism did not read, nor for processing the organization carries out as a processor (the notice is its controller's), nor where another safeguard on the flow is named plainly. Where the flow itself states \`mechanism privacy_shield\` or \`safe_harbour\` from the same words, \`invalidated-framework\` reports it, and its fix (declare the ground relied on now) is this one: one finding. Where the void framework is only in the words, this finding says so. \`transfer-impact-assessment-missing\` asks a separate question (the assessment behind the tool) and stands beside it. The finding stays a warning in a model read from a published notice (\`describes notice\`): Art. 13(1)(f) is the notice's own duty, so the gap is in what was read, not a document the notice never shows.`,
  help: 'name the safeguard each transfer rests on and where to get a copy: `mechanism scc c2p "Standard Contractual Clauses (Decision 2021/914, Module 2) with each provider outside the EEA; a copy on request"`',
  run({ model, relations, transfers, reportAt }) {
    const flows = new Map(model.flows.map((f) => [f.id, f]));
    interface Place { flow: Flow; m: Mechanism }
    const groups = new Map<string, { place: Place; open: GroundOpen; others: Place[] }>();
    for (const t of transfers) {
      const flow = flows.get(t.flow)!;
      if (flow.linked !== undefined || (flow.spans.mechanism && !flow.mechanism)) continue;
      if (isAuthority(relations.systems.get(t.to))) continue;
      // A destination that adequacy covers needs no safeguard; a ground that fails is its own finding.
      if (!t.destinations.some((d) => d.verdict === "safeguard")) continue;
      const purposes = flow.purposes.map((r) => relations.purposes.get(r.id)).filter((p): p is Purpose => p !== undefined);
      if (purposes.length && purposes.every((p) => processedAsProcessor(model, p))) continue;
      const m = flow.mechanisms.find((x) => x.kind in safeguards && x.note !== undefined);
      if (!m) continue;
      const g = groups.get(m.note!);
      if (g) { g.others.push({ flow, m }); continue; }
      const open = transferGroundLeftOpen(m.note!);
      if (!open) continue;
      // Another safeguard on the flow, named plainly, is the ground.
      if (flow.mechanisms.some((x) => x !== m && x.kind in safeguards && !(x.note && transferGroundLeftOpen(x.note)))) continue;
      // The void framework stated as a ground from these words: invalidated-framework's one finding.
      if (flow.mechanisms.some((x) => isVoidFramework(x.kind) && (x.note === undefined || x.note === m.note || open.tools.includes(x.kind)))) continue;
      groups.set(m.note!, { place: { flow, m }, open, others: [] });
    }
    for (const { place, open, others } of groups.values()) {
      const { flow, m } = place;
      const voids = open.tools.filter(isVoidFramework).map((k) => invalidatedFrameworks[k]);
      const gone = voids.length ? `; one of them, ${voids.map((f) => `the ${f.name}`).join(" and ")}, has been no ground since ${voids.map((f) => f.date).join(" and ")}` : "";
      const names = others.slice(0, 3).map((o) => `\`${o.flow.from.id} -> ${o.flow.to.id}\``).join(", ");
      const also = others.length ? `; the same words stand for ${others.length} more transfer${others.length > 1 ? "s" : ""} (${names}${others.length > 3 ? `, and ${others.length - 3} more` : ""})` : "";
      reportAt(m.span, `the transfer from \`${flow.from.id}\` to \`${flow.to.id}\` rests on ${toolLabel(m.kind)}, which the policy's words ${howOffered[open.how]} ("${open.words}"): they do not say which safeguard covers it${gone}${also}: "${clip(m.note!)}"`, {
        related: others.map((o) => ({ message: `\`${o.flow.from.id} -> ${o.flow.to.id}\` rests on the same words`, span: o.m.span, occurrence: true })),
      });
    }
  },
});
