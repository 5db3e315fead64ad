/** Purpose specification (Art. 5(1)(b)): a purpose says which data it processes, and the record lists
 *  the categories of data for it (Art. 30(1)(c)). */
import { defineRule } from "../registry.js";

/** The purpose's `data` list is absent (a list whose names did not resolve has `unknown-name` errors). */
export function declaresNoData(p: { data: unknown[]; spans: Record<string, unknown> }): boolean {
  return p.data.length === 0 && !p.spans.data;
}

defineRule({
  id: "purpose-without-data", severity: "warning", title: "A purpose declares no categories of personal data",
  article: "GDPR Art. 5(1)(b) (purpose specification); Art. 30(1)(c); Art. 13(1)(c)",
  description: `Personal data are collected "for specified, explicit and legitimate purposes" (Art. 5(1)(b)), and the record of processing describes, for each purpose, "the categories of personal data" (Art. 30(1)(c)). A purpose with no \`data\` line specifies nothing: either the policy names a purpose without saying what it processes ("other purposes with your consent"), which is no specified purpose, or the model has not been completed. Either way its row in the register has no categories of data.

A warning, not an error: the rule sees a missing list, not the policy's wording, and cannot tell an open-ended purpose from a model not yet filled in (raise it to \`error\` in \`flowmap.config.json\` for models that are complete). When such a purpose is also served by no flow or system, this rule says so in its one finding and \`unused-purpose\` stays silent: a purpose with no data cannot be served by a flow without \`flow-data-not-in-purpose\`, so the missing data is the finding to fix first.`,
  help: "list the data the purpose processes with `data <names>`; if the policy names no data for it, the purpose is not specified: name it and its data in the policy, or remove it",
  run({ model, relations, report }) {
    const served = new Set<string>();
    for (const f of model.flows) for (const r of f.purposes) served.add(r.id);
    for (const item of relations.stored) for (const p of item.purposes) served.add(p);
    for (const p of model.purposes) {
      if (!declaresNoData(p)) continue;
      report(p, undefined, `purpose \`${p.id}\` declares no categories of personal data${served.has(p.id) ? "" : ", and no flow or system serves it"}`);
    }
  },
});
