/** How long after an edit the editor shows the new findings (issue 18): `flowmap lsp` spawned as an
 *  editor starts it, a seed model and a 2 MB model written like the seeds (seed-corpus.ts) opened,
 *  then edited again and again; each edit's latency is from sending didChange to receiving its
 *  publishDiagnostics, which includes the 200 ms debounce. Beside it, in one run: the same check in
 *  process (checkSource, the floor) and the cold `flowmap check` of the same file.
 *  Run: node scripts/bundle.mjs && npx tsx bench/lsp-latency.ts [--runs N]; writes bench/results/lsp-latency.json. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { LspSession, uri } from "../test/lsp-client.js";
import { seedLikeModel } from "./seed-corpus.js";
import { checkSource } from "../src/check/index.js";
import { collect, fmtTiming, table, type Timing } from "./stats.js";
import { debounceMs } from "../src/lsp/server.js";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 9;
const root = join(import.meta.dirname, "..");
const cli = join(root, "dist/flowmap.mjs");

async function editLatency(text: string, label: string): Promise<{ lsp: Timing; inProcess: Timing; cold: Timing; bytes: number; findings: number }> {
  const dir = mkdtempSync(join(tmpdir(), "flowmap-lsp-bench-"));
  try {
    mkdirSync(join(dir, "models"));
    writeFileSync(join(dir, "models/m.flow"), text);
    const s = new LspSession(dir);
    await s.initialize();
    const u = uri(dir, "models/m.flow");
    await s.open("models/m.flow", text);
    await s.until(() => (s.publications.get(u) ?? 0) >= 1, 120_000);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const before = s.publications.get(u) ?? 0;
      // An edit that changes the findings' text nowhere but keeps the check whole: a title.
      const edited = text.replace(/"[^"\n]*"/, `"edited ${i}"`);
      const t0 = performance.now();
      await s.change("models/m.flow", edited);
      await s.until(() => (s.publications.get(u) ?? 0) > before, 120_000);
      samples.push(performance.now() - t0);
    }
    const findings = s.diagnosticsOf("models/m.flow")?.length ?? 0;
    await s.shutdown();
    const inProcess: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const t0 = performance.now();
      checkSource("models/m.flow", text);
      inProcess.push(performance.now() - t0);
    }
    const cold: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, [cli, "check", "--format", "json", "models/m.flow"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
      cold.push(performance.now() - t0);
    }
    process.stderr.write(`${label}: done\n`);
    return { lsp: collect(samples), inProcess: collect(inProcess), cold: collect(cold), bytes: Buffer.byteLength(text), findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const load = loadavg()[0]!.toFixed(2);
const seed = await editLatency(readFileSync(join(root, "models/cieloweb.flow"), "utf8"), "seed");
const big = await editLatency(seedLikeModel(2e6).text, "2 MB");
const rows = [["models/cieloweb.flow", seed], ["2 MB seed-like model", big]] as const;
// Everything, with the machine and its load, in bench/results/ (gitignored), as bench/run.ts does.
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/lsp-latency.json"), `${JSON.stringify({
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, loadStart: Number(load), loadEnd: loadavg()[0],
  debounceMs, runs, results: Object.fromEntries(rows.map(([name, r]) => [name, r])),
}, null, 2)}\n`);
process.stdout.write(`flowmap lsp: edit -> publishDiagnostics (debounce ${debounceMs} ms included), ${runs} edits; load ${load} at start\n`);
process.stdout.write(`${table(["model", "bytes", "findings", "lsp edit -> diagnostics", "check in process", "cold flowmap check"], rows.map(([name, r]) => [name, String(r.bytes), String(r.findings), fmtTiming(r.lsp), fmtTiming(r.inProcess), fmtTiming(r.cold)]))}\n`);
