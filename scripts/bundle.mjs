// Bundles the CLI with esbuild so it starts close to bare `node` (no lodash-es module graph).
// elkjs and svgdom stay external: they are loaded lazily, and svgdom reads its font files at runtime.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: [join(root, "src/cli/bin.ts")],
  outfile: join(root, "dist/flowmap.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["elkjs", "elkjs/*", "svgdom"],
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __flowmapCreateRequire } from 'node:module'; const require = __flowmapCreateRequire(import.meta.url);" },
  splitting: false,
  logLevel: "warning",
  legalComments: "none",
  minify: true,
  keepNames: false,
});
