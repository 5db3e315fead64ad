/** What the loader asks of the file system, so that loading stays a pure function of its answers:
 *  the CLI answers from the disk (src/cli/node-host.ts), tests and `checkSource` from memory. */
import { dirname, relative, resolve, sep } from "node:path";

export type ReadOutcome =
  | { kind: "file"; bytes: Uint8Array }
  /** Text already decoded (a string held in memory): read as it is, offsets and all. */
  | { kind: "text"; text: string }
  | { kind: "missing" }
  | { kind: "directory" }
  /** A FIFO, a device, a socket: reading one can block forever or never end. */
  | { kind: "not-regular" }
  | { kind: "too-large"; size: number; limit: number }
  /** An I/O failure (permission denied, I/O error), by its errno code. */
  | { kind: "error"; code: string };

export interface SourceHost {
  /** The bytes at an absolute path, or why there are none. */
  read(path: string): ReadOutcome;
  /** The file's identity (its real path: links resolved, the file system's own spelling), to tell
   *  one file reached by two spellings. */
  identity(path: string): string;
  /** The workspace root of a file: imports may not leave it. */
  workspaceRoot(path: string): string;
  /** The path as users and CI see it (relative to the working directory, with `/`). */
  display(path: string): string;
}

/** Paths as users and CI see them: relative to `cwd`, with `/`. */
export function displayFrom(cwd: string, p: string): string {
  const rel = relative(cwd, p) || p;
  return rel.split(sep).join("/");
}

/** Whether `path` is `root` or inside it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** A host over files held in memory, keyed by paths relative to `cwd` (or absolute). The workspace
 *  root is `cwd`; identities are the paths themselves unless `aliases` maps a path to another's. */
export function memoryHost(files: Record<string, string | Uint8Array>, options: { cwd?: string; aliases?: Record<string, string> } = {}): SourceHost {
  const cwd = options.cwd ?? process.cwd();
  const byPath = new Map<string, string | Uint8Array>();
  const dirs = new Set<string>();
  for (const [p, content] of Object.entries(files)) {
    const abs = resolve(cwd, p);
    byPath.set(abs, content);
    for (let d = dirname(abs); !dirs.has(d); d = dirname(d)) {
      dirs.add(d);
      if (dirname(d) === d) break;
    }
  }
  const aliases = new Map(Object.entries(options.aliases ?? {}).map(([a, b]) => [resolve(cwd, a), resolve(cwd, b)]));
  return {
    read(path) {
      const real = aliases.get(path) ?? path;
      const content = byPath.get(real);
      if (typeof content === "string") return { kind: "text", text: content };
      if (content) return { kind: "file", bytes: content };
      return dirs.has(real) ? { kind: "directory" } : { kind: "missing" };
    },
    identity: (path) => aliases.get(path) ?? path,
    workspaceRoot: () => cwd,
    display: (path) => displayFrom(cwd, path),
  };
}
