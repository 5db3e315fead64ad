/** Unsaved buffers (`untitled:` documents): checked like a file with no folder. The load stage
 *  wants an absolute path, so each buffer gets one that stands for its URI and names no file on
 *  disk; a host reads only the buffers, never the disk, so an import from a buffer finds nothing,
 *  and that finding says why (the buffer has no folder), not "no file /<unsaved>/...". */
import { join, parse } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { displayFrom, type SourceHost } from "../project/host.js";
import { importCodes, type LoadedFile, type Project } from "../project/load.js";
import type { OpenDocuments } from "./host.js";

const schemes = ["untitled:"];
/** The directory the buffers' paths are in: a name no one gives a directory, at the root of the
 *  file system the server runs on (so the path is absolute on every platform). */
const unsavedDir = join(parse(process.cwd()).root, "<unsaved>");
const prefix = join(unsavedDir, "x").slice(0, -1);

export const isUnsavedUri = (uri: string): boolean => schemes.some((s) => uri.startsWith(s));

/** The path standing for an unsaved buffer's URI (the URI, encoded, as the file's name). */
export function unsavedPathOf(uri: string): string {
  return prefix + encodeURIComponent(uri);
}

/** The URI an unsaved buffer's path stands for (undefined for any other path). */
export function unsavedUriOf(abs: string): string | undefined {
  const name = abs.startsWith(prefix) ? abs.slice(prefix.length) : "";
  if (!name || name.includes("/") || name.includes("\\")) return undefined;
  try {
    const uri = decodeURIComponent(name);
    return isUnsavedUri(uri) ? uri : undefined;
  } catch {
    return undefined;
  }
}

export const isUnsavedPath = (abs: string): boolean => unsavedUriOf(abs) !== undefined;

/** The load stage's host for unsaved buffers: their current texts and nothing else. A buffer is
 *  shown by its URI (`untitled:Untitled-1`), the name the editor gives it. */
export function unsavedHost(open: OpenDocuments): SourceHost {
  return {
    read(path) {
      const text = isUnsavedPath(path) ? open.textOf(path) : undefined;
      return text === undefined ? { kind: "missing" } : { kind: "text", text };
    },
    identity: (path) => path,
    workspaceRoot: () => unsavedDir,
    display: (path) => unsavedUriOf(path) ?? displayFrom(unsavedDir, path),
  };
}

/** An import in an unsaved buffer leads nowhere: the loader's finding on it (a missing file, or a
 *  path out of the workspace) is said in the buffer's terms, same code, same place. */
export function explainUnsavedImports(project: Project): void {
  for (const f of project.files.values()) {
    if (!isUnsavedPath(f.abs)) continue;
    f.diagnostics = f.diagnostics.map((d) => explained(f, d));
  }
}

function explained(f: LoadedFile, d: Diagnostic): Diagnostic {
  if (d.code !== importCodes.notFound && d.code !== importCodes.outside) return d;
  const edge = f.imports.find((e) => e.declaration.path && e.declaration.path.span.start === d.span.start && e.declaration.path.span.end === d.span.end);
  const spec = edge?.declaration.path?.value;
  // Only a relative .flow path, which the loader resolved and did not find; a path that is not a
  // .flow file, is absolute or uses `\` is the same mistake saved or not, and keeps its message.
  if (!edge || edge.target || !spec || !spec.endsWith(".flow") || /^([\\/]|[A-Za-z]:)/.test(spec) || f.source.text.slice(d.span.start, d.span.end).includes("\\")) return d;
  return {
    ...d,
    message: `\`${spec}\` cannot be imported: this buffer is not saved, so it has no folder for the path to be relative to`,
    help: "save the file in the folder of the files it imports (the names they declare are unknown until then)",
  };
}
