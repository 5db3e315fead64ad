/** Declared but unused: either the model is incomplete or the declaration is dead. */
import { defineRule } from "../registry.js";
import { declaresNoData } from "./purposes.js";

const article = "GDPR Art. 5(1)(c) (data minimisation); Art. 30(1) (a complete record)";

defineRule({
  id: "unused-data", severity: "warning", title: "A data category is declared but never used",
  article,
  description: "A data category that no purpose, flow or system uses is either collected for no purpose (minimisation) or a gap in the model.",
  help: "add it to the purpose that uses it, or remove it",
  run({ model, report }) {
    const used = new Set<string>();
    for (const p of model.purposes) for (const r of p.data) used.add(r.id);
    for (const f of model.flows) for (const r of f.data) used.add(r.id);
    for (const s of model.systems) for (const st of s.stores) for (const r of st.data) used.add(r.id);
    for (const d of model.data) if (!used.has(d.id)) report(d, undefined, `data category \`${d.id}\` is never used`);
  },
});

defineRule({
  id: "unused-purpose", severity: "warning", title: "A purpose is declared but no flow or system serves it",
  article,
  description: "A purpose no flow or `stores` line serves is missing from the map and the flows that realise it are undocumented. A purpose that also declares no data is reported once, by `purpose-without-data`.",
  help: "add `for <purpose>` to the flows that serve it, or remove it",
  run({ model, relations, report }) {
    const used = new Set<string>();
    for (const f of model.flows) for (const r of f.purposes) used.add(r.id);
    for (const item of relations.stored) for (const p of item.purposes) used.add(p);
    // A purpose with no data is `purpose-without-data`'s finding, which says it is unused too.
    for (const p of model.purposes) if (!used.has(p.id) && !declaresNoData(p)) report(p, undefined, `purpose \`${p.id}\` is served by no flow or system`);
  },
});

defineRule({
  id: "unused-subject", severity: "warning", title: "A data subject category is declared but no purpose concerns it",
  article,
  description: "Each purpose names the categories of data subjects it concerns (Art. 30(1)(c)); a subject category no purpose names is a gap.",
  help: "add it to the `subjects` of the purposes that concern it, or remove it",
  run({ model, report }) {
    const used = new Set(model.purposes.flatMap((p) => p.subjects.map((r) => r.id)));
    for (const s of model.subjects) if (!used.has(s.id)) report(s, undefined, `data subject \`${s.id}\` is named by no purpose`);
  },
});

defineRule({
  id: "unused-system", severity: "warning", title: "A system is declared but no flow reaches it",
  article,
  description: "A system with no flows in or out is not on the map's paths; if it holds personal data, the flows that bring it are undocumented.",
  help: "add the flows that reach it, or remove it",
  run({ model, report }) {
    const used = new Set(model.flows.flatMap((f) => [f.from.id, f.to.id]));
    for (const s of model.systems) if (!used.has(s.id)) report(s, undefined, `system \`${s.id}\` has no flows`);
  },
});
