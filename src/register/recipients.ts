/** Art. 30(1)(d): recipients by the role of whoever runs each system, and the Art. 28 contracts of the processors. */
import type { Purpose, System } from "../model/model.js";
import { carryingFlowsOf, flowsOf, systemName, systemsOf, type RegisterContext } from "./context.js";
import { joinList, NOT_SPECIFIED } from "./table.js";

/** The systems that receive the purpose's data: server-side systems its flows, or the flows that carry its
 *  data on their way (a CDN in front of the servers, `carryingFlowsOf`), send to or that store for it, and
 *  peer devices its flows send to. The data subject's own device is not a recipient, nor is a source that
 *  only sends data in. In model order. */
export function recipientSystems(ctx: RegisterContext, purpose: Purpose): System[] {
  const reached = new Set(carryingFlowsOf(ctx, purpose).map((f) => f.to.id));
  // A source that only sends the purpose's data to the organization receives none of it.
  const storing = new Set(ctx.relations.stored.filter((i) => i.purposes.includes(purpose.id)).map((i) => i.system.id));
  const own = new Set(systemsOf(ctx, purpose).map((s) => s.id));
  const receives = (s: System) => (reached.has(s.id) && (own.has(s.id) || !s.clientSide)) || (own.has(s.id) && storing.has(s.id));
  return ctx.model.systems.filter((s) => receives(s) && (!s.clientSide || s.kind === "peer_device"));
}

/** "Google LLC (Firebase Authentication)"; just the system's name when it already starts with the vendor's
 *  ("Public authorities (courts, government agencies)", not "Public authorities (Public authorities (...))"). */
export function vendorAndSystem(s: System): string {
  const vendor = s.operator?.vendor ?? NOT_SPECIFIED;
  return s.name.toLowerCase().startsWith(vendor.toLowerCase()) ? s.name : `${vendor} (${s.name})`;
}

/** " (per catalogue entry stripe, as of 2026-12-01)" beside a fact the system took from a vendor entry
 *  (`from <id>`): the record says where it comes from and how old it is. */
export function entryNote(s: System, fact: string): string {
  const c = s.catalogue;
  if (!c || !c.facts.includes(fact)) return "";
  return ` (per ${c.origin === "catalogue" ? "catalogue" : "vendor"} entry ${c.entry}, as of ${c.asOf})`;
}

export function recipientLabel(ctx: RegisterContext, s: System): string {
  if (s.clientSide) return `other users (${s.name})`;
  const op = s.operator;
  if (!op) return `operator ${NOT_SPECIFIED}: ${s.name}`;
  if (op.self) return `internal: ${s.name}`;
  const vendor = vendorAndSystem(s) + entryNote(s, "operator");
  // A category of recipient of its own, whatever role is written: a third country's authority is a
  // recipient (Art. 4(9) exempts only authorities inquiring under Union or Member State law).
  if (s.kind === "authority") return `public authority: ${vendor}`;
  switch (op.role) {
    case "processor": return `processor: ${vendor}`;
    case "subprocessor": return `sub-processor: ${vendor}${op.of ? `, engaged by the operator of ${systemName(ctx, op.of.id)}` : ""}`;
    case "controller": return `independent controller: ${vendor}`;
    case "joint_controller": return `joint controller: ${vendor}`;
    default: return `role ${NOT_SPECIFIED}: ${vendor}`;
  }
}

/** A system the organization runs itself (`operator self`): where it keeps data, not a recipient. */
function ownSystem(s: System): boolean {
  return !s.clientSide && !!s.operator?.self;
}

/** Art. 30(1)(d): whoever the data are disclosed to (Art. 4(9)): processors, third parties (independent or
 *  joint controllers, other users), public authorities. The organization's own systems are not recipients. */
export function recipientsCell(ctx: RegisterContext, purpose: Purpose): string {
  const systems = recipientSystems(ctx, purpose);
  const recipients = systems.filter((s) => !ownSystem(s));
  if (!recipients.length && systems.length) return "none outside the organization (its own systems only)";
  return joinList(recipients.map((s) => recipientLabel(ctx, s)), NOT_SPECIFIED);
}

/** The CNIL register's internal recipients: the organization's own systems that receive the data. */
export function internalRecipientsCell(ctx: RegisterContext, purpose: Purpose): string {
  return joinList(recipientSystems(ctx, purpose).filter(ownSystem).map((s) => s.name), "none");
}

export function isProcessor(s: System): boolean {
  const role = s.operator?.role;
  return !!s.operator && !s.operator.self && (role === "processor" || role === "subprocessor");
}

/** "Google LLC (Firebase Authentication): not specified" for each processor or sub-processor. */
export function contractsCell(ctx: RegisterContext, purpose: Purpose): string {
  const processors = recipientSystems(ctx, purpose).filter(isProcessor);
  return joinList(processors.map((s) => `${vendorAndSystem(s)}: ${s.contract ?? NOT_SPECIFIED}${entryNote(s, "contract")}`), "not applicable (no processors)");
}

/** Art. 30(2)(a): the processors the organization itself engages for this processing. */
export function subprocessorsCell(ctx: RegisterContext, purpose: Purpose): string {
  const processors = recipientSystems(ctx, purpose).filter(isProcessor);
  return joinList(processors.map((s) => `${vendorAndSystem(s)}, contract: ${s.contract ?? NOT_SPECIFIED}`), "none declared");
}

/** Art. 30(2)(a) for a processor: vendors running, as controller, the systems that send the purpose's data in. */
export function controllersOnWhoseBehalf(ctx: RegisterContext, purpose: Purpose): string[] {
  const out: string[] = [];
  for (const f of flowsOf(ctx, purpose)) {
    const from = ctx.relations.systems.get(f.from.id);
    const role = from?.operator?.role;
    if (from && (role === "controller" || role === "joint_controller")) out.push(`${from.operator?.vendor} (via ${from.name})`);
  }
  return [...new Set(out)];
}
