// Builds the VS Code extension (editors/vscode/) into a .vsix, offline: the client and the bundled
// server with esbuild, staged with the grammar, the config schema, the licence and the vendor
// catalogue, then `vsce package --no-dependencies` (everything is bundled; nothing is fetched).
// Usage: node scripts/package-vscode.mjs [--out <file.vsix>]   (default editors/vscode/flowmap-vscode-<version>.vsix)
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ext = join(root, "editors/vscode");
const manifest = JSON.parse(readFileSync(join(ext, "package.json"), "utf8"));
const outArg = process.argv.indexOf("--out");
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(ext, `${manifest.name}-${manifest.version}.vsix`));

const stage = mkdtempSync(join(tmpdir(), "flowmap-vscode-"));
try {
  for (const f of ["package.json", "README.md", "language-configuration.json", "syntaxes"]) cpSync(join(ext, f), join(stage, f), { recursive: true });
  cpSync(join(root, "LICENSE"), join(stage, "LICENSE"));
  mkdirSync(join(stage, "schemas"));
  cpSync(join(root, "schemas/config.schema.json"), join(stage, "schemas/config.schema.json"));
  // The bundled server finds the catalogue beside the nearest package.json, as the CLI does.
  if (existsSync(join(root, "catalogue"))) cpSync(join(root, "catalogue"), join(stage, "catalogue"), { recursive: true });

  const common = { bundle: true, platform: "node", target: "node18", logLevel: "warning", legalComments: "none", minify: true };
  await build({ ...common, entryPoints: [join(ext, "src/extension.js")], outfile: join(stage, "dist/extension.js"), format: "cjs", external: ["vscode"] });
  await build({
    ...common,
    entryPoints: [join(ext, "src/server.ts")],
    outfile: join(stage, "dist/server.mjs"),
    format: "esm",
    // The CommonJS dependencies bundled into an ES module call require.
    banner: { js: "import { createRequire as __flowmapCreateRequire } from 'node:module'; const require = __flowmapCreateRequire(import.meta.url);" },
    // Only the CLI's rendering and spreadsheet stages load these, never the server.
    external: ["elkjs", "elkjs/*", "svgdom", "exceljs"],
  });

  const vsce = join(root, "node_modules/@vscode/vsce/vsce");
  const tmpOut = join(stage, "out.vsix");
  const r = spawnSync(process.execPath, [vsce, "package", "--no-dependencies", "-o", tmpOut], { cwd: stage, encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}\nvsce package failed (exit ${r.status})\n`);
    process.exit(1);
  }
  mkdirSync(dirname(out), { recursive: true });
  // Written whole or not at all: a temporary name, then a rename.
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, readFileSync(tmpOut));
  renameSync(tmp, out);
  process.stdout.write(`wrote ${out}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
