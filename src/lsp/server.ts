/** `flowmap lsp`: a Language Server Protocol server on stdio. Every change schedules one analysis
 *  (debounced) of each scope it touches: each workspace folder, the files open outside them, the
 *  unsaved buffers (scopes.ts), each the same check as `flowmap check` (analysis.ts); requests are
 *  answered from the analysis of the document's scope (features.ts). No handler lets an exception out: a failure is logged and the
 *  request gets an empty answer, so no input can stop the server. vscode-languageserver is loaded
 *  here, by `await import`, only when `flowmap lsp` runs. */
import { resolve } from "node:path";
import type { Connection, InitializeParams, InitializeResult, Range, TextDocumentChangeEvent, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { entriesOf, readWorkspaceConfig, type Analysis } from "./analysis.js";
import { offsetAt, pathOf, uriOf } from "./convert.js";
import { analyseScopes, analysesOf, analysisOf, findingsByFile, planScopes, type Plan } from "./scopes.js";
import { isUnsavedPath } from "./unsaved.js";
import {
  actionsFor, analysedFile, completionAt, definitionAt, documentSymbols, formatText, hoverAt, prepareRenameAt, referencesAt, RenameError, renameAt,
  semanticLegend, semanticTokens, workspaceSymbols,
} from "./features.js";
import { builtinCatalogueForEditor as catalogue } from "./catalogue.js";
import { version } from "../package-info.js";

/** How long typing must pause before the workspace is checked again. */
export const debounceMs = 200;

export async function runLanguageServer(): Promise<number> {
  // A CommonJS package: its exports are the default export's properties (named ones where Node's
  // lexer finds them).
  const lsp = (await import("vscode-languageserver/node.js")) as unknown as { default?: typeof import("vscode-languageserver/node.js") } & Partial<typeof import("vscode-languageserver/node.js")>;
  const server = (lsp.createConnection ? lsp : lsp.default!) as typeof import("vscode-languageserver/node.js");
  const { TextDocument: Documents } = await import("vscode-languageserver-textdocument");
  const connection = server.createConnection(server.ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new server.TextDocuments<TextDocument>(Documents);
  const state = new ServerState(connection, documents, server.ResponseError);
  // A bug in a timer or a stream callback is logged; the session goes on.
  process.on("uncaughtException", (e) => state.log("an event", e));
  process.on("unhandledRejection", (e) => state.log("a promise", e));
  state.listen();
  documents.listen(connection);
  connection.listen();
  // The client ends the session (shutdown, exit): the connection's own exit handler ends the process.
  return new Promise<number>(() => {});
}

class ServerState {
  /** The workspace folders (absolute paths), as the client names them at the start and when they
   *  are added or removed; without any (a lone file open) only the open documents are checked. */
  private folders: string[] = [];
  /** The .flow files found under each directory scanned (a folder, or its config's `models`),
   *  until a file is created, deleted or renamed. */
  private found = new Map<string, string[]>();
  private plan: Plan | undefined;
  private analyses = new Map<string, Analysis>();
  private dirty = true;
  /** What changed since the last analysis: the documents edited, opened or closed, or everything
   *  (a file event, a folder or setting change) when `undefined`. A scope none of whose files
   *  changed keeps its analysis (scopes.ts analyseScopes). */
  private changed: Set<string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private published = new Set<string>();
  private warned = false;

  constructor(
    private connection: Connection,
    private documents: import("vscode-languageserver").TextDocuments<TextDocument>,
    private ResponseError: new (code: number, message: string) => Error,
  ) {}

  log(what: string, e: unknown): void {
    try {
      this.connection.console.error(`flowmap lsp: ${what} failed: ${(e as Error)?.stack ?? String(e)}`);
    } catch {
      // The connection itself is gone: nothing to tell.
    }
  }

  /** `fn`, with any exception logged and turned into `fallback`. */
  private safe<A extends unknown[], R>(what: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      try {
        return fn(...args);
      } catch (e) {
        // A rename the user asked for that cannot be done: said to the user (RequestFailed).
        if (e instanceof RenameError) throw new this.ResponseError(-32803, e.message);
        this.log(what, e);
        return fallback;
      }
    };
  }

  /** Open documents by path: the client's URI spelling may differ from ours (`file:///c%3A/...`
   *  on Windows), so documents are matched by the path their URI names. */
  private openByPath = new Map<string, TextDocument>();

  private openText = (abs: string): string | undefined => this.openByPath.get(abs)?.getText();

  /** The URI the client uses for `abs` when it has the file open, else ours. */
  private uriFor(abs: string): string {
    return this.openByPath.get(abs)?.uri ?? uriOf(abs);
  }

  /** The open .flow documents on disk, and the paths standing for the open unsaved buffers of the
   *  flow language (unsaved.ts). */
  private openPaths(): { files: string[]; unsaved: string[] } {
    this.openByPath = new Map();
    const files: string[] = [];
    const unsaved: string[] = [];
    for (const d of this.documents.all()) {
      const p = pathOf(d.uri);
      if (!p) continue;
      this.openByPath.set(p, d);
      if (isUnsavedPath(p)) {
        if (d.languageId === "flow") unsaved.push(p);
      } else if (p.endsWith(".flow")) files.push(p);
    }
    return { files, unsaved };
  }

  /** `path`: the one document that changed; without it, everything may have. */
  schedule(path?: string): void {
    // The first change since the last analysis starts the list; a change of everything ends it.
    if (!this.dirty) this.changed = path === undefined ? undefined : new Set([path]);
    else if (path === undefined) this.changed = undefined;
    else this.changed?.add(path);
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), debounceMs);
  }

  /** Brings the analyses up to the current texts: run now when a change is pending (a request
   *  after an edit is answered about the text the editor holds). */
  private current(): void {
    if (this.dirty) this.refresh();
  }

  /** The analysis that answers about `abs` (its scope's: scopes.ts). */
  private analysisOf(abs: string): Analysis | undefined {
    this.current();
    return analysisOf(this.plan, this.analyses, abs);
  }

  private refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    try {
      const previousPlan = this.plan;
      const open = this.openPaths();
      const scan = (dir: string) => {
        let files = this.found.get(dir);
        if (!files) this.found.set(dir, (files = entriesOf(dir, [])));
        return files;
      };
      this.plan = planScopes({ folders: this.folders, open: open.files, unsaved: open.unsaved, scan, settingsOf: readWorkspaceConfig });
      const since = this.changed && previousPlan ? { plan: previousPlan, analyses: this.analyses, changed: this.changed } : undefined;
      this.changed = undefined;
      this.analyses = analyseScopes(this.plan, { textOf: this.openText }, (what, e) => this.log(what, e), since);
      this.publish(this.plan);
    } catch (e) {
      this.log("checking the workspace", e);
    }
  }

  private publish(plan: Plan): void {
    for (const a of this.analyses.values()) {
      if (a.failure && !this.warned) {
        this.warned = true;
        this.log("the check", a.failure);
      }
    }
    const next = new Map<string, import("vscode-languageserver").Diagnostic[]>();
    for (const [abs, list] of findingsByFile(plan, this.analyses)) next.set(this.uriFor(abs), list);
    for (const uri of this.published) if (!next.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of next) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.published = new Set(next.keys());
  }

  /** The analysed file and the offset of `position` in the document at `uri`, in `a` (default: the
   *  analysis of the document's own scope). */
  private at(uri: string, position: { line: number; character: number }, a?: Analysis) {
    const abs = pathOf(uri);
    if (!abs) return undefined;
    const doc = this.documents.get(uri);
    a ??= this.analysisOf(abs);
    const f = analysedFile(a, abs, doc?.getText());
    if (!a || !f) return undefined;
    return { a, f, offset: offsetAt(f.source.text, f.source.lineStarts, position) };
  }

  /** The same question asked of every analysis that loaded the document (a file of one folder
   *  imported by another's), the answers together. */
  private everywhere<R>(uri: string, position: { line: number; character: number }, ask: (at: NonNullable<ReturnType<ServerState["at"]>>) => R | undefined): R[] {
    const abs = pathOf(uri);
    if (!abs) return [];
    this.current();
    const out: R[] = [];
    for (const a of analysesOf(this.plan, this.analyses, abs)) {
      const at = this.at(uri, position, a);
      const r = at && ask(at);
      if (r !== undefined && r !== null) out.push(r);
    }
    return out;
  }

  /** The folders the client names (only `file:` ones: a folder elsewhere has no paths to check). */
  private setFolders(uris: ReadonlyArray<{ uri?: unknown } | null | undefined> | null | undefined, fallback?: string): void {
    const paths = (Array.isArray(uris) ? uris : []).map((f) => (typeof f?.uri === "string" && f.uri.startsWith("file:") ? pathOf(f.uri) : undefined)).filter((p): p is string => !!p);
    this.folders = [...new Set(paths.length || !fallback ? paths : [fallback])].sort();
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize(this.safe("initialize", { capabilities: {} } as InitializeResult, (params: InitializeParams): InitializeResult => {
      // Every folder; a client without folders names its root (rootUri, or the older rootPath).
      const root = params.rootUri?.startsWith("file:") ? pathOf(params.rootUri) : params.rootPath ? resolve(params.rootPath) : undefined;
      this.setFolders(params.workspaceFolders, root);
      return {
        capabilities: {
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
          textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
          hoverProvider: true,
          completionProvider: { triggerCharacters: [" ", ",", ">"] },
          definitionProvider: true,
          referencesProvider: true,
          renameProvider: { prepareProvider: true },
          documentSymbolProvider: true,
          workspaceSymbolProvider: true,
          documentFormattingProvider: true,
          codeActionProvider: { codeActionKinds: ["quickfix"] },
          semanticTokensProvider: { legend: semanticLegend, full: true },
        },
        serverInfo: { name: "flowmap", version },
      };
    }));
    const changed = this.safe("a document change", undefined, (e?: TextDocumentChangeEvent<TextDocument>) => this.schedule(e ? pathOf(e.document.uri) : undefined));
    const rescan = this.safe("a file event", undefined, () => {
      this.found.clear();
      this.schedule();
    });
    this.documents.onDidOpen(changed);
    this.documents.onDidChangeContent(changed);
    this.documents.onDidSave(rescan);
    this.documents.onDidClose(changed);
    c.onDidChangeWatchedFiles(() => rescan());
    c.onDidChangeConfiguration(() => changed());
    // Registered once initialized: the library's own handler (set while initializing, for clients
    // that announce folder support) would otherwise replace this one.
    c.onInitialized(this.safe("initialized", undefined, () => {
      // The folders are checked at once, not only when a file opens.
      this.schedule();
      type Folders = Array<{ uri?: unknown } | null> | undefined;
      c.onNotification("workspace/didChangeWorkspaceFolders", this.safe("a folder change", undefined, (p: { event?: { added?: Folders; removed?: Folders } } | null) => {
        const list = (l: Folders) => (Array.isArray(l) ? l : []);
        const removed = new Set(list(p?.event?.removed).map((f) => (typeof f?.uri === "string" ? pathOf(f.uri) : undefined)));
        const kept = this.folders.filter((f) => !removed.has(f)).map((f) => ({ uri: uriOf(f) }));
        this.setFolders([...kept, ...list(p?.event?.added)]);
        this.found.clear();
        this.schedule();
      }));
    }));
    c.onHover(this.safe("hover", null, (p) => {
      const at = this.at(p.textDocument.uri, p.position);
      const value = at && hoverAt(at.a, at.f, at.offset, catalogue);
      return value ? { contents: { kind: "markdown", value } } : null;
    }));
    c.onCompletion(this.safe("completion", [], (p) => {
      const abs = pathOf(p.textDocument.uri);
      const doc = this.documents.get(p.textDocument.uri);
      if (!abs || !doc) return [];
      // The names come from the last analysis (typing does not wait for a check); the context
      // from the text as it is now.
      const a = analysisOf(this.plan, this.analyses, abs);
      const display = a?.project.files.get(abs)?.path ?? abs;
      return completionAt(a, display, doc.getText(), doc.offsetAt(p.position), catalogue);
    }));
    c.onDefinition(this.safe("definition", [], (p) => {
      const at = this.at(p.textDocument.uri, p.position);
      return at ? definitionAt(at.a, at.f, at.offset) : [];
    }));
    c.onReferences(this.safe("references", [], (p) => {
      return unique(this.everywhere(p.textDocument.uri, p.position, (at) => referencesAt(at.a, at.f, at.offset, p.context.includeDeclaration)).flat());
    }));
    c.onPrepareRename(this.safe("prepare rename", null, (p) => {
      const at = this.at(p.textDocument.uri, p.position);
      return (at && prepareRenameAt(at.a, at.f, at.offset)) ?? null;
    }));
    c.onRenameRequest(this.safe("rename", null, (p) => {
      const edits = this.everywhere(p.textDocument.uri, p.position, (at) => renameAt(at.a, at.f, at.offset, p.newName));
      return edits.length ? mergeEdits(edits) : null;
    }));
    c.onDocumentSymbol(this.safe("document symbols", [], (p) => {
      const abs = pathOf(p.textDocument.uri);
      const f = abs ? analysedFile(this.analysisOf(abs), abs) : undefined;
      return f ? documentSymbols(f) : [];
    }));
    c.onWorkspaceSymbol(this.safe("workspace symbols", [], (p) => {
      this.current();
      const seen = new Set<string>();
      const out: ReturnType<typeof workspaceSymbols> = [];
      for (const a of this.analyses.values()) {
        for (const x of workspaceSymbols(a, p.query)) {
          const key = `${x.location.uri}\u0000${x.location.range.start.line}:${x.location.range.start.character}`;
          if (!seen.has(key)) out.push(x);
          seen.add(key);
        }
      }
      return out.slice(0, 1000);
    }));
    c.onDocumentFormatting(this.safe("formatting", [], (p) => {
      const doc = this.documents.get(p.textDocument.uri);
      return doc ? formatText(pathOf(p.textDocument.uri) ?? "document.flow", doc.getText()) : [];
    }));
    c.languages.semanticTokens.on(this.safe("semantic tokens", { data: [] as number[] }, (p) => {
      const abs = pathOf(p.textDocument.uri);
      const a = abs ? this.analysisOf(abs) : undefined;
      const f = abs ? analysedFile(a, abs, this.documents.get(p.textDocument.uri)?.getText()) : undefined;
      return { data: a && f ? semanticTokens(a, f) : [] };
    }));
    c.onCodeAction(this.safe("code actions", [], (p) => {
      const start = this.at(p.textDocument.uri, p.range.start);
      if (!start) return [];
      const end = offsetAt(start.f.source.text, start.f.source.lineStarts, p.range.end);
      return actionsFor(start.a, start.f, start.offset, end, p.context.diagnostics);
    }));
  }
}

/** Each location once (two analyses that loaded one file find its places twice). */
function unique<T extends { uri: string; range: Range }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((l) => {
    const key = `${l.uri}\u0000${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The edits of several analyses' renames as one: each place once. */
function mergeEdits(edits: WorkspaceEdit[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const e of edits) {
    for (const [uri, list] of Object.entries(e.changes ?? {})) {
      for (const t of list) {
        const key = `${uri}\u0000${t.range.start.line}:${t.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        (changes[uri] ??= []).push(t);
      }
    }
  }
  return { changes };
}
