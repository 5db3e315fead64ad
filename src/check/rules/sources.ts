/** Data not obtained from the data subject (Art. 14): where it comes from, and the people it is
 *  about who never see the notice. Read from `obtained` on data, the flows that bring data in from a
 *  third party's system, and `kind non_user` on subjects. */
import { clip } from "../words.js";
import { defineRule } from "../registry.js";
import { readFromNotice } from "../../model/notice.js";
import { anonymousAsClaimed } from "../anonymity.js";
import { directSources } from "../../model/vocabulary.js";
import { processedAsProcessor, servesOwnPurpose } from "../../model/roles.js";
import type { DataCategory, Flow, Model, System } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import type { RelatedInfo } from "../../diagnostics.js";

const names = (ids: string[]) => ids.map((id) => `\`${id}\``).join(", ");

/** Run by a third party acting for itself: an independent or joint controller, not the organization
 *  and not its processor. Undefined when the operator did not read (its own error). */
function thirdPartySource(s: System): boolean | undefined {
  if (s.spans.operator && !s.operator) return undefined;
  const op = s.operator;
  return !s.clientSide && !!op && !op.self && (op.role === "controller" || op.role === "joint_controller");
}

/** On the organization's side of the wire: its own systems and its processors' (a system with no
 *  operator line is taken as its own; `operator-unspecified` asks). */
function organizationSide(s: System): boolean {
  if (s.clientSide || (s.spans.operator && !s.operator)) return false;
  const op = s.operator;
  return !op || op.self || op.role === "processor" || op.role === "subprocessor";
}

/** The organization's own processing: not a link the data subject follows on their own, and not
 *  done only for customers as their processor (their controllers inform the data subjects). */
function ownFlow(model: Model, relations: Relations, f: Flow): boolean {
  // A `linked` flow is the data subject's own doing; one whose `linked` fails has its error
  // (linked-not-independent), and what it says is left unjudged here (one mistake, one error).
  return f.linked === undefined && servesOwnPurpose(model, relations.purposes, f);
}

/** The flows that bring data into the organization from a third party's system, with the personal
 *  data each carries (data called anonymous, and credibly so, is not personal data). */
function inboundFromThirdParties(model: Model, relations: Relations): { flow: Flow; from: System; data: DataCategory[] }[] {
  const out: { flow: Flow; from: System; data: DataCategory[] }[] = [];
  for (const flow of model.flows) {
    const from = relations.systems.get(flow.from.id);
    const to = relations.systems.get(flow.to.id);
    if (!from || !to || !thirdPartySource(from) || !organizationSide(to) || !ownFlow(model, relations, flow)) continue;
    const data = flow.data.map((r) => relations.data.get(r.id)).filter((d): d is DataCategory => d !== undefined && !anonymousAsClaimed(d, relations));
    if (data.length) out.push({ flow, from, data });
  }
  return out;
}

/** Whether the model says the data comes from someone other than the data subject; undefined when
 *  its `obtained` line did not read (its own error). */
function sourceStated(d: DataCategory): boolean | undefined {
  if (d.spans.obtained && !d.obtained) return undefined;
  return d.obtained?.sources.some((s) => !directSources.has(s)) ?? false;
}

/** Whether each person is told this data's specific source individually (`informed "how"`), or the
 *  policy gives the reason it cannot be (`informed none "reason"`, Recital 61); an `informed` line
 *  that did not read has its own error and leaves the question unjudged (true: nothing is said). */
const sourceToldIndividually = (d: DataCategory): boolean =>
  (d.spans.informed !== undefined && !d.informed) || !!d.informed?.how || !!d.informed?.none?.reason;

/** The person's own bank or payment provider (`kind payment`): identified by being theirs. */
const personsOwnProvider = (s: System): boolean => s.kind === "payment";

/** Sources that are a party the organization deals with, which the notice can name. */
const partySources: ReadonlySet<string> = new Set(["partners", "brokers", "social_login"]);

/** The `obtained` word to suggest for data from a system of this kind. */
const suggestedSource = (s: System) => (s.kind === "authentication" ? "social_login" : s.kind === "authority" ? "authorities" : "partners");

defineRule({
  id: "source-not-identified", severity: "warning", title: "Data obtained from a third party whose source is not stated",
  article: "GDPR Art. 14(1)(d), 14(2)(f), 14(3); Art. 5(1)(a); WP29 Guidelines on transparency (WP260 rev.01), Annex",
  description: `Where personal data are not obtained from the data subject, the notice must say which categories of data are concerned (Art. 14(1)(d)) and from which source they originate, and whether it was a publicly accessible one (Art. 14(2)(f)); the specific source is named unless that is impossible, and only then the nature of the sources (the types of organization, industry or sector; WP260 rev.01, Annex). The model says where data comes from with \`obtained <source> "<the policy's words>"\` on the data category (\`partners\`, \`social_login\`, \`brokers\`, \`parents\`, \`other_users\`, \`public_sources\`, \`authorities\`, \`employer\`; \`subject\` and \`observed\` are collection from the person). Reported, as a warning, once per source:

- a system run by an independent or joint controller that sends data to the organization's systems (Google sign-in passing a name and an e-mail address to a shop), when a data category it sends has no \`obtained\` line naming a source other than the data subject: reported on the system, naming the data (as info in a \`describes notice\` model: a flow from a named party is drawn from the notice's words, so the notice names it, and the model lacks only those words);
- such a system the notice names only by category (\`unnamed "such as our partners or advertisers"\`) when the data it sends is \`obtained\` from \`partners\`, \`brokers\` or \`social_login\`: the source itself is not identified (a bank or a mailbox of the person's own choosing is identified by being theirs, as is any payment provider of theirs, \`kind payment\`: "your bank or payment provider");
- a data category \`obtained\` from \`partners\`, \`brokers\` or \`social_login\` that no named system sends: the notice names a kind of party, not the party (reported on the system named only by category that sends it, whatever its role, when there is one: a processor that gathers data for the organization has a source too) (data that comes through the person's own device from a service they connect, such as a wearable's, has the source they chose).

The last two are silent for data whose specific source each person is told individually, as Art. 14(3) allows (\`informed "<the policy's words>"\` on the data: "we will tell you the source of data we did not receive from you"), or whose source cannot be told for the reason the policy gives (\`informed none "<reason>"\`; Recital 61: various sources).

Silent for flows a processor's purpose (\`role processor\`) carries (its controller informs the data subjects), for \`linked\` flows, for data the subject gives (from their own device), for data credibly called anonymous, and where the operator or the \`obtained\` line did not read. Data from other users, parents, public sources, authorities or an employer is identified by that word. People who are not users, and so never see the notice at all, are \`non-user-not-informed\`'s.`,
  help: 'name the source in the notice and record it: `obtained partners "<the policy\'s words naming the source>"` on each data category (or name the party on the system)',
  run({ model, relations, report, reportAt }) {
    const bySystem = new Map<System, { flows: Flow[]; data: DataCategory[] }>();
    for (const { flow, from, data } of inboundFromThirdParties(model, relations)) {
      const entry = bySystem.get(from) ?? bySystem.set(from, { flows: [], data: [] }).get(from)!;
      entry.flows.push(flow);
      for (const d of data) if (!entry.data.includes(d)) entry.data.push(d);
    }
    const reported = new Set<string>();
    for (const [system, { flows, data }] of bySystem) {
      const unstated = data.filter((d) => sourceStated(d) === false);
      // A category of party where the data is said to come from a party the notice can name (a
      // bank or a mailbox of the person's own choosing is identified by being theirs).
      const byCategory = system.unnamed !== undefined && !personsOwnProvider(system) && data.some((d) => !sourceToldIndividually(d) && d.obtained?.sources.some((x) => partySources.has(x)));
      if (!byCategory && !unstated.length) continue;
      for (const d of data) reported.add(d.id);
      const who = `\`${system.id}\` (${system.operator!.vendor ?? system.name}, ${system.operator!.role === "joint_controller" ? "a joint controller" : "an independent controller"})`;
      const sends = `sends the organization ${names(data.map((d) => d.id))}`;
      const related: RelatedInfo[] = flows.map((f) => ({ message: `flow \`${f.from.id} -> ${f.to.id}\` brings it in`, span: f.spans.declaration ?? f.span }));
      const missing = unstated.length ? `; no \`obtained\` line names a source for ${names(unstated.map((d) => d.id))} other than the data subject` : "";
      for (const d of unstated) related.push({ message: d.obtained ? `the \`obtained\` line of \`${d.id}\` names only the data subject` : `\`${d.id}\` has no \`obtained\` line`, span: d.spans.obtained ?? d.span });
      const help = `name the source in the notice, and add \`obtained ${suggestedSource(system)} "<the policy's words naming it>"\` to ${names(unstated.map((d) => d.id)) || "the data"}`;
      if (byCategory) {
        report(system, "unnamed", `${who} ${sends}, but the notice names this source only as a category ("${clip(system.unnamed!, 120)}"): the source must be named unless that is impossible (Art. 14(2)(f))${missing}`, { related, help });
      } else {
        // A notice model's flow from a party is drawn from the notice's words: the notice tells of
        // the source; what the model lacks is those words, so this is an observation there.
        const notice = readFromNotice(model);
        report(system, "operator", `${who} ${sends}${missing}: the notice must state the source and the categories of data it supplies (Art. 14(1)(d), 14(2)(f))${notice ? "; record the notice's words on it" : ""}`, { related, help, ...(notice && { severity: "info" as const }) });
      }
    }
    // A party named only by kind: no named system sends the data, and it does not come through the
    // person's own device from a service they connect (they chose it, so they know the source).
    const identified = new Set<string>();
    for (const f of model.flows) {
      const from = relations.systems.get(f.from.id);
      const to = relations.systems.get(f.to.id);
      const theirs = to?.clientSide === true && to.kind !== "peer_device";
      // A sender whose operator did not read has its own error: nothing is said about its data here.
      const party = from && thirdPartySource(from);
      // A vendor the notice names that brings the data in as the organization's processor (Google
      // sign-in run for it) names the source as well as an independent controller does.
      const namedVendor = !!from && !from.clientSide && from.unnamed === undefined && !!from.operator && !from.operator.self && !!from.operator.vendor;
      if (from && (party === undefined || namedVendor || (party && (from.unnamed === undefined || theirs || personsOwnProvider(from))))) for (const r of f.data) identified.add(r.id);
    }
    // Data sent by a system the notice names only by category, whatever its role (a processor that
    // gathers data for the organization has a source too): the finding is that system's, once.
    const byKindSender = new Map<System, DataCategory[]>();
    for (const d of model.data) {
      if (reported.has(d.id) || identified.has(d.id) || !d.obtained || sourceToldIndividually(d) || anonymousAsClaimed(d, relations)) continue;
      const parties = d.obtained.sources.filter((s) => partySources.has(s));
      if (!parties.length) continue;
      const purposes = model.purposes.filter((p) => p.data.some((r) => r.id === d.id));
      if (!purposes.some((p) => !processedAsProcessor(model, p))) continue;
      const sender = model.flows.filter((f) => f.data.some((r) => r.id === d.id)).map((f) => relations.systems.get(f.from.id))
        .find((s) => s !== undefined && s.unnamed !== undefined && !s.clientSide && !s.operator?.self && !personsOwnProvider(s));
      if (sender) { (byKindSender.get(sender) ?? byKindSender.set(sender, []).get(sender)!).push(d); continue; }
      reportAt(d.obtained.span, `data \`${d.id}\` is obtained from ${parties.map((s) => s.replace(/_/g, "-")).join(" and ")}, but no system in the model names the party: the source must be named unless that is impossible (Art. 14(2)(f))`, {
        help: "name the party in the notice and model it as a system (its operator `as controller`) with a flow that brings the data in",
      });
    }
    for (const [system, data] of byKindSender) {
      const related: RelatedInfo[] = data.map((d) => ({ message: `\`${d.id}\` is obtained from ${d.obtained!.sources.filter((s) => partySources.has(s)).join(" and ")}`, span: d.obtained!.span }));
      report(system, "unnamed", `\`${system.id}\` sends the organization ${names(data.map((d) => d.id))}, but the notice names this source only as a category ("${clip(system.unnamed!, 120)}"): the source must be named unless that is impossible (Art. 14(2)(f))`, {
        related, help: "name the party in the notice (and on the system: `operator \"<entity>\"`)",
      });
    }
  },
});

defineRule({
  id: "non-user-not-informed", severity: "info", title: "Data about people who are not users, who never see the notice",
  article: "GDPR Art. 14(1)-(3), 14(5)(b); Art. 13; Art. 12(1); WP29 Guidelines on transparency (WP260 rev.01), on Art. 14(5)(b)",
  description: `People who are not users of the service (\`kind non_user\` on a subject: callers and call recipients, people named in others' messages or uploaded contact lists) are data subjects too, and never see the notice the users accept. The controller must inform them within a reasonable period and at the latest within a month, or at the first communication with them (Art. 14(3)); unless informing them proves impossible or would involve a disproportionate effort (Art. 14(5)(b)), in which case it must take appropriate measures to protect their rights, including making the information publicly available. Data observed from them directly (a caller's number) is Art. 13 collection, which has no such exemption. Reported as info once per such subject, on its \`kind\` line, with the organization's own purposes that process their data as related places: \`informed "<how, in the policy's words>"\` on the subject says how they are informed, and \`informed none "<the reason>"\` which exemption is relied on; either silences the finding. Silent for a processor's purposes (\`role processor\`): the customer, as controller, informs them.`,
  help: "say in the notice how people who are not users learn of the processing (at the first contact, or by a public notice under Art. 14(5)(b)), and what protects their rights",
  run({ model, report }) {
    for (const subject of model.subjects) {
      // `informed "how"` says how they learn of it; `informed none "reason"` the exemption relied on
      // (a reason is owed: Art. 14(5)(b) needs the effort to be disproportionate, and says so).
      // One that did not read has its own error.
      if (subject.kind !== "non_user" || subject.informed?.how || subject.informed?.none?.reason || (subject.spans.informed && !subject.informed)) continue;
      const uses = model.purposes.filter((p) => !processedAsProcessor(model, p)).flatMap((p) => p.subjects.filter((r) => r.id === subject.id).map((ref) => ({ purpose: p, ref })));
      if (!uses.length) continue;
      // The finding is about the people, so it stands on the subject; the purposes are where it shows.
      const related: RelatedInfo[] = uses.map((u) => ({ message: `purpose \`${u.purpose.id}\` processes their data`, span: u.ref.span, occurrence: true }));
      report(subject, "kind", `\`${subject.id}\` (${subject.name}) are not users and never see this notice, yet ${uses.length === 1 ? "purpose" : "purposes"} ${names(uses.map((u) => u.purpose.id))} ${uses.length === 1 ? "processes" : "process"} their data: they must be informed (Art. 13, 14(3)), unless for data not obtained from them that proves impossible or disproportionate (Art. 14(5)(b)), when the information is made public`, { related });
    }
  },
});
