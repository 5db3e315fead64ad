// Which flowmap runs the language server: the setting, else the workspace's installed package (the
// version its CI runs), else the server bundled with the extension. Pure, for the test.
"use strict";
const path = require("node:path");

/**
 * @param {{ folders: string[], configured?: string, exists: (p: string) => boolean, bundled: string }} o
 * @returns {{ script: string, args: string[], from: string }}
 */
function serverScript(o) {
  if (o.configured) return { script: path.resolve(o.folders[0] ?? process.cwd(), o.configured), args: ["lsp"], from: "flowmap.server.path" };
  for (const folder of o.folders) {
    const installed = path.join(folder, "node_modules", "flowmap", "bin", "flowmap.mjs");
    if (o.exists(installed)) return { script: installed, args: ["lsp"], from: `the workspace (${installed})` };
  }
  return { script: o.bundled, args: [], from: "the extension (bundled)" };
}

module.exports = { serverScript };
