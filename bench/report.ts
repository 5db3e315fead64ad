/** Issue 16: what the HTML report costs beside the map it embeds.
 *
 *  1. Cold CLI, interleaved: `flowmap render <seed> -o x.svg` and `flowmap report <seed> -o x.html`
 *     for each seed model and a 203-system model written like the seeds (seed-corpus.ts).
 *  2. In process: `renderMap` of each seed and `reportHtml` (the page alone, from the rendered map).
 *  3. `--startup`: cold `flowmap check models/cieloweb.flow` with the bundle as built and with the
 *     report code stubbed out, interleaved with `node -e 0`: the report must not slow `check`.
 *
 *  Run: node scripts/bundle.mjs && npx tsx bench/report.ts [--runs=N] [--startup]
 *  Writes bench/results/report.json. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkSource } from "../src/check/index.js";
import { buildRegister, defaultRecord } from "../src/register/index.js";
import { renderMap } from "../src/render/index.js";
import { reportHtml } from "../src/report/index.js";
import { seedCopiesModel } from "./seed-corpus.js";
import { collect, time, type Timing } from "./stats.js";

const root = resolve(".");
const bundle = join(root, "dist/flowmap.mjs");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const runs = Number(arg("runs") ?? 7);
const log = (s: string) => process.stderr.write(`${s}\n`);
const ms = (t: Timing) => `${Math.round(t.median)} (${Math.round(t.min)}–${Math.round(t.max)})`;

function spawnMs(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0 && !(argv.includes("check") && r.status === 1)) throw new Error(`${argv.join(" ")} exited with ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

/** Each command once per round, in turn, so load on the machine falls on all of them alike. */
function interleaved(commands: string[][], rounds: number, warmup = 1): Timing[] {
  const samples = commands.map(() => [] as number[]);
  for (let i = 0; i < warmup + rounds; i++) {
    commands.forEach((c, k) => {
      const t = spawnMs(c);
      if (i >= warmup) samples[k]!.push(t);
    });
  }
  return samples.map(collect);
}

const dir = mkdtempSync(join(tmpdir(), "flowmap-bench-report-"));
const rows: { model: string; systems: number; renderCold: Timing; reportCold: Timing; renderMs?: Timing; pageMs?: Timing; htmlBytes: number; svgBytes: number }[] = [];
let startup: { node: Timing; check: Timing; checkWithoutReport: Timing } | undefined;
try {
  const seeds = readdirSync(join(root, "models")).filter((f) => f.endsWith(".flow")).sort();
  const inputs: [string, string][] = seeds.map((f) => [f.replace(/\.flow$/, ""), join(root, "models", f)]);
  const big = join(dir, "seed-like-203.flow");
  writeFileSync(big, seedCopiesModel(7).text);
  inputs.push(["seed-like-203", big]);

  for (const [name, path] of inputs) {
    log(`cold render / report: ${name}`);
    const heavy = name.startsWith("seed-like");
    const [renderCold, reportCold] = interleaved([
      [bundle, "render", path, "-o", join(dir, `${name}.svg`)],
      [bundle, "report", path, "-o", join(dir, `${name}.html`)],
    ], heavy ? Math.max(3, Math.ceil(runs / 2)) : runs);
    const result = checkSource(path, readFileSync(path, "utf8"));
    const row: (typeof rows)[number] = {
      model: name, systems: result.model.systems.length, renderCold: renderCold!, reportCold: reportCold!,
      htmlBytes: Buffer.byteLength(readFileSync(join(dir, `${name}.html`))), svgBytes: Buffer.byteLength(readFileSync(join(dir, `${name}.svg`))),
    };
    if (!heavy) {
      const { svg } = await renderMap(result);
      const register = buildRegister(result, defaultRecord(result));
      row.renderMs = await time(() => renderMap(result), { runs: 5, warmup: 1 });
      row.pageMs = await time(() => reportHtml({ result, svg, register }), { runs: 9, warmup: 2, minSampleMs: 50 });
    }
    rows.push(row);
  }

  if (process.argv.includes("--startup")) {
    log("cold check start-up: the bundle as built, and with the report code stubbed out");
    const { build } = await import("esbuild");
    const stubbed = join(dir, "without-report.mjs");
    const text = readFileSync(join(root, "scripts/bundle.mjs"), "utf8");
    // The bundle script's own options, with one plugin more: src/report/index.ts -> an empty module.
    const external = JSON.parse(/external: (\[[^\]]*\])/.exec(text)![1]!.replace(/'/g, '"'));
    await build({
      entryPoints: [join(root, "src/cli/bin.ts")], outfile: stubbed, bundle: true, platform: "node", format: "esm", target: "node20",
      external, minify: true, legalComments: "none", logLevel: "error",
      banner: { js: "#!/usr/bin/env node\nimport { createRequire as __flowmapCreateRequire } from 'node:module'; const require = __flowmapCreateRequire(import.meta.url);" },
      plugins: [
        { name: "no-report", setup: (b) => { b.onResolve({ filter: /report[\\/]index\.js$/ }, () => ({ path: "stub", namespace: "stub" })); b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "export const reportHtml = 0, renderReport = 0;", loader: "js" })); } },
        { name: "package-fields", setup: (b) => { b.onLoad({ filter: /[\\/]package\.json$/ }, async (a) => { const { name, version, homepage, bugs, repository } = JSON.parse(readFileSync(a.path, "utf8")); return { contents: JSON.stringify({ name, version, homepage, bugs, repository }), loader: "json" }; }); } },
      ],
    });
    const model = join(root, "models/cieloweb.flow");
    const [node, check, checkWithoutReport] = interleaved([["-e", "0"], [bundle, "check", model], [stubbed, "check", model]], 25, 3);
    startup = { node: node!, check: check!, checkWithoutReport: checkWithoutReport! };
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const lines = [
  `| model | systems | cold render ms | cold report ms | report / render | renderMap ms | reportHtml ms | SVG KB | HTML KB |`,
  `|---|---|---|---|---|---|---|---|---|`,
  ...rows.map((r) => `| ${r.model} | ${r.systems} | ${ms(r.renderCold)} | ${ms(r.reportCold)} | ${(r.reportCold.median / r.renderCold.median).toFixed(2)}x | ${r.renderMs ? ms(r.renderMs) : "-"} | ${r.pageMs ? r.pageMs.median.toFixed(1) : "-"} | ${Math.round(r.svgBytes / 1024)} | ${Math.round(r.htmlBytes / 1024)} |`),
];
if (startup) {
  lines.push("", "| cold start | ms | / node -e 0 |", "|---|---|---|",
    `| node -e 0 | ${ms(startup.node)} | 1.00x |`,
    `| flowmap check models/cieloweb.flow | ${ms(startup.check)} | ${(startup.check.median / startup.node.median).toFixed(2)}x |`,
    `| the same, report code stubbed out of the bundle | ${ms(startup.checkWithoutReport)} | ${(startup.checkWithoutReport.median / startup.node.median).toFixed(2)}x |`);
}
process.stdout.write(`${lines.join("\n")}\n`);
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/report.json"), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, loadavg: loadavg(), runs, rows, startup }, null, 2)}\n`);
process.exit(0);
