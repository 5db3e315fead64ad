/** `flowmap diff`'s report: the models of two sides matched, each pair compared, the findings
 *  compared. A pure function of the two sides' check results. */
import { isBlocking } from "../check/blocking.js";
import type { CheckResult } from "../check/index.js";
import type { Diagnostic } from "../diagnostics.js";
import { compareModels } from "./compare.js";
import { change, emptyModel } from "./change.js";
import { diffFindings } from "./findings.js";
import { bySection } from "./summary.js";
import { failConditions, type Change, type DiffReport, type FailCondition, type ModelDiff, type Side, type SideSummary } from "./types.js";

type SideModel = Side["models"][number];

/** Models are matched by key (their path); a model whose path changed is the same model when its
 *  organization id is, and only one model on each side has it. */
function matchModels(base: Side, head: Side): { pairs: [SideModel, SideModel][]; added: SideModel[]; removed: SideModel[] } {
  const headByKey = new Map(head.models.map((m) => [m.key, m]));
  const baseKeys = new Set(base.models.map((m) => m.key));
  const pairs: [SideModel, SideModel][] = [];
  let removed = base.models.filter((m) => {
    const h = headByKey.get(m.key);
    if (h) pairs.push([m, h]);
    return !h;
  });
  let added = head.models.filter((m) => !baseKeys.has(m.key));
  const org = (m: SideModel) => m.result.model.organization?.id;
  const unique = (list: SideModel[]) => {
    const byOrg = new Map<string, SideModel[]>();
    for (const m of list) if (org(m)) byOrg.set(org(m)!, [...(byOrg.get(org(m)!) ?? []), m]);
    return new Map([...byOrg].filter(([, v]) => v.length === 1).map(([k, v]) => [k, v[0]!]));
  };
  const headOrgs = unique(added);
  const moved = new Set<SideModel>();
  for (const [id, b] of unique(removed)) {
    const h = headOrgs.get(id);
    if (!h) continue;
    pairs.push([b, h]);
    moved.add(b).add(h);
  }
  removed = removed.filter((m) => !moved.has(m));
  added = added.filter((m) => !moved.has(m));
  return { pairs, added, removed };
}

const side = (r: CheckResult) => ({ model: r.model, transfers: r.transfers });

/** `b` and `h` are the same model: matched by key, or moved (another key, the same organization). */
function compared(b: SideModel | undefined, h: SideModel | undefined): ModelDiff {
  const path = (h ?? b)!.path;
  const title = (h ?? b)!.result.model.title;
  const broken = [...(b && !b.result.complete ? ["base" as const] : []), ...(h && !h.result.complete ? ["head" as const] : [])];
  const isMoved = b !== undefined && h !== undefined && b.key !== h.key;
  const moved = b && h && b.path !== h.path ? { basePath: b.path } : {};
  if (!h) {
    const at = b!.result.source.span(0, 0);
    return { path, title, status: "removed", changes: [change("model-removed", "model", path, ["model ", { user: path }, " removed"], { importance: "medium", at: { side: "base", file: at.file, line: 1 } })] };
  }
  if (broken.length) return { path, ...moved, title, status: "not-compared", notCompared: broken, changes: [] };
  const changes: Change[] = [];
  if (isMoved) changes.push(change("model-moved", "model", path, ["model moved from ", { user: b.path }, " to ", { user: h.path }], { before: b.path, after: h.path, importance: "low" }));
  // In the order of the sections a reviewer reads (the text and Markdown group them so).
  changes.push(...bySection(compareModels(b ? side(b.result) : emptyModel(path), side(h.result))).flatMap((s) => s.changes));
  const status = !b ? "added" : isMoved ? "moved" : changes.length ? "changed" : "unchanged";
  return { path, ...moved, title, status, changes };
}

function summary(s: Side): SideSummary {
  const errors = new Map<string, Diagnostic>();
  const sources: SideSummary["sources"] = new Map();
  for (const r of s.checked) {
    if (r.complete) continue;
    for (const d of r.diagnostics) {
      if (!isBlocking(d)) continue;
      errors.set(`${d.code}\u0000${d.span.file}\u0000${d.span.start}\u0000${d.message}`, d);
      const source = r.sources.get(d.span.file);
      if (source) sources.set(d.span.file, source);
    }
  }
  return { label: s.label, ...(s.revision && { revision: s.revision }), models: s.models.map((m) => m.path), errors: [...errors.values()], sources };
}

export function diffSides(base: Side, head: Side): DiffReport {
  const { pairs, added, removed } = matchModels(base, head);
  const models = [
    ...pairs.map(([b, h]) => compared(b, h)),
    ...added.map((h) => compared(undefined, h)),
    ...removed.map((b) => compared(b, undefined)),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const findings = diffFindings(base, head);
  const occurring = new Set<FailCondition>();
  for (const m of models) for (const c of m.changes) for (const k of c.conditions) occurring.add(k);
  if (findings.new.some((f) => f.severity === "error")) occurring.add("new-error");
  const anything = models.some((m) => m.changes.length || m.status === "not-compared") || Object.values(findings).some((l) => l.length);
  if (anything) occurring.add("any");
  return { base: summary(base), head: summary(head), models, findings, occurred: failConditions.filter((k) => occurring.has(k)) };
}
