/** Reading and checking a set of .flow files: the part every command shares. */
import { readFileSync } from "node:fs";
import { checkSource, type CheckResult } from "../check/index.js";
import type { SourceFile } from "../syntax/source.js";
import { applyConfig, type Config } from "./config.js";
import { collectFlowFiles, displayPath } from "./files.js";
import { sortDiagnostics } from "../diagnostics.js";

export class InputError extends Error {}

export interface Checked {
  path: string;
  result: CheckResult;
}

export function checkFiles(paths: string[], config: Config): { checked: Checked[]; sources: Map<string, SourceFile> } {
  const { files, missing } = collectFlowFiles(paths);
  if (missing.length) throw new InputError(`no such file or directory: ${missing.join(", ")}`);
  if (!files.length) throw new InputError(`no .flow files in ${paths.join(", ")}`);
  const checked: Checked[] = [];
  const sources = new Map<string, SourceFile>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const path = displayPath(file);
    const result = checkSource(path, text);
    result.diagnostics = sortDiagnostics(applyConfig(result.diagnostics, config));
    checked.push({ path, result });
    sources.set(path, result.source);
  }
  return { checked, sources };
}

export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, "").replace(/\.flow$/, "");
}
