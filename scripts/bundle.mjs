// Bundles the CLI with esbuild so it starts close to bare `node` (no lodash-es module graph). Split
// into chunks: dist/flowmap.mjs holds what every command needs, and each command's own code is a
// chunk in dist/chunks/ loaded when that command runs.
// elkjs, svgdom and exceljs stay external: they are loaded lazily (exceljs only by `register --format xlsx`),
// and svgdom reads its font files at runtime.
// chevrotain and zod are bundled, so they are dev dependencies. Runs as `prepare` (npm ci, npm pack,
// npm publish, and installs from a git URL), and from bin/flowmap.mjs on a checkout's first run.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist/flowmap.mjs");

// src/package-info.ts reads package.json; the bundle carries only the fields it uses.
const packageFields = {
  name: "package-fields",
  setup(b) {
    b.onLoad({ filter: /[\\/]package\.json$/ }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      const { name, version, homepage, bugs, repository } = JSON.parse(await readFile(args.path, "utf8"));
      return { contents: JSON.stringify({ name, version, homepage, bugs, repository }), loader: "json" };
    });
  },
};

const result = await build({
  entryPoints: [join(root, "src/cli/bin.ts")],
  outdir: join(root, "dist"),
  entryNames: "flowmap",
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  write: false,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["elkjs", "elkjs/*", "svgdom", "vscode-languageserver", "vscode-languageserver/*", "vscode-languageserver-textdocument", "exceljs"],
  plugins: [packageFields],
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __flowmapCreateRequire } from 'node:module'; const require = __flowmapCreateRequire(import.meta.url);" },
  splitting: true,
  logLevel: "warning",
  legalComments: "none",
  minify: true,
  keepNames: false,
});

// Written via a temporary file and a rename: a CLI started meanwhile (tests run in parallel) reads
// the old bundle or the new one, never half of one.
// The chunks first and the entry last: a CLI started meanwhile finds every chunk its entry names
// (their names hash their contents, so the same source writes the same files).
const ordered = [...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
for (const f of ordered) {
  mkdirSync(dirname(f.path), { recursive: true });
  const tmp = `${f.path}.${process.pid}.tmp`;
  writeFileSync(tmp, f.contents);
  renameSync(tmp, f.path);
}
// Chunks of earlier builds that nothing names any more (a package must not ship them).
const written = new Set(result.outputFiles.map((f) => f.path));
const chunkDir = join(root, "dist/chunks");
for (const name of readdirSync(chunkDir)) if (!written.has(join(chunkDir, name)) && !name.endsWith(".tmp")) rmSync(join(chunkDir, name), { force: true });
