/** The model header and the organization: who is responsible, where it is established, whether the
 *  GDPR reaches it (Art. 3(2)), and what its notice states (rights, date). Part of the model builder
 *  (build.ts), which extends it. */
import type { Span } from "../diagnostics.js";
import type * as Ast from "../syntax/ast.js";
import type { Model, Organization } from "./model.js";
import { ModelScope, OrganizationKind, OrganizationRole, Regime, Right, Targeting } from "./vocabulary.js";
import { CatalogueReader } from "./catalogue-reader.js";

/** YYYY, YYYY-MM or YYYY-MM-DD, with a real month and day. */
export function isPartialIsoDate(text: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  const month = Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const day = Number(d);
  return day >= 1 && day <= new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
}

export abstract class OrganizationReader extends CatalogueReader {
  protected buildHeader(d: Ast.Declaration, model: Model): void {
    if (d.title) model.title = d.title.value;
    const spans: Record<string, Span> = {};
    const regime = this.single(d, "regime", Regime, spans);
    if (regime.value) model.regime = regime.value;
    const describes = this.single(d, "describes", ModelScope, spans);
    if (describes.value) model.describes = describes.value;
    const updated = this.string(d, "updated", spans);
    if (updated !== undefined) {
      model.updated = updated;
      // A policy dated "May 2025" is written "2025-05": the precision the policy gives, no invented day.
      if (!isPartialIsoDate(updated)) this.report("invalid-value", spans.updated!, `\`updated\` should be an ISO date (YYYY-MM-DD, or YYYY-MM or YYYY when the policy gives no day), not "${updated}"`, 'write e.g. updated "2024-05-24", or updated "2025-05" for "May 2025"');
    }
    const source = this.string(d, "source", spans);
    if (source !== undefined) model.source = source;
    const description = this.string(d, "description", spans);
    if (description !== undefined) model.description = description;
    // Where the header states each property, for findings about them (`updated`, `source`).
    if (Object.keys(spans).length) model.spans = { ...model.spans, ...spans };
  }

  protected buildOrganization(d: Ast.Declaration): Organization {
    const base = this.nodeBase(d);
    const spans = base.spans;
    const org: Organization = { ...base, jointControllers: this.strings(d, "joint_controller").values };
    const kind = this.single(d, "kind", OrganizationKind, spans);
    if (kind.value) org.kind = kind.value;
    const role = this.single(d, "role", OrganizationRole, spans);
    if (role.value) org.role = role.value;
    const country = this.names(d, "country");
    if (country.span) {
      spans.country = country.span;
      const place = country.names[0] ? this.place(country.names[0]) : undefined;
      if (place) org.country = place;
    }
    const rights = this.names(d, "rights");
    if (rights.span) {
      spans.rights = rights.span;
      const list: NonNullable<Organization["rights"]>["list"] = [];
      // `rights none "..."`: the notice states no right at all (said, not merely unmodelled).
      const none = rights.names.find((n) => n.text === "none");
      if (none && rights.names.length > 1) this.report("invalid-value", none.span, "`none` cannot be combined with rights", "keep either `none` or the rights the notice states");
      let unread = none !== undefined && rights.names.length > 1;
      for (const n of rights.names) {
        if (n === none) continue;
        const r = this.enumValue(n, Right, "right");
        if (!r) unread = true;
        else if (!list.includes(r)) list.push(r);
      }
      // A right that did not read has its own error; the line is then left unjudged, as if unwritten.
      if (!unread) org.rights = { list, ...(none && rights.names.length === 1 && { none: true as const }), ...(rights.note && { note: rights.note.value }) };
    }
    const targets = this.single(d, "targets", Targeting, spans);
    if (targets.value) org.targets = { zone: targets.value, ...(targets.note !== undefined && { note: targets.note }) };
    for (const key of ["contact", "address", "dpo"] as const) {
      const v = this.string(d, key, spans);
      if (v !== undefined) org[key] = v;
    }
    const dpoNone = this.noneOf(d, "dpo");
    if (dpoNone) {
      spans.dpo ??= dpoNone.span;
      if (org.dpo === undefined) org.dpoNone = dpoNone;
      else this.report("invalid-value", dpoNone.span, "`dpo none` beside a DPO's contact", "keep the DPO's contact, or `dpo none \"reason\"` if the organization has none");
    }
    // An EU and a UK representative are common: `representative "EU: ...", "UK: ..."`, or two lines.
    const representatives = this.strings(d, "representative");
    if (representatives.span) {
      spans.representative = representatives.span;
      org.representative = representatives.values.join("; ");
      if (representatives.values.length > 1) org.representatives = representatives.values;
    }
    const representativeNone = this.noneOf(d, "representative");
    if (representativeNone) {
      spans.representative ??= representativeNone.span;
      if (org.representative === undefined) org.representativeNone = representativeNone;
      else this.report("invalid-value", representativeNone.span, "`representative none` beside a named representative", "keep the representative, or `representative none \"reason\"`");
    }
    const jc = this.strings(d, "joint_controller");
    if (jc.span) spans.joint_controller = jc.span;
    return org;
  }

}
