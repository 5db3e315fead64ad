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

/** "Firebase Authentication in United States (US): not specified (no transfer mechanism)", one line per
 *  ground: destinations that rest on the same ground with the same verdict share a line
 *  ("Cloudflare in United States (US), global (unknown countries): ..."), so a long quoted policy
 *  sentence is written once, not once per destination. */
export function transferGroundsCell(ctx: RegisterContext, purpose: Purpose): string {
  const byGround = new Map<string, Map<string, string[]>>();
  for (const { flow, transfer } of transfersOf(ctx, purpose)) {
    const to = `${transfer.onward ? "onward transfer to " : ""}${systemName(ctx, transfer.to)}`;
    const authority = isAuthority(ctx.relations.systems.get(transfer.to));
    for (const d of transfer.destinations) {
      const ground = safeguardText(flow, d, authority);
      const targets = byGround.get(ground) ?? byGround.set(ground, new Map()).get(ground)!;
      const places = targets.get(to) ?? targets.set(to, []).get(to)!;
      if (!places.includes(placeLabel(d.place))) places.push(placeLabel(d.place));
    }
  }
  const lines = [...byGround].map(([ground, targets]) => `${[...targets].map(([to, places]) => `${to} in ${places.join(", ")}`).join("; ")}: ${ground}`);
  if (lines.length) return joinList(quotedOnce(lines, notesOf(ctx, purpose)), NOT_SPECIFIED);
  if (systemsOf(ctx, purpose).length === 0) return NO_SYSTEMS;
  // No transfer is computed, but one may hide behind a system whose location is unknown.
  return joinList(unknownLocations(ctx, purpose), "not applicable (no transfers)");
}

/** The policy's words on the purpose's transfer grounds (and the consent they rest on), longest first. */
function notesOf(ctx: RegisterContext, purpose: Purpose): string[] {
  const notes = transfersOf(ctx, purpose).flatMap(({ flow }) => [...flow.mechanisms.map((m) => m.note), flow.consent?.note]);
  return [...new Set(notes.filter((n): n is string => !!n))].sort((a, b) => b.length - a.length);
}

/** A policy sentence quoted on several lines of a cell is written out on the first only. */
function quotedOnce(lines: string[], notes: string[]): string[] {
  const seen = new Set<string>();
  return lines.map((line) => {
    let out = line;
    for (const note of notes) {
      const quoted = quote(note);
      if (!out.includes(quoted)) continue;
      if (seen.has(note)) out = out.split(quoted).join(" (the policy's words quoted above)");
      seen.add(note);
    }
    return out;
  });
}

/** Art. 30(1)(e), last words: only a transfer on the Art. 49(1) second-subparagraph derogation (compelling
 *  legitimate interests) needs "the documentation of suitable safeguards" in the record; the policy's words
 *  on the mechanism are that documentation. Every other ground is in the transfer-grounds column. */
export function exceptionalSafeguardsCell(ctx: RegisterContext, purpose: Purpose): string {
  const out: string[] = [];
  for (const { flow, transfer } of transfersOf(ctx, purpose)) {
    const compelling = flow.mechanisms.filter((m) => m.kind === "derogation" && m.derogation === "compelling");
    const to = `${systemName(ctx, transfer.to)} in ${transfer.destinations.map((d) => placeLabel(d.place)).join(", ")}`;
    for (const m of compelling) out.push(`${to}: ${m.note === undefined ? `${NOT_SPECIFIED} (the model documents no safeguards for this transfer)` : `"${m.note}"`}`);
  }
  return joinList(out, "not applicable (no transfer under Art. 49(1) second subparagraph)");
}
