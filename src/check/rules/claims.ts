/** Claims a policy makes (anonymous data, data not stored, no tracking, nothing sold or shared),
 *  checked against what the model says the data is and where it goes. */
import { defineRule } from "../registry.js";
import { clip, quotedWords } from "../words.js";
import { compareRetention } from "../retention.js";
import { Basis, dataKinds, identifyingKinds } from "../../model/vocabulary.js";
import type { Claim, DataCategory, Flow, Model, Purpose, Retention, System } from "../../model/model.js";
import type { Relations, StoredItem } from "../../model/relations.js";
import { basesOf, linkedHolds, processedAsProcessor } from "../../model/roles.js";
import type { RelatedInfo } from "../../diagnostics.js";
import { anonymityContradicted as contradiction, anonymousAsClaimed } from "../anonymity.js";

defineRule({
  id: "anonymity-claim-contradicted", severity: "warning", title: "Data called anonymous that identifies people",
  article: "GDPR Art. 4(1), 4(5); Recitals 26, 30; Art. 5(1)(a), 12(1); WP29 Opinion 05/2014 on anonymisation techniques",
  description: `\`anonymous "<the policy's words>"\` on a data category records a policy's claim that the data is anonymous or aggregate. Anonymous data is data that can no longer be related to a person by any means reasonably likely to be used (Recital 26); pseudonymised data, such as a cookie ID or a hashed e-mail address, is still personal data (Art. 4(5), Recital 26), and online identifiers single people out (Recital 30). A claim on data of a kind that identifies by its nature (${[...identifyingKinds].join(", ")}), or on data a system keeps on one \`stores\` line with such data, or that a regular flow gives another party together with such data (the analytics events sent to an ad network with its cookie and the IP address), misinforms the data subjects (Art. 5(1)(a), 12(1)) and hides processing the GDPR governs. Reported once per data category, on the claim, with its kind as the related place; data that only an identifier the policy also calls anonymous links back to people (\"an anonymous visitor ID\", and the analytics keyed to it) is one false claim, reported on the identifier with that data as related places. Data whose claim stands is left out of the retention rules.`,
  help: "correct the claim (say the data is pseudonymous and what protects it), or change what is collected so it is anonymous",
  run({ model, relations, reportAt }) {
    const found = model.data.map((d) => ({ d, c: contradiction(d, relations) })).filter((x) => x.c !== undefined);
    // Data linked back only by an identifier the policy also calls anonymous ("an anonymous visitor
    // ID", and the analytics keyed to it): one false claim, reported on the identifier, with what it
    // links as related places.
    const byId = new Map(found.map((x) => [x.d.id, x]));
    const linkedTo = (x: (typeof found)[number]) => (x.c!.linkedBy && byId.has(x.c!.linkedBy.id) && !byId.get(x.c!.linkedBy.id)!.c!.linkedBy ? x.c!.linkedBy.id : undefined);
    for (const x of found) {
      if (linkedTo(x)) continue;
      const { d, c } = x;
      const keyed = found.filter((y) => linkedTo(y) === d.id);
      const also = keyed.length ? `; so is what it links, ${keyed.map((y) => `\`${y.d.id}\``).join(", ")}, called anonymous too` : "";
      reportAt(d.spans.anonymous ?? d.span, `data \`${d.id}\` is called anonymous ("${clip(d.anonymous!)}"), but ${c!.why}${also}`, {
        related: [...c!.related, ...keyed.map((y) => ({ message: `\`${y.d.id}\` is called anonymous, and \`${d.id}\` links it: ${y.c!.why}`, span: y.d.spans.anonymous ?? y.d.span, occurrence: true }))],
      });
    }
  },
});

// ---- promises about keeping and disclosing data, checked against the systems and flows -------------

const said = (c: Claim) => quotedWords(c.note);
const list = (ids: string[]) => ids.map((id) => `\`${id}\``).join(", ");
const basisWords = Basis.options.map((b) => `\`${b}\``).join(", ");

/** Kept no longer than the data subject's session or the server's working memory: what `memory_only`
 *  and `not_stored` allow. */
const transient = (r: Retention | undefined) => r?.kind === "memory" || r?.kind === "session";

/** How long a stored item is kept, when that goes beyond memory or session; undefined when it does
 *  not, or cannot be told (a purpose's retention that did not read). */
function keptBeyondTransient(item: StoredItem, relations: Relations): string | undefined {
  const own = item.store.retention;
  if (own) return transient(own) ? undefined : own.kind === "unspecified" ? "no stated time" : own.text;
  // No retention on the `stores` line: it keeps the data as long as the purposes it serves do.
  const purposes = item.purposes.map((id) => relations.purposes.get(id)).filter((p): p is Purpose => p !== undefined);
  if (purposes.some((p) => p.spans.retention && !p.retention)) return undefined;
  if (purposes.length && purposes.every((p) => transient(p.retention))) return undefined;
  const longer = purposes.find((p) => p.retention && !transient(p.retention) && p.retention.kind !== "unspecified");
  return longer ? `${longer.retention!.text} (purpose \`${longer.id}\`'s retention)` : "no stated time";
}

/** `retention-exceeds-purpose` already reports a `stores` line that keeps data longer than a purpose
 *  whose own retention says memory or session: that is this contradiction, said once. */
function reportedAsRetention(item: StoredItem, relations: Relations): boolean {
  const own = item.store.retention;
  if (!own) return false;
  return item.purposes.some((id) => {
    const p = relations.purposes.get(id);
    return p?.retention !== undefined && transient(p.retention) && p.data.some((r) => r.id === item.data) && compareRetention(own, p.retention) === "longer";
  });
}

const storageClaimWords: Record<string, string> = { memory_only: "kept in memory only", not_stored: "not stored" };

defineRule({
  id: "storage-claim-contradicted", severity: "warning", title: "Data said not to be stored is stored",
  article: "GDPR Art. 5(1)(a) (fairness, transparency), 12(1), 13(2)(a); Art. 5(1)(e)",
  description: `\`claim memory_only "<the policy's words>"\` or \`claim not_stored "..."\` on a data category records a policy's promise that the data is kept only in working memory, or not stored at all. A system that \`stores\` the data for longer than the session or memory (its \`stores\` line's retention, or, when the line sets none, the retention of the purposes it serves, or no stated time at all) contradicts it: the notice misinforms the data subjects about what is kept (Art. 5(1)(a), 12(1)) and about how long (Art. 13(2)(a)). Reported once per claim, on the claim, with every contradicting \`stores\` line as a related place. Not reported for a \`stores\` line kept for \`memory\` or \`session\`, for the data subject's own or another user's device (\`kind browser\`, \`mobile_app\`, \`desktop_app\`, \`peer_device\`: the promise is about the organization's systems), for data the policy credibly calls anonymous, nor where \`retention-exceeds-purpose\` already reports the same \`stores\` line against a purpose whose own retention says \`memory\` or \`session\` (one contradiction, one finding). A store kept for a purpose the organization carries out as a processor still contradicts the promise, which is the organization's own.`,
  help: "correct the claim (say what is stored and for how long), or stop storing the data",
  run({ model, relations, reportAt }) {
    for (const d of model.data) {
      if (!d.claims || anonymousAsClaimed(d, relations)) continue;
      const items = relations.stored.filter((item) => item.data === d.id && !item.system.clientSide && !(item.system.spans.kind && !item.system.kind));
      for (const claim of d.claims) {
        if (!storageClaimWords[claim.kind]) continue;
        const found: Array<{ item: StoredItem; how: string }> = [];
        for (const item of items) {
          const how = keptBeyondTransient(item, relations);
          if (how && !reportedAsRetention(item, relations)) found.push({ item, how });
        }
        if (!found.length) continue;
        const stores = found.length === 1
          ? `system \`${found[0]!.item.system.id}\` stores it for ${found[0]!.how}`
          : `systems ${found.map(({ item, how }) => `\`${item.system.id}\` (${how})`).join(", ")} store it`;
        reportAt(claim.span, `data \`${d.id}\` is said to be ${storageClaimWords[claim.kind]}${said(claim)}, but ${stores}`, {
          related: found.map(({ item, how }) => ({ message: `\`${item.system.id}\` stores it here, for ${how}`, span: item.store.span })),
        });
      }
    }
  },
});

/** A flow the organization answers for: not one the data subject makes on their own (`linked`), nor
 *  one done only for purposes it carries out as a processor (the customer, as controller, discloses). */
function organizationsFlow(model: Model, relations: Relations, flow: Flow): { from: System; to: System } | undefined {
  const from = relations.systems.get(flow.from.id);
  const to = relations.systems.get(flow.to.id);
  if (!from || !to || linkedHolds(flow, from, to)) return undefined;
  // A recipient whose kind or operator did not read has its own error: what it is cannot be told.
  if ((to.spans.kind && !to.kind) || (to.spans.operator && !to.operator)) return undefined;
  const purposes = flow.purposes.map((r) => relations.purposes.get(r.id)).filter((p): p is Purpose => p !== undefined);
  if (purposes.length && purposes.every((p) => processedAsProcessor(model, p))) return undefined;
  return { from, to };
}

/** A claim's own exceptions (`claim not_shared except consent, reservation "..."`): whether they cover
 *  a flow the claim would otherwise be contradicted by, and when not, why, in words. A flow is covered
 *  when every purpose it serves is a purpose the claim names, or rests only on bases it names; a
 *  purpose with no basis rests on none (the consent the claim excepts is not recorded). A purpose
 *  whose basis did not read has its own error: the flow is left unjudged (covered). */
function exceptionCovers(claim: Claim, flow: Flow, relations: Relations): { covered: boolean; why?: string } {
  const except = claim.except;
  if (!except) return { covered: false };
  const purposes = flow.purposes.map((r) => relations.purposes.get(r.id)).filter((p): p is Purpose => p !== undefined);
  if (!purposes.length) return { covered: false, why: "the flow names no purpose the exception could cover" };
  const bases = except.bases.join(" or ");
  for (const p of purposes) {
    if (except.purposes.includes(p.id)) continue;
    if (!except.bases.length) return { covered: false, why: `purpose \`${p.id}\` is not one the claim excepts (${list(except.purposes)})` };
    if (p.spans.basis && !p.basis) return { covered: true };
    const own = basesOf(p);
    if (!own.length) return { covered: false, why: `purpose \`${p.id}\` names no basis, so the ${bases} the claim excepts is not recorded` };
    const others = own.filter((b) => !except.bases.includes(b));
    if (others.length) return { covered: false, why: `purpose \`${p.id}\` rests on ${others.join(" and ")}, which the claim does not except` };
  }
  return { covered: true };
}

/** The claim's exceptions as written (`except consent, reservation`), for messages. */
const exceptWords = (claim: Claim) => claim.except ? `except ${[...claim.except.bases, ...claim.except.purposes].join(", ")}` : "";

/** Data of a flow that is personal data: every category but those credibly called anonymous, and
 *  those called anonymous whose kind did not read (whether the claim stands cannot be told). */
function personalData(flow: Flow, relations: Relations): DataCategory[] {
  return flow.data
    .map((r) => relations.data.get(r.id))
    .filter((d): d is DataCategory => d !== undefined && !anonymousAsClaimed(d, relations) && !(d.anonymous !== undefined && !d.kind));
}

const runBy = (to: System) => {
  const op = to.operator;
  if (!op || op.self) return "";
  return op.vendor ? `, run by ${op.vendor}${op.role ? ` as ${op.role.replace("_", " ")}` : ""}` : "";
};
/** Why the claim's exceptions do not cover the first contradicting flow, for the message. */
const uncovered = (claim: Claim, why: string | undefined) => (claim.except && why ? `; its exception (\`${exceptWords(claim)}\`) does not cover it: ${why}` : "");
const isVendor = (to: System) => to.operator !== undefined && !to.operator.self;
const asController = (to: System) => isVendor(to) && (to.operator!.role === "controller" || to.operator!.role === "joint_controller");

/** Kinds that single a device or person out across visits, and kinds that describe behaviour. */
const identifierKinds: ReadonlySet<string> = new Set(["online_identifiers", "identifiers"]);
const behaviourKinds: ReadonlySet<string> = new Set(["device", "usage"]);

/** What of a flow's data lets its recipient track people, and why the recipient is a tracker. */
function tracking(from: System, to: System, data: DataCategory[]): DataCategory[] {
  const ids = data.filter((d) => d.kind && identifierKinds.has(d.kind));
  if (to.kind === "analytics" || to.kind === "advertising") {
    // A vendor's analytics or ads: identifiers, device or usage data. The organization's own
    // analytics: only a persistent identifier follows a person across visits.
    return isVendor(to) ? data.filter((d) => d.kind && (identifierKinds.has(d.kind) || behaviourKinds.has(d.kind))) : ids;
  }
  // A vendor's code in the organization's pages or apps collecting identifiers for its own ends.
  return asController(to) && from.clientSide && from.kind !== "peer_device" && to.kind !== "authority" ? ids : [];
}

defineRule({
  id: "tracking-claim-contradicted", severity: "warning", title: "A policy that says it does not track sends identifiers to trackers",
  article: "GDPR Art. 5(1)(a) (fairness, transparency), 12(1), 13(1)(e); Directive 2002/58/EC (ePrivacy) Art. 5(3); Recital 30",
  description: `\`claim no_tracking "<the policy's words>"\` on the organization records a policy's promise that it does not track people. A flow that gives an analytics or advertising service run by a vendor (\`kind analytics\` or \`advertising\`, \`operator "..."\`) online identifiers, identifiers, device or usage data contradicts it; so does the organization's own analytics or advertising system receiving identifiers (a persistent identifier follows a person from visit to visit, Recital 30), and a vendor \`as controller\` or \`as joint_controller\` that collects identifiers straight from the data subject's browser or app (its code in the organization's pages, as in CJEU C-40/17 Fashion ID). Storing or reading such identifiers on the device is what ePrivacy Art. 5(3) governs; a notice that denies it misinforms the data subjects (Art. 5(1)(a), 12(1)). Reported once per claim, on the claim, with every contradicting flow as a related place. Not reported for a flow marked \`linked\` (the data subject reaches the third party on their own), for a flow done only for purposes the organization carries out as a processor (\`role processor\`: its customer, as controller, answers for it), for data the policy credibly calls anonymous, nor when the recipient's kind or operator did not read. The claim's own exceptions (\`claim no_tracking except consent "... unless you agree"\`) are read as \`sharing-claim-contradicted\` reads them: a flow every purpose of which rests only on an excepted basis, or is an excepted purpose, does not contradict it.`,
  help: "correct the claim (say which analytics and advertising services receive which identifiers), or stop sending them",
  run({ model, relations, reportAt }) {
    const claim = model.organization?.claims?.find((c) => c.kind === "no_tracking");
    // An exception that did not read has its own error: the claim is left unjudged.
    if (!claim || claim.except?.unread) return;
    const found: Array<{ flow: Flow; to: System; data: DataCategory[]; why?: string }> = [];
    for (const flow of model.flows) {
      const ends = organizationsFlow(model, relations, flow);
      if (!ends) continue;
      const data = tracking(ends.from, ends.to, personalData(flow, relations));
      if (!data.length) continue;
      const cover = exceptionCovers(claim, flow, relations);
      if (!cover.covered) found.push({ flow, to: ends.to, data, why: cover.why });
    }
    if (!found.length) return;
    const first = found[0]!;
    const more = found.length > 1 ? ` (and ${found.length - 1} more ${found.length === 2 ? "flow" : "flows"})` : "";
    reportAt(claim.span, `the organization says it does not track${said(claim)}, but flow \`${first.flow.from.id} -> ${first.flow.to.id}\` gives ${list(first.data.map((d) => d.id))} to \`${first.to.id}\` (${first.to.kind ?? "a system"}${runBy(first.to)})${more}${uncovered(claim, first.why)}`, {
      related: found.map(({ flow, to, data, why }) => ({ message: `\`${flow.from.id} -> ${flow.to.id}\` gives ${list(data.map((d) => d.id))} to \`${to.id}\`${runBy(to)}${why ? ` (${why})` : ""}`, span: flow.spans.data ?? flow.span })),
    });
  },
});

/** A disclosure a policy's "we do not share" covers: personal data to an independent or joint
 *  controller, other than a public authority or a disclosure only to meet a legal obligation. */
function sharedWith(model: Model, relations: Relations, flow: Flow): { to: System; data: DataCategory[] } | undefined {
  const ends = organizationsFlow(model, relations, flow);
  if (!ends || !asController(ends.to) || ends.to.kind === "authority") return undefined;
  const purposes = flow.purposes.map((r) => relations.purposes.get(r.id)).filter((p): p is Purpose => p !== undefined);
  if (purposes.length && purposes.every((p) => basesOf(p).length > 0 && basesOf(p).every((b) => b === "legal_obligation"))) return undefined;
  const data = personalData(flow, relations);
  return data.length ? { to: ends.to, data } : undefined;
}

defineRule({
  id: "sharing-claim-contradicted", severity: "warning", title: "A policy that says it does not sell or share data discloses it to other controllers",
  article: "GDPR Art. 5(1)(a) (fairness, transparency), 12(1), 13(1)(e); Art. 4(9)",
  description: `\`claim not_shared "<the policy's words>"\` or \`claim not_sold "..."\` on the organization records a policy's promise that it does not share, or does not sell, personal data. \`not_shared\` is contradicted by a flow that gives personal data to a system a vendor runs \`as controller\` or \`as joint_controller\`: a recipient that uses it for its own ends (Art. 4(9)). \`not_sold\` is contradicted by such a flow to an advertising service (\`kind advertising\`): personal data given to an ad business for its own use, in return for the service or its revenue, is what a sale means in a policy's words. Processors and sub-processors are not "sharing" in that sense (they act on the organization's instructions, Art. 28), nor are public authorities (\`kind authority\`) or flows done only for purposes resting on a legal obligation (a disclosure the law compels, which policies announce as "except where required by law"). A notice whose promise the model contradicts misinforms the data subjects about who receives their data (Art. 5(1)(a), 12(1), 13(1)(e)). Reported once per claim, on the claim, with every contradicting flow as a related place; one claim line saying both (\`claim not_sold, not_shared\`) is one finding. Not reported for a flow marked \`linked\`, for a flow done only for purposes the organization carries out as a processor, for data the policy credibly calls anonymous, nor when the recipient's operator role did not read. The language has no word for a data broker or an explicit sale, so \`not_sold\` is judged only against advertising services.

A policy's promise often states its own exceptions ("unless you consent", "only if that is necessary to fulfil our obligations toward you"); \`claim not_shared except consent, reservation "..."\` records them: legal bases (${basisWords}) and declared purposes. A flow is covered by them, and does not contradict the claim, when every purpose it serves is an excepted purpose or rests only on excepted bases. A purpose that names no basis is not covered by a basis: "unless you have agreed" is not kept by a disclosure nobody is asked to agree to, and the finding then says so ("purpose \`social_plugins\` names no basis, so the consent the claim excepts is not recorded"); a flow that names no purpose is not covered either. A flow whose purpose's basis did not read is left unjudged, and a claim whose exception did not read (an unknown word, \`except\` with none) is not judged at all: its error is the one finding. The exceptions every such promise implies stay: public authorities, disclosures the law compels (\`legal_obligation\` purposes) and processors.`,
  help: "correct the claim (name the recipients that use the data for their own ends), or stop the disclosure",
  run({ model, relations, reportAt }) {
    const claims = model.organization?.claims;
    if (!claims) return;
    const disclosed = model.flows.flatMap((flow) => {
      const hit = sharedWith(model, relations, flow);
      return hit ? [{ flow, hit }] : [];
    });
    type Hit = (typeof disclosed)[number] & { why?: string };
    // The disclosures a claim's own exceptions do not cover; none when an exception did not read
    // (its error is the one finding).
    const against = (claim: Claim | undefined): Hit[] => {
      if (!claim || claim.except?.unread) return [];
      return disclosed.flatMap((x) => {
        const cover = exceptionCovers(claim, x.flow, relations);
        return cover.covered ? [] : [{ ...x, why: cover.why }];
      });
    };
    const notSold = claims.find((c) => c.kind === "not_sold");
    const notShared = claims.find((c) => c.kind === "not_shared");
    const shared = against(notShared);
    const sold = against(notSold).filter((x) => x.hit.to.kind === "advertising");
    // "We never sell or share your data" on one line: one promise broken, one finding.
    const together = notSold && notShared && notSold.span.line === notShared.span.line && notSold.note === notShared.note && sold.length > 0 && shared.length > 0;
    const emit = (claim: Claim, words: string, hits: Hit[], alsoAt?: Claim) => {
      const first = hits[0]!;
      const to = first.hit.to;
      const more = hits.length > 1 ? ` (and ${hits.length - 1} more ${hits.length === 2 ? "flow" : "flows"})` : "";
      reportAt(claim.span, `the organization says it does not ${words}${said(claim)}, but flow \`${first.flow.from.id} -> ${first.flow.to.id}\` gives ${list(first.hit.data.map((d) => d.id))} to \`${to.id}\` (${to.kind ?? "a system"}${runBy(to)})${more}${uncovered(claim, first.why)}`, {
        related: [
          ...(alsoAt ? [{ message: `the same promise: not ${alsoAt.kind === "not_sold" ? "sold" : "shared"}`, span: alsoAt.span }] : []),
          ...hits.map(({ flow, hit, why }) => ({ message: `\`${flow.from.id} -> ${flow.to.id}\` gives ${list(hit.data.map((d) => d.id))} to \`${hit.to.id}\`${runBy(hit.to)}${claim.except && why ? ` (${why})` : ""}`, span: flow.spans.to ?? flow.span })),
        ],
      });
    };
    if (together) {
      emit(notSold!, "sell or share personal data", shared, notShared);
      return;
    }
    if (notSold && sold.length) emit(notSold, "sell personal data", sold);
    if (notShared && shared.length) emit(notShared, "share personal data", shared);
  },
});
