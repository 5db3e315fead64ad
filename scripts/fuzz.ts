/** `npm run fuzz -- --inputs N`: the generated-input campaign (issue 19). Every input goes through
 *  check (text, json, sarif, github), the register (CSV, Markdown) and fmt, twice, in worker
 *  processes; crashes, hangs, spans out of range, nondeterminism and fmt round-trip failures are
 *  printed, each with a reproducer directory, and make the exit code 1. See scripts/fuzz/. */
import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { formatSummary, runCampaign, writeReproducer, type CampaignOptions } from "./fuzz/campaign.js";
import { classNames, classWeights, deserializeInput, inputSize, type ClassName, type FuzzInput } from "./fuzz/inputs.js";
import { examine } from "./fuzz/oracle.js";
import type { Target } from "./fuzz/target.js";

const usage = `npm run fuzz -- [options]

  --inputs N          how many inputs (default 1000)
  --seed S            the campaign's seed (default: drawn, and printed)
  --class A[,B]       only these classes: ${classNames.join(", ")}
  --workers N         worker processes (default: 2, or fewer cores)
  --render            draw the SVG map of every complete model up to 60 systems (default: a 0.5%
                      sample of inputs); --render-rate R sets the sample, --no-render none
  --out DIR           reproducers (default scratch/fuzz/)
  --hang-ms MS        time limit of one pass over an input under 50 KB (default 2000; larger
                      inputs get it in proportion to their size)
  --recheck-every K   check every K-th input again in another worker process (default 10; 0: never)
  --shrink-ms MS      time to minimise each failing input (default 10000; 0: none)
  --progress S        a progress line every S seconds (default 30; 0: none)
  --replay INDEX      examine one input of --seed in this process and print what it shows
  --repro FILE        the same for a reproducer's input.json or min.json
  --target MODULE     check a module exporting \`target\` instead of flowmap (to prove a detector)
`;

function fail(message: string): never {
  process.stderr.write(`fuzz: ${message}\n\n${usage}`);
  process.exit(2);
}

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isFinite(n) || n < 0) fail(`--${name} takes a number, not \`${value}\``);
  return n;
}

async function examineOne(input: FuzzInput, label: string, targetModule: string | undefined, outDir: string | undefined, seed: number, index: number): Promise<number> {
  const mod = (await import(targetModule ? pathToFileURL(resolve(targetModule)).href : "./fuzz/target.js")) as { target: Target };
  const examined = await examine(input, mod.target, { render: true });
  process.stdout.write(`${label}: class ${input.class} (${input.variant}), ${inputSize(input)} units; one pass ${Math.round(examined.ms)} ms; ${examined.complete} complete model(s), ${examined.formatted} file(s) formatted, ${examined.rendered} map(s)\n`);
  for (const p of examined.problems) {
    process.stdout.write(`\n${p.kind}: ${p.detail}\n`);
    if (outDir !== undefined) process.stdout.write(`reproducer: ${writeReproducer(outDir, seed, { ...p, index, class: input.class, variant: input.variant, size: inputSize(input) }, input)}\n`);
  }
  if (!examined.problems.length) process.stdout.write("no problems\n");
  return examined.problems.length ? 1 : 0;
}

async function main(): Promise<number> {
  const stringOptions = ["inputs", "seed", "class", "workers", "render-rate", "out", "hang-ms", "recheck-every", "shrink-ms", "progress", "replay", "repro", "target"];
  const booleanOptions = ["render", "no-render", "help"];
  let args: Record<string, string | boolean | undefined>;
  try {
    args = parseArgs({
      options: Object.fromEntries([...stringOptions.map((k) => [k, { type: "string" }]), ...booleanOptions.map((k) => [k, { type: "boolean" }])]) as Record<string, { type: "string" | "boolean" }>,
      allowPositionals: false,
    }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    fail((e as Error).message);
  }
  if (args.help) {
    process.stdout.write(usage);
    return 0;
  }
  const str = (k: string) => args[k] as string | undefined;
  const classes = str("class")?.split(",").map((c) => c.trim()).filter(Boolean) as ClassName[] | undefined;
  for (const c of classes ?? []) if (!classNames.includes(c)) fail(`no class \`${c}\` (${classNames.join(", ")})`);
  const seed = str("seed") !== undefined ? count(str("seed"), "seed", 0) >>> 0 : (Date.now() * 2654435761) >>> 0;
  const outDir = str("out") === undefined ? undefined : resolve(str("out")!);
  if (str("repro") !== undefined) {
    const input = deserializeInput(readFileSync(str("repro")!, "utf8"));
    return examineOne(input, str("repro")!, str("target"), outDir, seed, 0);
  }
  if (str("replay") !== undefined) {
    const index = count(str("replay"), "replay", 0);
    const { generateInput } = await import("./fuzz/generate.js");
    return examineOne(generateInput(seed, index, classes), `input ${index} of seed ${seed}`, str("target"), outDir, seed, index);
  }
  const options: CampaignOptions = {
    inputs: Math.floor(count(str("inputs"), "inputs", 1000)),
    seed,
    classes,
    workers: Math.max(1, Math.floor(count(str("workers"), "workers", Math.min(2, availableParallelism())))),
    render: args.render ? "all" : args["no-render"] ? "none" : "sample",
    renderRate: count(str("render-rate"), "render-rate", 0.005),
    outDir,
    hangMs: count(str("hang-ms"), "hang-ms", 2000),
    recheckEvery: Math.floor(count(str("recheck-every"), "recheck-every", 10)),
    shrinkMs: count(str("shrink-ms"), "shrink-ms", 10_000),
    targetModule: str("target") === undefined ? undefined : resolve(str("target")!),
    progressMs: count(str("progress"), "progress", 30) * 1000,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const weights = (classes?.length ? classes : classNames).map((c) => `${c} ${classWeights[c]}`).join(", ");
  process.stderr.write(`fuzz: seed ${seed}, ${options.inputs.toLocaleString("en")} inputs, ${options.workers} workers; class weights: ${weights}; maps: ${options.render === "sample" ? `${options.renderRate! * 100}% sample` : options.render}\n`);
  const result = await runCampaign(options);
  process.stdout.write(`${formatSummary(result)}\n`);
  return result.problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(2);
  },
);
