/** The check stage: text -> syntax tree -> model -> rules -> sorted diagnostics. Pure. */
import { sortDiagnostics, type Diagnostic } from "../diagnostics.js";
import { parseFlow } from "../syntax/parser.js";
import type { SourceFile } from "../syntax/source.js";
import type { FlowFile } from "../syntax/ast.js";
import { buildModel } from "../model/build.js";
import type { Model } from "../model/model.js";
import { relationsOf } from "../model/relations.js";
import { runRules } from "./registry.js";
import { computeTransfers, type Transfer } from "./transfers.js";
import { applySuppressions } from "./suppressions.js";
import "./rules/builtin.js";
import "./rules/lawfulness.js";
import "./rules/consent.js";
import "./rules/flows.js";
import "./rules/purposes.js";
import "./rules/retention.js";
import "./rules/transfers.js";
import "./rules/authorities.js";
import "./rules/vendors.js";
import "./rules/joint-control.js";
import "./rules/organization.js";
import "./rules/unused.js";

export interface CheckResult {
  source: SourceFile;
  ast: FlowFile;
  model: Model;
  transfers: Transfer[];
  diagnostics: Diagnostic[];
  /** False when syntax errors stopped the rules from running (the model is partial). */
  complete: boolean;
}

export function checkSource(path: string, text: string): CheckResult {
  const parsed = parseFlow(path, text);
  const built = buildModel(parsed.file);
  const complete = parsed.diagnostics.length === 0;
  const transfers = computeTransfers(built.model);
  const findings = complete ? runRules(built.model, relationsOf(built.model), transfers) : [];
  const all = [...parsed.diagnostics, ...withoutCascade(built.diagnostics, parsed.diagnostics, parsed.file), ...findings];
  const diagnostics = sortDiagnostics(applySuppressions(all, parsed.file.comments, parsed.source, complete));
  return { source: parsed.source, ast: parsed.file, model: built.model, transfers, diagnostics, complete };
}

/** A block left open takes the next declaration's lines as its own properties ("`kind` is not a
 *  property of an organization"): in a declaration that has a syntax error, misplaced properties
 *  are the syntax error's consequence, not a second problem, so only the syntax error is reported. */
function withoutCascade(built: Diagnostic[], syntax: Diagnostic[], file: FlowFile): Diagnostic[] {
  if (!syntax.length) return built;
  const declarations = file.declarations;
  /** Index of the declaration whose span holds `offset`, or -1 (declarations are in source order). */
  const holding = (offset: number): number => {
    let lo = 0;
    let hi = declarations.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = declarations[mid]!;
      if (offset < d.span.start) hi = mid - 1;
      else if (offset > d.span.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
  const broken = new Set(syntax.map((e) => holding(e.span.start)));
  return built.filter((d) => {
    if (d.code !== "invalid-property") return true;
    const at = holding(d.span.start);
    return at < 0 || !broken.has(at);
  });
}
