/** The loader's file system on disk: only regular files are read, under a size limit, and the
 *  workspace root is the nearest directory holding flowmap.config.json or .git. */
import { closeSync, existsSync, fstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, join, parse } from "node:path";
import { displayFrom, type ReadOutcome, type SourceHost } from "../project/host.js";
import { configFileName } from "./config.js";

/** 64 MB: some thirty times the largest model measured (bench/), far below what exhausts memory. */
export const defaultMaxFileBytes = 64 * 1024 * 1024;

/** Reads a regular file of at most `limit` bytes; never blocks on a pipe or reads a device. */
export function readRegularFile(path: string, limit: number): ReadOutcome {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    return code === "ENOENT" || code === "ENOTDIR" ? { kind: "missing" } : { kind: "error", code };
  }
  if (st.isDirectory()) return { kind: "directory" };
  if (!st.isFile()) return { kind: "not-regular" };
  if (st.size > limit) return { kind: "too-large", size: st.size, limit };
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    if (size > limit) return { kind: "too-large", size, limit };
    // One byte more than the limit: a file that grew since the stat is caught, not read to its end.
    const buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
    let read = 0;
    for (;;) {
      const n = readSync(fd, buffer, read, buffer.length - read, null);
      if (n === 0) break;
      read += n;
      if (read === buffer.length) {
        if (read > limit) return { kind: "too-large", size: read, limit };
        break;
      }
    }
    return { kind: "file", bytes: buffer.subarray(0, read) };
  } catch (e) {
    return { kind: "error", code: (e as NodeJS.ErrnoException).code ?? "EIO" };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function nodeHost(options: { maxFileBytes?: number; cwd?: string } = {}): SourceHost {
  const cwd = options.cwd ?? process.cwd();
  const limit = options.maxFileBytes ?? defaultMaxFileBytes;
  const roots = new Map<string, string>();
  const rootOf = (dir: string): string => {
    const known = roots.get(dir);
    if (known) return known;
    let root: string;
    if (existsSync(join(dir, configFileName)) || existsSync(join(dir, ".git"))) root = dir;
    else if (dirname(dir) === dir) root = "";
    else root = rootOf(dirname(dir));
    roots.set(dir, root);
    return root;
  };
  return {
    read: (path) => readRegularFile(path, limit),
    identity(path) {
      try {
        return realpathSync.native(path);
      } catch {
        return path;
      }
    },
    workspaceRoot(path) {
      // No marker above the file: nothing says where the workspace ends, so imports are not
      // confined (the same wherever flowmap runs from).
      return rootOf(dirname(path)) || parse(path).root;
    },
    display: (path) => displayFrom(cwd, path),
  };
}
