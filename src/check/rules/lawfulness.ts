/** Art. 6 and Art. 9: every purpose has a legal basis; special categories have a condition. */
import { defineRule } from "../registry.js";
import { dataKinds } from "../../model/vocabulary.js";

defineRule({
  id: "purpose-without-basis", severity: "error", title: "A purpose has no Art. 6 legal basis",
  article: "GDPR Art. 6(1); Art. 13(1)(c)",
  description: "Processing is lawful only on one of the six bases of Art. 6(1), and the record and the privacy notice must say which. A purpose with no `basis` is processing with no stated lawful ground.",
  help: "add `basis consent|contract|legal_obligation|vital_interests|public_task|legitimate_interests`",
  run({ model, report }) {
    for (const p of model.purposes) {
      if (!p.basis && !p.spans.basis) report(p, undefined, `purpose \`${p.id}\` has no legal basis (Art. 6(1))`);
    }
  },
});

defineRule({
  id: "special-category-without-condition", severity: "error", title: "Special-category data without an Art. 9(2) condition",
  article: "GDPR Art. 9(1)-(2); Art. 10",
  description: "Health, biometric, genetic, racial or ethnic, political, religious, trade-union and sex-life data (and criminal data under Art. 10) may be processed only under one of the conditions of Art. 9(2), in addition to an Art. 6 basis. The data kind tells flowmap which data is special.",
  help: "add `condition explicit_consent|employment|health_care|...` to the purpose, or stop processing the data",
  run({ model, relations, reportAt }) {
    for (const p of model.purposes) {
      if (p.condition) continue;
      for (const ref of p.data) {
        const d = relations.data.get(ref.id);
        if (!d?.special || !d.kind) continue;
        reportAt(ref.span, `purpose \`${p.id}\` processes \`${d.id}\` (${dataKinds[d.kind].label}, a special category) without an Art. 9(2) condition`, {
          related: [{ message: `\`${d.id}\` is declared here`, span: d.span }],
        });
      }
    }
  },
});
