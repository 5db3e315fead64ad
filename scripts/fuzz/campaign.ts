/** The campaign: inputs 0..N-1 of a seed, dealt to worker processes (one per core by default), one
 *  input at a time. A worker that overruns its deadline is killed and replaced (the input is a
 *  hang); one that dies is replaced (the input is a crash). Every `recheckEvery`-th input is
 *  checked again by another worker (or, with one worker, the same one later), and its outputs'
 *  digests compared. Each problem gets a reproducer directory (the first few per signature). */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { classNames, deserializeInput, inputSize, repoRoot, seeds, serializeInput, type ClassName, type FuzzInput } from "./inputs.js";
import { compareDigests, problemKinds, type Problem, type ProblemKind } from "./oracle.js";
import { bundleWorker } from "./bundle.js";
import { Rng } from "./random.js";
import type { Job, JobResult, WorkerConfig, WorkerMessage } from "./worker.js";

export interface CampaignOptions {
  inputs: number;
  seed: number;
  /** Draw only from these classes (default: all, by `classWeights`). */
  classes?: ClassName[];
  /** Instead: input i is of class `cycle[i % cycle.length]` (a test's fixed mix). */
  cycle?: ClassName[];
  workers?: number;
  /** Draw the SVG map of every complete (small) model, or of a sample of them (`renderRate`). */
  render?: "all" | "sample" | "none";
  renderRate?: number;
  /** Where reproducer directories go (default scratch/fuzz/ in the repository). */
  outDir?: string;
  hangMs?: number;
  recheckEvery?: number;
  /** Time to minimise each failing input (0: no minimising). */
  shrinkMs?: number;
  /** A module exporting `target` (a broken one, to prove the detectors work). */
  targetModule?: string;
  /** Reproducers written per signature. */
  reproducers?: number;
  /** A worker is replaced after this many inputs (rechecks then run in fresh processes too). */
  restartEvery?: number;
  log?: (line: string) => void;
  progressMs?: number;
}

export interface ProblemRecord extends Problem {
  index: number;
  class: ClassName;
  variant: string;
  size: number;
  reproducer?: string;
}

export interface ClassStats {
  inputs: number;
  complete: number;
  formatted: number;
  rendered: number;
  units: number;
  ms: number;
}

export interface CampaignResult {
  seed: number;
  inputs: number;
  workers: number;
  byClass: Partial<Record<ClassName, ClassStats>>;
  counts: Record<ProblemKind, number>;
  problems: ProblemRecord[];
  signatures: Record<string, number>;
  rechecked: number;
  restarts: number;
  ms: number;
  slowest?: { index: number; class: ClassName; variant: string; size: number; ms: number };
}


interface Handle {
  id: number;
  child: ChildProcess;
  ready: boolean;
  busy?: { job: Job; started: number; phase: string; index: number };
  timer?: NodeJS.Timeout;
  jobs: number;
  stderr: string;
  /** Ended on purpose (replaced, or the campaign is over). */
  retired: boolean;
}

/** Whether input `index` gets its map drawn, decided apart from its content. */
export function rendersInput(seed: number, index: number, render: CampaignOptions["render"], rate: number): boolean {
  if (render === "all") return true;
  if (render !== "sample") return false;
  return new Rng(seed ^ 0x5eed, index).float() < rate;
}

export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const workers = Math.max(1, o.workers ?? 2);
  const hangMs = o.hangMs ?? 2000;
  const recheckEvery = o.recheckEvery ?? 10;
  const outDir = o.outDir ?? join(repoRoot, "scratch", "fuzz");
  const maxReproducers = o.reproducers ?? 5;
  const restartEvery = o.restartEvery ?? 20_000;
  const render = o.render ?? "sample";
  const renderRate = o.renderRate ?? 0.005;
  const log = o.log ?? (() => {});
  const bundle = await bundleWorker(o.targetModule);
  // The bundled generator, given the seeds the workers are given.
  const { generateInput, useSeeds } = (await import(pathToFileURL(bundle.generate).href)) as typeof import("./generate.js");
  useSeeds(seeds());
  const config: WorkerConfig = { target: bundle.target, seeds: bundle.seeds, hangMs, shrinkMs: o.shrinkMs ?? 10_000 };
  const started = performance.now();
  const result: CampaignResult = {
    seed: o.seed, inputs: 0, workers, byClass: {}, counts: Object.fromEntries(problemKinds.map((k) => [k, 0])) as Record<ProblemKind, number>,
    problems: [], signatures: {}, rechecked: 0, restarts: 0, ms: 0,
  };

  const running = new Promise<CampaignResult>((resolve, reject) => {
    let next = 0;
    let jobIds = 0;
    let failedStarts = 0;
    let finished = false;
    const handles: Handle[] = [];
    /** First results of inputs to recheck: their digests and the worker that made them. */
    const rechecks: { index: number; digests: Record<string, string>; worker: number }[] = [];
    const firstDigests = new Map<number, { digests: Record<string, string>; worker: number }>();
    const progress = o.progressMs ? setInterval(() => log(progressLine()), o.progressMs) : undefined;

    const progressLine = () => {
      const s = (performance.now() - started) / 1000;
      const found = problemKinds.filter((k) => result.counts[k]).map((k) => `${result.counts[k]} ${k}`).join(", ") || "none";
      return `progress: ${result.inputs.toLocaleString("en")}/${o.inputs.toLocaleString("en")} inputs, ${(result.inputs / s).toFixed(0)}/s, ${s.toFixed(0)} s; problems: ${found}`;
    };

    const classesOf = (index: number) => (o.cycle?.length ? [o.cycle[index % o.cycle.length]!] : o.classes);
    const inputOf = (index: number): FuzzInput => generateInput(o.seed, index, classesOf(index));

    const record = (index: number, p: Problem, input: FuzzInput, shrunk?: string) => {
      result.counts[p.kind]++;
      const seen = (result.signatures[p.signature] = (result.signatures[p.signature] ?? 0) + 1);
      const rec: ProblemRecord = { ...p, index, class: input.class, variant: input.variant, size: inputSize(input) };
      if (seen <= maxReproducers) {
        rec.reproducer = writeReproducer(outDir, o.seed, rec, input, shrunk);
        log(`${p.kind}: input ${index} (${input.class}, ${input.variant.slice(0, 60)}, ${rec.size} units): ${p.detail.split("\n")[0]!.slice(0, 300)}\n  reproducer: ${relative(process.cwd(), rec.reproducer) || "."}`);
      }
      result.problems.push(rec);
    };

    const finish = () => {
      if (finished) return;
      finished = true;
      if (progress) clearInterval(progress);
      for (const h of handles) if (h) retire(h);
      result.ms = performance.now() - started;
      if (result.problems.length) writeProblemList(outDir, result);
      resolve(result);
    };

    const retire = (h: Handle) => {
      h.retired = true;
      if (h.timer) clearTimeout(h.timer);
      if (h.child.connected) h.child.disconnect();
      h.child.kill("SIGKILL");
    };

    const spawn = (id: number): Handle => {
      // Node's defaults otherwise (stack, heap), as the CLI runs.
      const child = fork(bundle.worker, [JSON.stringify(config)], {
        execArgv: ["--enable-source-maps"],
        env: { ...process.env, FLOWMAP_FUZZ_ROOT: repoRoot },
        serialization: "advanced",
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      const h: Handle = { id, child, ready: false, jobs: 0, stderr: "", retired: false };
      child.stderr!.on("data", (b: Buffer) => {
        h.stderr = (h.stderr + b.toString()).slice(-4000);
      });
      child.on("message", (m: WorkerMessage) => onMessage(h, m));
      child.on("exit", (code, signal) => onExit(h, code, signal));
      handles[id] = h;
      return h;
    };

    const arm = (h: Handle, ms: number) => {
      if (h.timer) clearTimeout(h.timer);
      h.timer = setTimeout(() => onTimeout(h, ms), ms);
    };

    const live = () => handles.filter((x) => x && !x.retired);

    const dispatch = (h: Handle) => {
      if (finished || !h.ready || h.busy || h.retired) return;
      // A recheck goes to another process than the first check's; to the same one (later) only
      // when there is no other.
      let k = rechecks.findIndex((r) => r.worker !== h.id);
      if (k < 0 && next >= o.inputs && live().length === 1) k = rechecks.length ? 0 : -1;
      let mode: "examine" | "recheck";
      let index: number;
      if (k >= 0) {
        mode = "recheck";
        index = rechecks.splice(k, 1)[0]!.index;
      } else if (next < o.inputs) {
        mode = "examine";
        index = next++;
      } else {
        if (!rechecks.length && live().every((x) => !x.busy)) finish();
        return;
      }
      const job: Job = { type: "job", job: ++jobIds, mode, seed: o.seed, index, classes: classesOf(index), render: rendersInput(o.seed, index, render, renderRate) };
      h.busy = { job, started: performance.now(), phase: "generate", index };
      arm(h, 60_000);
      h.child.send(job);
    };

    const onMessage = (h: Handle, m: WorkerMessage) => {
      if (m.type === "ready") {
        h.ready = true;
        failedStarts = 0;
        dispatch(h);
        return;
      }
      if (!h.busy || m.job !== h.busy.job.job) return;
      if (m.type === "deadline") {
        h.busy.phase = m.phase;
        arm(h, m.ms);
        return;
      }
      const { job, index } = h.busy;
      h.busy = undefined;
      if (h.timer) clearTimeout(h.timer);
      h.jobs++;
      onResult(h, job, index, m);
      if (h.jobs >= restartEvery && (next < o.inputs || rechecks.length)) {
        retire(h);
        result.restarts++;
        spawn(h.id);
      } else dispatch(h);
      for (const x of handles) if (x && x !== h) dispatch(x);
    };

    const onResult = (h: Handle, job: Job, index: number, m: JobResult) => {
      const problems = [...m.problems];
      if (job.mode === "recheck") {
        result.rechecked++;
        const first = firstDigests.get(index);
        firstDigests.delete(index);
        if (first && !problems.length) problems.push(...compareDigests(first.digests, m.digests, `worker ${first.worker} and worker ${h.id}${first.worker === h.id ? " (later)" : ""}`));
      } else {
        result.inputs++;
        const s = (result.byClass[m.class] ??= { inputs: 0, complete: 0, formatted: 0, rendered: 0, units: 0, ms: 0 });
        s.inputs++;
        s.complete += m.complete ? 1 : 0;
        s.formatted += m.formatted ? 1 : 0;
        s.rendered += m.rendered ? 1 : 0;
        s.units += m.size;
        s.ms += m.ms;
        if (!result.slowest || m.ms > result.slowest.ms) result.slowest = { index, class: m.class, variant: m.variant, size: m.size, ms: m.ms };
        if (recheckEvery > 0 && index % recheckEvery === 0 && !problems.length) {
          firstDigests.set(index, { digests: m.digests, worker: h.id });
          rechecks.push({ index, digests: m.digests, worker: h.id });
        }
      }
      if (problems.length) {
        const input = inputOf(index);
        for (const p of problems) record(index, p, input, m.shrunk[p.signature]);
      }
    };

    const onTimeout = (h: Handle, ms: number) => {
      if (!h.busy || h.retired) return;
      const { index, phase, job } = h.busy;
      h.busy = undefined;
      retire(h);
      const input = inputOf(index);
      if (job.mode === "examine") {
        result.inputs++;
        const s = (result.byClass[input.class] ??= { inputs: 0, complete: 0, formatted: 0, rendered: 0, units: 0, ms: 0 });
        s.inputs++;
        s.units += inputSize(input);
      }
      record(index, { kind: "hang", signature: `hang: killed during ${phase}`, detail: `no answer within ${ms} ms during ${phase}${job.mode === "recheck" ? " (a recheck)" : ""}; the worker was killed` }, input);
      replace(h);
    };

    /** A worker in place of one that ended, if there is work left for it (else the others finish). */
    const replace = (h: Handle) => {
      if (next < o.inputs || rechecks.length) {
        result.restarts++;
        spawn(h.id);
      } else if (live().length) for (const x of live()) dispatch(x);
      else finish();
    };

    const onExit = (h: Handle, code: number | null, signal: string | null) => {
      if (h.retired || finished) return;
      h.retired = true;
      if (h.timer) clearTimeout(h.timer);
      if (!h.ready) {
        if (++failedStarts >= 3) {
          finished = true;
          for (const x of handles) if (x) retire(x);
          if (progress) clearInterval(progress);
          reject(new Error(`the fuzz worker does not start (exit ${code ?? signal}):\n${h.stderr}`));
          return;
        }
      }
      if (h.busy) {
        const { index, job } = h.busy;
        const input = inputOf(index);
        if (job.mode === "examine") result.inputs++;
        record(index, { kind: "crash", signature: `crash: the worker process died (${signal ?? `exit ${code}`})`, detail: `the worker process died (${signal ?? `exit ${code}`}) on this input:\n${h.stderr.slice(-2000)}` }, input);
      }
      replace(h);
    };

    if (o.inputs <= 0) return finish();
    for (let i = 0; i < workers; i++) spawn(i);
  });
  try {
    return await running;
  } finally {
    bundle.remove();
  }
}

/** Every problem of the campaign, one line of detail each (the reproducers are for the first few
 *  of each signature): outDir/campaign-<seed>.json. */
function writeProblemList(outDir: string, r: CampaignResult): void {
  mkdirSync(outDir, { recursive: true });
  const problems = r.problems.map((p) => ({ ...p, detail: p.detail.slice(0, 500) }));
  writeFileSync(join(outDir, `campaign-${r.seed}.json`), JSON.stringify({ ...r, problems }, null, 1));
}

/** A directory with the input (input.json exactly; files/ as a CLI would read them), the problem,
 *  and the commands that show it again; min.json and min/ hold the minimised input. */
export function writeReproducer(outDir: string, seed: number, p: ProblemRecord, input: FuzzInput, shrunk?: string): string {
  let dir = join(outDir, `${p.kind}-${seed}-${p.index}`);
  for (let k = 2; existsSync(dir); k++) dir = join(outDir, `${p.kind}-${seed}-${p.index}-${k}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "input.json"), serializeInput(input));
  const lossy = writeFiles(join(dir, "files"), input);
  const small = shrunk ? deserializeInput(shrunk) : undefined;
  if (shrunk && small) {
    writeFileSync(join(dir, "min.json"), shrunk);
    writeFiles(join(dir, "min"), small);
  }
  const rel = relative(repoRoot, dir) || dir;
  const lines = [
    p.signature,
    "",
    p.detail,
    "",
    `input ${p.index} of seed ${seed}: class ${p.class} (${p.variant}), ${p.size} units in ${Object.keys(input.files).length} file(s); entries: ${input.entries.join(", ")}`,
    ...(small ? [`minimised: ${inputSize(small)} units in min.json (and min/)`] : []),
    ...(lossy ? ["files/ holds text that UTF-8 cannot carry exactly (lone surrogates): input.json has it as it was"] : []),
    "",
    "again:",
    `  npx tsx scripts/fuzz.ts --repro ${rel}/${small ? "min" : "input"}.json`,
    `  npm run fuzz -- --seed ${seed} --replay ${p.index}${p.class ? ` --class ${p.class}` : ""}`,
    `  (cd ${rel}/files && npx flowmap check ${input.entries.map((e) => JSON.stringify(e)).join(" ")})`,
  ];
  writeFileSync(join(dir, "problem.txt"), `${lines.join("\n")}\n`);
  return dir;
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Writes the input's files under `dir`; true when some text could not be written exactly. */
function writeFiles(dir: string, input: FuzzInput): boolean {
  let lossy = false;
  for (const [p, c] of Object.entries(input.files)) {
    const path = join(dir, p);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof c === "string" && loneSurrogate.test(c)) lossy = true;
    writeFileSync(path, c);
  }
  return lossy;
}

export function formatSummary(r: CampaignResult): string {
  const rows = classNames.filter((c) => r.byClass[c]).map((c) => {
    const s = r.byClass[c]!;
    return [c, s.inputs, s.complete, s.formatted, s.rendered, Math.round(s.units / Math.max(1, s.inputs)), (s.ms / Math.max(1, s.inputs)).toFixed(1)];
  });
  const head = ["class", "inputs", "complete", "fmt", "maps", "avg units", "avg ms"];
  const table = [head, ...rows].map((row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(14) : String(cell).padStart(10))).join(""));
  const s = r.ms / 1000;
  const kinds = problemKinds.map((k) => `${r.counts[k]} ${k === "crash" ? "crashes" : k === "hang" ? "hangs" : k === "span" ? "span errors" : k === "fmt" ? "fmt round-trip failures" : "nondeterminism"}`).join(", ");
  const sigs = Object.entries(r.signatures).sort((a, b) => b[1] - a[1]).map(([sig, n]) => `  ${String(n).padStart(6)}  ${sig}`);
  return [
    `seed ${r.seed}: ${r.inputs.toLocaleString("en")} inputs on ${r.workers} worker${r.workers === 1 ? "" : "s"}, ${r.rechecked} rechecked in another process, ${r.restarts} worker restarts`,
    ...table,
    `problems: ${kinds}`,
    ...sigs,
    `time ${s.toFixed(1)} s, ${(r.inputs / Math.max(s, 1e-3)).toFixed(0)} inputs/s` + (r.slowest ? `; slowest input ${r.slowest.index} (${r.slowest.class}, ${r.slowest.variant.slice(0, 40)}, ${r.slowest.size} units): ${Math.round(r.slowest.ms)} ms a pass` : ""),
  ].join("\n");
}
