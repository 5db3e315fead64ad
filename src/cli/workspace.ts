/** Reading and checking a set of .flow files: the part every command shares. The files given and
 *  what they import are loaded once; each model (a file with an organization or `model` header)
 *  is checked with its imports, and each library that no given model imports is checked alone. */
import { checkEntry, type CheckResult } from "../check/index.js";
import { referenceToday } from "../check/catalogue-notes.js";
import type { SourceFile } from "../syntax/source.js";
import { loadProject, type LoadedFile, type Project } from "../project/load.js";
import { applyConfig, type Config } from "./config.js";
import { collectFlowFiles } from "./files.js";
import { nodeHost } from "./node-host.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostics.js";

export class InputError extends Error {}

export interface Checked {
  /** The entry file, as users see it. */
  path: string;
  result: CheckResult;
}

export interface Workspace {
  /** Every model and every library checked alone, in path order. */
  checked: Checked[];
  /** The models (not libraries): what render, register and build write outputs for. */
  models: Checked[];
  /** The findings of every file, each once, sorted. */
  diagnostics: Diagnostic[];
  /** The accepted findings (inline suppressions with a reason), each once, sorted. */
  accepted: Diagnostic[];
  /** Every file read (given or imported), by display path. */
  sources: Map<string, SourceFile>;
}

/** `today` (the default): vendor entries age against today's date, as `flowmap check` and the
 *  language server report. Commands that write outputs turn it off, so that the same input gives the
 *  same bytes on any day; SOURCE_DATE_EPOCH, when set, is the reference date for every command. */
export interface CheckOptions {
  today?: boolean;
}

export function checkFiles(paths: string[], config: Config, options: CheckOptions = {}): Workspace {
  const { files, missing, unreadable } = collectFlowFiles(paths);
  if (missing.length) throw new InputError(`no such file or directory: ${missing.join(", ")}`);
  if (unreadable.length) throw new InputError(unreadable.join("; "));
  if (!files.length) throw new InputError(`no .flow files in ${paths.join(", ")}`);
  return checkProject(loadProject(files, nodeHost({ maxFileBytes: config.maxFileBytes })), config, "", options);
}

/** The entries of a loaded project checked, whatever host read them (the disk, or a git revision
 *  for `flowmap diff`): each model with its imports, each library no model imports on its own. */
export function checkProject(project: Project, config: Config, prefix = "", checkOptions: CheckOptions = {}): Workspace {
  const entries = project.entries.map((e) => project.files.get(e)!);
  const failed = entries.find((f) => f.unreadable && f.unreadable.kind !== "too-large");
  if (failed) throw new InputError(`${prefix}cannot read ${failed.path}: ${describeUnreadable(failed)}`);
  const checked: Checked[] = [];
  const inScope = new Set<string>();
  // Vendor entries age against SOURCE_DATE_EPOCH's day, else today's for `check`, else the model's own date.
  const options = { now: referenceToday(checkOptions.today ?? true), catalogueMaxAgeMonths: config.catalogueMaxAgeMonths };
  const check = (f: LoadedFile) => {
    const result = checkEntry(project, f.abs, options);
    configure(result, config);
    for (const p of result.files) inScope.add(p);
    checked.push({ path: f.path, result });
  };
  for (const f of entries) if (f.isRoot) check(f);
  for (const f of entries) if (!f.isRoot && !inScope.has(f.path)) check(f);
  checked.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sources = new Map<string, SourceFile>();
  for (const c of checked) for (const [p, s] of c.result.sources) sources.set(p, s);
  return {
    checked, models: checked.filter((c) => !c.result.library), sources,
    diagnostics: combine(checked, (r) => r.diagnostics), accepted: combine(checked, (r) => r.accepted),
  };
}

function configure(result: CheckResult, config: Config): void {
  result.diagnostics = sortDiagnostics(applyConfig(result.diagnostics, config));
  result.accepted = sortDiagnostics(applyConfig(result.accepted, config));
}

function describeUnreadable(f: LoadedFile): string {
  const u = f.unreadable!;
  if (u.kind === "not-regular") return "not a regular file (a pipe, device or socket)";
  if (u.kind === "directory") return "a directory";
  if (u.kind === "error") return u.code;
  return u.kind;
}

/** Each finding once: a library's findings come from every model that imports it. An unused
 *  suppression in a shared file is unused only when it is unused in every model that reads it. */
function combine(checked: Checked[], pick: (r: CheckResult) => Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, { d: Diagnostic; count: number }>();
  const readers = new Map<string, number>();
  for (const c of checked) {
    // Only a model whose rules ran can call a suppression unused.
    if (c.result.complete && !c.result.library) for (const p of c.result.files) readers.set(p, (readers.get(p) ?? 0) + 1);
    for (const d of pick(c.result)) {
      // One place, one rule, one finding: models may word it differently (the systems each uses).
      const key = `${d.code}\u0000${d.span.file}\u0000${d.span.start}\u0000${d.span.end}`;
      const found = seen.get(key);
      if (found) found.count++;
      else seen.set(key, { d, count: 1 });
    }
  }
  const out: Diagnostic[] = [];
  for (const { d, count } of seen.values()) {
    if (d.code === "unused-suppression" && count < (readers.get(d.span.file) ?? 0)) continue;
    out.push(d);
  }
  return sortDiagnostics(out);
}

export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, "").replace(/\.flow$/, "");
}
