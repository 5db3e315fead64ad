/** Claims a policy makes about its data, checked against what the model says the data is. */
import { defineRule } from "../registry.js";
import { dataKinds, identifyingKinds } from "../../model/vocabulary.js";
import type { DataCategory } from "../../model/model.js";

/** Data the policy calls anonymous and whose kind does not contradict it: not personal data, so the
 *  rules about keeping personal data do not read it. */
export function anonymousAsClaimed(d: DataCategory | undefined): boolean {
  return d?.anonymous !== undefined && d.kind !== undefined && !identifyingKinds.has(d.kind);
}

defineRule({
  id: "anonymity-claim-contradicted", severity: "warning", title: "Data called anonymous that identifies people",
  article: "GDPR Art. 4(1), 4(5); Recitals 26, 30; Art. 5(1)(a), 12(1); WP29 Opinion 05/2014 on anonymisation techniques",
  description: `\`anonymous "<the policy's words>"\` on a data category records a policy's claim that the data is anonymous or aggregate. Anonymous data is data that can no longer be related to a person by any means reasonably likely to be used (Recital 26); pseudonymised data, such as a cookie ID or a hashed e-mail address, is still personal data (Art. 4(5), Recital 26), and online identifiers single people out (Recital 30). A claim on data of a kind that identifies by its nature (${[...identifyingKinds].join(", ")}) misinforms the data subjects (Art. 5(1)(a), 12(1)) and hides processing the GDPR governs. Reported once per data category, on the claim, with its kind as the related place. Data whose claim stands is left out of the retention rules.`,
  help: "correct the claim (say the data is pseudonymous and what protects it), or change what is collected so it is anonymous",
  run({ model, reportAt }) {
    for (const d of model.data) {
      if (d.anonymous === undefined || !d.kind || !identifyingKinds.has(d.kind)) continue;
      reportAt(d.spans.anonymous ?? d.span, `data \`${d.id}\` is called anonymous ("${d.anonymous.length > 80 ? `${d.anonymous.slice(0, 77)}...` : d.anonymous}"), but it is ${dataKinds[d.kind].label}, which identifies people (Recitals 26, 30)`, {
        related: [{ message: `its kind is ${d.kind}`, span: d.spans.kind ?? d.span }],
      });
    }
  },
});
