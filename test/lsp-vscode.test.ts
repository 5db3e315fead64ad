// The VS Code extension as users install it: `node scripts/package-vscode.mjs` builds a .vsix
// offline whose manifest contributes the .flow language, the grammar and the config schema; the
// server bundled in it starts on its own and publishes check's findings; and the client picks the
// workspace's installed flowmap before the bundled server.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import JSZip from "jszip";
import { LspSession } from "./lsp-client.js";

const root = resolve(".");
const require = createRequire(import.meta.url);
const work = mkdtempSync(join(tmpdir(), "flowmap-vsix-"));
const vsix = join(work, "flowmap.vsix");
let zip: JSZip;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  execFileSync(process.execPath, [join(root, "scripts/package-vscode.mjs"), "--out", vsix], { stdio: "pipe" });
  zip = await JSZip.loadAsync(readFileSync(vsix));
}, 120_000);

describe("the .vsix", () => {
  it("contributes the language, the grammar and the config's schema, and holds what they name", async () => {
    const manifest = JSON.parse(await zip.file("extension/package.json")!.async("string"));
    expect(manifest.contributes.languages[0]).toMatchObject({ id: "flow", extensions: [".flow"] });
    const grammar = manifest.contributes.grammars[0];
    expect(grammar).toMatchObject({ language: "flow", scopeName: "source.flow" });
    expect(await zip.file(`extension/${grammar.path.replace("./", "")}`)!.async("string")).toBe(readFileSync(join(root, "editors/vscode/syntaxes/flow.tmLanguage.json"), "utf8"));
    expect(manifest.contributes.jsonValidation[0].fileMatch).toBe("flowmap.config.json");
    expect(zip.file(`extension/${manifest.contributes.jsonValidation[0].url.replace("./", "")}`)).not.toBeNull();
    expect(zip.file(`extension/${manifest.main.replace("./", "")}`)).not.toBeNull();
    expect(zip.file("extension/LICENSE.txt")).not.toBeNull();
    // The client is bundled: only vscode itself is left to require.
    const client = await zip.file("extension/dist/extension.js")!.async("string");
    const required = [...client.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m!.startsWith("node:"));
    expect(new Set(required.filter((m) => !/^(fs|path|os|child_process|net|crypto|util|events|stream|url|assert|readline|tty|buffer)$/.test(m!)))).toEqual(new Set(["vscode"]));
    // .flow files and unsaved buffers of the flow language go to the server.
    expect(client).toMatch(/\{\s*scheme:\s*"untitled",\s*language:\s*"flow"\s*\}/);
  });

  it("runs its bundled server without flowmap installed, with check's findings", async () => {
    const ext = join(work, "unpacked");
    for (const [name, file] of Object.entries(zip.files)) {
      if (file.dir || !name.startsWith("extension/")) continue;
      const to = join(ext, name.slice("extension/".length));
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, await file.async("nodebuffer"));
    }
    const project = join(work, "project");
    mkdirSync(join(project, "models"), { recursive: true });
    const text = readFileSync(join(root, "models/cieloweb.flow"), "utf8");
    writeFileSync(join(project, "models/cieloweb.flow"), text);
    const s = new LspSession(project, [join(ext, "dist/server.mjs"), "--stdio"]);
    try {
      const init = await s.initialize();
      expect(init.capabilities.hoverProvider).toBe(true);
      await s.open("models/cieloweb.flow", text);
      await s.until(() => !!s.diagnosticsOf("models/cieloweb.flow"));
      const codes = s.diagnosticsOf("models/cieloweb.flow")!.map((d) => d.code);
      const checked = spawnSync(process.execPath, [join(root, "dist/flowmap.mjs"), "check", "--format", "json", "models"], { cwd: project, encoding: "utf8" });
      const cliCodes = JSON.parse(checked.stdout).diagnostics.map((d: { code: string }) => d.code);
      expect(cliCodes.length).toBeGreaterThan(3);
      expect(codes).toEqual(cliCodes);
    } finally {
      expect(await s.shutdown()).toBe(0);
    }
  });
});

describe("the client", () => {
  it("loads from the .vsix with only vscode provided, and exports activate and deactivate", async () => {
    const file = join(work, "extension.js");
    writeFileSync(file, await zip.file("extension/dist/extension.js")!.async("nodebuffer"));
    // A stand-in for the vscode module: any property, call or construction gives another stand-in.
    const standIn = (): unknown => new Proxy(function () {}, { get: (_t, k) => (k === "then" ? undefined : k === Symbol.toPrimitive ? () => "" : standIn()), apply: () => standIn(), construct: () => standIn() as object });
    const Module = require("node:module") as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    Module._load = function (request: string, ...rest: unknown[]) {
      return request === "vscode" ? standIn() : load.call(this, request, ...rest);
    };
    try {
      const ext = require(file) as Record<string, unknown>;
      expect(typeof ext.activate).toBe("function");
      expect(typeof ext.deactivate).toBe("function");
    } finally {
      Module._load = load;
    }
  });
});

describe("the client's choice of server", () => {
  const { serverScript } = require("../editors/vscode/src/server-path.js") as { serverScript: (o: object) => { script: string; args: string[] } };
  it("the setting, else the workspace's node_modules/flowmap, else the bundled server", () => {
    const installed = join("/w/b", "node_modules/flowmap/bin/flowmap.mjs");
    const exists = (p: string) => p === installed;
    expect(serverScript({ folders: ["/w/a", "/w/b"], exists, bundled: "/ext/dist/server.mjs" })).toMatchObject({ script: installed, args: ["lsp"] });
    expect(serverScript({ folders: ["/w/a"], exists, bundled: "/ext/dist/server.mjs" })).toMatchObject({ script: "/ext/dist/server.mjs", args: [] });
    expect(serverScript({ folders: ["/w/a"], configured: "tools/flowmap.mjs", exists, bundled: "/x" })).toMatchObject({ script: resolve("/w/a/tools/flowmap.mjs"), args: ["lsp"] });
  });
});
