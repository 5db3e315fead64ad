/** The rule registry: each rule is one small function, registered by its stable id with its
 *  default severity, the article it enforces and a fix hint. Docs pages are generated from here. */
import type { Diagnostic, RelatedInfo, Severity, Span } from "../diagnostics.js";
import type { Model, Reportable } from "../model/model.js";
import type { Relations } from "../model/relations.js";
import type { Transfer } from "./transfers.js";

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line, for tables and SARIF's shortDescription. */
  title: string;
  /** The provision the rule enforces, e.g. "GDPR Art. 6(1)". */
  article: string;
  /** Why it matters and what triggers it (Markdown), for the docs page and SARIF's fullDescription. */
  description: string;
  /** What to do about a finding. */
  help: string;
  /** Stage that emits it; load, syntax and model findings come before the rules run. */
  stage: "load" | "syntax" | "model" | "check";
}

/** What rules take from the configuration and the environment (never read by a rule itself). */
export interface RuleOptions {
  /** The reference date (YYYY-MM-DD) the age of vendor entries is measured to: the CLI's today
   *  (or SOURCE_DATE_EPOCH's). Absent in library use: the model's own `updated` date. */
  now?: string;
  /** Vendor entries older than this many months are reported (default 12). */
  catalogueMaxAgeMonths?: number;
}

export interface RuleContext {
  model: Model;
  options: RuleOptions;
  relations: Relations;
  transfers: Transfer[];
  /** Report on a node, at one of its properties when given (falls back to the node's name). */
  report(node: Reportable, property: string | undefined, message: string, extra?: ReportExtra): void;
  /** Report at an exact span (a reference inside a list, say). */
  reportAt(span: Span, message: string, extra?: ReportExtra): void;
}

export interface ReportExtra {
  help?: string;
  related?: RelatedInfo[];
  /** `info` where this finding is an observation though the rule's others are not: a missing internal
   *  document in a model read from a published notice (`describes notice`), which never shows one.
   *  A configured severity for the rule still wins. `warning` where an error rule's lesser case is
   *  reported (an organization that can be reached but gives no country: controller-contact-missing). */
  severity?: "warning" | "info";
}

export interface Rule extends RuleMeta {
  run(ctx: RuleContext): void;
}

const registry = new Map<string, RuleMeta & { run?: Rule["run"] }>();

export function defineRule(rule: Omit<Rule, "stage">): void {
  if (registry.has(rule.id)) throw new Error(`rule ${rule.id} registered twice`);
  registry.set(rule.id, { ...rule, stage: "check" });
}

/** Findings the parser and model builder emit: documented like rules, run elsewhere. */
export function defineBuiltin(meta: RuleMeta): void {
  if (registry.has(meta.id)) throw new Error(`rule ${meta.id} registered twice`);
  registry.set(meta.id, meta);
}

export function allRules(): (RuleMeta & { run?: Rule["run"] })[] {
  return [...registry.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return registry.get(id);
}

export function runRules(model: Model, relations: Relations, transfers: Transfer[], options: RuleOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of allRules()) {
    if (!rule.run) continue;
    const push = (span: Span, message: string, extra?: ReportExtra) =>
      out.push({ code: rule.id, severity: extra?.severity ?? rule.severity, message, span, related: extra?.related ?? [], help: extra?.help ?? rule.help });
    rule.run({
      model,
      options,
      relations,
      transfers,
      report: (node, property, message, extra) => push((property && node.spans?.[property]) || node.span, message, extra),
      reportAt: push,
    });
  }
  return out;
}
