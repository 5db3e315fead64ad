/** The check stage: loaded files -> a model's scope -> model -> rules -> sorted diagnostics. Pure. */
import { sortDiagnostics, type Diagnostic } from "../diagnostics.js";
import type { SourceFile } from "../syntax/source.js";
import { memoryHost } from "../project/host.js";
import { loadProject, type Project } from "../project/load.js";
import { scopeOf, usedPart } from "../project/scope.js";
import type { FlowFile } from "../syntax/ast.js";
import { buildModel } from "../model/build.js";
import type { Model } from "../model/model.js";
import { relationsOf } from "../model/relations.js";
import { runRules, type RuleOptions } from "./registry.js";
import { computeTransfers, type Transfer } from "./transfers.js";
import { applySuppressions } from "./suppressions.js";
import { withoutCascade, withoutNameCascade, withoutRuleCascade } from "./cascade.js";
import { withCatalogueNotes } from "./catalogue-notes.js";
import "./rules/builtin.js";
import "./rules/lawfulness.js";
import "./rules/consent.js";
import "./rules/flows.js";
import "./rules/purposes.js";
import "./rules/claims.js";
import "./rules/retention.js";
import "./rules/transfers.js";
import "./rules/authorities.js";
import "./rules/vendors.js";
import "./rules/joint-control.js";
import "./rules/organization.js";
import "./rules/dpo.js";
import "./rules/unused.js";
import "./rules/catalogue.js";
import "./rules/children.js";
import "./rules/sources.js";
import "./rules/assessments.js";
import "./rules/vague.js";
import "./rules/recipients.js";
import "./rules/advertising.js";

export interface CheckResult {
  /** The entry file's source. */
  source: SourceFile;
  /** Every file in the model's scope, by display path: the entry and what it imports. */
  sources: Map<string, SourceFile>;
  /** The display paths of the files in scope, in reading order, the entry first. */
  files: string[];
  /** The declarations of every file in scope, spliced in reading order. */
  ast: FlowFile;
  /** The model: what the entry file declares and uses of what it imports. */
  model: Model;
  transfers: Transfer[];
  /** The active findings: what is wrong. */
  diagnostics: Diagnostic[];
  /** Findings an inline suppression accepts, each with its reason (`suppressed`): the record of
   *  accepted risks. Not counted, not failing; JSON, SARIF and the register keep them. */
  accepted: Diagnostic[];
  /** False when syntax errors (or imports that could not be loaded) stopped the rules from running:
   *  the model is partial. */
  complete: boolean;
  /** The entry declares no organization and no `model` header: a library, checked for what is
   *  wrong in itself (the rules, which need a whole model, do not run). */
  library: boolean;
}

/** One file, with no file system: its imports resolve against nothing (tests, docs, the bench). */
export function checkSource(path: string, text: string): CheckResult {
  const project = loadProject([path], memoryHost({ [path]: text }));
  return checkEntry(project, project.entries[0]!);
}

/** The check stage for one entry of a loaded project: its scope -> model -> rules -> sorted
 *  diagnostics (of every file in scope). Pure. */
export function checkEntry(project: Project, entryAbs: string, options: RuleOptions = {}): CheckResult {
  const scope = scopeOf(project, entryAbs);
  const library = !scope.entry.isRoot;
  const built = buildModel(scope.file, { library });
  const loadProblems = scope.files.flatMap((f) => f.diagnostics);
  const complete = scope.files.every((f) => f.clean) && !scope.missingImports;
  const rulesRun = complete && !library;
  const model = complete && !library ? usedPart(built.model, scope.entry.path) : built.model;
  // Relations are read from a model complete enough for the rules; a broken one's transfers are
  // computed without them (its own errors come first).
  const relations = rulesRun ? relationsOf(model) : undefined;
  const transfers = computeTransfers(model, relations);
  const ruled = withoutRuleCascade(relations ? runRules(model, relations, transfers, options) : [], built, scope.file);
  // A finding that rests on a vendor entry's fact says so (the entry and its date).
  const findings = withCatalogueNotes(ruled, model);
  const modelProblems = withoutNameCascade(built.diagnostics, scope.files, scope.missingImports);
  const all = [...loadProblems, ...modelProblems, ...findings];
  const diagnostics: Diagnostic[] = [];
  const accepted: Diagnostic[] = [];
  for (const f of scope.files) {
    const own = all.filter((d) => d.span.file === f.path);
    const kept = withoutCascade(own, f.diagnostics, f.file);
    const split = applySuppressions(kept, f.file.comments, f.source, rulesRun, f.file.declarations);
    diagnostics.push(...split.active);
    accepted.push(...split.accepted);
  }
  return {
    source: scope.entry.source,
    sources: new Map(scope.files.map((f) => [f.path, f.source])),
    files: scope.files.map((f) => f.path),
    ast: scope.file,
    model,
    transfers,
    diagnostics: sortDiagnostics(diagnostics),
    accepted: sortDiagnostics(accepted),
    complete,
    library,
  };
}
