/** Whether data the policy calls anonymous is credibly so: read by the rules and by the transfer
 *  stage alike (anonymous data is not personal data, Recital 26, so it makes no transfer). */
import { dataKinds, identifyingKinds } from "../model/vocabulary.js";
import type { DataCategory, Flow, System } from "../model/model.js";
import type { Relations } from "../model/relations.js";
import type { RelatedInfo } from "../diagnostics.js";

/** What contradicts a data category's anonymity claim: its kind identifies people, a system keeps it
 *  on one `stores` line with data that does, or a flow gives it to another party with such data (it
 *  can then be linked back, Recital 26). */
export function anonymityContradicted(d: DataCategory, relations: Relations): { why: string; related: RelatedInfo[]; linkedBy?: DataCategory } | undefined {
  if (d.anonymous === undefined || !d.kind) return undefined;
  if (identifyingKinds.has(d.kind)) return { why: `it is ${dataKinds[d.kind].label}, which identifies people (Recitals 26, 30)`, related: [{ message: `its kind is ${d.kind}`, span: d.spans.kind ?? d.span }] };
  for (const item of relations.stored) {
    if (!item.store.data.some((r) => r.id === d.id)) continue;
    const beside = item.store.data.map((r) => relations.data.get(r.id)).find((x) => x?.kind && identifyingKinds.has(x.kind));
    if (beside) return { why: `\`${item.system.id}\` keeps it on one line with \`${beside.id}\` (${dataKinds[beside.kind!].label}), which links it back to people (Recital 26)`, related: [{ message: "stored together here", span: item.store.span }], linkedBy: beside };
  }
  // Sent on one flow with data that identifies, to another party: the recipient receives them together,
  // and can link them (Recital 26: the means reasonably likely to be used, by anyone). The
  // organization's own systems are the stores lines' question (it may aggregate what it collects),
  // and a one-off disclosure (`occasional`: the sale of the business) is not the processing claimed.
  for (const f of relations.model.flows) {
    const to = relations.systems.get(f.to.id);
    if (!f.data.some((r) => r.id === d.id) || f.occasional || !to || to.clientSide || !to.operator || to.operator.self) continue;
    const beside = f.data.map((r) => relations.data.get(r.id)).find((x) => x?.kind && identifyingKinds.has(x.kind));
    if (beside) return { why: `flow \`${f.from.id} -> ${f.to.id}\` carries it with \`${beside.id}\` (${dataKinds[beside.kind!].label}), which links it back to people (Recital 26)`, related: [{ message: "sent together here", span: f.span }], linkedBy: beside };
  }
  return undefined;
}

/** Data the policy calls anonymous and nothing in the model contradicts: not personal data, so the
 *  rules about keeping personal data do not read it. */
export function anonymousAsClaimed(d: DataCategory | undefined, relations: Relations): boolean {
  return d?.anonymous !== undefined && d.kind !== undefined && anonymityContradicted(d, relations) === undefined;
}


/** A flow that carries only data credibly anonymous: it moves no personal data, so it is no
 *  disclosure and no transfer (Recital 26). */
export function onlyAnonymous(f: Flow, relations: Relations): boolean {
  return f.data.length > 0 && f.data.every((r) => anonymousAsClaimed(relations.data.get(r.id), relations));
}

/** A system that receives only data credibly called anonymous (aggregate figures) and keeps no other:
 *  it holds no personal data, so who runs it is no recipient's question. */
export function receivesOnlyAnonymous(s: System, relations: Relations): boolean {
  const into = relations.flowsInto.get(s.id) ?? [];
  return into.length > 0 && into.every((f) => onlyAnonymous(f, relations)) && s.stores.every((st) => st.data.every((r) => anonymousAsClaimed(relations.data.get(r.id), relations)));
}
