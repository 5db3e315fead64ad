/** Communications that are people's correspondence with each other, not with the organization. The
 *  content of a message and who called whom are high-risk (WP248's "electronic communication" data,
 *  ePrivacy Art. 5(1)'s confidentiality) when the organization carries them between people: a chat,
 *  a mail service, a phone line. A support request or an application sent to the organization itself
 *  is what its author chose to tell it, and counts as what it says, no more. */
import type { DataCategory } from "../model/model.js";
import type { Relations } from "../model/relations.js";

/** Kinds that are high-risk only as correspondence between people. */
const correspondenceKinds: ReadonlySet<string> = new Set(["communications", "call_metadata"]);

const conveyedByModel = new WeakMap<Relations, Set<string>>();

/** The data categories the organization carries between people: obtained from other users, sent to
 *  or from another person's device (`kind peer_device`), or used by a purpose whose subjects include
 *  people who are not users (`kind non_user`: the other party to a call or a mail). */
function conveyed(relations: Relations): Set<string> {
  let ids = conveyedByModel.get(relations);
  if (ids) return ids;
  ids = new Set<string>();
  const { model } = relations;
  for (const d of model.data) if (d.obtained?.sources.includes("other_users")) ids.add(d.id);
  for (const f of model.flows) {
    const peer = relations.systems.get(f.from.id)?.kind === "peer_device" || relations.systems.get(f.to.id)?.kind === "peer_device";
    if (peer) for (const r of f.data) ids.add(r.id);
  }
  const subjects = new Map(model.subjects.map((s) => [s.id, s]));
  for (const p of model.purposes) {
    if (p.subjects.some((r) => subjects.get(r.id)?.kind === "non_user")) for (const r of p.data) ids.add(r.id);
  }
  conveyedByModel.set(relations, ids);
  return ids;
}

/** Whether data of a correspondence kind is people's correspondence with each other (true for every
 *  other kind: this predicate only narrows those two). */
export function correspondenceBetweenPeople(d: DataCategory, relations: Relations): boolean {
  return d.kind === undefined || !correspondenceKinds.has(d.kind) || conveyed(relations).has(d.id);
}
