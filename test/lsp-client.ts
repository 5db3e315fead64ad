/** A Language Server Protocol client for tests: spawns `node dist/flowmap.mjs lsp --stdio` and
 *  talks JSON-RPC to it over stdio (vscode-jsonrpc, which vscode-languageserver brings). Keeps
 *  the diagnostics the server publishes, per URI, and whatever the server writes to stderr. */
import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as rpc from "vscode-jsonrpc/node.js";

export const cli = resolve("dist/flowmap.mjs");

export interface PublishedDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  message: string;
  relatedInformation?: Array<{ location: { uri: string; range: PublishedDiagnostic["range"] }; message: string }>;
}

export const uri = (root: string, rel: string) => pathToFileURL(join(root, rel)).href;

export class LspSession {
  readonly child: ChildProcess;
  readonly connection: rpc.MessageConnection;
  readonly diagnostics = new Map<string, PublishedDiagnostic[]>();
  /** How many times diagnostics were published for each URI. */
  readonly publications = new Map<string, number>();
  stderr = "";
  exited: number | null | undefined;
  private versions = new Map<string, number>();
  private waiters: Array<() => void> = [];

  /** `command`: the script and its arguments (default: the bundled CLI's `lsp --stdio`). */
  constructor(readonly root: string, command: string[] = [cli, "lsp", "--stdio"]) {
    this.child = spawn(process.execPath, command, { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr!.on("data", (b) => (this.stderr += String(b)));
    this.child.on("exit", (code) => (this.exited = code));
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout!), new rpc.StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: PublishedDiagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.publications.set(p.uri, (this.publications.get(p.uri) ?? 0) + 1);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onNotification("window/logMessage", (p: { message: string }) => (this.stderr += `${p.message}\n`));
    this.connection.onRequest("workspace/configuration", () => []);
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("window/workDoneProgress/create", () => null);
    this.connection.listen();
  }

  async initialize(): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest("initialize", {
      processId: process.pid, rootUri: pathToFileURL(this.root).href, capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: "test" }],
    });
    await this.connection.sendNotification("initialized", {});
    return result as { capabilities: Record<string, unknown> };
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  open(rel: string, text: string): Promise<void> {
    this.versions.set(rel, 1);
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(this.root, rel), languageId: "flow", version: 1, text } });
  }

  change(rel: string, text: string): Promise<void> {
    const version = (this.versions.get(rel) ?? 1) + 1;
    this.versions.set(rel, version);
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uri(this.root, rel), version }, contentChanges: [{ text }] });
  }

  close(rel: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uri(this.root, rel) } });
  }

  /** Resolves once `test` holds of the diagnostics published so far (checked on each publication). */
  async until(test: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for diagnostics; have ${JSON.stringify([...this.diagnostics.keys()])}\n${this.stderr}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 250);
      });
    }
  }

  diagnosticsOf(rel: string): PublishedDiagnostic[] | undefined {
    return this.diagnostics.get(uri(this.root, rel));
  }

  async shutdown(): Promise<number | null | undefined> {
    if (this.exited === undefined) {
      try {
        await this.request("shutdown", null);
        await this.connection.sendNotification("exit");
      } catch {
        // already gone
      }
      await new Promise<void>((r) => {
        if (this.exited !== undefined) return r();
        const t = setTimeout(() => { this.child.kill(); r(); }, 5000);
        this.child.on("exit", () => { clearTimeout(t); r(); });
      });
    }
    this.connection.dispose();
    return this.exited;
  }
}
