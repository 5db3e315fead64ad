/** Purpose limitation (Art. 5(1)(b)) and minimisation (Art. 5(1)(c)), flow by flow and store by store. */
import { defineRule } from "../registry.js";

defineRule({
  id: "flow-without-purpose", severity: "error", title: "A flow serves no declared purpose",
  article: "GDPR Art. 5(1)(b) (purpose limitation); Art. 30(1)(b)",
  description: "Personal data may move only for specified purposes. Every flow names the purpose(s) it serves with `for`.",
  help: "add `for <purpose>` to the flow",
  run({ model, report }) {
    for (const f of model.flows) {
      if (f.purposes.length === 0 && !f.spans.for) report(f, undefined, `flow \`${f.from.id} -> ${f.to.id}\` names no purpose`);
    }
  },
});

defineRule({
  id: "flow-data-not-in-purpose", severity: "error", title: "A flow carries data its purposes do not declare",
  article: "GDPR Art. 5(1)(b)-(c) (purpose limitation, data minimisation)",
  description: "A flow may carry only data that at least one of its purposes declares. Data that travels for no declared purpose is either an undocumented purpose or data that should not travel.",
  help: "add the data to the purpose's `data` list, or stop sending it",
  run({ model, relations, reportAt }) {
    for (const f of model.flows) {
      if (f.purposes.length === 0) continue;
      for (const ref of f.data) {
        const covered = f.purposes.some((p) => relations.purposes.get(p.id)?.data.some((d) => d.id === ref.id));
        if (!covered) {
          reportAt(ref.span, `flow \`${f.from.id} -> ${f.to.id}\` carries \`${ref.id}\`, which its purpose${f.purposes.length > 1 ? "s" : ""} ${f.purposes.map((p) => `\`${p.id}\``).join(", ")} do${f.purposes.length > 1 ? "" : "es"} not declare`, {
            related: f.purposes.map((p) => {
              const purpose = relations.purposes.get(p.id)!;
              return { message: `purpose \`${p.id}\` declares its data here`, span: purpose.spans.data ?? purpose.span };
            }),
          });
        }
      }
    }
  },
});

defineRule({
  id: "storage-without-purpose", severity: "error", title: "A system stores data for no declared purpose",
  article: "GDPR Art. 5(1)(b), 5(1)(e)",
  description: "Stored data must serve a declared purpose. A `stores` line that names purposes must name ones that declare the data; one that names none is matched to the purposes that declare the data and bring it to the system, and is a finding when there are none.",
  help: "name the purpose with `stores <data> for <purpose>`, add the data to that purpose, or stop storing it",
  run({ relations, reportAt }) {
    for (const item of relations.stored) {
      const ref = item.store.data.find((d) => d.id === item.data)!;
      if (item.purposes.length === 0) {
        reportAt(ref.span, `system \`${item.system.id}\` stores \`${item.data}\`, but no purpose declares it`);
        continue;
      }
      if (item.inferred) continue;
      const declaring = item.purposes.filter((p) => relations.purposes.get(p)?.data.some((d) => d.id === item.data));
      if (declaring.length === 0) {
        reportAt(ref.span, `system \`${item.system.id}\` stores \`${item.data}\` for ${item.purposes.map((p) => `\`${p}\``).join(", ")}, which do${item.purposes.length > 1 ? "" : "es"} not declare it`, {
          related: item.purposes.flatMap((p) => {
            const purpose = relations.purposes.get(p);
            return purpose ? [{ message: `purpose \`${p}\` is declared here`, span: purpose.spans.data ?? purpose.span }] : [];
          }),
        });
      }
    }
  },
});
