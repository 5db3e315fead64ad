/** What a notice states beyond the record's facts: promises (`claim`), assessments (`lia`, `dpia`),
 *  where data comes from (`obtained`), the Art. 9 position on free text (`special`), who the data
 *  subjects are (`kind` on a subject) and the age the service sets (`minimum_age`). Part of the
 *  model builder (build.ts), which extends it. */
import type { Span } from "../diagnostics.js";
import type * as Ast from "../syntax/ast.js";
import type { Assessment, Claim, DataCategory, Organization, Subject } from "./model.js";
import { Basis, Claim as ClaimKind, DataSource, SpecialPosition, dataClaims, organizationClaims, type Word } from "./vocabulary.js";
import { OrganizationReader } from "./organization-reader.js";
import { allowed, kindNoun, optionSet } from "./reader.js";
import { exact } from "../util/arrays.js";
import { suggest } from "../util/suggest.js";

export abstract class NoticeReader extends OrganizationReader {
  protected override buildOrganization(d: Ast.Declaration): Organization {
    const org = super.buildOrganization(d);
    const claims = this.claims(d, org.spans);
    if (claims) org.claims = claims;
    const age = this.minimumAge(d, org.spans);
    if (age) org.minimumAge = age;
    return org;
  }

  /** `except` is read on the organization's `claim` lines only; anywhere else it is one error, and
   *  the line reads without it. */
  protected override checkProperties(d: Ast.Declaration, report = false): void {
    super.checkProperties(d, report);
    if (!report) return;
    for (const p of d.properties) {
      if (p.type !== "names" || !p.except) continue;
      const key = p.keyword.text;
      // On an organization's claim it reads; a property the declaration does not take has its own error.
      if ((d.kind === "organization" && key === "claim") || !allowed[d.kind].includes(key)) continue;
      const written = `except ${p.except.names.map((n) => n.text).join(", ")}`.trim();
      this.report("invalid-value", p.except.span,
        key === "claim"
          ? `\`except\` states the exceptions of the organization's promises (${[...organizationClaims].map((c) => `\`${c}\``).join(", ")}); a claim on ${kindNoun[d.kind]} takes none`
          : `\`${key}\` takes no \`except\`: only the organization's \`claim\` lines state exceptions`,
        `remove \`${written}\` (the policy's words stay in the quote)`);
    }
  }

  /** `claim <kind>, ... [except <basis or purpose>, ...] "policy words"` lines; a claim that belongs on
   *  another declaration is an error. */
  protected claims(d: Ast.Declaration, spans: Record<string, Span>): Claim[] | undefined {
    const fits = d.kind === "organization" ? organizationClaims : dataClaims;
    const out: Claim[] = [];
    for (const p of this.props(d, "claim")) {
      if (p.type !== "names") continue;
      spans.claim ??= p.span;
      const except = d.kind === "organization" && p.except ? this.claimExcept(p, p.except) : undefined;
      // A quote written before `except` is out of place (reported with the exceptions), but it is the policy's words.
      const note = p.note ?? p.except?.before;
      for (const n of p.names) {
        const kind = this.enumValue(n, ClaimKind, "claim");
        if (!kind) continue;
        if (!fits.has(kind)) {
          const where = organizationClaims.has(kind) ? "the organization" : "a data category";
          this.report("invalid-value", n.span, `\`${kind}\` is a claim about ${where}, not about ${d.kind === "organization" ? "the organization" : "this data"}`, `on ${d.kind === "organization" ? "the organization" : "data"}, claim one of: ${[...fits].join(", ")}`);
          continue;
        }
        if (out.some((c) => c.kind === kind)) continue;
        out.push({ kind, ...(note && { note: note.value }), ...(except && { except }), span: n.span });
      }
    }
    return out.length ? exact(out) : undefined;
  }

  /** The exceptions of an organization's claim line: legal basis words, then declared purposes (a
   *  basis word is the basis, whatever a purpose is called). A word that is neither, or an `except`
   *  with no word, is one error, and the exceptions are unread: the rules judge nothing against the claim. */
  private claimExcept(p: Ast.NamesProperty, clause: Ast.ExceptClause): NonNullable<Claim["except"]> {
    const out: NonNullable<Claim["except"]> = { bases: [], purposes: [], span: clause.span };
    const claimed = p.names.map((n) => n.text).join(", ");
    const example = `claim ${claimed} except ${clause.names.map((n) => n.text).join(", ") || "consent"} "..."`;
    if (clause.before) this.report("invalid-value", clause.before.span, "the policy's words go at the end of the line, after the exceptions", `write ${example}`);
    if (!clause.names.length) {
      this.report("invalid-value", clause.keyword.span, "`except` names no exception",
        `after \`except\`, on the same line, name what the promise does not cover: a legal basis (${Basis.options.join(", ")}) or a declared purpose, e.g. ${example}`);
      return { ...out, unread: true };
    }
    const purposes = this.declared.purpose;
    for (const n of clause.names) {
      const word = n.text;
      if (!word) out.unread = true; // inserted by the parser's recovery: its syntax error says it all
      else if (optionSet(Basis).has(word)) { if (!out.bases.includes(word as Word<typeof Basis>)) out.bases.push(word as Word<typeof Basis>); }
      else if (purposes.has(word)) { if (!out.purposes.includes(word)) out.purposes.push(word); }
      else {
        out.unread = true;
        const near = suggest(word, [...Basis.options, ...purposes.keys()]);
        const meant = near === undefined ? undefined : purposes.get(near)?.name?.span;
        if (meant) this.meant.push(meant);
        this.report("unknown-name", n.span, `\`${word}\` is neither a legal basis nor a declared purpose${near === undefined ? "" : ` (did you mean \`${near}\`?)`}`,
          `\`except\` takes legal bases (${Basis.options.join(", ")}) and the purposes the model declares${purposes.size ? ` (${[...purposes.keys()].slice(0, 12).join(", ")}${purposes.size > 12 ? ", ..." : ""})` : ""}`);
      }
    }
    return out;
  }

  /** `lia "LIA-2024-03"` or `lia none "reason"` (and `dpia`). */
  protected assessment(d: Ast.Declaration, key: "lia" | "dpia", spans: Record<string, Span>): Assessment | undefined {
    const stated = this.statedOrNone(d, key, spans);
    if (!stated) return undefined;
    return stated.none ? { none: stated.none, span: stated.span } : { ref: stated.text, span: stated.span };
  }

  /** `informed "how"` or `informed none "reason"`, on a subject or on data obtained from others. */
  protected informed(d: Ast.Declaration, spans: Record<string, Span>): Subject["informed"] {
    const stated = this.statedOrNone(d, "informed", spans);
    if (!stated) return undefined;
    return stated.none ? { none: stated.none, span: stated.span } : { how: stated.text, span: stated.span };
  }

  /** `obtained other_users, partners "policy words"`: the data's sources. */
  protected obtained(d: Ast.Declaration, spans: Record<string, Span>): DataCategory["obtained"] {
    const { names, note, span } = this.names(d, "obtained");
    if (!span) return undefined;
    spans.obtained = span;
    const sources: Array<NonNullable<DataCategory["obtained"]>["sources"][number]> = [];
    let unread = false;
    for (const n of names) {
      const source = this.enumValue(n, DataSource, "source");
      if (!source) unread = true;
      else if (!sources.includes(source)) sources.push(source);
    }
    // A source that did not read has its own error: the line is left unjudged, as if unwritten.
    if (unread || !sources.length) return undefined;
    return { sources: exact(sources), ...(note && { note: note.value }), span };
  }

  /** `special none|possible "position"` on data. */
  protected specialPosition(d: Ast.Declaration, spans: Record<string, Span>): DataCategory["specialPosition"] {
    const { value, note } = this.single(d, "special", SpecialPosition, spans);
    if (!value) return undefined;
    return { position: value, ...(note !== undefined && { note }), span: spans.special! };
  }

  /** `minimum_age 16 years "policy words"`: the age in years. */
  protected minimumAge(d: Ast.Declaration, spans: Record<string, Span>): { years: number; note?: string; span: Span } | undefined {
    const p = this.props(d, "minimum_age")[0];
    if (p?.type !== "duration") return undefined;
    spans.minimum_age = p.span;
    const duration = this.duration(p.duration);
    if (!duration) return undefined;
    if (duration.unit !== "years" && duration.unit !== "year") {
      this.report("invalid-duration", p.duration.unit.span, `an age is given in years, not ${duration.unit}`, `write e.g. minimum_age 16 years`);
      return undefined;
    }
    return { years: duration.amount, ...(p.note && { note: p.note.value }), span: p.span };
  }
}
