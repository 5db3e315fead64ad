// Bundles the CLI with esbuild so it starts close to bare `node` (no lodash-es module graph). Split
// into chunks: dist/flowmap.mjs holds what every command needs, and each command's own code is a
// chunk in dist/chunks/ loaded when that command runs.
// elkjs, svgdom and exceljs stay external: they are loaded lazily (exceljs only by `register --format xlsx`),
// and svgdom reads its font files at runtime.
// Chevrotain (the recovering parser, needed only for text with a syntax error) is not in that graph:
// it is bundled on its own as CommonJS, dist/chunks/recovering-parser-<hash>.cjs, which the CLI
// `require`s synchronously on the first syntax error (src/cli/bin.ts, src/syntax/parse.ts).
// chevrotain and zod are bundled, so they are dev dependencies. Runs as `prepare` (npm ci, npm pack,
// npm publish, and installs from a git URL), and from bin/flowmap.mjs on a checkout's first run.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join, relative, sep } from "node:path";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

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

/** A module bundled apart as CommonJS, `dist/chunks/<name>-<hash>.cjs`, which the CLI `require`s
 *  synchronously on first use; the CLI's entry names its file (a hash of its contents). */
async function bundledApart(entry) {
  const { outputFiles } = await build({
    entryPoints: [join(root, entry)],
    outdir: join(root, "dist"),
    entryNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".cjs" },
    write: false,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "warning",
    legalComments: "none",
    minify: true,
    keepNames: false,
  });
  return outputFiles[0];
}

// The recovering parser: Chevrotain loads on the first syntax error only.
const recoveringFile = await bundledApart("src/syntax/recovering-parser.ts");
// The zod-backed schemas (the config file, the catalogue entry format): a cold `check` with no
// config file and only shipped catalogue entries never parses zod (src/validation/lazy.ts).
const schemasFile = await bundledApart("src/validation/schemas.ts");

// In the CLI, src/validation/register.ts (which imports the schemas to register them) is an empty
// module: src/cli/bin.ts registers a loader of the file above instead.
const schemasApart = {
  name: "schemas-apart",
  setup(b) {
    const register = join(root, "src/validation/register.ts");
    b.onResolve({ filter: /(^|\/)register\.js$/ }, (args) => {
      if (!args.path.startsWith(".") || join(args.resolveDir, args.path).replace(/\.js$/, ".ts") !== register) return undefined;
      return { path: register, namespace: "schemas-apart" };
    });
    b.onLoad({ filter: /.*/, namespace: "schemas-apart" }, () => ({ contents: "", loader: "js" }));
  },
};

// Modules import parseFlow from src/syntax/parser.ts, which registers the Chevrotain parser as
// parseFlow's recovering parser by importing it. In the CLI they get src/syntax/parse.ts, the same
// parseFlow without that import: bin.ts registers the file above instead. (parse.ts exports no
// Chevrotain, so a CLI module that imports more than parseFlow from parser.ts fails the build.)
const parserWithoutChevrotain = {
  name: "parser-without-chevrotain",
  setup(b) {
    const parser = join(root, "src/syntax/parser.ts");
    b.onResolve({ filter: /(^|\/)parser\.js$/ }, (args) => {
      if (!args.path.startsWith(".") || join(args.resolveDir, args.path).replace(/\.js$/, ".ts") !== parser) return undefined;
      return { path: join(root, "src/syntax/parse.ts") };
    });
  },
};

// The shipped catalogue entries, checked once here with the same code the CLI runs: the bundle
// records the fingerprint of each valid one, and the CLI only parses a file that still has it
// (src/catalogue/entry-file.ts). An invalid or later edited file is checked in full at run time.
const checker = await build({
  entryPoints: [join(root, "src/catalogue/entry-file.ts")], bundle: true, write: false, platform: "node", format: "esm", target: "node20", logLevel: "warning",
});
const { checkEntryText, fingerprint } = await import(`data:text/javascript;base64,${Buffer.from(checker.outputFiles[0].text).toString("base64")}`);
const catalogueVerified = {};
for (const name of readdirSync(join(root, "catalogue")).filter((n) => n.endsWith(".json")).sort()) {
  const id = name.slice(0, -".json".length);
  const text = readFileSync(join(root, "catalogue", name), "utf8");
  if (checkEntryText(id, text).entry) catalogueVerified[id] = fingerprint(text);
}

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
  plugins: [packageFields, parserWithoutChevrotain, schemasApart],
  define: {
    FLOWMAP_RECOVERING_PARSER: JSON.stringify(`./${relative(join(root, "dist"), recoveringFile.path).split(sep).join("/")}`),
    FLOWMAP_SCHEMAS: JSON.stringify(`./${relative(join(root, "dist"), schemasFile.path).split(sep).join("/")}`),
    FLOWMAP_CATALOGUE_VERIFIED: JSON.stringify(catalogueVerified),
  },
  metafile: true,
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __flowmapCreateRequire } from 'node:module'; const require = __flowmapCreateRequire(import.meta.url);" },
  splitting: true,
  logLevel: "warning",
  legalComments: "none",
  minify: true,
  keepNames: false,
});

// Nothing the CLI imports, at start-up or in a command's chunk, reads Chevrotain.
const chevrotainInputs = Object.keys(result.metafile.inputs).filter((p) => /node_modules[\\/](chevrotain|@chevrotain)[\\/]/.test(p));
if (chevrotainInputs.length) throw new Error(`scripts/bundle.mjs: Chevrotain reached the CLI's ESM bundle (${chevrotainInputs.slice(0, 3).join(", ")}): it belongs in the recovering parser only`);
// Nor zod: it belongs in the schemas bundle only.
const zodInputs = Object.keys(result.metafile.inputs).filter((p) => /node_modules[\\/]zod[\\/]/.test(p));
if (zodInputs.length) throw new Error(`scripts/bundle.mjs: zod reached the CLI's ESM bundle (${zodInputs.slice(0, 3).join(", ")}): it belongs in dist/chunks/schemas-*.cjs only`);

// Written via a temporary file and a rename: a CLI started meanwhile (tests run in parallel) reads
// the old bundle or the new one, never half of one.
// The chunks first and the entry last: a CLI started meanwhile finds every chunk its entry names
// (their names hash their contents, so the same source writes the same files).
const ordered = [recoveringFile, schemasFile, ...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
for (const f of ordered) {
  mkdirSync(dirname(f.path), { recursive: true });
  const tmp = `${f.path}.${process.pid}.tmp`;
  writeFileSync(tmp, f.contents);
  renameSync(tmp, f.path);
}
// Chunks of earlier builds that nothing names any more (a package must not ship them).
const written = new Set(ordered.map((f) => f.path));
const chunkDir = join(root, "dist/chunks");
for (const name of readdirSync(chunkDir)) if (!written.has(join(chunkDir, name)) && !name.endsWith(".tmp")) rmSync(join(chunkDir, name), { force: true });
