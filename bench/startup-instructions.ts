/** Cold start-up in instructions, not milliseconds: each command runs under valgrind's callgrind
 *  (`--callgrind-out-file=/dev/null`), which counts the instructions the process executes. On the
 *  shared 2-core machine wall time varies by 2x between runs; the count varies by well under 1%, so
 *  a ratio to bare `node -e 0` in one run is a figure another run reproduces.
 *
 *  Commands: `node -e 0` (the reference), `flowmap --version` (loading the eager bundle), `check` of
 *  models/cbline.flow (clean text: the fast parser), and `check` of the same model with its first `}`
 *  removed (a syntax error: the recovering parser). With `--before=<dir>` (a copy of an earlier
 *  dist/, e.g. `cp -r dist /tmp/before/`) each command also runs with that bundle, side by side.
 *
 *  With `--formats`, also the recovering parser alone (src/syntax/recovering-parser.ts bundled by
 *  esbuild as the CLI bundles it, CommonJS, and as an ES module): load it and build the parser
 *  (`serializedGrammar()` runs Chevrotain's self-analysis), `require` against `import`.
 *
 *  Run: node scripts/bundle.mjs && npx tsx bench/startup-instructions.ts [--before=/tmp/before/dist] [--runs=N] [--formats] */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const before = arg("before");
const runs = Number(arg("runs") ?? 1);

const broken = join(mkdtempSync(join(tmpdir(), "flowmap-startup-")), "cbline-unclosed.flow");
const cbline = readFileSync(join(root, "models/cbline.flow"), "utf8");
const brace = cbline.indexOf("}");
writeFileSync(broken, cbline.slice(0, brace) + cbline.slice(brace + 1));

/** Instructions executed by `node ...args` (the median of `runs`), and the exit code. */
function instructions(args: string[]): { count: number; code: number | null } {
  const counts: number[] = [];
  let code: number | null = null;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, ...args], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.error) throw new Error(`valgrind: ${r.error.message} (apt-get install -y valgrind)`);
    const m = /Collected : (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`no instruction count from valgrind for node ${args.join(" ")}:\n${r.stderr.slice(-2000)}`);
    counts.push(Number(m[1]));
    code = r.status;
  }
  counts.sort((a, b) => a - b);
  return { count: counts[counts.length >> 1]!, code };
}

const commands: Array<{ what: string; args: (bundle: string) => string[] }> = [
  { what: "`flowmap --version`", args: (b) => [b, "--version"] },
  { what: "`flowmap check models/cbline.flow`", args: (b) => [b, "check", "models/cbline.flow"] },
  { what: "`flowmap check` cbline with its first `}` removed (syntax error)", args: (b) => [b, "check", broken] },
];
const bundles = [...(before ? [{ name: "before", file: join(resolve(before), "flowmap.mjs") }] : []), { name: "this tree", file: join(root, "dist/flowmap.mjs") }];

process.stderr.write("node -e 0 ...\n");
const node = instructions(["-e", "0"]).count;
const M = (n: number) => `${(n / 1e6).toFixed(0)}M`;
const rows: Array<Record<string, unknown>> = [];
const table = [
  `| command | ${bundles.map((b) => `${b.name} | / node`).join(" | ")} |`,
  `|---|${bundles.map(() => "---|---").join("|")}|`,
  `| \`node -e 0\` | ${bundles.map(() => `${M(node)} | 1.00x`).join(" | ")} |`,
];
for (const c of commands) {
  const cells: string[] = [];
  for (const b of bundles) {
    process.stderr.write(`${b.name}: ${c.what} ...\n`);
    const r = instructions(c.args(b.file));
    rows.push({ command: c.what, bundle: b.name, instructions: r.count, ratio: r.count / node, exitCode: r.code });
    cells.push(`${M(r.count)} | ${(r.count / node).toFixed(2)}x`);
  }
  table.push(`| ${c.what} | ${cells.join(" | ")} |`);
}
if (process.argv.includes("--formats")) {
  const { build } = await import("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "flowmap-formats-"));
  for (const format of ["cjs", "esm"] as const) {
    await build({
      entryPoints: [join(root, "src/syntax/recovering-parser.ts")], outfile: join(dir, `recovering.${format === "cjs" ? "cjs" : "mjs"}`),
      bundle: true, platform: "node", format, target: "node20", minify: true, legalComments: "none", logLevel: "warning",
    });
  }
  writeFileSync(join(dir, "require.mjs"), 'import { createRequire } from "node:module";\ncreateRequire(import.meta.url)("./recovering.cjs").serializedGrammar();\n');
  writeFileSync(join(dir, "import.mjs"), 'await (await import("./recovering.mjs")).serializedGrammar();\n');
  table.push("", "| the recovering parser alone: load and build | instructions | / node |", "|---|---|---|");
  for (const [what, file] of [["CommonJS, `require` (as the CLI loads it)", "require.mjs"], ["ES module, `import`", "import.mjs"]] as const) {
    process.stderr.write(`${what} ...\n`);
    const r = instructions([join(dir, file)]);
    rows.push({ command: `recovering parser: ${what}`, bundle: "format", instructions: r.count, ratio: r.count / node, exitCode: r.code });
    table.push(`| ${what} | ${M(r.count)} | ${(r.count / node).toFixed(2)}x |`);
  }
}
console.log(table.join("\n"));
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(
  join(root, "bench/results/startup-instructions.json"),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, loadavg: loadavg(), runs, nodeInstructions: node, rows }, null, 2)}\n`,
);
