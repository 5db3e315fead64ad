/** Whose processing it is. A purpose is the organization's own (controller) or a customer's that the
 *  organization carries out on its behalf (processor, Art. 28): a processor's purposes have no
 *  basis, retention or Art. 9 condition of their own; the controller states those, and the
 *  processor's record (Art. 30(2)) has no column for them. A flow is the organization's, unless the
 *  data subject reaches an independent third party on their own (`linked`). */
import type { Flow, Model, Purpose, System } from "./model.js";

export function processedAsProcessor(model: Pick<Model, "organization">, p: Pick<Purpose, "role" | "spans">): boolean {
  // A `role` that did not read has its own error: whose processing it is cannot be told, so the
  // rules that depend on it stay quiet (one mistake, one error). The same for the organization's.
  if (p.spans.role && !p.role) return true;
  if (p.role) return p.role === "processor";
  const org = model.organization;
  if (org?.spans.role && !org.role) return true;
  return org?.role === "processor";
}

/** Whether a flow serves a purpose of the organization's own: one of its purposes is not carried out
 *  as a processor (a flow that names none is the organization's unless the organization itself is a
 *  processor). A purpose that did not resolve counts for nothing (its name has its own error). */
export function servesOwnPurpose(model: Pick<Model, "organization">, purposes: ReadonlyMap<string, Purpose>, f: Pick<Flow, "purposes">): boolean {
  if (!f.purposes.length) return !processedAsProcessor(model, { spans: {} });
  return f.purposes.some((r) => {
    const p = purposes.get(r.id);
    return p !== undefined && !processedAsProcessor(model, p);
  });
}

/** Why `linked` cannot hold on this flow (it is then read as the organization's own), or undefined
 *  when it holds: from the data subject's own device to a system an independent controller runs. */
export function linkedFails(from: System, to: System): string | undefined {
  if (!from.clientSide || from.kind === "peer_device") return `it starts at \`${from.id}\`, not the data subject's own device`;
  const op = to.operator;
  if (op?.self) return `\`${to.id}\` is the organization's own system`;
  if (op?.role === "processor" || op?.role === "subprocessor") return `\`${to.id}\` is run by a processor, on the organization's behalf`;
  return undefined;
}

/** The data subject reaches `to` on their own: the flow is no disclosure by the organization. */
export function linkedHolds(flow: Pick<Flow, "linked">, from: System | undefined, to: System | undefined): boolean {
  return flow.linked !== undefined && from !== undefined && to !== undefined && linkedFails(from, to) === undefined;
}

/** Every basis a purpose states, in order (`basis contract, legitimate_interests`): rules ask
 *  whether a purpose rests on one among them, not only on the first. */
export function basesOf(p: Pick<Purpose, "basis" | "bases">): NonNullable<Purpose["basis"]>[] {
  return p.bases ?? (p.basis ? [p.basis] : []);
}
