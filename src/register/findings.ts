/** The checker's findings, assigned to the processing activities they bear on, by where they point:
 *  - inside a `stores` line: the purposes that line's data is kept for (of the one data reference it
 *    points at, when it points at one);
 *  - elsewhere inside a system: every purpose the system serves (flows touch it or it stores for it);
 *  - inside a flow: the flow's purposes;
 *  - inside a purpose: that purpose;
 *  - inside a data category or data subject: the purposes that declare it;
 *  - inside the organization: every purpose (it is column (a) of every row).
 *  Anything else (the model header, unused declarations, flows serving no purpose) is tied to no activity. */
import type { Diagnostic, Span } from "../diagnostics.js";
import type { Purpose } from "../model/model.js";
import type { RegisterContext } from "./context.js";

function within(inner: Span, outer: Span | undefined): boolean {
  return !!outer && inner.file === outer.file && inner.start >= outer.start && inner.end <= outer.end;
}

function purposesOfSystemSpan(ctx: RegisterContext, span: Span): string[] | undefined {
  const { relations, model } = ctx;
  for (const system of model.systems) {
    if (!within(span, system.spans.declaration ?? system.span)) continue;
    for (const store of system.stores) {
      if (!within(span, store.span)) continue;
      const items = relations.stored.filter((i) => i.store === store);
      const pointed = items.find((i) => within(span, store.data.find((d) => d.id === i.data)?.span));
      return pointed ? pointed.purposes : items.flatMap((i) => i.purposes);
    }
    return model.purposes.filter((p) => relations.systemsOfPurpose(p.id).includes(system)).map((p) => p.id);
  }
  return undefined;
}

/** Ids of the purposes a finding at `span` bears on (possibly none). */
export function purposesOfSpan(ctx: RegisterContext, span: Span): string[] {
  const { model } = ctx;
  const inSystem = purposesOfSystemSpan(ctx, span);
  if (inSystem) return inSystem;
  const flow = model.flows.find((f) => within(span, f.spans.declaration ?? f.span));
  if (flow) return flow.purposes.map((r) => r.id);
  const purpose = model.purposes.find((p) => within(span, p.spans.declaration ?? p.span));
  if (purpose) return [purpose.id];
  const data = model.data.find((d) => within(span, d.spans.declaration ?? d.span));
  if (data) return model.purposes.filter((p) => p.data.some((r) => r.id === data.id)).map((p) => p.id);
  const subject = model.subjects.find((s) => within(span, s.spans.declaration ?? s.span));
  if (subject) return model.purposes.filter((p) => p.subjects.some((r) => r.id === subject.id)).map((p) => p.id);
  const org = model.organization;
  if (org && within(span, org.spans.declaration ?? org.span)) return model.purposes.map((p) => p.id);
  return [];
}

/** "error transfer-without-mechanism (line 76): transfer from ..." */
export function findingText(d: Diagnostic): string {
  return `${d.severity} ${d.code} (line ${d.span.line}): ${d.message}`;
}

export interface AssignedFindings {
  byPurpose: Map<string, Diagnostic[]>;
  unassigned: Diagnostic[];
}

export function assignFindings(ctx: RegisterContext, purposes: readonly Purpose[]): AssignedFindings {
  const byPurpose = new Map<string, Diagnostic[]>(purposes.map((p) => [p.id, []]));
  const unassigned: Diagnostic[] = [];
  for (const d of ctx.result.diagnostics) {
    const ids = purposesOfSpan(ctx, d.span).filter((id) => byPurpose.has(id));
    if (!ids.length) unassigned.push(d);
    for (const id of new Set(ids)) byPurpose.get(id)!.push(d);
  }
  return { byPurpose, unassigned };
}
