/** File system edges of the CLI: finding .flow files, and writing outputs atomically. */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { displayFrom } from "../project/host.js";

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
  return displayFrom(process.cwd(), p);
}

/** Writes `content` to `path` and flushes it to disk before returning. */
export function writeDurably(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, "w");
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Write via a hidden temporary file, flushed to disk, then renamed over `path`: a failed or
 *  killed run never leaves a half-written output. A temporary file a killed run left for the same
 *  output is removed first. */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
  const base = basename(path);
  const stale = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.flowmap-(\\d+)\\.tmp$`);
  for (const name of readdirSync(dir)) {
    const m = stale.exec(name);
    if (m && !isRunning(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
  const tmp = join(dir, `.${base}.flowmap-${process.pid}.tmp`);
  try {
    writeDurably(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Whether process `pid` still runs (its temporary files are not debris yet). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** An I/O failure as one line: "cannot write out/x.svg: EACCES (permission denied)". */
export function ioMessage(action: string, path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: "permission denied", EPERM: "operation not permitted", EROFS: "read-only file system", EISDIR: "it is a directory",
    ENOTDIR: "a part of the path is not a directory", ENOSPC: "no space left on the device", EDQUOT: "disk quota exceeded", ENOENT: "no such file or directory",
  };
  return `cannot ${action} ${displayPath(path)}: ${code ? `${code}${why[code] ? ` (${why[code]})` : ""}` : (e as Error).message}`;
}

/** The names in a directory, or none when it cannot be listed (it does not exist yet). */
export function listing(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
