/** Purposes that rest on one policy sentence: a policy often gives several purposes the same bases in
 *  the same words ("we process personal data under the following legal bases: ..."). A problem with
 *  that sentence is one problem, reported on the first purpose with the others as related places. */
import type { RelatedInfo } from "../diagnostics.js";
import type { Purpose } from "../model/model.js";

/** The purposes grouped by `what` (what the finding is about, e.g. the bases) and the policy's words
 *  on the line the finding reads (their `basis` line's, unless `words` says which), in model order;
 *  a purpose without words is a group of its own. */
export function bySameWords(purposes: readonly Purpose[], what: (p: Purpose) => string, words: (p: Purpose) => string | undefined = (p) => p.basisNote): Array<[Purpose, ...Purpose[]]> {
  const groups = new Map<string, [Purpose, ...Purpose[]]>();
  for (const p of purposes) {
    const said = words(p);
    const key = said === undefined ? `\u0000${p.id}` : `${what(p)}\u0000${said}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()];
}

/** The other purposes of a group, as related places on their `basis` lines. */
export function sameWordsRelated(others: readonly Purpose[], message: (p: Purpose) => string): RelatedInfo[] {
  return others.map((o) => ({ message: message(o), span: o.spans.basis ?? o.span, occurrence: true }));
}
