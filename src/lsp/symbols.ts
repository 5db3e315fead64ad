/** Declarations and references across the loaded files, from the syntax trees the load stage
 *  parsed (no second parser): where each name is declared, every place it is used, and which files
 *  see which (a file sees the files of every model scope it is part of, as `check` splices them). */
import type { Span } from "../diagnostics.js";
import type { Declaration, DeclarationKind, Name } from "../syntax/ast.js";
import type { Project } from "../project/load.js";
import type { Workspace } from "../cli/workspace.js";

export type NamedKind = "organization" | "subject" | "data" | "purpose" | "system" | "vendor";

export interface Declared {
  kind: NamedKind;
  name: string;
  title?: string;
  /** Display path of the declaring file. */
  file: string;
  declaration: Declaration;
  nameSpan: Span;
}

export interface Reference {
  kind: NamedKind;
  name: Name;
  /** Display path of the file the reference is in. */
  file: string;
  /** The declaration the reference stands in. */
  in: Declaration;
}

export interface SymbolIndex {
  declared: Declared[];
  references: Reference[];
  /** Per file (display path): the declarations it holds, in source order. */
  declarationsOf: Map<string, Declaration[]>;
  /** Per file: the files whose names it sees (itself included). */
  visible: Map<string, Set<string>>;
}

const namedKinds: ReadonlySet<string> = new Set(["organization", "subject", "data", "purpose", "system", "vendor"]);

/** The references a declaration makes: which names in which properties refer to which kind. */
export function referencesIn(d: Declaration, push: (kind: NamedKind, name: Name) => void): void {
  if (d.kind === "flow") {
    if (d.from?.text) push("system", d.from);
    if (d.to?.text) push("system", d.to);
  }
  // `system x "X" from <entry>`: a team's `vendor` declaration (else the built-in catalogue's entry).
  if (d.kind === "system" && d.entry?.text) push("vendor", d.entry);
  for (const p of d.properties) {
    const key = p.keyword.text;
    if (p.type === "names") {
      const kind: NamedKind | undefined =
        d.kind === "purpose" ? (key === "subjects" ? "subject" : key === "data" ? "data" : undefined)
        : d.kind === "flow" ? (key === "data" ? "data" : key === "for" ? "purpose" : undefined)
        : undefined;
      if (kind) for (const n of p.names) if (n.text) push(kind, n);
    } else if (p.type === "stores" && d.kind === "system") {
      for (const n of p.data) if (n.text) push("data", n);
      for (const n of p.purposes) if (n.text) push("purpose", n);
    } else if (p.type === "operator" && p.of?.text && d.kind === "system") {
      push("system", p.of);
    }
  }
}

export function indexProject(project: Project, workspace: Workspace | undefined): SymbolIndex {
  const declared: Declared[] = [];
  const references: Reference[] = [];
  const declarationsOf = new Map<string, Declaration[]>();
  for (const f of project.files.values()) {
    declarationsOf.set(f.path, f.file.declarations);
    for (const d of f.file.declarations) {
      if (namedKinds.has(d.kind) && d.name?.text) {
        declared.push({ kind: d.kind as NamedKind, name: d.name.text, title: d.title?.value, file: f.path, declaration: d, nameSpan: d.name.span });
      }
      referencesIn(d, (kind, name) => references.push({ kind, name, file: f.path, in: d }));
    }
  }
  const visible = new Map<string, Set<string>>();
  for (const c of workspace?.checked ?? []) {
    for (const p of c.result.files) {
      let set = visible.get(p);
      if (!set) visible.set(p, (set = new Set([p])));
      for (const q of c.result.files) set.add(q);
    }
  }
  for (const p of declarationsOf.keys()) if (!visible.has(p)) visible.set(p, new Set([p]));
  return { declared, references, declarationsOf, visible };
}

/** The declarations of `kind` named `name` that `file` sees. */
export function resolveName(index: SymbolIndex, file: string, kind: NamedKind, name: string): Declared[] {
  const sees = index.visible.get(file) ?? new Set([file]);
  return index.declared.filter((s) => s.kind === kind && s.name === name && sees.has(s.file));
}

/** The declarations of `kind` that `file` sees (for completion), each name once. */
export function visibleDeclarations(index: SymbolIndex, file: string, kind: NamedKind): Declared[] {
  const sees = index.visible.get(file) ?? new Set([file]);
  const seen = new Set<string>();
  return index.declared.filter((s) => s.kind === kind && sees.has(s.file) && !seen.has(s.name) && (seen.add(s.name), true));
}

export type Target = { declared: Declared } | { reference: Reference };

const within = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

/** The declaration whose span holds `offset` in `file` (binary search: declarations are in order). */
export function declarationAt(index: SymbolIndex, file: string, offset: number): Declaration | undefined {
  const list = index.declarationsOf.get(file) ?? [];
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = list[mid]!;
    if (d.span.end < offset) lo = mid + 1;
    else if (d.span.start > offset) hi = mid - 1;
    else return d;
  }
  return undefined;
}

/** The declared name or the reference at `offset` in `file`. */
export function targetAt(index: SymbolIndex, file: string, offset: number): Target | undefined {
  const d = declarationAt(index, file, offset);
  if (!d) return undefined;
  if (d.name && within(d.name.span, offset) && namedKinds.has(d.kind)) {
    const found = index.declared.find((s) => s.declaration === d);
    if (found) return { declared: found };
  }
  let hit: Reference | undefined;
  referencesIn(d, (kind, name) => {
    if (!hit && within(name.span, offset)) hit = { kind, name, file, in: d };
  });
  return hit ? { reference: hit } : undefined;
}

/** What a target stands for: the declarations it names (one, unless a name is declared twice). */
export function declarationsOfTarget(index: SymbolIndex, t: Target): Declared[] {
  if ("declared" in t) return [t.declared];
  return resolveName(index, t.reference.file, t.reference.kind, t.reference.name.text);
}

/** Every reference to a declaration: the references of its kind and name in files that see it. */
export function referencesTo(index: SymbolIndex, s: Declared): Reference[] {
  return index.references.filter((r) => r.kind === s.kind && r.name.text === s.name && (index.visible.get(r.file)?.has(s.file) ?? r.file === s.file));
}

/** Words for the declaration kinds (a kind added to the language reads as its keyword until named here). */
export const kindLabel: Readonly<Record<string, string>> = {
  import: "import", model: "model", organization: "organization", subject: "data subject", data: "data category",
  purpose: "purpose", system: "system", flow: "flow", vendor: "vendor entry",
};
