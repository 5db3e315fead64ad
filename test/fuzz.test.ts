/** `npm run fuzz` (scripts/fuzz.ts): a small campaign through the same worker processes as the
 *  big one must find nothing; and each detector must detect, shown with broken checkers: in
 *  process (a stub `Target` per kind of problem) and through the CLI and its workers (a stub
 *  module that hangs, throws, and writes its process id: the hang is killed and the campaign goes
 *  on, each problem gets a reproducer, the exit code is 1). */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCampaign } from "../scripts/fuzz/campaign.js";
import { generateInput } from "../scripts/fuzz/generate.js";
import { classNames, serializeInput, type ClassName, type FuzzInput } from "../scripts/fuzz/inputs.js";
import { examine, type ProblemKind } from "../scripts/fuzz/oracle.js";
import { target as real, type Target } from "../scripts/fuzz/target.js";
import type { Span } from "../src/diagnostics.js";

const root = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "flowmap-fuzz-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const model = `organization o "O" { role controller country NL }
subject s "S"
// a comment
data d "D" { kind contact }
purpose p "P" { basis contract subjects s data d retention 30 days }
system x "X" { kind server operator self located NL stores d for p security "tls" }
`;
const one = (text: string): FuzzInput => ({ class: "declarations", variant: "test", files: { "m.flow": text }, entries: ["m.flow"] });
const problems = async (t: Target, text = model, hangMs?: number) => (await examine(one(text), t, { hangMs })).problems;
/** The signatures of the problems the stub shows (a signature starts with the kind). */
const kinds = async (t: Target, text = model, hangMs?: number) => (await problems(t, text, hangMs)).map((p) => p.signature);
const kindsOf = async (t: Target, text = model, hangMs?: number): Promise<ProblemKind[]> => [...new Set((await problems(t, text, hangMs)).map((p) => p.kind))];

describe("the detectors detect (broken checkers, in process)", () => {
  it("the product itself: no problem on a small model", async () => {
    expect(await kinds(real)).toEqual([]);
  });

  it("a crash: a throw in any step, named by the step", async () => {
    const throws: Target = { ...real, formatSarif: () => { throw new TypeError("stub: no sarif"); } };
    expect(await kinds(throws)).toEqual(["crash: sarif: TypeError: stub: no sarif"]);
    const register: Target = { ...real, register: () => { throw new RangeError("stub"); } };
    expect(await kindsOf(register)).toEqual(["crash"]);
  });

  it("a span out of range, and one whose line and column disagree with its offsets", async () => {
    const shifted = (f: (s: Span) => Partial<Span>): Target => ({
      ...real,
      check(files, entries, aliases) {
        const c = real.check(files, entries, aliases);
        const plain = (s: Span): Span => ({ file: s.file, start: s.start, end: s.end, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn });
        return { ...c, diagnostics: c.diagnostics.map((d) => ({ ...d, span: { ...plain(d.span), ...f(d.span) } })) };
      },
    });
    expect(await kinds(shifted((s) => ({ end: s.end + 10_000, endColumn: s.endColumn + 10_000 })), `${model}subject unused\n`)).toContain("span: unused-subject span: offsets out of range");
    expect(await kinds(shifted((s) => ({ line: s.line + 1 })), `${model}subject unused\n`)).toContain("span: unused-subject span: line/column disagree with the offsets");
  });

  it("nondeterminism: an output that differs between two checks", async () => {
    let n = 0;
    const counter: Target = { ...real, formatJson: (d, f) => real.formatJson(d, f) + String(n++) };
    expect(await kinds(counter)).toEqual(["nondeterminism: json"]);
  });

  it("a hang: a pass over the time limit (twice)", async () => {
    const slow: Target = { ...real, check(...args) { const until = performance.now() + 60; while (performance.now() < until); return real.check(...args); } };
    expect(await kindsOf(slow, model, 20)).toEqual(["hang"]);
  });

  it("fmt round trip: output with syntax errors, not idempotent, comments lost, findings or model changed", async () => {
    const fmt = (f: (s: string) => string): Target => ({ ...real, formatSource: (p, t) => { const out = real.formatSource(p, t); return out === undefined ? out : f(out); } });
    expect(await kinds(fmt((s) => `${s}}`))).toContain("fmt: the formatted text has syntax errors");
    expect(await kinds(fmt((s) => `${s}// one more\n`))).toContain("fmt: not idempotent");
    expect(await kinds(fmt((s) => s.replace(/\/\/.*\n/g, "")))).toEqual(["fmt: comments changed"]);
    expect(await kinds(fmt((s) => (s.includes("subject extra") ? s : `${s}subject extra\n`)))).toEqual(["fmt: findings changed (unused-subject)"]);
    expect(await kinds(fmt((s) => s.replace('"tls"', '"tls 1.3"')))).toEqual(["fmt: model changed"]);
  });
});

/** The classes in the CI mix: the cheap ones every input, long lines and huge names now and then
 *  (each costs as much as a hundred small inputs). */
const cheap = classNames.filter((c) => c !== "long-lines" && c !== "huge-names");
const cycle: ClassName[] = [...[...Array(7)].flatMap(() => cheap), "huge-names", ...[...Array(7)].flatMap(() => cheap), "long-lines"];

describe.concurrent("npm run fuzz", () => {
  it("a few hundred generated inputs of every class, through the campaign's two workers: no problems", async () => {
    const r = await runCampaign({ inputs: 300, seed: 20261210, workers: 2, cycle, render: "none", outDir: join(tmp, "ci"), shrinkMs: 0, recheckEvery: 10 });
    expect(r.problems.map((p) => `${p.index} ${p.class} ${p.detail}`)).toEqual([]);
    expect(r.inputs).toBe(300);
    for (const c of classNames) expect(r.byClass[c]?.inputs, c).toBeGreaterThan(0);
    expect(r.rechecked).toBe(30);
    expect(Object.values(r.byClass).reduce((n, s) => n + s.complete, 0)).toBeGreaterThan(30);
    expect(Object.values(r.byClass).reduce((n, s) => n + s.formatted, 0)).toBeGreaterThan(30);
  });

  it("a broken checker module through the CLI: the hang is killed and the campaign goes on; each problem has a reproducer; exit 1", async () => {
    const seed = 7;
    const inputs = [...Array(12)].map((_, i) => generateInput(seed, i, ["tokens"]));
    const key = (x: FuzzInput) => JSON.stringify(Object.values(x.files).map((c) => (typeof c === "string" ? c : [...c])));
    const stub = join(tmp, "broken.mts");
    writeFileSync(stub, `
      import { target as real } from ${JSON.stringify(join(root, "scripts", "fuzz", "target.ts"))};
      const hang = ${JSON.stringify(key(inputs[11]!))};
      const boom = ${JSON.stringify(key(inputs[5]!))};
      const key = (files) => JSON.stringify(Object.values(files).map((c) => (typeof c === "string" ? c : [...c])));
      export const target = {
        ...real,
        check(files, entries, aliases) {
          if (key(files) === hang) for (;;);
          if (key(files) === boom) throw new TypeError("stub: boom");
          return real.check(files, entries, aliases);
        },
        // The same in one process, another in the next: only the recheck in another worker sees it.
        formatGithub: (d, n) => real.formatGithub(d, n) + process.pid,
      };
    `);
    const out = join(tmp, "broken");
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const args = ["--import", tsx, join(root, "scripts", "fuzz.ts"), "--target", stub, "--inputs", "12", "--class", "tokens", "--seed", String(seed), "--out", out, "--hang-ms", "400", "--recheck-every", "4", "--shrink-ms", "0", "--progress", "0"];
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, args, { cwd: root });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
      child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
      child.on("close", (status) => done({ status, stdout, stderr }));
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain("seed 7: 12 inputs on 2 workers");
    expect(run.stdout).toMatch(/problems: 1 crashes, 1 hangs, 0 span errors, [1-4] nondeterminism, 0 fmt round-trip failures/);
    expect(run.stdout).toContain("crash: check: TypeError: stub: boom");
    expect(run.stdout).toContain("nondeterminism: github across processes");
    const dirs = readdirSync(out).filter((d) => !d.endsWith(".json")).sort();
    expect(JSON.parse(readFileSync(join(out, `campaign-${seed}.json`), "utf8")).problems.length).toBe(2 + Number(run.stdout.match(/(\d) nondeterminism/)![1]));
    expect(dirs).toContain(`hang-${seed}-11`);
    expect(dirs).toContain(`crash-${seed}-5`);
    for (const d of dirs) {
      expect(existsSync(join(out, d, "problem.txt"))).toBe(true);
      expect(JSON.parse(readFileSync(join(out, d, "input.json"), "utf8")).class).toBe("tokens");
    }
    expect(readFileSync(join(out, `hang-${seed}-11`, "input.json"), "utf8")).toBe(serializeInput(inputs[11]!));
    expect(readFileSync(join(out, `hang-${seed}-11`, "problem.txt"), "utf8")).toContain("the worker was killed");
  });
});
