/** Top self-time functions of a V8 .cpuprofile: `npx tsx bench/profile-summary.ts file.cpuprofile [top=25]`.
 *  Self time is attributed from the sample list (node id per sample, time deltas), grouped by
 *  function + file:line; a second table groups by file. Paths are shown relative to the repo. */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg = "25"] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts file.cpuprofile [top]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  total += dt;
});

const short = (url: string) =>
  url.replace(/^file:\/\//, "").replace(/^.*?\/node_modules\//, "node_modules/").replace(/^\/work\/main\//, "") || "(native)";
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  const f = n.callFrame;
  const key = `${short(f.url)}:${f.lineNumber + 1} ${f.functionName || "(anonymous)"}`;
  byFn.set(key, (byFn.get(key) ?? 0) + us);
  const fileKey = short(f.url).replace(/^(node_modules\/[^/]+)\/.*$/, "$1");
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
}
const limit = Number(topArg) || 25;
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
console.log("\nself time by function");
for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
console.log("\nself time by file / package");
for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
