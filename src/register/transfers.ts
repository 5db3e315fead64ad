/** Art. 30(1)(e): third countries, and what each transfer rests on, from the checker's computed transfers. */
import { isAuthority, placeLabel, type Destination } from "../check/transfers.js";
import { derogations, invalidatedFrameworks, safeguards, sccModules } from "../legal/gdpr-transfers.js";
import type { Flow, Mechanism, Purpose } from "../model/model.js";
import { placeName } from "./organization.js";
import { serverSide, systemName, systemsOf, transfersOf, type RegisterContext } from "./context.js";
import { joinList, NOT_SPECIFIED, quote } from "./table.js";
import { consentText } from "./data.js";

function unknownLocation(systemLabel: string): string {
  return `${NOT_SPECIFIED} (location of ${systemLabel} unknown)`;
}

/** A purpose no system or flow serves: nothing is known about where its data goes. */
const NO_SYSTEMS = `${NOT_SPECIFIED} (no system or flow is declared for this purpose)`;

/** The purpose's server-side systems whose location is not known, as "not specified (location of X unknown)". */
function unknownLocations(ctx: RegisterContext, purpose: Purpose): string[] {
  return serverSide(systemsOf(ctx, purpose))
    .filter((s) => s.locations.length === 0 || s.locations.some((l) => l.code === "unspecified"))
    .map((s) => unknownLocation(s.name));
}

/** Destinations of the purpose's transfers, then its systems whose location is not known. */
export function thirdCountriesCell(ctx: RegisterContext, purpose: Purpose): string {
  const out: string[] = [];
  for (const { transfer } of transfersOf(ctx, purpose)) {
    for (const d of transfer.destinations) {
      out.push(d.place === "unspecified" ? unknownLocation(systemName(ctx, transfer.to)) : placeName(d.place));
    }
  }
  out.push(...unknownLocations(ctx, purpose));
  if (!out.length && systemsOf(ctx, purpose).length === 0) return NO_SYSTEMS;
  return joinList(out, "none (no transfer outside the EEA)");
}

function derogationText(m: Mechanism): string {
  if (!m.derogation) return `Art. 49(1) derogation (point ${NOT_SPECIFIED})`;
  const point = m.derogation === "compelling" ? "Art. 49(1) second subparagraph" : `Art. 49(1)(${m.derogation})`;
  return `${point} derogation: ${derogations[m.derogation]}`;
}

/** The declared mechanism in words, with the article it rests on and the policy's note quoted. */
export function mechanismText(m: Mechanism): string {
  const words = (() => {
    switch (m.kind) {
      case "scc": return `${safeguards.scc.article} ${safeguards.scc.name}, ${m.module ? sccModules[m.module] : `module ${NOT_SPECIFIED}`}`;
      case "derogation": return derogationText(m);
      case "adequacy": return "Art. 45 adequacy decision";
      case "dpf": return "Art. 45 EU-US Data Privacy Framework";
      case "international_agreement": return "Art. 48 international agreement (such as a mutual legal assistance treaty) between the requesting third country and the Union or a Member State";
      case "none": return "none";
      case "privacy_shield":
      case "safe_harbour": return `${invalidatedFrameworks[m.kind].name} (${invalidatedFrameworks[m.kind].decision}, invalidated ${invalidatedFrameworks[m.kind].date})`;
      default: return `${safeguards[m.kind].article} ${safeguards[m.kind].name}`;
    }
  })();
  return `${words}${quote(m.note)}`;
}

function safeguardText(flow: Flow, d: Destination, authority: boolean): string {
  const grounds = flow.mechanisms.filter((m) => m.kind !== "none");
  const declared = grounds[0];
  // Several grounds: each is listed, in the order stated (the first that covers is the verdict's).
  const all = (list: Mechanism[]) => list.map(mechanismText).join("; and ");
  if (d.verdict === "adequacy") {
    const others = grounds.filter((m) => m.kind !== "adequacy" && m.kind !== "dpf");
    const extra = others.length ? `, declared: ${all(others)}` : "";
    return `Art. 45 ${d.basis}${extra}`;
  }
  if (grounds.length > 1) return `${all(grounds)}: ${d.verdict === "not-covered" ? `none valid: ${d.basis}` : `covered by ${d.basis}`}`;
  if (d.verdict === "not-covered") {
    if (declared) return `${mechanismText(declared)}, not valid: ${d.basis}`;
    // A public authority: what is missing is an international agreement or a derogation (Art. 48), not a contract.
    return authority ? `${NOT_SPECIFIED} (${d.basis})` : `${NOT_SPECIFIED} (no transfer mechanism)`;
  }
  return declared ? `${mechanismText(declared)}${declared.kind === "derogation" ? consentText(flow.consent, declared.note) : ""}` : d.basis;
}

/** "Firebase Authentication in United States (US): not specified (no transfer mechanism)" per destination. */
export function safeguardsCell(ctx: RegisterContext, purpose: Purpose): string {
  const out: string[] = [];
  for (const { flow, transfer } of transfersOf(ctx, purpose)) {
    const to = systemName(ctx, transfer.to);
    const kind = transfer.onward ? "onward transfer to " : "";
    const authority = isAuthority(ctx.relations.systems.get(transfer.to));
    for (const d of transfer.destinations) out.push(`${kind}${to} in ${placeLabel(d.place)}: ${safeguardText(flow, d, authority)}`);
  }
  if (out.length) return joinList(out, NOT_SPECIFIED);
  if (systemsOf(ctx, purpose).length === 0) return NO_SYSTEMS;
  // No transfer is computed, but one may hide behind a system whose location is unknown.
  return joinList(unknownLocations(ctx, purpose), "not applicable (no transfers)");
}
