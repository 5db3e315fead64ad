/** Vague words kept as the policy's: security statements that name no measure (Art. 32(1)), contract
 *  strings that refer to no Art. 28 contract, and retention words that leave a stated end open
 *  (Art. 5(1)(e)). The vocabularies are data, in src/legal/measures.ts. */
import { defineRule } from "../registry.js";
import { clip } from "../words.js";
import { readFromNotice } from "../../model/notice.js";
import type { RelatedInfo, Span } from "../../diagnostics.js";
import type { Model, Purpose, Retention, System } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import { processedAsProcessor } from "../../model/roles.js";
import { contractReferences, openEndedQualifier, openEndedRetention, recognisedMeasure, securityMeasures } from "../../legal/measures.js";
import { anonymousAsClaimed } from "./claims.js";
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

One finding per vendor, as for \`processor-without-contract\`: a recognised contract on any of the vendor's systems covers them all; otherwise the finding is on its first system with vague words, its other systems as related places. Not reported for a system the organization runs itself (\`operator self\`: there is no processor to bind) nor for an independent or joint controller (Art. 28 does not apply; Art. 26 governs joint controllers), nor when the operator's role did not read.`,
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
    for (const [vendor, [first, ...rest]] of byVendor) {
      if (covered.has(vendor)) continue;
      report(first!, "contract", `${first!.operator!.role} ${vendor}'s contract ("${clip(first!.contract!)}") refers to no Art. 28 contract (system \`${first!.id}\`)`, {
        related: rest.map((s) => ({ message: `\`${s.id}\` is also run by ${vendor}, with no contract reference`, span: s.spans.contract ?? s.span, occurrence: true })),
      });
    }
  },
});

type Bounded = Retention & { kind: "duration" | "event" | "session" | "memory" };
const bounded = (r: Retention | undefined): r is Bounded => r !== undefined && r.statement !== undefined && r.kind !== "indefinite" && r.kind !== "unspecified";

/** A retention place: a purpose's, or a `stores` line's. */
interface Place { retention: Bounded; span: Span; what: string }

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

Not reported for "as long as necessary" beside the event or purpose that bounds it ("as long as necessary to answer your request", with \`until request_resolved\`), which is the criterion, nor for "unless a longer period is required by law", which points at the law's periods. Nor for \`retention unspecified\` or \`indefinite\`, whatever their words: \`retention-missing\` and \`retention-indefinite\` report those, quoting the words (one finding per problem). One finding per statement: the same words on several purposes or \`stores\` lines are one sentence of the policy, reported on the first with the others as related places. Not reported for a purpose the organization carries out as a processor, nor for one all of whose data the policy credibly calls anonymous (as for \`retention-missing\`).`,
  help: "drop the qualifier or bound it: `retention until account_deleted + 30 days`, and name any longer legal period as its own purpose with its law",
  run({ model, relations, reportAt }) {
    const places: Place[] = [];
    for (const p of model.purposes) {
      const r = p.retention;
      if (!bounded(r) || !ownPurpose(model, relations, p)) continue;
      places.push({ retention: r, span: p.spans.retention ?? r.span, what: `purpose \`${p.id}\`` });
    }
    const seen = new Set<object>();
    for (const item of relations.stored) {
      const r = item.store.retention;
      if (!bounded(r) || seen.has(item.store)) continue;
      seen.add(item.store);
      const purposes = item.store.purposes.map((ref) => relations.purposes.get(ref.id)).filter((p): p is Purpose => p !== undefined);
      if (purposes.length && !purposes.some((p) => ownPurpose(model, relations, p))) continue;
      places.push({ retention: r, span: r.span, what: `system \`${item.system.id}\`'s \`stores\` line` });
    }
    const groups = new Map<string, { place: Place; words: string; others: Place[] }>();
    for (const place of places) {
      const statement = place.retention.statement!;
      const g = groups.get(statement);
      if (g) { g.others.push(place); continue; }
      const q = openEndedQualifier(statement, place.retention.kind);
      if (q) groups.set(statement, { place, words: q.words, others: [] });
    }
    for (const { place, words, others } of groups.values()) {
      const r = place.retention;
      const also = others.length ? `; the same words stand for ${others.map((o) => o.what).join(", ")}` : "";
      const related: RelatedInfo[] = others.map((o) => ({ message: `${o.what} has the same retention words`, span: o.span, occurrence: true }));
      reportAt(place.span, `${place.what} keeps data ${howLong(r)}, but the policy's words leave that open ("${words}"): "${clip(r.statement!)}"${also}`, { related });
    }
  },
});
