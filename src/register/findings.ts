/** The checker's findings, assigned to the processing activities they bear on, by where they point:
 *  - inside a `stores` line: the purposes that line's data is kept for (of the one data reference it
 *    points at, when it points at one);
 *  - elsewhere inside a system: every purpose the system serves (flows touch it or it stores for it);
 *  - inside a flow: the flow's purposes, and those whose data it carries on their way (`carryingFlowsOf`);
 *  - inside a purpose: that purpose;
 *  - inside a data category or data subject: the purposes that declare it;
 *  - inside the organization: every purpose (it is column (a) of every row).
 *  Anything else (the model header, unused declarations, flows serving no purpose) is tied to no activity. */
import type { Diagnostic, Span } from "../diagnostics.js";
import type { DataCategory, Flow, Organization, Purpose, Subject, System } from "../model/model.js";
import { purposesCarriedBy, type RegisterContext } from "./context.js";
import type { RegisterFinding } from "./table.js";

function within(inner: Span, outer: Span | undefined): boolean {
  return !!outer && inner.file === outer.file && inner.start >= outer.start && inner.end <= outer.end;
}

type Declared =
  | { kind: "system"; node: System }
  | { kind: "flow"; node: Flow }
  | { kind: "purpose"; node: Purpose }
  | { kind: "data"; node: DataCategory }
  | { kind: "subject"; node: Subject }
  | { kind: "organization"; node: Organization };

/** Top-level declarations sorted by position, per file: a finding's declaration is found by
 *  binary search, so assigning every finding stays O(findings x log declarations). */
export class DeclarationIndex {
  private byFile = new Map<string, Array<{ span: Span; declared: Declared }>>();
  readonly purposesByData = new Map<string, string[]>();
  readonly purposesBySubject = new Map<string, string[]>();

  constructor(ctx: Pick<RegisterContext, "model">) {
    const { model } = ctx;
    const add = (declared: Declared) => {
      const span = declared.node.spans.declaration ?? declared.node.span;
      let list = this.byFile.get(span.file);
      if (!list) this.byFile.set(span.file, (list = []));
      list.push({ span, declared });
    };
    for (const node of model.systems) add({ kind: "system", node });
    for (const node of model.flows) add({ kind: "flow", node });
    for (const node of model.purposes) add({ kind: "purpose", node });
    for (const node of model.data) add({ kind: "data", node });
    for (const node of model.subjects) add({ kind: "subject", node });
    if (model.organization) add({ kind: "organization", node: model.organization });
    for (const list of this.byFile.values()) list.sort((a, b) => a.span.start - b.span.start);
    for (const p of model.purposes) {
      for (const r of p.data) this.purposesByData.set(r.id, [...(this.purposesByData.get(r.id) ?? []), p.id]);
      for (const r of p.subjects) this.purposesBySubject.set(r.id, [...(this.purposesBySubject.get(r.id) ?? []), p.id]);
    }
  }

  /** The declaration whose span contains `span`, if any. */
  find(span: Span): Declared | undefined {
    const entries = this.byFile.get(span.file) ?? [];
    let lo = 0;
    let hi = entries.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid]!.span.start <= span.start) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const e = entries[best];
    return e && within(span, e.span) ? e.declared : undefined;
  }
}

function purposesOfSystemSpan(ctx: RegisterContext, system: System, span: Span): string[] {
  const { relations } = ctx;
  for (const store of system.stores) {
    if (!within(span, store.span)) continue;
    const items = relations.storedByStore.get(store) ?? [];
    const pointed = items.find((i) => within(span, store.data.find((d) => d.id === i.data)?.span));
    return pointed ? pointed.purposes : items.flatMap((i) => i.purposes);
  }
  return relations.purposesOfSystem(system.id);
}

/** Ids of the purposes a finding at `span` bears on (possibly none). */
export function purposesOfSpan(ctx: RegisterContext, span: Span): string[] {
  const found = ctx.declarations.find(span);
  if (!found) return [];
  switch (found.kind) {
    case "system":
      return purposesOfSystemSpan(ctx, found.node, span);
    case "flow":
      return purposesCarriedBy(ctx, found.node); // its own purposes, and those whose data it carries
    case "purpose":
      return [found.node.id];
    case "data":
      return ctx.declarations.purposesByData.get(found.node.id) ?? [];
    case "subject":
      return ctx.declarations.purposesBySubject.get(found.node.id) ?? [];
    case "organization":
      return ctx.model.purposes.map((p) => p.id);
  }
}

/** A finding as the register files it: `ref` ("error transfer-without-mechanism (line 76)", naming the file
 *  when the finding is in an imported one: "(shared/vendors.flow line 12)"), its message and, for an
 *  accepted risk, the reason the organization gave (Art. 5(2)). */
export function registerFinding(d: Diagnostic, modelFile: string, activities: string[]): RegisterFinding {
  const place = d.span.file === modelFile ? `line ${d.span.line}` : `${d.span.file} line ${d.span.line}`;
  const severity = d.suppressed ? "accepted" : d.severity;
  return {
    ref: `${severity} ${d.code} (${place})`,
    severity,
    code: d.code,
    place,
    message: d.message,
    ...(d.suppressed ? { reason: d.suppressed.reason } : {}),
    activities,
  };
}

/** What an activity's findings cell says of one finding: its ref (the message is in the findings list, once),
 *  and for an accepted risk the reason, which stays on record with the activity. */
export function findingCellLine(f: RegisterFinding): string {
  return f.reason === undefined ? f.ref : `${f.ref}, reason: ${f.reason}`;
}

/** The message, and an accepted risk's reason: what the findings list gives after the ref. */
export function findingText(f: RegisterFinding): string {
  return `${f.message}${f.reason === undefined ? "" : `; accepted, reason: ${f.reason}`}`;
}

export interface AssignedFindings {
  byPurpose: Map<string, Diagnostic[]>;
  unassigned: Diagnostic[];
}

export function assignFindings(ctx: RegisterContext, purposes: readonly Purpose[]): AssignedFindings {
  const byPurpose = new Map<string, Diagnostic[]>(purposes.map((p) => [p.id, []]));
  const unassigned: Diagnostic[] = [];
  for (const d of [...ctx.result.diagnostics, ...ctx.result.accepted]) {
    // A finding that names several places of one problem bears on the activities of each.
    const spans = [d.span, ...d.related.filter((r) => r.occurrence).map((r) => r.span)];
    const ids = spans.flatMap((s) => purposesOfSpan(ctx, s)).filter((id) => byPurpose.has(id));
    if (!ids.length) unassigned.push(d);
    for (const id of new Set(ids)) byPurpose.get(id)!.push(d);
  }
  return { byPurpose, unassigned };
}
