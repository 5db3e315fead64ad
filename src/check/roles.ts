/** Whose processing a purpose is: the organization's own (controller) or a customer's that the
 *  organization carries out on its behalf (processor, Art. 28). A processor's purposes have no
 *  basis, retention or Art. 9 condition of their own: the controller states those, and the
 *  processor's record (Art. 30(2)) has no column for them. */
import type { Model, Purpose } from "../model/model.js";

export function processedAsProcessor(model: Pick<Model, "organization">, p: Pick<Purpose, "role" | "spans">): boolean {
  // A `role` that did not read has its own error: whose processing it is cannot be told, so the
  // rules that depend on it stay quiet (one mistake, one error).
  if (p.spans.role && !p.role) return true;
  return p.role ? p.role === "processor" : model.organization?.role === "processor";
}
