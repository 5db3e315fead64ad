/** Cold `flowmap check` with and without the vendor catalogue, side by side with bare `node -e 0`
 *  in one interleaved run (issue 14: a model that uses no entry must not get slower; one that uses
 *  entries stays within 1.5x of bare node). Also the catalogue's size.
 *
 *    npx tsx bench/catalogue.ts [--runs N] [--baseline path/to/older/dist/flowmap.mjs]
 *
 *  The model with entries is models/cieloweb.flow with its Firebase Authentication and AdSense
 *  systems written as `from firebase_authentication` and `from google_adsense`. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { median } from "./stats.js";

const root = resolve(import.meta.dirname, "..");
const bundle = join(root, "dist/flowmap.mjs");
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("runs") ?? 21);
const baseline = arg("baseline");

const catalogue = join(root, "catalogue");
const files = readdirSync(catalogue).filter((f) => f.endsWith(".json"));
const bytes = files.reduce((n, f) => n + statSync(join(catalogue, f)).size, 0);

const seed = readFileSync(join(root, "models/cieloweb.flow"), "utf8");
// The seed's vendor systems, each taking an entry's facts (their own lines still override).
const withEntries = seed
  .replace(/^system (firebase\w*) "([^"]*)" \{/m, 'system $1 "$2" from firebase_authentication {')
  .replace(/^system (adsense\w*) "([^"]*)" \{/m, 'system $1 "$2" from google_adsense {');
const ws = mkdtempSync(join(tmpdir(), "flowmap-bench-catalogue-"));
const plain = join(ws, "plain.flow");
const using = join(ws, "using.flow");
writeFileSync(plain, seed);
writeFileSync(using, withEntries);

const spawnMs = (argv: string[]) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: ws, stdio: ["ignore", "ignore", "ignore"] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(" ")} exited with ${r.status}`);
  return performance.now() - t0;
};

const cases: Array<[string, string[]]> = [
  ["node -e 0", ["-e", "0"]],
  ["check models/cieloweb.flow (no entry used)", [bundle, "check", plain]],
  [`check cieloweb with ${(withEntries.match(/ from \w+/g) ?? []).length} systems \`from\` entries`, [bundle, "check", using]],
  ...(baseline ? ([["check models/cieloweb.flow, baseline bundle", [resolve(baseline), "check", plain]]] as Array<[string, string[]]>) : []),
];
const samples = cases.map(() => [] as number[]);
for (let w = 0; w < 3; w++) for (const [, argv] of cases) spawnMs(argv);
for (let i = 0; i < runs; i++) cases.forEach(([, argv], j) => samples[j]!.push(spawnMs(argv)));
rmSync(ws, { recursive: true, force: true });

const bare = median(samples[0]!);
console.log(`catalogue: ${files.length} entries, ${(bytes / 1024).toFixed(1)} KB of JSON (read only when a model uses \`from\` or \`vendors\` runs)`);
console.log(`${runs} interleaved runs each; median ms (min-max), ratio to node -e 0`);
cases.forEach(([label], j) => {
  const s = samples[j]!;
  console.log(`  ${label.padEnd(60)} ${median(s).toFixed(1).padStart(6)} (${Math.min(...s).toFixed(0)}-${Math.max(...s).toFixed(0)})  ${(median(s) / bare).toFixed(2)}x`);
});
