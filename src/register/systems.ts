/** Art. 30(1)(g) and the optional systems and location columns. */
import type { Purpose, System } from "../model/model.js";
import { carryingFlowsOf, systemsOf, type RegisterContext } from "./context.js";
import { placeName } from "./organization.js";
import { joinList, NOT_SPECIFIED } from "./table.js";

const encryptionWords: Record<string, string> = { e2e: "end-to-end encryption", transit: "encryption in transit", rest: "encryption at rest" };
const certificationWords: Record<string, string> = { iso27001: "ISO/IEC 27001 certified", soc2: "SOC 2 attested" };

/** Systems whose security is the organization's to document: its own and its processors', not independent controllers'. */
function underOurResponsibility(s: System): boolean {
  return !s.clientSide && s.operator?.role !== "controller";
}

function systemMeasures(s: System): string {
  const measures = [...s.security, ...s.certified.filter((c) => c in certificationWords).map((c) => certificationWords[c]!)];
  return measures.length ? measures.join(", ") : NOT_SPECIFIED;
}

/** "A, B: measures" for the names that share the same measures, one line each, in order of first appearance:
 *  fifty systems with the same two measures are one line, not fifty. */
function grouped(entries: Array<{ name: string; text: string }>): string[] {
  const byText = new Map<string, string[]>();
  for (const e of entries) (byText.get(e.text) ?? byText.set(e.text, []).get(e.text)!).push(e.name);
  return [...byText].map(([text, names]) => `${[...new Set(names)].join(", ")}: ${text}`);
}

/** Each responsible system's measures ("not specified" when it states none), then the encryption of the flows
 *  that carry the purpose's data. */
export function securityCell(ctx: RegisterContext, purpose: Purpose): string {
  const systems = grouped(systemsOf(ctx, purpose).filter(underOurResponsibility).map((s) => ({ name: s.name, text: systemMeasures(s) })));
  const flows = grouped(carryingFlowsOf(ctx, purpose)
    .filter((f) => f.encrypted.length)
    .map((f) => ({ name: f.name, text: f.encrypted.map((e) => encryptionWords[e] ?? e).join(", ") })));
  return joinList([...systems, ...flows], NOT_SPECIFIED);
}

export function systemsCell(ctx: RegisterContext, purpose: Purpose): string {
  return joinList(systemsOf(ctx, purpose).map((s) => (s.kind ? `${s.name} (${s.kind.replace(/_/g, " ")})` : s.name)), NOT_SPECIFIED);
}

function locationOf(s: System): string {
  if (s.kind === "peer_device") return "other users' devices";
  if (s.clientSide) return "the data subject's device";
  return s.locations.length ? s.locations.map((l) => placeName(l.code)).join(", ") : NOT_SPECIFIED;
}

export function locationCell(ctx: RegisterContext, purpose: Purpose): string {
  return joinList(systemsOf(ctx, purpose).map((s) => `${s.name}: ${locationOf(s)}`), NOT_SPECIFIED);
}
