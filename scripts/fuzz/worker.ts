/** A campaign worker: a child process (forked by campaign.ts, from its bundle) that draws the
 *  inputs it is given by index, examines them, shrinks what fails, and answers over IPC. Before
 *  each step it tells the parent how long the step may take; the parent kills it when it overruns. */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { generateInput } from "./generate.js";
import { inputSize, serializeInput, useSeeds, type ClassName, type FuzzInput } from "./inputs.js";
import { digestsOf, examine, type ExamineOptions, type Problem } from "./oracle.js";
import { shrink } from "./shrink.js";
import type { Target } from "./target.js";

export interface WorkerConfig {
  /** A module exporting `target` (the product, ./target.ts, bundled by the campaign). */
  target: string;
  /** The seed files as the campaign read them when it started (a JSON list). */
  seeds: string;
  hangMs: number;
  shrinkMs: number;
}

/** Examine input `index` of `seed`, or (a recheck) only compute its outputs' digests. */
export interface Job {
  type: "job";
  job: number;
  mode: "examine" | "recheck";
  seed: number;
  index: number;
  classes?: ClassName[];
  render: boolean;
}

export interface JobResult {
  type: "result";
  job: number;
  class: ClassName;
  variant: string;
  size: number;
  problems: Problem[];
  digests: Record<string, string>;
  ms: number;
  complete: number;
  formatted: number;
  rendered: number;
  /** Minimised inputs (serialized), by the signature they show. */
  shrunk: Record<string, string>;
}

export type WorkerMessage = { type: "ready" } | { type: "deadline"; job: number; phase: string; ms: number } | JobResult;

/** Problems that one process can show again (a hang is the parent's to see, and so is a
 *  difference between processes). */
const shrinkable = (p: Problem) => p.kind !== "hang";

const shrinksPerSignature = 3;
const shrunkSoFar = new Map<string, number>();

async function run(job: Job, t: Target, config: WorkerConfig, send: (m: WorkerMessage) => void): Promise<JobResult> {
  const input: FuzzInput = generateInput(job.seed, job.index, job.classes);
  const options: ExamineOptions = {
    render: job.render,
    hangMs: config.hangMs,
    onDeadline: (phase, ms) => send({ type: "deadline", job: job.job, phase, ms }),
  };
  const base = { type: "result" as const, job: job.job, class: input.class, variant: input.variant, size: inputSize(input), shrunk: {} as Record<string, string> };
  if (job.mode === "recheck") {
    const d = await digestsOf(input, t, options);
    const problems = "kind" in d ? [d as Problem] : [];
    return { ...base, problems, digests: "kind" in d ? {} : (d as Record<string, string>), ms: 0, complete: 0, formatted: 0, rendered: 0 };
  }
  const examined = await examine(input, t, options);
  const result: JobResult = { ...base, ...examined };
  if (config.shrinkMs > 0) {
    for (const signature of new Set(examined.problems.filter(shrinkable).map((p) => p.signature))) {
      // A common problem is minimised a few times, not every time it is met.
      const times = shrunkSoFar.get(signature) ?? 0;
      if (times >= shrinksPerSignature) continue;
      shrunkSoFar.set(signature, times + 1);
      send({ type: "deadline", job: job.job, phase: "shrink", ms: config.shrinkMs * 2 + 30_000 });
      const quiet: ExamineOptions = { render: job.render, hangMs: config.hangMs };
      const fails = async (c: FuzzInput) => (await examine(c, t, quiet)).problems.some((p) => p.signature === signature);
      const { input: small } = await shrink(input, fails, config.shrinkMs);
      result.shrunk[signature] = serializeInput(small);
    }
  }
  return result;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as WorkerConfig;
  useSeeds(JSON.parse(readFileSync(config.seeds, "utf8")) as { name: string; text: string }[]);
  const mod = (await import(pathToFileURL(config.target).href)) as { target: Target };
  const send = (m: WorkerMessage) => process.send!(m);
  let queue = Promise.resolve();
  process.on("message", (job: Job) => {
    queue = queue.then(async () => {
      try {
        send(await run(job, mod.target, config, send));
      } catch (e) {
        // Thrown outside the product's steps (generating, comparing): still an answer, not a silence.
        const message = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e);
        const problem: Problem = { kind: "crash", signature: "crash: outside the product's steps", detail: message.slice(0, 4000) };
        send({ type: "result", job: job.job, class: "bytes", variant: "(unknown)", size: 0, problems: [problem], digests: {}, ms: 0, complete: 0, formatted: 0, rendered: 0, shrunk: {} });
      }
    });
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready" });
}

void main();
