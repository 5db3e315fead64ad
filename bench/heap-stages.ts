/** Heap after each stage of checkSource on a generated model (forced GC between stages):
 *    node --expose-gc --import tsx bench/heap-stages.ts [bytes=10e6]
 *  Shows what the syntax tree, the model and the findings keep alive. */
import { generateModelOfSize } from "./generate.js";
import { parseFlow } from "../src/syntax/parser.js";
import { buildModel } from "../src/model/build.js";
import { checkSource } from "../src/check/index.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const bytes = Number(process.argv[2] ?? 10e6);
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed / 1e6; };
const text = generateModelOfSize(bytes, 42).text;
const h0 = heap();
let t = performance.now();
const parsed = parseFlow("big.flow", text);
const tParse = performance.now() - t;
const h1 = heap();
t = performance.now();
const built = buildModel(parsed.file);
const tBuild = performance.now() - t;
const h2 = heap();
const line = (s: string, mb: number, ms?: number) => process.stdout.write(`${s.padEnd(28)} ${mb.toFixed(0).padStart(6)} MB${ms === undefined ? "" : `  ${ms.toFixed(0)} ms`}\n`);
line(`text (${(text.length / 1e6).toFixed(1)} MB chars) + modules`, h0);
line("+ parseFlow (tree alive)", h1 - h0, tParse);
line("+ buildModel (model alive)", h2 - h1, tBuild);
void built;
t = performance.now();
const r = checkSource("big.flow", text);
const tCheck = performance.now() - t;
line("checkSource result alive", heap() - h2, tCheck);
process.stdout.write(`diagnostics ${r.diagnostics.length}; maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
