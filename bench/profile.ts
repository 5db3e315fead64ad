/** A small driver for CPU profiles of one stage, e.g.
 *    node --cpu-prof --cpu-prof-dir=bench/results/prof --import tsx bench/profile.ts check 2000
 *  stages: check | register | layout | cli-import. Then summarise with
 *    npx tsx bench/profile-summary.ts bench/results/prof/<file>.cpuprofile
 *  (layout runs ELK in a worker thread; --cpu-prof writes one profile per thread). */
import { generateModel } from "./generate.js";
import { checkSource } from "../src/check/index.js";
import { buildRegister, toCsv } from "../src/register/index.js";
import { mapGraphOf } from "../src/render/index.js";
import { layoutMap } from "../src/render/layout.js";
import { writeSvg } from "../src/render/svg.js";

const [stage = "check", systemsArg = "1000", repeatArg = "5"] = process.argv.slice(2);
const systems = Number(systemsArg);
const repeat = Number(repeatArg);
const text = generateModel(systems, 42).text;
const t0 = performance.now();
if (stage === "check") {
  for (let i = 0; i < repeat; i++) checkSource("p.flow", text);
} else if (stage === "register") {
  const result = checkSource("p.flow", text);
  for (let i = 0; i < repeat; i++) toCsv(buildRegister(result, "controller"));
} else if (stage === "layout") {
  const result = checkSource("p.flow", text);
  const graph = await mapGraphOf(result);
  for (let i = 0; i < repeat; i++) await writeSvg(await layoutMap(graph, 600_000));
} else {
  throw new Error(`unknown stage ${stage}`);
}
process.stderr.write(`${stage} ${systems} x${repeat}: ${(performance.now() - t0).toFixed(0)} ms\n`);
