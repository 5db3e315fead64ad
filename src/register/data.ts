/** Art. 30(1)(b), (c), (f) and the optional lawfulness and source columns: what the purpose says about its data. */
import type { Consent, Law, Purpose, Retention } from "../model/model.js";
import { countryName } from "../legal/countries.js";
import { basisArticle, conditionArticle, consentLabel, dataKinds } from "../model/vocabulary.js";
import type { RegisterContext } from "./context.js";
import { joinList, NOT_SPECIFIED, quote } from "./table.js";
import { basesOf } from "../model/roles.js";

export function purposeCell(purpose: Purpose): string {
  return purpose.description ? `${purpose.name}: ${purpose.description}` : purpose.name;
}

export function subjectsCell(ctx: RegisterContext, purpose: Purpose): string {
  const names = purpose.subjects.map((r) => ctx.model.subjects.find((s) => s.id === r.id)?.name ?? r.id);
  return joinList(names, NOT_SPECIFIED);
}

/** "E-mail address (contact details)"; with the CNIL template, its checklist category too
 *  ("E-mail address (contact details, CNIL: identity and identifiers)"). */
export function dataCategoriesCell(ctx: RegisterContext, purpose: Purpose): string {
  const items = purpose.data.map((r) => {
    const d = ctx.relations.data.get(r.id);
    if (!d) return r.id;
    const kind = d.kind ? dataKinds[d.kind] : undefined;
    if (!kind) return `${d.name} (kind ${NOT_SPECIFIED})`;
    return ctx.template === "cnil" ? `${d.name} (${kind.label}, CNIL: ${kind.cnil})` : `${d.name} (${kind.label})`;
  });
  return joinList(items, NOT_SPECIFIED);
}

export function retentionText(r: Retention | undefined): string {
  if (!r) return NOT_SPECIFIED;
  const words: Record<Retention["kind"], string> = {
    duration: r.text, event: eventText(r), session: "for the session only", memory: "in memory only, not stored",
    indefinite: "indefinitely", unspecified: NOT_SPECIFIED, not_applicable: "not applicable: nothing is kept",
  };
  return `${words[r.kind]}${quote(r.statement)}`;
}

/** "until account deleted, then 30 days": the event's name in words, not as a model identifier. */
function eventText(r: Retention): string {
  if (!r.event) return r.text;
  const plus = r.plus ? `, then ${r.plus.amount} ${r.plus.unit}` : "";
  return `until ${r.event.replace(/_/g, " ")}${plus}`;
}

/** One data category's retention: the purpose's, then each system that stores it for the purpose with a
 *  retention of its own (one that says the same as the purpose's is not repeated). */
function categoryRetention(ctx: RegisterContext, purpose: Purpose, data: string): string {
  const general = retentionText(purpose.retention);
  const stores = ctx.relations.storedFor(data, purpose.id)
    .filter((i) => i.store.retention)
    .map((i) => ({ system: i.system.name, text: retentionText(i.store.retention) }))
    .filter((s) => s.text !== general);
  return [general, ...stores.map((s) => `in ${s.system}: ${s.text}`)].join(", ");
}

/** "E-mail address, Phone: 13 months" and "Login credentials: ..." per retention, one line each, or
 *  "all categories: ..." when every category has the same. */
export function retentionCell(ctx: RegisterContext, purpose: Purpose): string {
  const entries = purpose.data.map((ref) => ({ name: ctx.relations.data.get(ref.id)?.name ?? ref.id, text: categoryRetention(ctx, purpose, ref.id) }));
  if (entries.length === 0) return retentionText(purpose.retention);
  if (entries.length > 1 && entries.every((e) => e.text === entries[0]!.text)) return `all categories: ${entries[0]!.text}`;
  // Categories kept alike share a line: a long quoted policy sentence is written once.
  const byText = new Map<string, string[]>();
  for (const e of entries) (byText.get(e.text) ?? byText.set(e.text, []).get(e.text)!).push(e.name);
  return joinList([...byText].map(([text, names]) => `${[...new Set(names)].join(", ")}: ${text}`), NOT_SPECIFIED);
}

/** ", obtained by use of the service ("By using the Service, ...")": how the policy says consent is
 *  obtained; the policy's words are left out when `quoted` (the basis or mechanism) already gives them. */
export function consentText(consent: Consent | undefined, quoted?: string): string {
  return consent ? `, obtained ${consentLabel(consent)}${consent.note === quoted ? "" : quote(consent.note)}` : "";
}

/** ", under the law of United States (US) ("U.S. Copyright law")": whose law imposes a legal
 *  obligation or public task, as the policy says. */
function lawText(law: Law | undefined): string {
  if (!law) return "";
  const orders = law.places.map((p) => (p.code === "eu" ? "Union law" : `the law of ${countryName(p.code)} (${p.code})`));
  return `, under ${orders.join(" and ")}${quote(law.note)}`;
}

/** "Art. 6(1)(b) contract ("policy words")"; several bases one per line, the policy's words once, after them. */
export function basisCell(purpose: Purpose): string {
  const bases = basesOf(purpose);
  if (!bases.length) return NOT_SPECIFIED;
  const consent = bases.includes("consent") ? consentText(purpose.consent, purpose.basisNote) : "";
  const law = bases.some((b) => b === "legal_obligation" || b === "public_task") ? lawText(purpose.law) : "";
  const named = bases.map((b, i) => `${basisArticle[b]} ${b.replace(/_/g, " ")}${purpose.basesWords ? quote(purpose.basesWords[i]) : ""}`);
  // With words for each basis, the last basis's words are the line's note: said once, with it.
  return `${named.join("\n")}${purpose.basesWords ? "" : quote(purpose.basisNote)}${consent}${law}`;
}

export function conditionCell(ctx: RegisterContext, purpose: Purpose): string {
  if (purpose.condition) {
    const consent = purpose.condition === "explicit_consent" ? consentText(purpose.consent, purpose.conditionNote) : "";
    return `${conditionArticle[purpose.condition]} ${purpose.condition.replace(/_/g, " ")}${quote(purpose.conditionNote)}${consent}`;
  }
  const special = purpose.data.map((r) => ctx.relations.data.get(r.id)).filter((d) => d?.special).map((d) => d!.name);
  return special.length ? `${NOT_SPECIFIED} (special-category data: ${special.join(", ")})` : "not applicable (no special-category data)";
}

// The source column has a file of its own (the flows that bring data in, and `obtained`).
export { sourceCell } from "./source.js";
