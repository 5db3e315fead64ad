/** One analysis of the workspace: the same load stage, checks, config overrides and suppressions
 *  as `flowmap check` (src/cli/workspace.ts checkProject), read through the editor's host, and the
 *  declarations and references of every file loaded (for definitions, rename and completion). */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { loadProject, type LoadedFile, type Project } from "../project/load.js";
import { checkProject, type Workspace } from "../cli/workspace.js";
import { ConfigError, configSchema, findConfig, loadConfig, type Config } from "../cli/config.js";
import { collectFlowFiles } from "../cli/files.js";
import type { SourceHost } from "../project/host.js";
import { editorHost, type OpenDocuments } from "./host.js";
import { explainUnsavedImports } from "./unsaved.js";
import { indexProject, type SymbolIndex } from "./symbols.js";

export interface Analysis {
  root: string;
  project: Project;
  /** Undefined when the check could not run at all (see `failure`). */
  workspace?: Workspace;
  /** Every file loaded, by the display path its spans name. */
  files: Map<string, LoadedFile>;
  /** The findings of each file (display path), as `check` reports them. */
  byFile: Map<string, Diagnostic[]>;
  index: SymbolIndex;
  /** Why flowmap.config.json could not be used (its defaults are used instead). */
  configProblem?: { path: string; message: string };
  /** An unexpected failure of the check, reported once rather than crashing the server. */
  failure?: string;
}

export interface WorkspaceConfig {
  config: Config;
  /** Where the models are: the config's `models` directory, absolute, when it names one. */
  modelsDir?: string;
  problem?: Analysis["configProblem"];
}

/** The settings of a file with no folder and no config (an unsaved buffer): the defaults. */
export const defaultSettings = (): WorkspaceConfig => ({ config: configSchema().parse({}) });

/** flowmap.config.json, found upward from the workspace folder as `check` finds it from the working
 *  directory; a config that does not read is reported, and the defaults are used meanwhile. */
export function readWorkspaceConfig(root: string): WorkspaceConfig {
  const path = findConfig(root);
  if (!path) return { config: configSchema().parse({}) };
  try {
    const config = loadConfig(path);
    return { config, modelsDir: config.models === undefined ? undefined : resolve(config.models) };
  } catch (e) {
    const message = e instanceof ConfigError ? e.message : String((e as Error)?.message ?? e);
    return { config: configSchema().parse({}), problem: { path: resolve(path), message } };
  }
}

/** The .flow files under `dir` (as `flowmap check <dir>` finds them) and the open documents,
 *  wherever they are. */
export function entriesOf(dir: string | undefined, open: string[]): string[] {
  const found = dir && existsSync(dir) ? collectFlowFiles([dir]).files : [];
  return [...new Set([...found, ...open.filter((p) => p.endsWith(".flow"))])].sort();
}

/** `host`: how files are read (default: the open documents over the disk, shown relative to
 *  `root`); unsaved buffers have their own (unsaved.ts). */
export function analyse(root: string, entries: string[], open: OpenDocuments, settings: WorkspaceConfig = readWorkspaceConfig(root), host?: SourceHost): Analysis {
  const { config, problem } = settings;
  const project = loadProject(entries, host ?? editorHost(open, { cwd: root, maxFileBytes: config.maxFileBytes }));
  explainUnsavedImports(project);
  // An entry that vanished or cannot be read is no reason to show nothing for the others.
  project.entries = project.entries.filter((e) => {
    const u = project.files.get(e)!.unreadable;
    return !u || u.kind === "too-large";
  });
  const files = new Map<string, LoadedFile>();
  for (const f of project.files.values()) files.set(f.path, f);
  let workspace: Workspace | undefined;
  let failure: string | undefined;
  try {
    workspace = checkProject(project, config);
  } catch (e) {
    failure = String((e as Error)?.stack ?? e);
  }
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of workspace?.diagnostics ?? []) {
    const list = byFile.get(d.span.file);
    if (list) list.push(d);
    else byFile.set(d.span.file, [d]);
  }
  return { root, project, workspace, files, byFile, index: indexProject(project, workspace), configProblem: problem, failure };
}
