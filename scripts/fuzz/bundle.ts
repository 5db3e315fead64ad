/** The workers' code, bundled with esbuild when a campaign starts (as scripts/bundle.mjs bundles
 *  the CLI): a worker (and the campaign, which draws an input again to write its reproducer) then
 *  loads it in a fraction of a second instead of the two or three that tsx takes to load
 *  chevrotain's lodash-es module graph, and every worker of a campaign, a replaced one
 *  too, runs the same code even when someone edits src/ meanwhile. The seed files are read once,
 *  for the same reason. The bundle lives in node_modules/.cache (so that elkjs and svgdom, left
 *  outside it, resolve) and is removed when the campaign ends. */
import { build } from "esbuild";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot, seeds } from "./inputs.js";

export interface WorkerBundle {
  worker: string;
  target: string;
  /** generate.ts, for the campaign itself (to write a reproducer of an input a killed worker held). */
  generate: string;
  seeds: string;
  remove(): void;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export async function bundleWorker(targetModule = here("./target.ts")): Promise<WorkerBundle> {
  const dir = join(repoRoot, "node_modules", ".cache", "flowmap-fuzz", `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  try {
    await build({
      entryPoints: { worker: here("./worker.ts"), target: targetModule, generate: here("./generate.ts") },
      outdir: dir,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      external: ["elkjs", "elkjs/*", "svgdom"],
      banner: { js: "import { createRequire as __fuzzCreateRequire } from 'node:module'; const require = __fuzzCreateRequire(import.meta.url);" },
      // Stack traces of crashes name the TypeScript sources (the workers run with --enable-source-maps).
      sourcemap: "linked",
      logLevel: "warning",
    });
    writeFileSync(join(dir, "seeds.json"), JSON.stringify(seeds()));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    worker: join(dir, "worker.mjs"),
    target: join(dir, "target.mjs"),
    generate: join(dir, "generate.mjs"),
    seeds: join(dir, "seeds.json"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
