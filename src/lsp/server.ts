/** `flowmap lsp`: a Language Server Protocol server on stdio. Every change schedules one analysis
 *  of the workspace (debounced), the same check as `flowmap check` (analysis.ts); requests are
 *  answered from it (features.ts). No handler lets an exception out: a failure is logged and the
 *  request gets an empty answer, so no input can stop the server. vscode-languageserver is loaded
 *  here, by `await import`, only when `flowmap lsp` runs. */
import { resolve } from "node:path";
import type { Connection, InitializeParams, InitializeResult, TextDocumentChangeEvent } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyse, entriesOf, readWorkspaceConfig, type Analysis } from "./analysis.js";
import { offsetAt, pathOf, toLspDiagnostic, uriOf } from "./convert.js";
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
  /** The workspace folder; without one (a lone file open) only the open documents are checked. */
  private folder: string | undefined;
  private root = process.cwd();
  /** The .flow files found where the models are (the config's `models`, else the whole folder),
   *  until a file is created, deleted or renamed. */
  private found: { dir: string | undefined; files: string[] } | undefined;
  private analysis: Analysis | undefined;
  private dirty = true;
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

  private openPaths(): string[] {
    this.openByPath = new Map();
    for (const d of this.documents.all()) {
      const p = pathOf(d.uri);
      if (p) this.openByPath.set(p, d);
    }
    return [...this.openByPath.keys()];
  }

  schedule(): void {
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), debounceMs);
  }

  /** The analysis of the current texts: run now when a change is pending (a request after an edit
   *  is answered about the text the editor holds). */
  current(): Analysis | undefined {
    if (this.dirty) this.refresh();
    return this.analysis;
  }

  private refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    try {
      const settings = readWorkspaceConfig(this.root);
      const dir = this.folder === undefined ? undefined : settings.modelsDir ?? this.folder;
      if (!this.found || this.found.dir !== dir) this.found = { dir, files: entriesOf(dir, []) };
      const entries = [...new Set([...this.found.files, ...entriesOf(undefined, this.openPaths())])].sort();
      this.analysis = analyse(this.root, entries, { textOf: this.openText }, settings);
      this.publish(this.analysis);
    } catch (e) {
      this.log("checking the workspace", e);
    }
  }

  private publish(a: Analysis): void {
    if (a.failure && !this.warned) {
      this.warned = true;
      this.log("the check", a.failure);
    }
    const next = new Map<string, import("vscode-languageserver").Diagnostic[]>();
    const absOf = (display: string) => a.files.get(display)?.abs;
    for (const [file, list] of a.byFile) {
      const abs = absOf(file);
      if (abs) next.set(this.uriFor(abs), list.map((d) => toLspDiagnostic(d, absOf)));
    }
    if (a.configProblem) {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
      next.set(uriOf(a.configProblem.path), [{ range, severity: 1, source: "flowmap", code: "config", message: `${a.configProblem.message}\n(the defaults are used until it is fixed)` }]);
    }
    for (const uri of this.published) if (!next.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of next) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.published = new Set(next.keys());
  }

  /** The analysed file and the offset of `position` in the document at `uri`. */
  private at(uri: string, position: { line: number; character: number }) {
    const abs = pathOf(uri);
    const doc = this.documents.get(uri);
    if (!abs) return undefined;
    const a = this.current();
    const f = analysedFile(a, abs, doc?.getText());
    if (!a || !f) return undefined;
    return { a, f, offset: offsetAt(f.source.text, f.source.lineStarts, position) };
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize(this.safe("initialize", { capabilities: {} } as InitializeResult, (params: InitializeParams): InitializeResult => {
      const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
      this.folder = folder ? pathOf(folder) : params.rootPath ? resolve(params.rootPath) : undefined;
      this.root = this.folder ?? process.cwd();
      return {
        capabilities: {
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
    const changed = this.safe("a document change", undefined, (_e?: TextDocumentChangeEvent<TextDocument>) => this.schedule());
    const rescan = this.safe("a file event", undefined, () => {
      this.found = undefined;
      this.schedule();
    });
    this.documents.onDidOpen(changed);
    this.documents.onDidChangeContent(changed);
    this.documents.onDidSave(rescan);
    this.documents.onDidClose(changed);
    c.onDidChangeWatchedFiles(() => rescan());
    c.onDidChangeConfiguration(() => changed());
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
      const display = this.analysis?.project.files.get(abs)?.path ?? abs;
      return completionAt(this.analysis, display, doc.getText(), doc.offsetAt(p.position), catalogue);
    }));
    c.onDefinition(this.safe("definition", [], (p) => {
      const at = this.at(p.textDocument.uri, p.position);
      return at ? definitionAt(at.a, at.f, at.offset) : [];
    }));
    c.onReferences(this.safe("references", [], (p) => {
      const at = this.at(p.textDocument.uri, p.position);
      return at ? referencesAt(at.a, at.f, at.offset, p.context.includeDeclaration) : [];
    }));
    c.onPrepareRename(this.safe("prepare rename", null, (p) => {
      const at = this.at(p.textDocument.uri, p.position);
      return (at && prepareRenameAt(at.a, at.f, at.offset)) ?? null;
    }));
    c.onRenameRequest(this.safe("rename", null, (p) => {
      const at = this.at(p.textDocument.uri, p.position);
      return (at && renameAt(at.a, at.f, at.offset, p.newName)) ?? null;
    }));
    c.onDocumentSymbol(this.safe("document symbols", [], (p) => {
      const abs = pathOf(p.textDocument.uri);
      const f = abs ? analysedFile(this.current(), abs) : undefined;
      return f ? documentSymbols(f) : [];
    }));
    c.onWorkspaceSymbol(this.safe("workspace symbols", [], (p) => {
      const a = this.current();
      return a ? workspaceSymbols(a, p.query) : [];
    }));
    c.onDocumentFormatting(this.safe("formatting", [], (p) => {
      const doc = this.documents.get(p.textDocument.uri);
      return doc ? formatText(pathOf(p.textDocument.uri) ?? "document.flow", doc.getText()) : [];
    }));
    c.languages.semanticTokens.on(this.safe("semantic tokens", { data: [] as number[] }, (p) => {
      const abs = pathOf(p.textDocument.uri);
      const a = this.current();
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

