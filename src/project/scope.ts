/** A model's scope: its entry file and everything it imports, transitively.
 *
 *  - The declarations read as if each imported file were written where it is first imported
 *    (its `model` header aside: the entry's header describes the model), so a model split over
 *    files reads, is checked, drawn and recorded as the one file it was.
 *  - A library (a file without an organization) is a shared catalogue: its flows belong to every
 *    model that imports it, but its subjects, data, purposes and systems enter a model only when
 *    the model uses them (see `usedPart`), so a group's shared vendor file does not put every
 *    vendor on every company's map and register. */
import type { Declaration, FlowFile } from "../syntax/ast.js";
import type { Model } from "../model/model.js";
import { relationsOf } from "../model/relations.js";
import type { LoadedFile, Project } from "./load.js";

export interface Scope {
  entry: LoadedFile;
  /** The files in scope, in reading order, the entry first. */
  files: LoadedFile[];
  /** The declarations of every file in scope, spliced in reading order (imports left out). */
  file: FlowFile;
  /** An import in scope could not be followed: names it would declare are unknown. */
  missingImports: boolean;
}

export function scopeOf(project: Project, entryAbs: string): Scope {
  const entry = project.files.get(entryAbs)!;
  const files: LoadedFile[] = [];
  const declarations: Declaration[] = [];
  const visited = new Set<string>();
  let missingImports = false;
  const visit = (f: LoadedFile) => {
    visited.add(f.abs);
    files.push(f);
    let next = 0;
    for (const d of f.file.declarations) {
      if (d.kind !== "import") {
        if (d.kind !== "model" || f === entry) declarations.push(d);
        continue;
      }
      const edge = f.imports[next++];
      if (!edge || edge.declaration !== d) continue;
      if (edge.missing) missingImports = true;
      const target = edge.target ? project.files.get(edge.target) : undefined;
      if (target && !edge.missing && !visited.has(target.abs)) visit(target);
    }
  };
  visit(entry);
  return { entry, files, file: { path: entry.path, declarations, comments: [] }, missingImports };
}

/** The part of a model its entry file uses: everything declared in the entry, every flow, and,
 *  from imported files, the subjects, data, purposes and systems something in that part refers to
 *  (transitively; a `stores` line without purposes uses the purposes inferred for it). */
export function usedPart(model: Model, entryPath: string): Model {
  const own = (n: { span: { file: string } }) => n.span.file === entryPath;
  if ([...model.subjects, ...model.data, ...model.purposes, ...model.systems].every(own)) return model;
  const relations = relationsOf(model);
  const used = { subject: new Set<string>(), data: new Set<string>(), purpose: new Set<string>(), system: new Set<string>() };
  const systemQueue: string[] = [];
  const purposeQueue: string[] = [];
  const useSystem = (id: string) => {
    if (!used.system.has(id)) {
      used.system.add(id);
      systemQueue.push(id);
    }
  };
  const usePurpose = (id: string) => {
    if (!used.purpose.has(id)) {
      used.purpose.add(id);
      purposeQueue.push(id);
    }
  };
  for (const s of model.subjects) if (own(s)) used.subject.add(s.id);
  for (const d of model.data) if (own(d)) used.data.add(d.id);
  for (const p of model.purposes) if (own(p)) usePurpose(p.id);
  for (const s of model.systems) if (own(s)) useSystem(s.id);
  for (const f of model.flows) {
    useSystem(f.from.id);
    useSystem(f.to.id);
    for (const r of f.data) used.data.add(r.id);
    for (const r of f.purposes) usePurpose(r.id);
  }
  while (systemQueue.length || purposeQueue.length) {
    const sid = systemQueue.pop();
    if (sid !== undefined) {
      const system = relations.systems.get(sid);
      if (!system) continue;
      if (system.operator?.of) useSystem(system.operator.of.id);
      for (const store of system.stores) {
        for (const r of store.data) used.data.add(r.id);
        for (const item of relations.storedByStore.get(store) ?? []) for (const p of item.purposes) usePurpose(p);
      }
      continue;
    }
    const purpose = relations.purposes.get(purposeQueue.pop()!);
    if (!purpose) continue;
    for (const r of purpose.subjects) used.subject.add(r.id);
    for (const r of purpose.data) used.data.add(r.id);
  }
  return {
    ...model,
    subjects: model.subjects.filter((s) => used.subject.has(s.id)),
    data: model.data.filter((d) => used.data.has(d.id)),
    purposes: model.purposes.filter((p) => used.purpose.has(p.id)),
    systems: model.systems.filter((s) => used.system.has(s.id)),
  };
}
