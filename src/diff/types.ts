/** The data of `flowmap diff`: what changed in the processing between two sides, as plain data
 *  that the text, Markdown and JSON formatters read (docs/diff.md is the JSON contract). */
import type { Diagnostic } from "../diagnostics.js";
import type { CheckResult } from "../check/index.js";

/** The `--fail-on` conditions: each change says which of them it makes occur. */
export const failConditions = ["new-transfer", "new-third-country", "new-special-category", "retention-longer", "new-error", "any"] as const;
export type FailCondition = (typeof failConditions)[number];

export type Entity = "model" | "organization" | "subject" | "data" | "purpose" | "system" | "vendor" | "flow" | "transfer";

/** How much a reviewer needs to see it: `high` rows make the Markdown table first. */
export type Importance = "high" | "medium" | "low";

/** One piece of a change's sentence: our words, a name of the language (an id: safe in a code span),
 *  or text from a model (a title, a vendor, a quoted policy: escaped by each output). */
export type Part = string | { code: string } | { user: string };

export interface Change {
  /** `system-added`, `transfer-changed`, ... (docs/diff.md lists them). */
  kind: string;
  entity: Entity;
  /** The head's id of the thing (the base's when it was removed). */
  id: string;
  /** For `*-changed`: the property that changed (`basis`, `locations`, `retention`, ...). */
  field?: string;
  before?: unknown;
  after?: unknown;
  /** Extra facts of the change (a transfer's destinations, a retention's direction, ...). */
  details?: Record<string, unknown>;
  importance: Importance;
  /** The `--fail-on` conditions this change makes occur (`any` is implied by every change). */
  conditions: FailCondition[];
  /** Where it is: the head's declaration (the base's for a removal), as users see the path. */
  at?: { side: "base" | "head"; file: string; line: number };
  /** The change in words. */
  parts: Part[];
}

export interface Finding {
  code: string;
  severity: Diagnostic["severity"];
  message: string;
  file: string;
  line: number;
  column: number;
  /** The SARIF `partialFingerprints["flowmapFinding/v1"]` of the finding: its identity across edits. */
  fingerprint: string;
  /** An accepted risk's reason (`// flowmap-ignore rule: reason`). */
  reason?: string;
}

export interface FindingsDiff {
  new: Finding[];
  resolved: Finding[];
  acceptedAdded: Finding[];
  acceptedRemoved: Finding[];
}

export type ModelStatus = "added" | "removed" | "changed" | "unchanged" | "moved" | "not-compared";

export interface ModelDiff {
  /** The model file's path on the head side (the base's when removed). */
  path: string;
  /** The base's path when the file moved (same organization, another path). */
  basePath?: string;
  title: string;
  status: ModelStatus;
  /** Why a model was not compared: the side(s) whose files do not parse. */
  notCompared?: ("base" | "head")[];
  changes: Change[];
}

/** One side of the comparison, checked with the existing pipeline. */
export interface Side {
  /** How the side is named to users: `origin/main (1a2b3c4)`, `the working tree`, `old/`. */
  label: string;
  /** The commit, for a revision. */
  revision?: string;
  /** The models (files with an organization or a `model` header), each keyed for matching with the
   *  other side (its path, or its path inside the directory compared). */
  models: { key: string; path: string; result: CheckResult }[];
  /** Every result checked (models, and libraries no model imports). */
  checked: CheckResult[];
  /** The side's findings, each once, as `check` combines them, with the sources they point into. */
  findings: { diagnostics: Diagnostic[]; accepted: Diagnostic[]; sources: CheckResult["sources"] };
}

export interface SideSummary {
  label: string;
  revision?: string;
  models: string[];
  /** The errors that keep models of this side from being compared (syntax, encoding, imports). */
  errors: Diagnostic[];
  /** The sources of the files with errors, for code frames. */
  sources: CheckResult["sources"];
}

export interface DiffReport {
  base: SideSummary;
  head: SideSummary;
  models: ModelDiff[];
  findings: FindingsDiff;
  /** The `--fail-on` conditions that occur in this diff, in `failConditions` order. */
  occurred: FailCondition[];
}
