/** Several workspace folders, open files outside them and unsaved buffers: each file belongs to one
 *  scope, and each scope is one analysis (analysis.ts: the load stage and `check`'s pipeline), as
 *  `flowmap check` run in that folder would see it.
 *  - a folder: the .flow files under it (under its config's `models` directory when it names one),
 *    and the open files in it, with its own flowmap.config.json (found upward from the folder);
 *    a file in two folders (one inside the other) belongs to the nearest, the inner one;
 *  - files open outside every folder: grouped by the directory of their config (found upward from
 *    each file), or by their own directory when they have none;
 *  - unsaved buffers: one scope, the default config, nothing read from the disk (unsaved.ts).
 *  A file's findings are published from the scope it belongs to; only a file no scope of its own
 *  loads (a file outside every folder, reached by an import) shows what the scopes importing it
 *  found, each finding once. So a finding of one folder never shows in another's files. */
import { dirname } from "node:path";
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { findConfig } from "../cli/config.js";
import { isInside } from "../project/host.js";
import { analyse, defaultSettings, type Analysis, type WorkspaceConfig } from "./analysis.js";
import type { OpenDocuments } from "./host.js";
import { toLspDiagnostic } from "./convert.js";
import { isUnsavedPath, unsavedHost } from "./unsaved.js";

export interface Scope {
  /** `folder <root>`, `loose <dir>` or `unsaved`. */
  key: string;
  kind: "folder" | "loose" | "unsaved";
  /** Where paths are shown from (as `check` run there shows them). */
  root: string;
  settings: WorkspaceConfig;
  /** The files this scope checks (absolute, sorted); what they import is loaded too. */
  entries: string[];
}

export interface Plan {
  scopes: Scope[];
  /** Every entry file, by the key of the scope it belongs to. */
  owner: Map<string, string>;
  folders: readonly string[];
}

export interface PlanInput {
  /** The workspace folders, absolute. */
  folders: readonly string[];
  /** The open .flow documents on disk (absolute paths). */
  open: readonly string[];
  /** The paths standing for the open unsaved buffers of the flow language. */
  unsaved: readonly string[];
  /** The .flow files under a directory (as `flowmap check <dir>` finds them). */
  scan: (dir: string) => string[];
  /** The settings in force for a directory (its config, found upward). */
  settingsOf: (dir: string) => WorkspaceConfig;
}

const folderKey = (root: string) => `folder ${root}`;

/** The folder `abs` is in: the nearest (deepest) one, or undefined. */
export function folderOf(folders: readonly string[], abs: string): string | undefined {
  let best: string | undefined;
  for (const f of folders) if (isInside(f, abs) && (best === undefined || f.length > best.length)) best = f;
  return best;
}

export function planScopes(input: PlanInput): Plan {
  const folders = [...new Set(input.folders)].sort();
  const owner = new Map<string, string>();
  const scopes = new Map<string, Scope>();
  const entry = (scope: Scope, abs: string) => {
    if (owner.has(abs)) return;
    owner.set(abs, scope.key);
    scope.entries.push(abs);
  };
  for (const root of folders) {
    const settings = input.settingsOf(root);
    scopes.set(folderKey(root), { key: folderKey(root), kind: "folder", root, settings, entries: [] });
  }
  for (const root of folders) {
    const scope = scopes.get(folderKey(root))!;
    // A file under the models directory that is in another folder is that folder's; one outside
    // every folder (a `models` directory beside the folder) is the first folder's that names it.
    for (const abs of input.scan(scope.settings.modelsDir ?? root)) {
      const in_ = folderOf(folders, abs);
      if (in_ === undefined || in_ === root) entry(scope, abs);
    }
  }
  for (const abs of [...input.open].sort()) {
    if (owner.has(abs)) continue;
    const folder = folderOf(folders, abs);
    if (folder !== undefined) {
      entry(scopes.get(folderKey(folder))!, abs);
      continue;
    }
    const config = findConfig(dirname(abs));
    const dir = config ? dirname(config) : dirname(abs);
    const key = `loose ${dir}`;
    let scope = scopes.get(key);
    if (!scope) scopes.set(key, (scope = { key, kind: "loose", root: dir, settings: input.settingsOf(dir), entries: [] }));
    entry(scope, abs);
  }
  if (input.unsaved.length) {
    const scope: Scope = { key: "unsaved", kind: "unsaved", root: process.cwd(), settings: defaultSettings(), entries: [] };
    scopes.set(scope.key, scope);
    for (const abs of [...input.unsaved].sort()) entry(scope, abs);
  }
  for (const s of scopes.values()) s.entries.sort();
  return { scopes: [...scopes.values()], owner, folders };
}

/** What the last analyses were, and which documents changed since. */
export interface Since {
  plan: Plan;
  analyses: Map<string, Analysis>;
  changed: ReadonlySet<string>;
}

/** One analysis per scope; a scope whose check fails outright is logged and left out, the others
 *  are still shown. With `since`, a scope keeps its last analysis when it checks the same entries
 *  with the same settings and none of the files it read changed (typing in one folder does not
 *  check every folder again); a scope with an import it could not load is checked again, as the
 *  file may just have been opened. */
export function analyseScopes(plan: Plan, open: OpenDocuments, log: (what: string, e: unknown) => void, since?: Since): Map<string, Analysis> {
  const out = new Map<string, Analysis>();
  // A folder's files never read an unsaved buffer, whatever path they spell.
  const files: OpenDocuments = { textOf: (p) => (isUnsavedPath(p) ? undefined : open.textOf(p)) };
  for (const s of plan.scopes) {
    const kept = since && unchanged(s, since);
    if (kept) {
      out.set(s.key, kept);
      continue;
    }
    try {
      out.set(s.key, s.kind === "unsaved" ? analyse(s.root, s.entries, open, s.settings, unsavedHost(open)) : analyse(s.root, s.entries, files, s.settings));
    } catch (e) {
      log(`checking ${s.kind === "unsaved" ? "the unsaved buffers" : s.root}`, e);
    }
  }
  return out;
}

function unchanged(s: Scope, since: Since): Analysis | undefined {
  const last = since.analyses.get(s.key);
  const before = since.plan.scopes.find((p) => p.key === s.key);
  if (!last || !before || before.entries.length !== s.entries.length || before.entries.some((e, i) => e !== s.entries[i])) return undefined;
  if (JSON.stringify(before.settings) !== JSON.stringify(s.settings)) return undefined;
  for (const p of since.changed) if (last.project.files.has(p)) return undefined;
  for (const f of last.project.files.values()) if (f.imports.some((e) => e.missing && !e.target)) return undefined;
  return last;
}

/** The scope a file belongs to: the one it is an entry of, else the folder it is in. */
function scopeKeyOf(plan: Plan, abs: string): string | undefined {
  const key = plan.owner.get(abs);
  if (key !== undefined) return key;
  const folder = folderOf(plan.folders, abs);
  return folder === undefined ? undefined : folderKey(folder);
}

/** The analysis that answers requests about `abs`: its own scope's, else the first that loaded it. */
export function analysisOf(plan: Plan | undefined, analyses: Map<string, Analysis>, abs: string): Analysis | undefined {
  if (!plan) return undefined;
  const key = scopeKeyOf(plan, abs);
  const own = key === undefined ? undefined : analyses.get(key);
  if (own?.project.files.has(abs)) return own;
  for (const a of analyses.values()) if (a.project.files.has(abs)) return a;
  return undefined;
}

/** Every analysis that loaded `abs` (its own scope's first): references and rename reach the files
 *  of other folders that import it. */
export function analysesOf(plan: Plan | undefined, analyses: Map<string, Analysis>, abs: string): Analysis[] {
  const first = analysisOf(plan, analyses, abs);
  if (!first) return [];
  return [first, ...[...analyses.values()].filter((a) => a !== first && a.project.files.has(abs))];
}

/** What to publish: the findings of each file (absolute path) from the scope it belongs to, and
 *  each scope's config problem on its config file. */
export function findingsByFile(plan: Plan, analyses: Map<string, Analysis>): Map<string, LspDiagnostic[]> {
  const next = new Map<string, LspDiagnostic[]>();
  const seen = new Map<string, Set<string>>();
  const add = (abs: string, d: LspDiagnostic) => {
    const key = `${String(d.code)}\u0000${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}\u0000${d.message}`;
    let keys = seen.get(abs);
    if (!keys) seen.set(abs, (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    const list = next.get(abs);
    if (list) list.push(d);
    else next.set(abs, [d]);
  };
  for (const [key, a] of analyses) {
    const absOf = (display: string) => a.files.get(display)?.abs;
    for (const f of a.project.files.values()) {
      const own = scopeKeyOf(plan, f.abs);
      // Its own scope speaks for it when it loaded it; the others only for a file no scope owns.
      if (own !== undefined && own !== key && analyses.get(own)?.project.files.has(f.abs)) continue;
      for (const d of a.byFile.get(f.path) ?? []) add(f.abs, toLspDiagnostic(d, absOf));
    }
    if (a.configProblem) {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
      add(a.configProblem.path, { range, severity: 1, source: "flowmap", code: "config", message: `${a.configProblem.message}\n(the defaults are used until it is fixed)` });
    }
  }
  return next;
}
