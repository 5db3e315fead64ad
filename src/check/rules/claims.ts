/** Claims a policy makes about its data, checked against what the model says the data is. */
import { defineRule } from "../registry.js";
import { dataKinds, identifyingKinds } from "../../model/vocabulary.js";
import type { DataCategory } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import type { RelatedInfo } from "../../diagnostics.js";

/** What contradicts a data category's anonymity claim: its kind identifies people, or a system
 *  keeps it on one `stores` line with data that does (it can then be linked back, Recital 26). */
function contradiction(d: DataCategory, relations: Relations): { why: string; related: RelatedInfo[] } | undefined {
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
  return d?.anonymous !== undefined && d.kind !== undefined && contradiction(d, relations) === undefined;
}

defineRule({
  id: "anonymity-claim-contradicted", severity: "warning", title: "Data called anonymous that identifies people",
  article: "GDPR Art. 4(1), 4(5); Recitals 26, 30; Art. 5(1)(a), 12(1); WP29 Opinion 05/2014 on anonymisation techniques",
  description: `\`anonymous "<the policy's words>"\` on a data category records a policy's claim that the data is anonymous or aggregate. Anonymous data is data that can no longer be related to a person by any means reasonably likely to be used (Recital 26); pseudonymised data, such as a cookie ID or a hashed e-mail address, is still personal data (Art. 4(5), Recital 26), and online identifiers single people out (Recital 30). A claim on data of a kind that identifies by its nature (${[...identifyingKinds].join(", ")}), or on data a system keeps on one \`stores\` line with such data, misinforms the data subjects (Art. 5(1)(a), 12(1)) and hides processing the GDPR governs. Reported once per data category, on the claim, with its kind as the related place. Data whose claim stands is left out of the retention rules.`,
  help: "correct the claim (say the data is pseudonymous and what protects it), or change what is collected so it is anonymous",
  run({ model, relations, reportAt }) {
    for (const d of model.data) {
      const c = contradiction(d, relations);
      if (!c) continue;
      const claim = d.anonymous!.length > 80 ? `${d.anonymous!.slice(0, 77)}...` : d.anonymous!;
      reportAt(d.spans.anonymous ?? d.span, `data \`${d.id}\` is called anonymous ("${claim}"), but ${c.why}`, { related: c.related });
    }
  },
});
