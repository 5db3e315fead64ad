#!/usr/bin/env node
// Runs the bundled CLI, bundling it first on a checkout where `npm start` has not run yet.
import { existsSync } from "node:fs";

const dist = new URL("../dist/flowmap.mjs", import.meta.url);
if (!existsSync(dist)) {
  process.stderr.write("flowmap: first run in this checkout: bundling the CLI into dist/ ...\n");
  try {
    await import("../scripts/bundle.mjs");
  } catch (e) {
    const missing = e?.code === "ERR_MODULE_NOT_FOUND" ? " (esbuild, a dev dependency, is not installed)" : "";
    process.stderr.write(
      `flowmap: dist/flowmap.mjs is missing and could not be built${missing}:\n  ${e?.message ?? e}\n` +
        "Run `npm install` (with dev dependencies) and then `npm run build:cli` in the flowmap checkout.\n",
    );
    process.exit(2);
  }
}
await import(dist.href);
