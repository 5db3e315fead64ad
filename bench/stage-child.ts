/** Child process for one slow synchronous stage that may need a time limit:
 *  `node --import tsx bench/stage-child.ts register <systems>` generates the model (seed 42), checks
 *  it, then times one run of the stage and prints `{"ms": ...}`. The parent kills it on timeout. */
import { generateModel } from "./generate.js";
import { checkSource } from "../src/check/index.js";
import { buildRegister, toCsv } from "../src/register/index.js";

const [stage, systemsArg] = process.argv.slice(2);
const systems = Number(systemsArg);
if (stage !== "register" || !Number.isFinite(systems)) throw new Error("usage: stage-child.ts register <systems>");
const result = checkSource(`generated-${systems}.flow`, generateModel(systems, 42).text);
const t0 = performance.now();
const csv = toCsv(buildRegister(result, "controller"));
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ stage, systems, ms, csvBytes: csv.length })}\n`);
