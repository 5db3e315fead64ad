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
  const all = [...parsed.diagnostics, ...built.diagnostics, ...findings];
  const diagnostics = sortDiagnostics(applySuppressions(all, parsed.file.comments, parsed.source, complete));
  return { source: parsed.source, ast: parsed.file, model: built.model, transfers, diagnostics, complete };
}
