/** The load stage's host for the editor: a file open in the editor is read as its current text
 *  (unsaved edits and all); any other file is read from the disk exactly as `check` reads it. */
import type { SourceHost } from "../project/host.js";
import { displayFrom } from "../project/host.js";
import { nodeHost } from "../cli/node-host.js";

export interface OpenDocuments {
  /** The current text of an open document, by absolute path; undefined when it is not open. */
  textOf(path: string): string | undefined;
}

/** Like `memoryHost` for the open documents, `nodeHost` for the rest; paths are displayed relative
 *  to the workspace folder, as `flowmap check` run there shows them. */
export function editorHost(open: OpenDocuments, options: { cwd: string; maxFileBytes?: number }): SourceHost {
  const disk = nodeHost({ cwd: options.cwd, maxFileBytes: options.maxFileBytes });
  return {
    read(path) {
      const text = open.textOf(path);
      return text === undefined ? disk.read(path) : { kind: "text", text };
    },
    identity: (path) => disk.identity(path),
    workspaceRoot: (path) => disk.workspaceRoot(path),
    display: (path) => displayFrom(options.cwd, path),
  };
}
