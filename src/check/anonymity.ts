/** Whether data the policy calls anonymous is credibly so: read by the rules and by the transfer
 *  stage alike (anonymous data is not personal data, Recital 26, so it makes no transfer). */
import { dataKinds, identifyingKinds } from "../model/vocabulary.js";
import type { DataCategory, Flow } from "../model/model.js";
import type { Relations } from "../model/relations.js";
import type { RelatedInfo } from "../diagnostics.js";

/** What contradicts a data category's anonymity claim: its kind identifies people, or a system
 *  keeps it on one `stores` line with data that does (it can then be linked back, Recital 26). */
export function anonymityContradicted(d: DataCategory, relations: Relations): { why: string; related: RelatedInfo[] } | undefined {
  if (d.anonymous === undefined || !d.kind) return undefined;
  if (identifyingKinds.has(d.kind)) return { why: `it is ${dataKinds[d.kind].label}, which identifies people (Recitals 26, 30)`, related: [{ message: `its kind is ${d.kind}`, span: d.spans.kind ?? d.span }] };
  for (const item of relations.stored) {
    if (!item.store.data.some((r) => r.id === d.id)) continue;
    const beside = item.store.data.map((r) => relations.data.get(r.id)).find((x) => x?.kind && identifyingKinds.has(x.kind));
    if (beside) return { why: `\`${item.system.id}\` keeps it on one line with \`${beside.id}\` (${dataKinds[beside.kind!].label}), which links it back to people (Recital 26)`, related: [{ message: "stored together here", span: item.store.span }] };
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
