#!/usr/bin/env node
// Runs the bundled CLI. An installed package always has dist/flowmap.mjs: the `prepare` script,
// which npm runs on pack, publish and a git install, builds it. Only a checkout of the repository
// can lack it (installed with --ignore-scripts, or dist/ deleted); there it is bundled on first run.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dist = new URL("../dist/flowmap.mjs", import.meta.url);
const bundler = new URL("../scripts/bundle.mjs", import.meta.url);
if (!existsSync(dist)) {
  if (!existsSync(bundler)) {
    // An installed package without its bundle: something went wrong while it was packed.
    process.stderr.write(
      `flowmap: this installed copy of flowmap has no dist/flowmap.mjs (in ${fileURLToPath(new URL("..", import.meta.url))}).\n` +
        "A git install builds it with flowmap's `prepare` script, and npm skipped that (--ignore-scripts, or a\n" +
        "policy that blocks install scripts). Reinstall without that, or from the npm registry or a tarball\n" +
        "(`npm pack` in a checkout makes one): they carry the bundle.\n",
    );
    process.exit(2);
  }
  process.stderr.write("flowmap: first run in this checkout: bundling the CLI into dist/ ...\n");
  try {
    await import(bundler.href);
  } catch (e) {
    const missing = e?.code === "ERR_MODULE_NOT_FOUND" ? " (esbuild, a dev dependency, is not installed)" : "";
    process.stderr.write(
      `flowmap: dist/flowmap.mjs is missing and could not be built${missing}:\n  ${e?.message ?? e}\n` +
        "Run `npm install` (with dev dependencies) in the flowmap checkout; it bundles the CLI.\n",
    );
    process.exit(2);
  }
}
await import(dist.href);
