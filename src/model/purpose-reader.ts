/** Purposes: their bases (one or several), the Art. 9 condition, how consent is obtained, whose law a
 *  legal obligation comes from, and the assessments (LIA, DPIA) they rest on. Part of the model
 *  builder (build.ts), which extends it. */
import type { Span } from "../diagnostics.js";
import type * as Ast from "../syntax/ast.js";
import { countryNames } from "../legal/countries.js";
import { didYouMean } from "../util/suggest.js";
import { exact } from "../util/arrays.js";
import type { Consent, Law, Place, Purpose } from "./model.js";
import { Basis, Condition, ConsentForm, PurposeKind, PurposeRole } from "./vocabulary.js";
import { NoticeReader } from "./notice-reader.js";
import { basesOf } from "./roles.js";

export abstract class PurposeReader extends NoticeReader {
  protected buildPurpose(d: Ast.Declaration): Purpose {
    const base = this.nodeBase(d);
    const spans = base.spans;
    const role = this.single(d, "role", PurposeRole, spans);
    const kind = this.single(d, "kind", PurposeKind, spans);
    const basis = this.bases(d, spans);
    const condition = this.single(d, "condition", Condition, spans, "invalid-basis");
    const subjects = this.names(d, "subjects");
    if (subjects.span) spans.subjects = subjects.span;
    const data = this.names(d, "data");
    if (data.span) spans.data = data.span;
    const purpose: Purpose = {
      id: base.id,
      name: base.name,
      description: base.description,
      span: base.span,
      spans,
      basis: basis.value,
      basisNote: basis.note,
      condition: condition.value,
      conditionNote: condition.note,
      subjects: this.resolve(subjects.names, "subject"),
      data: this.resolve(data.names, "data"),
      ...(kind.value && { kind: kind.value }),
      ...(role.value && { role: role.value }),
      ...(role.note !== undefined && { roleNote: role.note }),
      ...(basis.all && { bases: basis.all }),
      ...(basis.words && { basesWords: basis.words }),
    };
    const lia = this.assessment(d, "lia", spans);
    if (lia) purpose.lia = lia;
    const dpia = this.assessment(d, "dpia", spans);
    if (dpia) purpose.dpia = dpia;
    const r = this.props(d, "retention")[0];
    if (r?.type === "retention") {
      spans.retention = r.span;
      const retention = this.retention(r.retention);
      if (retention) purpose.retention = retention;
    }
    const consent = this.consent(d, spans);
    // `consent` says how the consent a purpose rests on is obtained: it needs `basis consent` (or the
    // Art. 9(2)(a) condition). A basis or condition that did not read has its own error already.
    const unread = (spans.basis && !purpose.basis) || (spans.condition && !purpose.condition);
    if (consent && !basesOf(purpose).includes("consent") && purpose.condition !== "explicit_consent" && !unread) {
      const rests = purpose.basis ? `rests on ${purpose.basis.replace(/_/g, " ")}, not consent` : "states no basis";
      this.report("invalid-property", consent.span, `\`consent\` says how consent is obtained, but purpose \`${purpose.id}\` ${rests}${purpose.basis ? "" : " (did you mean to add `basis consent`?)"}`,
        purpose.basis ? "remove the `consent` line, or write `basis consent` if the purpose rests on consent" : "add `basis consent` if the policy grounds the purpose on consent");
    } else if (consent) {
      purpose.consent = consent;
    }
    const law = this.law(d, spans);
    // `law` says whose law imposes a legal obligation or public task (Art. 6(1)(c), (e), 6(3)).
    if (law && !basesOf(purpose).some((b) => b === "legal_obligation" || b === "public_task") && !unread) {
      const rests = purpose.basis ? `rests on ${purpose.basis.replace(/_/g, " ")}` : "states no basis";
      this.report("invalid-property", law.span, `\`law\` says whose law imposes a legal obligation or public task, but purpose \`${purpose.id}\` ${rests}${purpose.basis ? "" : " (did you mean to add `basis legal_obligation`?)"}`,
        "remove the `law` line, or write `basis legal_obligation` (or `public_task`) if the purpose rests on one");
    } else if (law) {
      purpose.law = law;
    }
    return purpose;
  }

  /** `basis contract, legitimate_interests "words"`: the first basis, and all of them when more than one. */
  private bases(d: Ast.Declaration, spans: Record<string, Span>): { value?: Purpose["basis"]; note?: string; all?: NonNullable<Purpose["bases"]>; words?: string[] } {
    const { names, note, span } = this.names(d, "basis");
    if (!span) return {};
    // `basis contract "...", legitimate_interests "..."`: the policy's words for each basis.
    const line = this.props(d, "basis")[0];
    const valueNotes = line?.type === "names" ? line.valueNotes : undefined;
    spans.basis = span;
    const all: NonNullable<Purpose["bases"]> = [];
    let unread = false;
    for (const n of names) {
      const b = this.enumValue(n, Basis, "basis", "invalid-basis");
      if (!b) unread = true;
      else if (!all.includes(b)) all.push(b);
    }
    // A basis that did not read has its error; the purpose is then judged as if it stated none.
    if (unread || !all.length) return { note: note?.value };
    const words = valueNotes && names.length === all.length && valueNotes.every(Boolean) ? valueNotes.map((q) => q!.value) : undefined;
    return { value: all[0], note: note?.value, ...(all.length > 1 && { all }), ...(words && all.length > 1 && { words }) };
  }

  /** `law <ISO codes | eu> "the law"`: whose legal order a legal obligation or public task comes from. */
  private law(d: Ast.Declaration, spans: Record<string, Span>): Law | undefined {
    const { names, note, span } = this.names(d, "law");
    if (!span) return undefined;
    spans.law = span;
    const places: Place[] = [];
    for (const n of names) {
      if (n.text === "eu") places.push({ code: "eu", span: n.span });
      else if (countryNames[n.text]) places.push({ code: n.text, span: n.span });
      else if (n.text) {
        const upper = n.text.toUpperCase();
        const hint = countryNames[upper] ? ` (did you mean \`${upper}\`?)` : didYouMean(n.text, ["eu"]);
        this.report("invalid-country", n.span, `\`${n.text}\` is not a legal order: \`law\` takes ISO 3166-1 alpha-2 codes, or \`eu\` for Union law${hint}`, "write e.g. `law US \"U.S. Copyright law\"` or `law eu \"Regulation (EU) 2022/2065\"`");
      }
    }
    if (!places.length) return undefined;
    return { places: exact(places), note: note?.value, span };
  }

  /** `consent <form>[, parental] "policy words"`: how consent is obtained, as the policy states it,
   *  and, with `parental`, that the holder of parental responsibility gives it. `parental` alone
   *  keeps its own meaning (a guardian's valid, not explicit consent); beside a form, the form says how. */
  protected consent(d: Ast.Declaration, spans: Record<string, Span>): Consent | undefined {
    const { names, note, span } = this.names(d, "consent");
    if (!span) return undefined;
    spans.consent = span;
    const guardian = names.filter((n) => n.text === "parental");
    const forms = names.filter((n) => n.text !== "parental");
    if (guardian.length > 1) this.report("invalid-value", guardian[1]!.span, "`parental` is written twice", "keep one `parental`");
    if (forms.length > 1) this.report("invalid-value", forms[1]!.span, "`consent` takes one form (and `parental`, when a guardian gives it)", `keep one of: ${forms.map((n) => n.text).join(", ")}`);
    const parental = guardian.length > 0;
    if (!forms[0]) return parental ? { form: "parental", parental: true, note: note?.value, span } : undefined;
    const form = this.enumValue(forms[0], ConsentForm, "consent form");
    if (!form) return undefined;
    return { form, ...(parental && { parental: true as const }), note: note?.value, span };
  }
}
