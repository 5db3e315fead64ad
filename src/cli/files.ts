/** File system edges of the CLI: finding .flow files, and writing outputs atomically. */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

/** `.flow` files under the given paths (files as given, directories recursively), sorted, and
 *  what could not be read: a directory that cannot be listed, a `.flow` entry that is not a regular
 *  file (a pipe would block the read forever, a link to a device would never end). */
export function collectFlowFiles(paths: string[]): { files: string[]; missing: string[]; unreadable: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const unreadable: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push(`cannot read directory ${displayPath(dir)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".flow")) add(p, entry.isFile());
    }
  };
  const add = (p: string, regular?: boolean) => {
    if (regular) return void files.add(p);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory() && regular === undefined) return walk(p);
    if (st?.isFile()) return void files.add(p);
    if (!st) missing.push(p);
    else unreadable.push(`${displayPath(p)} is not a regular file (a pipe, device or socket); it is not read`);
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") missing.push(p);
      else unreadable.push(`cannot read ${p}: ${code ?? (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else add(p, st.isFile());
  }
  return { files: [...files].sort(), missing, unreadable };
}

/** Paths as users and CI see them: relative to the working directory, with `/`. */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), p) || p;
  return rel.split(sep).join("/");
}

/** Write via a temporary file and rename, so a failed run never leaves a half-written output. */
export function writeAtomic(path: string, content: string): void {
  writeAllAtomic([[path, content]]);
}

/** Write several files so that a failure writes none of them: every temporary file is written
 *  first, and only then renamed into place. */
export function writeAllAtomic(files: Iterable<[string, string]>): void {
  const staged: Array<[string, string]> = [];
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(path), { recursive: true });
      // Renaming onto a directory fails only at the end, after other outputs were replaced: refuse now.
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`EISDIR: ${path} is a directory`);
      const tmp = `${path}.${process.pid}.tmp`;
      staged.push([tmp, path]);
      writeFileSync(tmp, content);
    }
  } catch (e) {
    for (const [tmp] of staged) rmSync(tmp, { force: true });
    throw e;
  }
  for (const [tmp, path] of staged) renameSync(tmp, path);
}

export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
