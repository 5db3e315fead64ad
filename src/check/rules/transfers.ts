/** Chapter V: every transfer out of the EEA rests on adequacy, a safeguard or a stated derogation. */
import { defineRule, type RuleContext } from "../registry.js";
import type { Flow } from "../../model/model.js";
import { readFromNotice } from "../../model/notice.js";
import { art28Contract, processorRole } from "../systems.js";
import { bySameConsent, isAuthority, nothingElse, placeLabel, type Transfer, type TransferProblem } from "../transfers.js";
import { adequacyFor, eeaCountries, invalidatedFrameworks, safeguards, transferFactsAsOf, transferImpactAssessment } from "../../legal/gdpr-transfers.js";
import { authorityHelp } from "./authorities.js";

/** Rules whose finding is a stated ground that fails (not a transfer that states none). Adequacy and
 *  DPF findings already say what their destination lacks; an invalidated framework's does not. */
const failedGround = new Set<TransferProblem["rule"]>(["adequacy-not-available", "dpf-invalid", "invalidated-framework"]);

/** One finding per problem: parallel flows between the same two systems with the same problem are
 *  one transfer, reported on the first flow with the others as related places. */
function reportProblems(ctx: RuleContext, rule: TransferProblem["rule"], describe: (t: Transfer, p: TransferProblem) => string, skip?: (t: Transfer, p: TransferProblem) => boolean): void {
  const flows = new Map(ctx.model.flows.map((f) => [f.id, f]));
  const groups = new Map<string, { t: Transfer; p: TransferProblem; message: string; others: Transfer[] }>();
  for (const t of ctx.transfers) {
    for (const p of t.problems) {
      if (p.rule !== rule || skip?.(t, p)) continue;
      // A ground that fails leaves the destinations it was meant to cover: name what else they lack.
      const message = describe(t, p) + (failedGround.has(rule) ? nothingElse(t, rule === "invalidated-framework" ? undefined : p.place) : "");
      // The same transfer: the same two systems, the same data for the same purposes (a flow that
      // carries other data is another transfer, and may be accepted or fixed apart).
      const f = flows.get(t.flow)!;
      const what = `${f.data.map((r) => r.id).sort().join(",")}\u0000${f.purposes.map((r) => r.id).sort().join(",")}`;
      // The same data for the same purposes reaching a recipient in unknown countries, with no ground
      // stated, is one problem from whichever of the organization's ends it leaves (the browser and
      // the app): the fix is to say where the recipient is, or what covers it.
      const recipientsPlace = rule === "transfer-unknown-destination" && !f.mechanisms.length;
      // One policy sentence placing several recipients in unknown countries ("we may transfer your
      // information to our group companies and processors outside the EEA"), with no ground stated,
      // is one statement to fix: one finding, each recipient a related place.
      const words = recipientsPlace ? ctx.relations.systems.get(t.to)?.locatedNote : undefined;
      const key = words !== undefined ? `\u0000words\u0000${p.place}\u0000${words}` : recipientsPlace ? `\u0000to\u0000${t.to}\u0000${p.place}\u0000${what}` : `${t.from}\u0000${t.to}\u0000${what}\u0000${message}`;
      const g = groups.get(key);
      if (g) g.others.push(t);
      else groups.set(key, { t, p, message, others: [] });
    }
  }
  for (const { t, p, message, others } of groups.values()) {
    const flow = flows.get(t.flow)!;
    const to = ctx.relations.systems.get(t.to)!;
    const senders = [...new Set(others.map((o) => o.from).filter((id) => id !== t.from))];
    const receivers = [...new Set(others.map((o) => o.to).filter((id) => id !== t.to))];
    const also = [
      ...(senders.length ? [`also from ${senders.map((id) => `\`${id}\``).join(", ")}`] : []),
      ...(receivers.length ? [`also to ${receivers.map((id) => `\`${id}\``).join(", ")}, placed by the same words`] : []),
    ];
    const text = others.length ? `${message} (${others.length + 1} flows${also.length ? `, ${also.join("; ")}` : ""})` : message;
    const extra = {
      help: transferHelp(ctx, t, p),
      related: [
        { message: `\`${t.to}\` is located here`, span: to.spans.located ?? to.span },
        ...others.map((o) => ({ message: o.to !== t.to ? `\`${o.to}\`, placed by the same words` : o.from === t.from ? "the same transfer, on this flow" : `the same recipient, from \`${o.from}\``, span: flows.get(o.flow)!.span, occurrence: true })),
      ],
    };
    // With several grounds stated, the one that fails is named on its own line.
    if (p.span) ctx.reportAt(p.span, text, extra);
    else ctx.report(flow, flow.mechanism ? "mechanism" : "to", text, extra);
  }
}

const kindOf = (t: Transfer) => (t.onward ? "onward transfer" : "transfer");

/** The SCC module the parties' roles call for (exporter letter + importer letter), if known. */
function expectedModule(ctx: Pick<RuleContext, "model" | "relations">, from: string, to: string): string | undefined {
  const orgLetter = ctx.model.organization?.role === "processor" ? "p" : "c";
  const letter = (id: string): string | undefined => {
    const s = ctx.relations.systems.get(id);
    if (!s) return undefined;
    if (s.clientSide) return orgLetter;
    if (!s.operator) return undefined;
    if (s.operator.self) return orgLetter;
    const r = s.operator.role;
    return r === "processor" || r === "subprocessor" ? "p" : r ? "c" : undefined;
  };
  // The parties to the clauses, not the machines: a system a processor runs for the organization
  // (its hosting) sends on the organization's behalf, so the organization exports, unless the
  // recipient is that processor's own sub-processor (then the processor exports: P2P).
  const sender = ctx.relations.systems.get(from);
  const receiver = ctx.relations.systems.get(to);
  // A processor established in the EEA with servers abroad exports itself, to its own processing
  // abroad (an onward transfer under its processor-to-processor clauses).
  const est = receiver?.operator?.established?.code;
  if (est && eeaCountries.has(est) && (receiver?.operator?.role === "processor" || receiver?.operator?.role === "subprocessor")) return "p2p";
  const hostedForOrg = sender?.operator?.role === "processor" && receiver?.operator?.role !== "subprocessor";
  const e = hostedForOrg ? orgLetter : letter(from);
  const i = letter(to);
  return e && i ? `${e}2${i}` : undefined;
}

/** A fix hint for this transfer: the SCC module its roles need, and DPF where the recipient is in the US. */
function transferHelp(ctx: RuleContext, t: Transfer, p: TransferProblem): string {
  const module = expectedModule(ctx, t.from, t.to) ?? "<module>";
  const to = ctx.relations.systems.get(t.to);
  // No contract binds a public authority: never suggest SCCs or DPF for one (Art. 48).
  if (isAuthority(to)) return authorityHelp;
  const dpf = p.place !== "US" ? "" : to?.certified.includes("dpf")
    ? `write \`mechanism dpf\` (\`${t.to}\` is declared DPF-certified), or `
    : `declare \`certified dpf\` on \`${t.to}\` if ${to?.operator?.vendor ?? "the recipient"} is certified under the Data Privacy Framework, or `;
  return `${dpf}add \`mechanism scc ${module}\` (or bcr; \`derogation <point>\` only for an occasional transfer)`;
}

defineRule({
  id: "transfer-without-mechanism", severity: "error", title: "A transfer to a third country rests on nothing",
  article: "GDPR Art. 44, 45, 46, 49",
  description: `Personal data may leave the EEA only to a country with an adequacy decision covering the recipient (Art. 45), under an Art. 46 safeguard (SCCs, BCRs, ...), or under an Art. 49 derogation. A flow whose receiving system is in a third country (computed from the systems' \`located\`, facts as of ${transferFactsAsOf}) and that states no \`mechanism\` is an unlawful transfer. Onward transfers from a processor to its sub-processors count too. A disclosure to a public authority (\`kind authority\`) is \`authority-transfer-without-agreement\`'s: no contract binds an authority, and Art. 48 applies.`,
  help: "add `mechanism scc c2p` (or bcr, or `derogation <point>` for an occasional transfer)",
  run(ctx) {
    reportProblems(ctx, "transfer-without-mechanism", (t, p) => `${kindOf(t)} from \`${t.from}\` to \`${t.to}\` in ${placeLabel(p.place)} has no transfer mechanism${"reason" in p && p.reason ? `: ${p.reason}` : ""}`);
  },
});

defineRule({
  id: "adequacy-not-available", severity: "error", title: "Adequacy claimed where there is none",
  article: "GDPR Art. 45(1); Commission adequacy decisions",
  description: `\`mechanism adequacy\` is valid only for countries with an adequacy decision in force, within its scope: the United States only for recipients certified under the EU-US Data Privacy Framework, Canada only for commercial organisations under PIPEDA, Japan only for the private sector. The table is in src/legal/gdpr-transfers.ts (as of ${transferFactsAsOf}).`,
  help: "use an Art. 46 safeguard such as `mechanism scc c2p`, or declare the recipient's DPF certification",
  run(ctx) {
    reportProblems(ctx, "adequacy-not-available", (t, p) => `adequacy claimed for the ${kindOf(t)} from \`${t.from}\` to \`${t.to}\` in ${placeLabel(p.place)}, but ${"reason" in p ? p.reason : "there is none"}`);
  },
});

defineRule({
  id: "dpf-invalid", severity: "error", title: "Data Privacy Framework claimed for a recipient it cannot cover",
  article: "GDPR Art. 45; Commission Implementing Decision (EU) 2023/1795",
  description: "The EU-US Data Privacy Framework is an adequacy decision for US organisations that self-certify to it. It does not cover recipients outside the US, nor US recipients that are not certified (`certified dpf` on the system).",
  help: "declare `certified dpf` on a certified US system, or use SCCs",
  run(ctx) {
    reportProblems(ctx, "dpf-invalid", (t, p) => `DPF claimed for the ${kindOf(t)} from \`${t.from}\` to \`${t.to}\`: ${"reason" in p ? p.reason : ""}`);
    // The certification of an entity not established in the US: no such certification exists.
    const told = new Set(ctx.transfers.filter((t) => t.problems.some((p) => p.rule === "dpf-invalid" || p.rule === "adequacy-not-available")).map((t) => t.to));
    for (const s of ctx.model.systems) {
      const at = s.operator?.established;
      if (!s.certified.includes("dpf") || !at || at.code === "US" || told.has(s.id)) continue;
      ctx.reportAt(s.spans.certified ?? s.span, `\`certified dpf\` on \`${s.id}\`, whose operator ${s.operator!.vendor} is established in ${placeLabel(at.code)}: only organisations established in the US can certify under the Data Privacy Framework`, {
        help: `remove \`certified dpf\`; if the data reaches a US affiliate, model it (or state the ground for that onward transfer)`,
        related: [{ message: "established here", span: at.span }],
      });
    }
  },
});

defineRule({
  id: "transfer-unknown-destination", severity: "error", title: "Data goes to unknown countries without a covering safeguard",
  article: "GDPR Art. 44, 46; EDPB Recommendations 01/2020",
  description: "A recipient located `anywhere`, `global` (a CDN edge network, \"countries of our sub-processors\") or `unspecified` may be in any third country. Adequacy cannot cover an unknown country; only a safeguard that travels with the data (SCCs, BCRs) or a stated derogation can. A flow that states no ground at all to a named third country as well (\`located US, unspecified\`) is one silence: \`transfer-without-mechanism\`'s finding, which names the unknown places too. For a public authority (`kind authority`) in an unknown country, SCCs and BCRs cover nothing, and a disclosure resting on them or on nothing is `authority-transfer-without-agreement`'s finding instead. With no ground stated on the flow, a recipient located only `unspecified` is `location-unspecified`'s finding, not this one, when the organization is established in the EEA (no transfer is shown: an importer in a third country makes one, EDPB Guidelines 05/2021 criterion 3, and a notice says when the controller intends one, Art. 13(1)(f); a notice that admits the data may go abroad is modelled `located anywhere`); and, for an organization outside the EEA or of no stated country, when it is a named party (where it is can be established; until then the gap is the location) or a processor bound by an Art. 28 contract the model names as such (a data processing agreement, Art. 28; a contract `contract-not-a-dpa` accepts only as \"contractual obligations\" names a contract but not its Art. 28 terms), which processes only on documented instructions, including on transfers to third countries (Art. 28(3)(a)). One policy sentence placing several recipients in unknown countries with no ground stated (the same words on their `located` lines: `located abroad \"we may transfer your information to our processors outside the EEA\"`) is one finding, on the first flow, the other recipients as related places. This rule reports what stays: an unnamed category of recipients (`unnamed \"...\"`), bound by nothing stated, in unknown countries, where neither who nor where can be checked; and `anywhere` or `global`, or any unknown place a stated ground is meant to cover.",
  help: "name the countries in `located`, or cover the flow with `mechanism scc <module>` or bcr",
  run(ctx) {
    const flows = new Map(ctx.model.flows.map((f) => [f.id, f]));
    // With no ground stated on the flow, a recipient located only `unspecified` is reported once, by
    // `location-unspecified` (the record owes the location), and no transfer is presumed when
    // - it is a named party: where it is can be established, and until then the gap is the location; or
    // - it is a processor under an Art. 28 contract the model names as such (a DPA, Art. 28; "bound by
    //   contractual obligations" says less), which processes only on documented instructions
    //   "including with regard to transfers of personal data to a third country" (Art. 28(3)(a)).
    // What stays is an unnamed category of recipients, bound by nothing stated, in unknown countries:
    // neither who nor where can be checked. A stated ground for an unknown place is always judged.
    const locationGap = (t: Transfer, p: TransferProblem) => {
      if (p.place !== "unspecified" || flows.get(t.flow)?.mechanisms.length) return false;
      const to = ctx.relations.systems.get(t.to);
      // A recipient that also names a third country admits a transfer: its unknown places are judged with it.
      if (!to || !to.locations.every((l) => l.code === "unspecified")) return false;
      if (to.unnamed === undefined) return true;
      // A stricter question than contract-not-a-dpa's "is a contract named at all": whether the contract
      // is one under Art. 28, whose terms bind the processor on transfers (Art. 28(3)(a)).
      // "Bound by contractual obligations to protect your data" names a contract, not those terms.
      return processorRole(to) && art28Contract(to);
    };
    reportProblems(ctx, "transfer-unknown-destination", (t, p) => `${kindOf(t)} from \`${t.from}\` to \`${t.to}\` reaches ${placeLabel(p.place)}: ${"reason" in p ? p.reason : ""}`, locationGap);
  },
});

defineRule({
  id: "derogation-for-regular-transfer", severity: "warning", title: "An Art. 49 derogation used for a regular transfer",
  article: "GDPR Art. 49(1); EDPB Guidelines 2/2018 on derogations",
  description: "Derogations are for occasional, specific situations and are read narrowly; systematic transfers need adequacy or an Art. 46 safeguard. A flow resting on `mechanism derogation <point>` and not marked `occasional` is a regular transfer on a derogation. Mark a truly occasional flow with `occasional`. The regular transfers that rest on one Art. 49(1)(a) consent (the same form in the same policy words, as `derogation-consent-not-explicit` groups them) are one finding, on the first, the others as related places: one policy choice, though each importer then needs its own Art. 46 safeguard; other regular transfers are one finding each. The consent's own defect is a separate finding (`derogation-consent-not-explicit`, or `consent-invalid` for a consent made a condition of the service). Whether the consent behind an Art. 49(1)(a) derogation is explicit is a separate question, `derogation-consent-not-explicit`'s: \"by accepting this policy you agree to the transfer\" fails both.",
  help: "use an Art. 46 safeguard (SCCs, BCRs) for systematic transfers, or mark the flow `occasional` if it is",
  run({ model, transfers, relations, reportAt }) {
    const flows = new Map(model.flows.map((f) => [f.id, f]));
    const regular: Array<{ t: Transfer; flow: Flow; m: Flow["mechanisms"][number] }> = [];
    for (const t of transfers) {
      const flow = flows.get(t.flow)!;
      const m = flow.mechanisms.find((x) => x.kind === "derogation");
      if (!m || flow.occasional) continue;
      // A derogation whose consent fails (not explicit, or not freely given) is still the one relied on.
      const relied = t.destinations.some((d) => d.verdict === "derogation") || t.problems.some((p) => p.rule === "derogation-consent-not-explicit" || p.rule === "consent-invalid");
      if (relied) regular.push({ t, flow, m });
    }
    // The regular transfers resting on one Art. 49(1)(a) consent ("You agree that we may transfer your
    // personal data on that basis", on every flow abroad) are one policy choice: one finding, on the
    // first, each other importer a related place (each still needs its own Art. 46 safeguard).
    for (const [{ t, m }, ...others] of bySameConsent(regular, (x) => x.flow.consent)) {
      const point = m.derogation ? `Art. 49(1)(${m.derogation})` : "Art. 49(1)";
      const also = others.length ? ` (and so do ${others.length} more, on the same consent: ${others.map((o) => `\`${o.t.from} -> ${o.t.to}\``).join(", ")})` : "";
      reportAt(m.span, `the transfer from \`${t.from}\` to \`${t.to}\` is regular, but rests on an ${point} derogation${m.note ? ` ("${m.note.slice(0, 90)}${m.note.length > 90 ? "..." : ""}")` : ""}${also}`, {
        related: [
          { message: `\`${t.to}\``, span: relations.systems.get(t.to)!.span },
          ...others.map((o) => ({ message: `the transfer from \`${o.t.from}\` to \`${o.t.to}\` is regular too, on the same consent`, span: o.m.span, occurrence: true })),
        ],
      });
    }
  },
});

defineRule({
  id: "scc-module-mismatch", severity: "warning", title: "SCCs without a module, or with the wrong one",
  article: "Commission Implementing Decision (EU) 2021/914, Clause 1-2 and Annex",
  description: "The 2021 standard contractual clauses come in four modules chosen by the parties' roles: C2C, C2P, P2P, P2C. The exporter's role comes from who runs the sending system (the organization's `role`, or the vendor's), the importer's from the receiving system's operator. SCCs with no module are reported in the organization's record; in a model read from a published notice (\`describes notice\`) they are not, since a notice owes the reference to the safeguard (Art. 13(1)(f)), not its module. A module that does not match the roles is reported in both.",
  help: "write `mechanism scc c2p` (or c2c, p2p, p2c) matching the two parties' roles",
  run(ctx) {
    const { model, transfers } = ctx;
    const notice = readFromNotice(model);
    const flows = new Map(model.flows.map((f) => [f.id, f]));
    for (const t of transfers) {
      const flow = flows.get(t.flow)!;
      const scc = flow.mechanisms.find((m) => m.kind === "scc");
      // SCCs cannot bind a public authority at all: `authority-transfer-without-agreement` says so.
      if (!scc || isAuthority(ctx.relations.systems.get(t.to))) continue;
      const expected = expectedModule(ctx, t.from, t.to);
      // A notice owes the reference to the safeguard (Art. 13(1)(f)), not its module: only the record's.
      if (!scc.module) {
        if (!notice) ctx.reportAt(scc.span, `SCCs for the transfer to \`${t.to}\` name no module${expected ? ` (the roles suggest ${expected})` : ""}`);
      } else if (expected && scc.module !== expected) ctx.reportAt(scc.span, `SCC module ${scc.module} does not match the parties' roles (${expected})`);
    }
  },
});

defineRule({
  id: "adequacy-scope-unconfirmed", severity: "info", title: "A partial adequacy decision is relied on without confirming its scope",
  article: "GDPR Art. 45(1); Decision 2002/2/EC (Canada, PIPEDA); Decision (EU) 2019/419 (Japan, private sector)",
  description: `Some adequacy decisions cover only part of a country: Canada's only commercial organisations subject to PIPEDA, Japan's only the private sector. A transfer there rests on adequacy only when the recipient is inside that scope; flowmap cannot see that from the model, so it asks. State it with \`mechanism adequacy "<why the recipient is in scope>"\`, or use a safeguard. Facts as of ${transferFactsAsOf}.`,
  help: 'confirm the recipient is in scope with `mechanism adequacy "<reason>"`, or use `mechanism scc <module>`',
  run({ model, transfers, report }) {
    const flows = new Map(model.flows.map((f) => [f.id, f]));
    for (const t of transfers) {
      const flow = flows.get(t.flow)!;
      // Confirmed in words, or a safeguard stated beside it (the transfer does not rest on adequacy alone).
      if (flow.mechanisms.some((m) => (m.kind === "adequacy" && m.note) || m.kind in safeguards)) continue;
      for (const d of t.destinations) {
        const decision = adequacyFor(d.place);
        if (d.verdict !== "adequacy" || decision?.scope !== "partial") continue;
        report(flow, flow.mechanism ? "mechanism" : "to", `the transfer from \`${t.from}\` to \`${t.to}\` relies on ${placeLabel(d.place)}'s adequacy decision, which covers ${decision.note}`);
      }
    }
  },
});

defineRule({
  id: "invalidated-framework", severity: "error", title: "A transfer rests on a framework the Court of Justice struck down",
  article: `GDPR Art. 44, 45; ${invalidatedFrameworks.safe_harbour.judgment}, ${invalidatedFrameworks.safe_harbour.date}; ${invalidatedFrameworks.privacy_shield.judgment}, ${invalidatedFrameworks.privacy_shield.date}`,
  description: `\`mechanism safe_harbour\` (${invalidatedFrameworks.safe_harbour.decision}, invalidated ${invalidatedFrameworks.safe_harbour.date}) and \`mechanism privacy_shield\` (${invalidatedFrameworks.privacy_shield.decision}, invalidated ${invalidatedFrameworks.privacy_shield.date}) record what an older policy still cites. Neither is a ground for a transfer any more: the transfer rests on nothing. The EU-US Data Privacy Framework (Decision (EU) 2023/1795) is a new decision, not a renamed Privacy Shield: a recipient certified under the Shield is not thereby DPF-certified, so flowmap never takes one for the other; the model must declare the ground the organization relies on now.`,
  help: "declare the ground relied on now: `certified dpf` on the recipient and `mechanism dpf` if it is certified under the EU-US Data Privacy Framework, or `mechanism scc <module>`",
  run(ctx) {
    reportProblems(ctx, "invalidated-framework", (t, p) => `the ${kindOf(t)} from \`${t.from}\` to \`${t.to}\` in ${placeLabel(p.place)} rests on ${"reason" in p ? p.reason : "an invalidated framework"}`);
  },
});

defineRule({
  id: "transfer-impact-assessment-missing", severity: "warning", title: "An Art. 46 transfer to a country without adequacy names no transfer impact assessment",
  article: `GDPR Art. 46(1); ${transferImpactAssessment.source}`,
  description: `Since Schrems II an Art. 46 tool (standard contractual clauses, binding corporate rules, a code of conduct, a certification, ad-hoc clauses) is not enough on its own: the exporter assesses, case by case, whether the destination's law and practice (public authorities' access) undermine it, and adds supplementary measures where they do. \`tia "TIA-2026-04, reviewed 2026-09"\` on the flow records that assessment. Reported for a flow whose transfer to a named third country without adequacy rests on such a tool and that names none; for unknown countries (\`anywhere\`, \`global\`, \`unspecified\`) there is no law to assess until the countries are named, which \`location-unspecified\` asks for. Adequacy needs none; Art. 49 derogations need none (they are exceptions, read narrowly). In a model read from a published notice (\`describes notice\`) the finding is info: a notice owes no TIA, so its absence there is a question for the organization, asked once: one note on the first such transfer, naming the others.`,
  help: 'assess the destination\'s law and practice, then record it: `tia "<reference and date>"`',
  run(ctx) {
    const { model, transfers, report } = ctx;
    // A notice owes no TIA (Art. 13(1)(f) asks for the safeguard, not its assessment): in a model read
    // from one, the missing TIA is a question to ask, not a finding of absence.
    const notice = readFromNotice(model);
    const flows = new Map(model.flows.map((f) => [f.id, f]));
    // In a notice model the notes are one question to the organization ("show us the TIAs"): one
    // note, on the first such transfer, naming the others.
    const asked: { flow: Flow; what: string }[] = [];
    for (const t of transfers) {
      const flow = flows.get(t.flow)!;
      // A disclosure to a public authority is Art. 48's question, not the destination's law against a contract.
      if (flow.tia !== undefined || isAuthority(ctx.relations.systems.get(t.to))) continue;
      // Only a named country's law and practice can be assessed: for unknown countries the finding
      // to act on first is that the location is not stated (`location-unspecified`).
      const places = t.destinations.filter((d) => d.verdict === "safeguard" && d.zone === "third").map((d) => placeLabel(d.place));
      if (!places.length) continue;
      const tool = flow.mechanisms.find((m) => m.kind in safeguards);
      const what = `the transfer from \`${t.from}\` to \`${t.to}\` in ${places.join(" and ")} rests on ${tool?.kind === "scc" ? "SCCs" : (tool?.kind ?? "an Art. 46 tool").replace(/_/g, " ")}`;
      if (notice) asked.push({ flow, what });
      else report(flow, "mechanism", `${what} with no transfer impact assessment`);
    }
    const [first, ...rest] = asked;
    if (first) {
      const so = rest.length ? `; so ${rest.length === 1 ? "does" : "do"} ${rest.map((a) => `\`${a.flow.from.id} -> ${a.flow.to.id}\``).join(", ")}` : "";
      report(first.flow, "mechanism", `${first.what} with no transfer impact assessment${so} (a published notice never shows one: ask for ${rest.length ? "them" : "it"})`, {
        severity: "info",
        related: rest.map((a) => ({ message: `${a.what}, with no TIA either`, span: a.flow.spans.mechanism ?? a.flow.span, occurrence: true })),
      });
    }
  },
});
