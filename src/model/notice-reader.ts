/** What a notice states beyond the record's facts: promises (`claim`), assessments (`lia`, `dpia`),
 *  where data comes from (`obtained`), the Art. 9 position on free text (`special`), who the data
 *  subjects are (`kind` on a subject) and the age the service sets (`minimum_age`). Part of the
 *  model builder (build.ts), which extends it. */
import type { Span } from "../diagnostics.js";
import type * as Ast from "../syntax/ast.js";
import type { Assessment, Claim, DataCategory, Organization, Subject } from "./model.js";
import { Claim as ClaimKind, DataSource, SpecialPosition, dataClaims, organizationClaims } from "./vocabulary.js";
import { OrganizationReader } from "./organization-reader.js";
import { exact } from "../util/arrays.js";

export abstract class NoticeReader extends OrganizationReader {
  protected override buildOrganization(d: Ast.Declaration): Organization {
    const org = super.buildOrganization(d);
    const claims = this.claims(d, org.spans);
    if (claims) org.claims = claims;
    const age = this.minimumAge(d, org.spans);
    if (age) org.minimumAge = age;
    return org;
  }

  /** `claim <kind>, ... "policy words"` lines; a claim that belongs on another declaration is an error. */
  protected claims(d: Ast.Declaration, spans: Record<string, Span>): Claim[] | undefined {
    const fits = d.kind === "organization" ? organizationClaims : dataClaims;
    const out: Claim[] = [];
    for (const p of this.props(d, "claim")) {
      if (p.type !== "names") continue;
      spans.claim ??= p.span;
      for (const n of p.names) {
        const kind = this.enumValue(n, ClaimKind, "claim");
        if (!kind) continue;
        if (!fits.has(kind)) {
          const where = organizationClaims.has(kind) ? "the organization" : "a data category";
          this.report("invalid-value", n.span, `\`${kind}\` is a claim about ${where}, not about ${d.kind === "organization" ? "the organization" : "this data"}`, `on ${d.kind === "organization" ? "the organization" : "data"}, claim one of: ${[...fits].join(", ")}`);
          continue;
        }
        if (out.some((c) => c.kind === kind)) continue;
        out.push({ kind, ...(p.note && { note: p.note.value }), span: n.span });
      }
    }
    return out.length ? exact(out) : undefined;
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
