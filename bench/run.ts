/** flowmap benchmark harness (issue 6). `npm run bench` (full) or `npm run bench -- --quick`.
 *  Prints a table and writes bench/results/bench.json (bench-quick.json with --quick).
 *  See bench/README.md for the method and the targets. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { generateModel, generateModelOfSize, type GeneratedModel } from "./generate.js";
import { seedCopiesModel, seedLikeModel } from "./seed-corpus.js";
import { findDot, mapGraphToDot, timeDot } from "./dot.js";
import { collect, fitExponent, fmtMs, fmtRatio, fmtTiming, gc, table, time, type Timing } from "./stats.js";
import { checkSource, type CheckResult } from "../src/check/index.js";
import { buildRegister, toCsv } from "../src/register/index.js";
import { mapGraphOf, MapRenderError } from "../src/render/index.js";
import { layoutMap } from "../src/render/layout.js";
import { writeSvg } from "../src/render/svg.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const argValue = (name: string) => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes("=") ? args[i]!.split("=")[1] : args[i + 1];
};
const only = argValue("--only")?.split(","); // parse,layout,register,cli,rss,hostile,maps
const wants = (stage: string) => !only || only.includes(stage);
const outName = argValue("--out") ?? (quick ? "bench-quick" : "bench");

const config = {
  sizes: quick ? [10, 100, 1000] : [10, 100, 1000, 10_000],
  bigBytes: quick ? null : 10e6,
  /** Layout + SVG sizes: ELK layered layout is far from linear, so this stage is capped. */
  layoutSizes: quick ? [10, 100, 200] : [10, 100, 200, 500, 1000],
  layoutTimeLimitMs: quick ? 20_000 : 60_000,
  dotTimeoutMs: quick ? 20_000 : 30_000,
  /** Register runs in-process while one run is expected to stay under this; beyond, one attempt in a child with a timeout. */
  registerInProcessMs: 3_000,
  registerTimeoutMs: quick ? 15_000 : 20_000,
  cliRuns: quick ? 5 : 10,
};

const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
const mb = (bytes: number) => bytes / 1e6;

/** Runs and warm-ups for an operation of about `ms` per run. */
function plan(ms: number): { runs: number; warmup: number; minSampleMs: number } {
  if (ms < 50) return { runs: quick ? 5 : 9, warmup: 3, minSampleMs: 50 };
  if (ms < 1000) return { runs: quick ? 5 : 7, warmup: 2, minSampleMs: 0 };
  if (ms < 5000) return { runs: quick ? 3 : 5, warmup: 1, minSampleMs: 0 };
  return { runs: 3, warmup: 1, minSampleMs: 0 };
}

/** The checked model as plain data: spans dropped (they are positions in the .flow text, not content). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== "span" && k !== "spans" && v !== undefined) out[k] = plain(v);
    return out;
  }
  return value;
}

function childRun(script: string, scriptArgs: string[], timeoutMs: number): { json?: Record<string, number>; timedOut: boolean; error?: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "bench", script), ...scriptArgs], {
    cwd: root, encoding: "utf8", timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 1 << 24,
  });
  if (r.signal || (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") return { timedOut: true };
  if (r.status !== 0) return { timedOut: false, error: (r.stderr || String(r.error)).slice(0, 400) };
  return { json: JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, number>, timedOut: false };
}

// ---------------------------------------------------------------------------------------------

interface Case {
  label: string;
  systems: number;
  flows: number;
  bytes: number;
  model: GeneratedModel;
}

interface ParseRow {
  case: string; systems: number; flows: number; flowBytes: number; yamlBytes: number; jsonBytes: number;
  flowmap: Timing; jsYaml: Timing; jsonParse: Timing;
  flowmapMBps: number; jsYamlMBps: number; jsonMBps: number;
  ratioYaml: number; ratioJson: number; diagnostics: number;
}

interface RegisterRow { case: string; systems: number; timing?: Timing; timeout?: number; note?: string }

interface LayoutRow {
  systems: number; flows: number; containers: number;
  graph?: Timing; layout?: Timing; svg?: Timing; layoutSvg?: Timing; layoutTimeout?: number;
  dot?: Timing; dotTimeout?: number; ratioDot?: number; svgBytes?: number; note?: string;
}

const cases: Case[] = config.sizes.map((n) => {
  const model = generateModel(n, 42);
  return { label: `${n} systems`, systems: n, flows: model.flows, bytes: model.text.length, model };
});
if (config.bigBytes) {
  const model = generateModelOfSize(config.bigBytes, 42);
  cases.push({ label: `${(config.bigBytes / 1e6).toFixed(0)} MB`, systems: model.systems, flows: model.flows, bytes: model.text.length, model });
}

const started = Date.now();
const loadStart = loadavg();
const results: Record<string, unknown> = {};
const checked = new Map<number, CheckResult>();

// ---- 1. parse + build + check vs js-yaml and JSON.parse ---------------------------------------

const parseRows: ParseRow[] = [];
if (wants("parse") || wants("register")) {
  for (const c of cases) {
    log(`parse: ${c.label} (${(c.bytes / 1e6).toFixed(2)} MB)`);
    const file = `generated-${c.systems}.flow`;
    let t0 = performance.now();
    const result = checkSource(file, c.model.text);
    const firstMs = performance.now() - t0;
    if (!result.complete) throw new Error(`generated model ${c.label} has syntax errors: ${result.diagnostics[0]?.message}`);
    checked.set(c.systems, result);
    if (!wants("parse")) continue;
    const data = plain({ model: result.model });
    const yamlText = yaml.dump(data, { noRefs: true, lineWidth: -1 });
    const jsonText = JSON.stringify(data);
    const flowmap = await time(() => checkSource(file, c.model.text), plan(firstMs));
    t0 = performance.now();
    yaml.load(yamlText);
    const yamlFirst = performance.now() - t0;
    const jsYaml = await time(() => yaml.load(yamlText), plan(yamlFirst));
    t0 = performance.now();
    JSON.parse(jsonText);
    const jsonParse = await time(() => JSON.parse(jsonText), plan(performance.now() - t0));
    parseRows.push({
      case: c.label, systems: c.systems, flows: c.flows,
      flowBytes: c.bytes, yamlBytes: yamlText.length, jsonBytes: jsonText.length,
      flowmap, jsYaml, jsonParse,
      flowmapMBps: mb(c.bytes) / (flowmap.median / 1000),
      jsYamlMBps: mb(yamlText.length) / (jsYaml.median / 1000),
      jsonMBps: mb(jsonText.length) / (jsonParse.median / 1000),
      ratioYaml: flowmap.median / jsYaml.median,
      ratioJson: flowmap.median / jsonParse.median,
      diagnostics: result.diagnostics.length,
    });
  }
  results.parse = parseRows;
}

// ---- 3. register export -----------------------------------------------------------------------

const registerRows: RegisterRow[] = [];
if (wants("register")) {
  let predicted = 0;
  let last: { systems: number; ms: number } | undefined;
  for (const c of cases) {
    const result = checked.get(c.systems)!;
    // Predict from the previous size, assuming (pessimistically) quadratic growth.
    predicted = last ? last.ms * (c.systems / last.systems) ** 2 : 0;
    if (predicted <= config.registerInProcessMs) {
      log(`register: ${c.label}`);
      const t0 = performance.now();
      toCsv(buildRegister(result, "controller"));
      const firstMs = performance.now() - t0;
      const timing = firstMs > config.registerInProcessMs
        ? collect([firstMs])
        : await time(() => toCsv(buildRegister(result, "controller")), plan(firstMs));
      registerRows.push({ case: c.label, systems: c.systems, timing, ...(timing.runs === 1 && { note: "single run" }) });
      last = { systems: c.systems, ms: timing.median };
    } else if (c.systems <= 20_000) {
      log(`register: ${c.label} (child process, ${config.registerTimeoutMs / 1000} s limit)`);
      const r = childRun("stage-child.ts", ["register", String(c.systems)], config.registerTimeoutMs + 20_000);
      if (r.json && r.json.ms <= config.registerTimeoutMs) {
        registerRows.push({ case: c.label, systems: c.systems, timing: collect([r.json.ms]), note: "single run in a child process" });
        last = { systems: c.systems, ms: r.json.ms };
      } else {
        registerRows.push({ case: c.label, systems: c.systems, timeout: config.registerTimeoutMs, note: r.error ?? `did not finish within ${config.registerTimeoutMs / 1000} s` });
        last = { systems: c.systems, ms: Infinity };
      }
    } else {
      registerRows.push({ case: c.label, systems: c.systems, note: Number.isFinite(predicted) ? `skipped: predicted ${fmtMs(predicted)} from the smaller sizes` : "skipped: a smaller size already timed out" });
    }
  }
  results.register = registerRows;
}
checked.clear();
gc();

// ---- 2. layout + SVG vs Graphviz dot ----------------------------------------------------------

const layoutRows: LayoutRow[] = [];
const dotVersion = findDot();
if (wants("layout")) {
  const dir = mkdtempSync(join(tmpdir(), "flowmap-bench-"));
  let layoutGaveUp = false;
  let dotGaveUp = false;
  try {
    for (const n of config.layoutSizes) {
      const model = generateModel(n, 42);
      const result = checkSource(`generated-${n}.flow`, model.text);
      log(`layout: ${n} systems`);
      let t0 = performance.now();
      const graph0 = await mapGraphOf(result);
      const graphFirst = performance.now() - t0;
      const row: LayoutRow = { systems: n, flows: model.flows, containers: graph0.elk.children?.length ?? 0 };
      row.graph = await time(() => mapGraphOf(result), plan(graphFirst));
      if (!layoutGaveUp) {
        const layoutTimes: number[] = [];
        const svgTimes: number[] = [];
        const totals: number[] = [];
        const once = async () => {
          const a = performance.now();
          const laid = await layoutMap(graph0, config.layoutTimeLimitMs);
          const b = performance.now();
          const svg = await writeSvg(laid);
          const c = performance.now();
          row.svgBytes = svg.length;
          return { layout: b - a, svg: c - b };
        };
        try {
          t0 = performance.now();
          const first = await once(); // warm-up
          const p = plan(first.layout + first.svg);
          for (let i = 1; i < p.warmup; i++) await once();
          const runs = first.layout + first.svg > 15_000 ? 1 : Math.min(p.runs, 5);
          if (runs === 1 && first.layout + first.svg > 15_000) {
            layoutTimes.push(first.layout); svgTimes.push(first.svg); totals.push(first.layout + first.svg);
            row.note = "single run (slow)";
          } else {
            for (let i = 0; i < runs; i++) {
              gc();
              const r = await once();
              layoutTimes.push(r.layout); svgTimes.push(r.svg); totals.push(r.layout + r.svg);
            }
          }
          row.layout = collect(layoutTimes);
          row.svg = collect(svgTimes);
          row.layoutSvg = collect(totals);
        } catch (e) {
          if (!(e instanceof MapRenderError) || e.code !== "layout-timeout") throw e;
          row.layoutTimeout = config.layoutTimeLimitMs;
          row.note = `ELK layout did not finish within ${config.layoutTimeLimitMs / 1000} s`;
          layoutGaveUp = true;
        }
      } else {
        row.note = "skipped: a smaller size already timed out";
      }
      if (dotVersion && !dotGaveUp) {
        const file = join(dir, `map-${n}.dot`);
        writeFileSync(file, mapGraphToDot(graph0));
        log(`dot: ${n} systems`);
        const first = timeDot(file, config.dotTimeoutMs);
        if (first === "timeout") {
          row.dotTimeout = config.dotTimeoutMs;
          dotGaveUp = true;
        } else if (typeof first === "object") {
          row.note = [row.note, first.error].filter(Boolean).join("; ");
        } else {
          const p = plan(first);
          const runs = first > 15_000 ? 0 : Math.min(p.runs, 5);
          const ts: number[] = runs ? [] : [first];
          for (let i = 0; i < runs; i++) {
            const t = timeDot(file, config.dotTimeoutMs);
            if (typeof t === "number") ts.push(t);
          }
          row.dot = collect(ts);
        }
      }
      if (row.layoutSvg && row.dot) row.ratioDot = row.layoutSvg.median / row.dot.median;
      else if (row.layoutTimeout && row.dot) row.ratioDot = row.layoutTimeout / row.dot.median; // lower bound
      else if (row.layoutSvg && row.dotTimeout) row.ratioDot = row.layoutSvg.median / row.dotTimeout; // upper bound
      layoutRows.push(row);
      gc();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  results.layout = layoutRows;
}

// ---- 4. cold CLI --------------------------------------------------------------------------------

let cli: {
  check: Timing; bareNode: Timing; ratio: number; exitCode: number | null;
  /** Cold `flowmap render` of the generated 200-system model, `dot -Tsvg` of its graph beside it. */
  render200?: Timing; dot200?: Timing; ratioDot200?: number;
  /** The same for a 203-system model written like the seeds. */
  render200SeedLike?: { render: Timing; dot?: Timing; ratioDot?: number };
  /** Cold `flowmap check --format json` of a 2 MB model written like the seeds, and of the dense
   *  generated 10,000-system model (2.33 MB). */
  check2mbSeedLike?: Timing; check2mbDense?: Timing;
  /** Cold checks of the dense model broken three ways: bad input at scale must stay linear. */
  badInput?: Array<{ label: string; ms: number; status: number | null }>;
  /** Cold `flowmap check` of the same seed split into a model and a library it imports, node beside it. */
  checkImports?: Timing; bareNodeImports?: Timing; ratioImports?: number;
} | undefined;
if (wants("cli")) {
  log("cold CLI");
  const bundle = join(root, "dist/flowmap.mjs");
  const spawnMs = (argv: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, argv, { cwd: root, stdio: ["ignore", "ignore", "ignore"] });
    return { ms: performance.now() - t0, status: r.status };
  };
  const checkArgs = [bundle, "check", "models/cieloweb.flow"];
  let exitCode: number | null = null;
  for (let i = 0; i < 2; i++) {
    exitCode = spawnMs(checkArgs).status;
    spawnMs(["-e", "0"]);
  }
  if (exitCode !== 0 && exitCode !== 1) throw new Error(`flowmap check exited with ${exitCode}; is dist/flowmap.mjs built?`);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < config.cliRuns; i++) {
    // Interleaved so background load hits both alike.
    a.push(spawnMs(checkArgs).ms);
    b.push(spawnMs(["-e", "0"]).ms);
  }
  const check = collect(a);
  const bareNode = collect(b);
  cli = { check, bareNode, ratio: check.median / bareNode.median, exitCode };
  // Imports and all: the same seed split into the model (organization, data, purposes) and a library
  // (systems and flows) that it imports, in a workspace of its own.
  {
    const ws = mkdtempSync(join(tmpdir(), "flowmap-cold-import-"));
    try {
      const seed = readFileSync(join(root, "models/cieloweb.flow"), "utf8");
      const cut = seed.search(/^system /m);
      mkdirSync(join(ws, "models"));
      mkdirSync(join(ws, "lib"));
      writeFileSync(join(ws, "flowmap.config.json"), "{}\n");
      writeFileSync(join(ws, "models/cieloweb.flow"), `import "../lib/systems.flow"\n${seed.slice(0, cut)}`);
      writeFileSync(join(ws, "lib/systems.flow"), seed.slice(cut));
      const importArgs = [bundle, "check", join(ws, "models/cieloweb.flow")];
      const status = spawnMs(importArgs).status;
      if (status !== 0 && status !== 1) throw new Error(`flowmap check of the split seed exited with ${status}`);
      const ci: number[] = [];
      const ni: number[] = [];
      for (let i = 0; i < config.cliRuns; i++) {
        ci.push(spawnMs(importArgs).ms);
        ni.push(spawnMs(["-e", "0"]).ms);
      }
      cli.checkImports = collect(ci);
      cli.bareNodeImports = collect(ni);
      cli.ratioImports = cli.checkImports.median / cli.bareNodeImports.median;
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }
  // Issue 2's "a 2 MB model must check in well under a second", as a user runs it.
  log("cold CLI: check 2 MB models");
  const big = mkdtempSync(join(tmpdir(), "flowmap-cold-check-"));
  try {
    const seedLike = join(big, "seed-like-2mb.flow");
    writeFileSync(seedLike, seedLikeModel(2_000_000).text);
    const dense = join(big, "generated-10000.flow");
    const denseText = generateModel(10_000, 42).text;
    writeFileSync(dense, denseText);
    const s: number[] = [];
    const g: number[] = [];
    for (const f of [seedLike, dense]) spawnMs([bundle, "check", f, "--format", "json"]);
    for (let i = 0; i < Math.ceil(config.cliRuns / 2); i++) {
      s.push(spawnMs([bundle, "check", seedLike, "--format", "json"]).ms);
      g.push(spawnMs([bundle, "check", dense, "--format", "json"]).ms);
    }
    cli.check2mbSeedLike = collect(s);
    cli.check2mbDense = collect(g);
    const broken: Array<[string, string]> = [
      ["every data category renamed (36k unknown names)", denseText.replace(/^data d(\d+) /gm, "data x$1 ")],
      ["a stray line every 50 lines", denseText.split("\n").map((l, i) => (i % 50 === 49 ? `@@ stray ->\n${l}` : l)).join("\n")],
      ["every closing brace removed", denseText.replace(/^\}$/gm, "")],
    ];
    cli.badInput = broken.map(([label, text]) => {
      const f = join(big, "broken.flow");
      writeFileSync(f, text);
      const r = spawnMs([bundle, "check", f, "--format", "json"]);
      return { label, ms: r.ms, status: r.status };
    });
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
  // What a user waits for once per map: a fresh process, ELK's first layout included. Two 200-system
  // models: the generated one (flows chained across 16 countries: the worst case) and one written
  // like the seeds (7 renamed copies of the five seed models, 203 systems), each with dot beside it.
  log("cold CLI: render 200 systems");
  const dir = mkdtempSync(join(tmpdir(), "flowmap-cold-"));
  try {
    const coldRender = async (name: string, text: string) => {
      const flow = join(dir, `${name}.flow`);
      writeFileSync(flow, text);
      const renderArgs = [bundle, "render", flow, "-o", join(dir, `${name}.svg`)];
      if (spawnMs(renderArgs).status !== 0) throw new Error(`flowmap render of ${name} failed`);
      const r: number[] = [];
      const d: number[] = [];
      const dotFile = join(dir, `${name}.dot`);
      if (dotVersion) writeFileSync(dotFile, mapGraphToDot(await mapGraphOf(checkSource(flow, text))));
      for (let i = 0; i < Math.ceil(config.cliRuns / 2); i++) {
        r.push(spawnMs(renderArgs).ms);
        if (dotVersion) {
          const t = timeDot(dotFile, config.dotTimeoutMs);
          if (typeof t === "number") d.push(t);
        }
      }
      const render = collect(r);
      const dot = d.length ? collect(d) : undefined;
      return { render, dot, ratioDot: dot ? render.median / dot.median : undefined };
    };
    const generated = await coldRender("gen200", generateModel(200, 42).text);
    cli.render200 = generated.render;
    if (generated.dot) {
      cli.dot200 = generated.dot;
      cli.ratioDot200 = generated.ratioDot;
    }
    cli.render200SeedLike = await coldRender("seed-like-200", seedCopiesModel(7).text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  results.cli = cli;
}

// ---- 6. hostile and large inputs (issue 19), cold CLI ------------------------------------------

/** 32,768 characters on one line, no line break: words, keywords, numbers, braces, arrows and stray
 *  characters; no quote or slash (either would make one string or comment of the rest). */
function junkLine(length = 32_768, seed = 42): string {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const words = ["data", "flow", "system", "purpose", "email", "kind", "->", "{", "}", ",", "+", "12", "3.5", "x_1"];
  const stray = "@#$%&*!?;:=<>()[]~^|'`\\";
  let s = "";
  while (s.length < length) {
    const r = next();
    s += r < 0.5 ? words[Math.floor(next() * words.length)] : r < 0.8 ? stray[Math.floor(next() * stray.length)] : " ";
    if (next() < 0.3) s += " ";
  }
  return s.slice(0, length);
}

/** models/cieloweb.flow with one system (`firebase_auth`, no title) named by 100,000 characters. */
function longNameModel(length = 100_000): string {
  const name = `s${"x".repeat(length - 1)}`;
  return readFileSync(join(root, "models/cieloweb.flow"), "utf8")
    .replace('system firebase_auth "Firebase Authentication" {', `system ${name} {`)
    .split("firebase_auth").join(name);
}

interface ColdRow { label: string; timing?: Timing; status: number | null; outBytes?: number; timeoutMs?: number }
let hostile: ColdRow[] | undefined;
if (wants("hostile")) {
  const bundle = join(root, "dist/flowmap.mjs");
  const timeoutMs = quick ? 60_000 : 120_000;
  const dir = mkdtempSync(join(tmpdir(), "flowmap-hostile-"));
  /** One spawn, output discarded (or counted, untimed, with `count`). */
  const spawnRun = (argv: string[], count = false) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bundle, ...argv], {
      cwd: root, stdio: ["ignore", count ? "pipe" : "ignore", "ignore"], timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 1 << 30,
    });
    const timedOut = !!r.signal || (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
    return { ms: performance.now() - t0, status: r.status, timedOut, bytes: r.stdout?.length };
  };
  /** Commands run in interleaved rounds (background load hits them alike), after one untimed run
   *  of each that also counts its output; a command that times out is not run again. */
  const rounds = (commands: Array<{ label: string; argv: string[] }>, n: number): ColdRow[] => {
    const rows = commands.map((c) => {
      const first = spawnRun(c.argv, true);
      return { ...c, times: [] as number[], status: first.status, outBytes: first.bytes, timedOut: first.timedOut };
    });
    for (let i = 0; i < n; i++) {
      for (const r of rows) {
        if (r.timedOut) continue;
        const t = spawnRun(r.argv);
        if (t.timedOut) r.timedOut = true;
        else r.times.push(t.ms);
      }
    }
    return rows.map((r) => ({
      label: r.label, status: r.status, outBytes: r.outBytes,
      ...(r.times.length ? { timing: collect(r.times) } : { timeoutMs }),
    }));
  };
  try {
    const n = quick ? 3 : 5;
    log("hostile: check of a 32 KB line of junk");
    const junk = join(dir, "junk.flow");
    writeFileSync(junk, junkLine());
    const valid = join(dir, "generated-32kb.flow");
    writeFileSync(valid, generateModelOfSize(32_768, 42).text);
    hostile = rounds([
      { label: "check <32 KB one-line junk>", argv: ["check", junk] },
      { label: "check <32 KB one-line junk> --format json", argv: ["check", junk, "--format", "json"] },
      { label: "check <32 KB generated model> (reference)", argv: ["check", valid] },
    ], n);
    log("hostile: render of a 100,000-character name");
    const long = join(dir, "long-name.flow");
    writeFileSync(long, longNameModel());
    hostile.push(...rounds([
      { label: "render <cieloweb, a system named by 100,000 characters>", argv: ["render", long, "-o", join(dir, "long-name.svg")] },
      { label: "render models/cieloweb.flow (reference)", argv: ["render", join(root, "models/cieloweb.flow"), "-o", join(dir, "cieloweb.svg")] },
    ], n));
    log("hostile: fmt of a 10 MB model beside check of it");
    const big = join(dir, "seed-like-10mb.flow");
    writeFileSync(big, seedLikeModel(10e6).text);
    hostile.push(...rounds([
      { label: "fmt --check <10 MB written like the seeds>", argv: ["fmt", "--check", big] },
      { label: "check <the same 10 MB> (reference)", argv: ["check", big] },
    ], n));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  results.hostile = hostile;
}

// ---- 7. maps at any size (issue 16): full map beside the overview, cold CLI -----------------------

/** Cold `flowmap render` of the generated 200- and 2,000-system models: the full map and
 *  `--view overview` interleaved, each run a fresh process (ELK's first layout included). */
interface MapRow { label: string; full?: Timing; fullTimeout?: number; overview: Timing; fullSize?: string; overviewSize: string }
let maps: MapRow[] | undefined;
if (wants("maps")) {
  const bundle = join(root, "dist/flowmap.mjs");
  const dir = mkdtempSync(join(tmpdir(), "flowmap-maps-"));
  const sizeOf = (file: string) => /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(readFileSync(file, "utf8"))?.slice(1).join(" x ") ?? "-";
  const timed = (argv: string[], timeoutMs: number) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bundle, ...argv], { cwd: dir, timeout: timeoutMs, killSignal: "SIGKILL", stdio: "ignore" });
    return { ms: performance.now() - t0, ok: r.status === 0 };
  };
  maps = [];
  try {
    for (const n of [200, 2000]) {
      log(`maps: render ${n} systems, full and overview`);
      const flow = join(dir, `gen${n}.flow`);
      writeFileSync(flow, generateModel(n, 42).text);
      const runs = n <= 200 ? Math.ceil(config.cliRuns / 2) : quick ? 1 : 2;
      const fullTimeoutMs = quick ? 120_000 : 300_000;
      const full: number[] = [];
      const overview: number[] = [];
      let timedOut = false;
      for (let i = 0; i < runs; i++) {
        if (!timedOut) {
          const f = timed(["render", flow, "-o", "full.svg", "--layout-timeout", String(fullTimeoutMs / 1000)], fullTimeoutMs + 10_000);
          if (f.ok) full.push(f.ms);
          else timedOut = true;
        }
        const o = timed(["render", flow, "--view", "overview", "-o", "overview.svg"], 120_000);
        if (!o.ok) throw new Error(`overview of ${n} systems failed`);
        overview.push(o.ms);
      }
      maps.push({
        label: `${n} generated systems`,
        ...(full.length ? { full: collect(full), fullSize: sizeOf(join(dir, "full.svg")) } : { fullTimeout: fullTimeoutMs }),
        overview: collect(overview),
        overviewSize: sizeOf(join(dir, "overview.svg")),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  results.maps = maps;
}

// ---- 5. peak RSS for the largest case ------------------------------------------------------------

let rss: Record<string, unknown> | undefined;
if (wants("rss")) {
  const largest = cases[cases.length - 1]!;
  log(`peak RSS: ${largest.label}`);
  const dir = mkdtempSync(join(tmpdir(), "flowmap-rss-"));
  try {
    const file = join(dir, "largest.flow");
    writeFileSync(file, largest.model.text);
    const baseline = childRun("rss-child.ts", ["baseline", file], 120_000);
    const check = childRun("rss-child.ts", ["check", file], 300_000);
    // The bundled CLI, as users run it, under /usr/bin/time when available.
    let cliMB: number | undefined;
    const timeBin = "/usr/bin/time";
    const tv = spawnSync(timeBin, ["-v", process.execPath, join(root, "dist/flowmap.mjs"), "check", file], {
      cwd: root, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], timeout: 300_000, maxBuffer: 1 << 26,
    });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(tv.stderr ?? "");
    if (m) cliMB = Number(m[1]) / 1024;
    rss = {
      case: largest.label, bytes: largest.bytes, systems: largest.systems,
      baselineMB: baseline.json?.maxRssMB, checkMB: check.json?.maxRssMB, checkMs: check.json?.ms,
      cliCheckMB: cliMB, note: baseline.error ?? check.error,
    };
    results.rss = rss;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- growth ------------------------------------------------------------------------------------------

/** Fits over sizes >= 100 systems: at 10 systems fixed costs dominate. */
const fit = (pts: { x: number; y: number | undefined }[]) =>
  fitExponent(pts.filter((p) => p.x >= 100 && p.y !== undefined) as { x: number; y: number }[]);
const growth = {
  check: fit(parseRows.map((r) => ({ x: r.systems, y: r.flowmap.median }))),
  jsYaml: fit(parseRows.map((r) => ({ x: r.systems, y: r.jsYaml.median }))),
  jsonParse: fit(parseRows.map((r) => ({ x: r.systems, y: r.jsonParse.median }))),
  register: fit(registerRows.map((r) => ({ x: r.systems, y: r.timing?.median }))),
  mapGraph: fit(layoutRows.map((r) => ({ x: r.systems, y: r.graph?.median }))),
  layoutSvg: fit(layoutRows.map((r) => ({ x: r.systems, y: r.layoutSvg?.median }))),
  dot: fit(layoutRows.map((r) => ({ x: r.systems, y: r.dot?.median }))),
};
results.growth = growth;

// ---- targets -----------------------------------------------------------------------------------------

const at = <T extends { systems: number }>(rows: T[], n: number) => rows.find((r) => r.systems === n);
const verdict = (ok: boolean | undefined) => (ok === undefined ? "n/a" : ok ? "met" : "MISSED");
const l200 = at(layoutRows, 200);
const l1000 = at(layoutRows, 1000);
const bigParse = parseRows[parseRows.length - 1];
const targets = [
  { target: "parse+check at least as fast as js-yaml (every size)", value: parseRows.map((r) => fmtRatio(r.ratioYaml)).join(" "), ok: parseRows.length ? parseRows.every((r) => r.ratioYaml <= 1) : undefined },
  { target: "parse+check within 4x of JSON.parse (every size)", value: parseRows.map((r) => fmtRatio(r.ratioJson)).join(" "), ok: parseRows.length ? parseRows.every((r) => r.ratioJson <= 4) : undefined },
  { target: "parse+check grows linearly (exponent <= 1.15)", value: growth.check?.exponent.toFixed(2) ?? "-", ok: growth.check ? growth.check.exponent <= 1.15 : undefined },
  { target: "cold check within 1.5x of bare node", value: fmtRatio(cli?.ratio), ok: cli ? cli.ratio <= 1.5 : undefined },
  { target: "cold check of a seed split over two files (an import) within 1.5x of bare node", value: fmtRatio(cli?.ratioImports), ok: cli?.ratioImports !== undefined ? cli.ratioImports <= 1.5 : undefined },
  { target: "cold check of a 2 MB model (written like the seeds) well under 1 s (<= 0.7 s)", value: cli?.check2mbSeedLike ? fmtMs(cli.check2mbSeedLike.median) : "-", ok: cli?.check2mbSeedLike ? cli.check2mbSeedLike.median <= 700 : undefined },
  { target: "cold check of the dense generated 2.33 MB model under 1 s (informational)", value: cli?.check2mbDense ? fmtMs(cli.check2mbDense.median) : "-", ok: cli?.check2mbDense ? cli.check2mbDense.median <= 1000 : undefined },
  { target: "layout+SVG of 200 systems about 1 s (<= 1.5 s)", value: l200 ? (l200.layoutSvg ? fmtMs(l200.layoutSvg.median) : "timeout") : "-", ok: l200 ? (l200.layoutSvg ? l200.layoutSvg.median <= 1500 : false) : undefined },
  { target: "cold render of 200 systems about 1 s (<= 1.5 s)", value: cli?.render200 ? fmtMs(cli.render200.median) : "-", ok: cli?.render200 ? cli.render200.median <= 1500 : undefined },
  { target: "layout+SVG of 1,000 systems within 3x of dot", value: l1000 ? (l1000.layoutTimeout ? `> ${fmtMs(l1000.layoutTimeout)}` : `${l1000.dotTimeout ? "< " : ""}${fmtRatio(l1000.ratioDot)}`) : "-", ok: l1000 && (l1000.dot || l1000.dotTimeout) ? (l1000.ratioDot !== undefined ? l1000.ratioDot <= 3 && !l1000.layoutTimeout : !!l1000.dotTimeout) : undefined },
  { target: "layout+SVG growth well under quadratic (exponent <= 1.5)", value: growth.layoutSvg?.exponent.toFixed(2) ?? "-", ok: growth.layoutSvg ? growth.layoutSvg.exponent <= 1.5 && !layoutRows.some((r) => r.layoutTimeout) : undefined },
  { target: "peak RSS < 300 MB for the 10 MB model (check)", value: rss?.checkMB ? `${(rss.checkMB as number).toFixed(0)} MB` : "-", ok: rss?.checkMB && config.bigBytes ? (rss.checkMB as number) < 300 : undefined },
  { target: "register export grows linearly (exponent <= 1.15; informational)", value: growth.register?.exponent.toFixed(2) ?? "-", ok: growth.register ? growth.register.exponent <= 1.15 && !registerRows.some((r) => r.timeout) : undefined },
];
results.targets = targets.map((t) => ({ ...t, status: verdict(t.ok) }));
void bigParse;

// ---- output --------------------------------------------------------------------------------------------

const cpuModel = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model;
  }
})();
const meta = {
  date: new Date().toISOString().slice(0, 10),
  mode: quick ? "quick" : "full",
  node: process.version,
  cores: availableParallelism(),
  cpu: cpuModel,
  dot: dotVersion ?? "not installed",
  loadavgStart: loadStart.map((v) => round(v, 2)),
  loadavgEnd: loadavg().map((v) => round(v, 2)),
  wallSeconds: round((Date.now() - started) / 1000, 1),
  config,
};

const out: string[] = [];
out.push(`flowmap bench (${meta.mode}) — ${meta.date}, Node ${meta.node}, ${meta.cores} cores, ${meta.cpu}, load ${meta.loadavgStart.join("/")} -> ${meta.loadavgEnd.join("/")}`);
out.push("Times: median (min–max) per run.");
if (parseRows.length) {
  out.push("", "1. parse + build + check (.flow) vs js-yaml load / JSON.parse of the same model");
  out.push(table(
    ["case", "flow MB", "flowmap", "MB/s", "js-yaml", "MB/s", "JSON.parse", "MB/s", "/yaml", "/JSON"],
    parseRows.map((r) => [
      `${r.case} (${r.flows} flows)`, mb(r.flowBytes).toFixed(2), fmtTiming(r.flowmap), r.flowmapMBps.toFixed(1),
      fmtTiming(r.jsYaml), r.jsYamlMBps.toFixed(1), fmtTiming(r.jsonParse), r.jsonMBps.toFixed(0), fmtRatio(r.ratioYaml), fmtRatio(r.ratioJson),
    ]),
  ));
}
if (layoutRows.length) {
  out.push("", `2. map: graph building, layout + SVG (ELK + svgdom) vs dot -Tsvg${dotVersion ? "" : " (dot not installed: skipped)"}; sizes capped at ${Math.max(...config.layoutSizes)} systems`);
  out.push(table(
    ["systems", "flows", "boxes", "graph", "layout", "svg", "layout+SVG", "dot -Tsvg", "/dot"],
    layoutRows.map((r) => [
      String(r.systems), String(r.flows), String(r.containers), fmtTiming(r.graph),
      r.layout ? fmtTiming(r.layout) : r.layoutTimeout ? `> ${fmtMs(r.layoutTimeout)}` : "-",
      fmtTiming(r.svg),
      r.layoutSvg ? fmtTiming(r.layoutSvg) : r.layoutTimeout ? `> ${fmtMs(r.layoutTimeout)}` : "-",
      r.dot ? fmtTiming(r.dot) : r.dotTimeout ? `> ${fmtMs(r.dotTimeout)}` : "-",
      r.layoutTimeout && r.ratioDot ? `> ${fmtRatio(r.ratioDot)}` : r.dotTimeout && r.ratioDot ? `< ${fmtRatio(r.ratioDot)}` : fmtRatio(r.ratioDot),
    ]),
  ));
  const notes = layoutRows.filter((r) => r.note).map((r) => `  ${r.systems}: ${r.note}`);
  if (notes.length) out.push(...notes);
}
if (registerRows.length) {
  out.push("", "3. register export (buildRegister controller + toCsv)");
  out.push(table(["case", "register"], registerRows.map((r) => [
    r.case, r.timing ? fmtTiming(r.timing) + (r.note ? ` [${r.note}]` : "") : r.timeout ? `> ${fmtMs(r.timeout)}` : r.note ?? "-",
  ])));
}
if (cli) {
  out.push("", `4. cold CLI (${config.cliRuns} runs, spawn to exit)`);
  out.push(table(["command", "time"], [
    [`node dist/flowmap.mjs check models/cieloweb.flow (exit ${cli.exitCode})`, fmtTiming(cli.check)],
    ["node -e 0", fmtTiming(cli.bareNode)],
    ["ratio", fmtRatio(cli.ratio)],
    ...(cli.checkImports ? [["node dist/flowmap.mjs check <the same seed as a model and an imported library>", fmtTiming(cli.checkImports)], ["node -e 0, interleaved with it", fmtTiming(cli.bareNodeImports!)], ["ratio", fmtRatio(cli.ratioImports)]] : []),
    ...(cli.check2mbSeedLike ? [[`node dist/flowmap.mjs check <2 MB written like the seeds> --format json (${cli.check2mbSeedLike.runs} runs)`, fmtTiming(cli.check2mbSeedLike)]] : []),
    ...(cli.check2mbDense ? [[`node dist/flowmap.mjs check <10,000 generated systems, 2.33 MB> --format json`, fmtTiming(cli.check2mbDense)]] : []),
    ...(cli.badInput ?? []).map((b) => [`  same model, ${b.label} (exit ${b.status})`, fmtMs(b.ms)]),
    ...(cli.render200 ? [[`node dist/flowmap.mjs render <200 systems> (${cli.render200.runs} runs)`, fmtTiming(cli.render200)]] : []),
    ...(cli.dot200 ? [["dot -Tsvg, same graph", fmtTiming(cli.dot200)], ["render / dot", fmtRatio(cli.ratioDot200)]] : []),
    ...(cli.render200SeedLike ? [[`node dist/flowmap.mjs render <203 systems written like the seeds> (${cli.render200SeedLike.render.runs} runs)`, fmtTiming(cli.render200SeedLike.render)]] : []),
    ...(cli.render200SeedLike?.dot ? [["dot -Tsvg, same graph", fmtTiming(cli.render200SeedLike.dot)], ["render / dot", fmtRatio(cli.render200SeedLike.ratioDot)]] : []),
  ]));
}
if (rss) {
  out.push("", `5. peak RSS, ${rss.case} (${mb(rss.bytes as number).toFixed(1)} MB, ${rss.systems} systems), child processes`);
  out.push(table(["process", "max RSS"], [
    ["tsx child: read file only (baseline)", rss.baselineMB ? `${(rss.baselineMB as number).toFixed(0)} MB` : "-"],
    [`tsx child: read + checkSource (${fmtMs(rss.checkMs as number)})`, rss.checkMB ? `${(rss.checkMB as number).toFixed(0)} MB` : "-"],
    ["bundled CLI: flowmap check (/usr/bin/time -v)", rss.cliCheckMB ? `${(rss.cliCheckMB as number).toFixed(0)} MB` : "-"],
  ]));
}
if (hostile) {
  out.push("", "6. hostile and large inputs (issue 19): cold CLI, spawn to exit, output discarded (its size from one untimed run)");
  out.push(table(["command", "time", "exit", "output"], hostile.map((r) => [
    `node dist/flowmap.mjs ${r.label}${r.timing ? ` (${r.timing.runs} runs)` : ""}`,
    r.timing ? fmtTiming(r.timing) : `> ${fmtMs(r.timeoutMs!)}`,
    String(r.status),
    r.outBytes === undefined ? "-" : `${(r.outBytes / 1024).toFixed(0)} KB`,
  ])));
}
if (maps) {
  out.push("", "7. maps at any size (issue 16): cold CLI render, full map and --view overview interleaved (width x height in px)");
  out.push(table(["model", "render (full map)", "size", "render --view overview", "size"], maps.map((r) => [
    r.label, r.full ? `${fmtTiming(r.full)} (${r.full.runs} runs)` : `> ${fmtMs(r.fullTimeout!)}`, r.fullSize ?? "-", `${fmtTiming(r.overview)} (${r.overview.runs} runs)`, r.overviewSize,
  ])));
}
out.push("", "Growth: exponent k of time ≈ c·systems^k (least squares on log-log, sizes >= 100 systems)");
out.push(table(["stage", "k", "r²", "points"], Object.entries(growth).filter(([, g]) => g).map(([k, g]) => [k, g!.exponent.toFixed(2), g!.r2.toFixed(3), String(g!.points)])));
out.push("", "Targets");
out.push(table(["target", "measured", "status"], targets.map((t) => [t.target, t.value, verdict(t.ok)])));
out.push("", `wall time ${meta.wallSeconds} s`);
process.stdout.write(`${out.join("\n")}\n`);

mkdirSync(join(root, "bench/results"), { recursive: true });
const jsonFile = join(root, "bench/results", `${outName}.json`);
writeFileSync(jsonFile, `${JSON.stringify({ meta, ...results }, null, 2)}\n`);
log(`wrote ${jsonFile}`);
