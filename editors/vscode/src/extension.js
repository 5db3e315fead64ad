// The VS Code client: starts `flowmap lsp` over stdio, from the workspace's installed flowmap when
// there is one (the same version as its CI runs), else the server bundled with the extension, and
// hands .flow files to it. Bundled by scripts/package-vscode.mjs with esbuild (vscode stays external).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { serverScript } = require("./server-path.js");

/** @type {LanguageClient | undefined} */
let client;

async function activate(context) {
  const output = vscode.window.createOutputChannel("flowmap");
  const { script, args, from } = serverScript({
    folders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    configured: vscode.workspace.getConfiguration("flowmap").get("server.path"),
    exists: fs.existsSync,
    bundled: context.asAbsolutePath(path.join("dist", "server.mjs")),
  });
  output.appendLine(`flowmap language server from ${from}`);
  const runtime = vscode.workspace.getConfiguration("flowmap").get("server.runtime");
  const run = runtime
    ? { command: runtime, args: [script, ...args], transport: TransportKind.stdio }
    : { module: script, args, transport: TransportKind.stdio };
  client = new LanguageClient("flowmap", "flowmap", { run, debug: run }, {
    // Files, and unsaved buffers set to the flow language (checked with the defaults; an import
    // from one is a finding until it is saved). One server for every folder of a multi-root
    // workspace: the client sends the folders and their changes, and each folder is checked with
    // its own flowmap.config.json.
    documentSelector: [{ scheme: "file", language: "flow" }, { scheme: "untitled", language: "flow" }],
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.flow,flowmap.config.json}") },
  });
  context.subscriptions.push(output);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
