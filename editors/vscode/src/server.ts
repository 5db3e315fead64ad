// The server bundled with the extension, for workspaces without flowmap installed: the same
// `flowmap lsp` (src/lsp/server.ts), with vscode-languageserver bundled in.
import { runLanguageServer } from "../../../src/lsp/server.js";

void runLanguageServer();
