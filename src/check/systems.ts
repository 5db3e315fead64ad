/** What rules ask of a system before judging it: whether its kind read, who answers for its measures,
 *  and whether its contract is an Art. 28 reference. One predicate each, so that two rules never
 *  disagree about the same system (a contract one rule accepts as a DPA is a DPA for the others). */
import type { System } from "../model/model.js";
import { contractReference } from "../legal/measures.js";

/** A `kind` that did not read (its typo has its own error): whether the system is the user's device
 *  or a server is unknown, so the rules that depend on it stay quiet. */
export const kindUnread = (s: System): boolean => s.spans.kind !== undefined && s.kind === undefined;

/** A payment provider acting as controller: the person pays through it, and it processes for the
 *  payment service it gives them and its own legal duties (EDPB Guidelines 07/2020), so its
 *  collection in the checkout is neither a joint collection nor the organization's transfer (the
 *  person's own disclosure, EDPB Guidelines 05/2021 example 1). */
export const paymentProviderAsController = (s: System): boolean => s.kind === "payment" && s.operator?.role === "controller";

export const processorRole = (s: System): boolean => s.operator?.role === "processor" || s.operator?.role === "subprocessor";

/** A contract the model takes from a vendor entry is the entry's DPA name or URL: a reference. */
const contractFromEntry = (s: System): boolean => s.catalogue?.facts.includes("contract") === true;

/** The system's `contract` words refer to a contract (src/legal/measures.ts `contractReferences`:
 *  a DPA, Art. 28, SCCs, a contractual obligation, a link, a dated agreement), or come from its vendor entry. */
export const contractRecognised = (s: System): boolean => s.contract !== undefined && (contractFromEntry(s) || contractReference(s.contract) !== undefined);

/** The contract words name an Art. 28 contract as such (a DPA, or Art. 28 itself), not only some
 *  contract: the question of whether its terms, such as instructions on transfers (Art. 28(3)(a)), bind. */
export const art28Contract = (s: System): boolean =>
  s.contract !== undefined && (contractFromEntry(s) || ["dpa", "article-28"].includes(contractReference(s.contract)?.entry.id ?? ""));

/** Whose Art. 32 measures the organization's record does not describe for this system: an independent
 *  controller's are its own (Art. 24, 32), and a processor bound by a recognised contract takes the
 *  measures that contract binds it to (Art. 28(3)(c)). */
export const measuresAnsweredElsewhere = (s: System): boolean =>
  (!!s.operator && !s.operator.self && s.operator.role === "controller") || (processorRole(s) && contractRecognised(s));
