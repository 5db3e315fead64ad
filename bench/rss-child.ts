/** Child process for the peak-RSS measurement: `node --import tsx bench/rss-child.ts <mode> <file>`.
 *  mode "baseline": load the modules and read the file only; "check": also parse + build + check;
 *  "all": also build the controller register and its CSV. Prints one JSON line. */
import { readFileSync } from "node:fs";
import { checkSource } from "../src/check/index.js";
import { buildRegister, toCsv } from "../src/register/index.js";

const [mode = "check", file] = process.argv.slice(2);
if (!file) throw new Error("usage: rss-child.ts baseline|check|all <file.flow>");
const text = readFileSync(file, "utf8");
let diagnostics = 0;
let csvBytes = 0;
const t0 = performance.now();
if (mode !== "baseline") {
  const result = checkSource(file, text);
  diagnostics = result.diagnostics.length;
  if (mode === "all") csvBytes = toCsv(buildRegister(result, "controller")).length;
}
const ms = performance.now() - t0;
// maxRSS is in kilobytes.
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ mode, bytes: text.length, diagnostics, csvBytes, ms, maxRssMB })}\n`);
