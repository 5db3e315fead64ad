/** Art. 6 and Art. 9: every purpose has a legal basis, laid down by Union or Member State law where
 *  the basis is a legal obligation or public task; special categories have a condition. */
import { defineRule } from "../registry.js";
import { quotedWords } from "../words.js";
import { dataKinds } from "../../model/vocabulary.js";
import { eeaCountries } from "../../legal/gdpr-transfers.js";
import type { DataCategory, Model, Purpose } from "../../model/model.js";
import { placeLabel } from "../transfers.js";
import { basesOf, processedAsProcessor } from "../../model/roles.js";
import { bySameWords, sameWordsRelated } from "../same-words.js";

defineRule({
  id: "purpose-without-basis", severity: "error", title: "A purpose has no Art. 6 legal basis",
  article: "GDPR Art. 6(1); Art. 13(1)(c)",
  description: "Processing is lawful only on one of the six bases of Art. 6(1), and the record and the privacy notice must say which. A purpose with no `basis` is processing with no stated lawful ground. Not reported for a purpose the organization carries out as a processor (`role processor` on the purpose, or on an organization whose `role` is processor): the controller it acts for answers for the basis (Art. 28(3)(a), 30(2)).",
  help: "add `basis consent|contract|legal_obligation|vital_interests|public_task|legitimate_interests`",
  run({ model, report }) {
    for (const p of model.purposes) {
      if (!p.basis && !p.spans.basis && !processedAsProcessor(model, p)) report(p, undefined, `purpose \`${p.id}\` has no legal basis (Art. 6(1))`);
    }
  },
});

defineRule({
  id: "special-category-without-condition", severity: "error", title: "Special-category data without an Art. 9(2) condition",
  article: "GDPR Art. 9(1)-(2); Art. 10",
  description: "Health, biometric, genetic, racial or ethnic, political, religious, trade-union and sex-life data (and criminal data under Art. 10) may be processed only under one of the conditions of Art. 9(2), in addition to an Art. 6 basis. The data kind tells flowmap which data is special, and `special possible` marks data that may hold special categories (what people choose to send). One finding per purpose, naming every item; purposes lacking a condition for the same items, or for some of the items another purpose lacks one for, are one finding, on the purpose using the most of them, the others related places (the policy's one gap: data it does not treat as special). A purpose resting only on a legal obligation whose law is not named is `legal-obligation-law-unnamed`'s finding, which says that the same law would give the Art. 9(2)(g) condition (or (f), for a court's order). The purposes that use only data that may hold special categories are one finding, since what lacks a condition is the policy's one position on what people may send (the others are related places).",
  help: "add `condition explicit_consent|employment|health_care|...` to the purpose, or stop processing the data",
  run({ model, relations, reportAt }) {
    // One finding per purpose: the missing condition is the purpose's, whatever number of items.
    // Data that only may hold special categories (`special possible`: what people choose to send) is
    // one omission of the policy's: no condition for what may arrive. The purposes using only such
    // data, without a condition, are one finding, on the first, the others related.
    const onlyPossible = new Map<string, { purpose: Purpose; items: Special[] }[]>();
    const each: { purpose: Purpose; items: Special[] }[] = [];
    for (const p of model.purposes) {
      // A condition that did not read has its own error.
      if (p.condition || p.spans.condition || processedAsProcessor(model, p)) continue;
      // A disclosure the law requires, the law unnamed: that law is also what would give the Art. 9(2)
      // condition (g, or f for a court's order), so legal-obligation-law-unnamed says both, once.
      if (lawUnnamedOnly(model, p)) continue;
      const items = p.data.flatMap((ref): Special[] => {
        const d = relations.data.get(ref.id);
        return d?.special && d.kind ? [{ ref, d, label: dataKinds[d.kind].label }] : [];
      });
      if (!items.length) continue;
      if (items.every((x) => !dataKinds[x.d.kind!].special && x.d.specialPosition?.position === "possible")) {
        onlyPossible.set("", [...(onlyPossible.get("") ?? []), { purpose: p, items }]);
      } else each.push({ purpose: p, items });
    }
    // Purposes lacking a condition for the same items, or for some of the items another lacks one
    // for, are one gap of the policy's: data it does not treat as special (exercise data it never
    // calls sensitive), said once, on the purpose using the most of it, the others related.
    const ids = (e: { items: Special[] }) => new Set(e.items.map((x) => x.d.id));
    const bySize = [...each].sort((a, b) => b.items.length - a.items.length || a.purpose.span.start - b.purpose.span.start);
    const sameGap: Array<Array<{ purpose: Purpose; items: Special[] }>> = [];
    for (const e of bySize) {
      const within = sameGap.find((g) => { const held = ids(g[0]!); return [...ids(e)].every((id) => held.has(id)); });
      if (within) within.push(e);
      else sameGap.push([e]);
    }
    for (const g of sameGap) g.splice(1, g.length, ...g.slice(1).sort((a, b) => a.purpose.span.start - b.purpose.span.start));
    const groups = [...sameGap, ...onlyPossible.values()].sort((a, b) => a[0]!.purpose.span.start - b[0]!.purpose.span.start);
    for (const [{ purpose: p, items: special }, ...others] of groups) {
      const items = special.map((x) => `\`${x.d.id}\` (${x.label})`).join(", ");
      const [first, ...rest] = special;
      const also = others.length ? `; so do ${others.map((o) => `\`${o.purpose.id}\` (${o.items.map((x) => `\`${x.d.id}\``).join(", ")})`).join(", ")}` : "";
      reportAt(first!.ref.span, `purpose \`${p.id}\` processes special-category data without an Art. 9(2) condition: ${items}${p.basis ? `; its Art. 6 basis (${p.basis.replace(/_/g, " ")}) does not lift the Art. 9(1) prohibition` : ""}${also}`, {
        related: [
          ...rest.map((x) => ({ message: `\`${x.d.id}\` (${x.label}) is listed here`, span: x.ref.span, occurrence: true })),
          ...special.map((x) => ({ message: `\`${x.d.id}\` is declared here`, span: x.d.span })),
          ...others.map((o) => ({ message: `purpose \`${o.purpose.id}\` uses it with no condition either`, span: o.items[0]!.ref.span, occurrence: true })),
        ],
      });
    }
  },
});

/** A legal obligation or public task among the purpose's bases (`basis contract, legal_obligation`
 *  rests in part on the law too). */
const lawfulOf = (p: Purpose) => basesOf(p).find((b) => b === "legal_obligation" || b === "public_task");

/** Whether legal-obligation-law-unnamed reports the purpose: it rests on a legal obligation or task
 *  and names no law. Not where several bases have no word on which covers what: whether the obligation
 *  is the basis at all is bases-not-split's finding; the law is asked for once the policy says so. */
function lawUnnamed(model: Model, p: Purpose): boolean {
  const unsplit = (p.bases?.length ?? 0) > 1 && !p.basesWords;
  return !!lawfulOf(p) && !p.law && !p.spans.law && !processedAsProcessor(model, p) && !unsplit;
}

/** A purpose resting only on a legal obligation whose law it does not name (legal-obligation-law-unnamed's finding). */
function lawUnnamedOnly(model: Model, p: Purpose): boolean {
  const bases = basesOf(p);
  return bases.length === 1 && bases[0] === "legal_obligation" && lawUnnamed(model, p);
}

/** A special-category item a purpose lists. */
interface Special { ref: Purpose["data"][number]; d: DataCategory; label: string }

defineRule({
  id: "basis-under-third-country-law", severity: "error", title: "A legal obligation or public task laid down by a third country's law",
  article: "GDPR Art. 6(1)(c), 6(1)(e), 6(3); Recital 45; EDPB Guidelines 02/2024 on Article 48",
  description: `Art. 6(3): the basis for processing under Art. 6(1)(c) (a legal obligation) and Art. 6(1)(e) (a public task) "shall be laid down by (a) Union law; or (b) Member State law to which the controller is subject". An obligation under the law of a third country (a US subpoena, "state and federal laws") is not a legal obligation in the sense of Art. 6(1)(c), however binding it is on the company (the EDPB says the same of foreign disclosure orders in its Guidelines 02/2024 on Art. 48). \`law <ISO codes | eu> "the law, in the policy's words"\` on a purpose with \`basis legal_obligation\` or \`basis public_task\` records whose law the policy invokes; law of an EEA state counts as Member State law (the GDPR applies in the EEA). When the policy does not say which law ("if required by law"), the model has no \`law\` line and the rule is silent.`,
  help: "name the Union or Member State law that imposes the obligation (`law eu \"...\"`, `law NL \"...\"`), or rest the purpose on another basis (legitimate interests, with its balancing test)",
  run({ model, report }) {
    for (const p of model.purposes) {
      const lawful = basesOf(p).find((b) => b === "legal_obligation" || b === "public_task");
      if (!p.law || !lawful) continue;
      const foreign = p.law.places.filter((l) => l.code !== "eu" && !eeaCountries.has(l.code));
      if (!foreign.length) continue;
      const where = foreign.map((l) => placeLabel(l.code)).join(" and ");
      const what = lawful === "legal_obligation" ? "a legal obligation (Art. 6(1)(c))" : "a public task (Art. 6(1)(e))";
      const quoted = p.law.note ? ` ("${p.law.note}")` : "";
      report(p, "law", `purpose \`${p.id}\` rests on ${what} under the law of ${where}${quoted}; Art. 6(3) accepts only Union or Member State law`);
    }
  },
});

defineRule({
  id: "legal-obligation-law-unnamed", severity: "warning", title: "A legal obligation or public task whose law is not named",
  article: "GDPR Art. 6(1)(c), 6(1)(e), 6(3); Art. 13(1)(c); Recital 41, 45",
  description: `A purpose resting on a legal obligation (Art. 6(1)(c)) or a public task (Art. 6(1)(e)) is lawful only when Union or Member State law lays that obligation or task down (Art. 6(3)). "If required by law" does not say which law, so nobody can check that it is Union or Member State law rather than a third country's (which \`basis-under-third-country-law\` reports), nor what it requires. Reported for such a purpose with no \`law <ISO codes | eu> "the law, in the policy's words"\` line; purposes resting on it in the same words are one finding, the others related. Not reported where the purpose lists several bases with no word on which covers what: whether the obligation is its basis at all is then \`bases-not-split\`'s finding. Not reported for a purpose carried out as a processor.`,
  help: "name the law: `law eu \"<regulation>\"` or `law <country> \"<statute and section>\"` (e.g. `law DE \"§ 147 AO\"`)",
  run({ model, relations, report }) {
    // One policy sentence ("if required by law") given to several purposes is one problem: reported
    // on the first, the others related.
    const unnamed = model.purposes.filter((p) => lawUnnamed(model, p));
    for (const [p, ...others] of bySameWords(unnamed, (x) => lawfulOf(x)!)) {
      const lawful = lawfulOf(p);
      const what = lawful === "legal_obligation" ? "a legal obligation (Art. 6(1)(c))" : "a public task (Art. 6(1)(e))";
      // The obligation's own words where the policy gives each basis its own (not the last basis's).
      const own = p.basesWords && p.bases ? p.basesWords[p.bases.indexOf(lawful!)] : undefined;
      const words = quotedWords(own ?? p.basisNote);
      const also = others.length ? ` (as do ${others.map((o) => `\`${o.id}\``).join(", ")}, in the same words)` : "";
      // The law is also the Art. 9(2) condition for special-category data the obligation discloses.
      const special = [p, ...others].filter((x) => lawUnnamedOnly(model, x) && !x.condition && !x.spans.condition).flatMap((x) => x.data.map((r) => relations.data.get(r.id)).filter((d): d is DataCategory => !!d?.special && !!d.kind));
      const art9 = special.length ? `; that law would also be the Art. 9(2)(g) condition (or 9(2)(f), for a court's order) for its special-category data ${[...new Set(special.map((d) => `\`${d.id}\``))].join(", ")}` : "";
      report(p, "basis", `purpose \`${p.id}\` rests on ${what}${words}${also} but names no law; Art. 6(3) needs Union or Member State law${art9}`, {
        related: sameWordsRelated(others, (o) => `purpose \`${o.id}\` rests on the same words`),
      });
    }
  },
});
