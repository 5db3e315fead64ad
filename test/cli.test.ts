// End-to-end: the bundled CLI, as users run it, in a scratch directory.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync, cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import yaml from "js-yaml";
import { generateModel } from "../bench/generate.js";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(".");
const cli = join(root, "dist/flowmap.mjs");

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
});

// A CLI that does not exit (a worker left holding the event loop) fails here instead of hanging CI.
const exitWithinMs = 30_000;

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: exitWithinMs, env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...env } });
  if (r.error) throw new Error(`flowmap ${args.join(" ")} did not exit within ${exitWithinMs} ms: ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "flowmap-cli-"));
  expect(run(["init"], dir).code).toBe(0);
  return dir;
}

describe("flowmap check", () => {
  it("exits 0 on a clean model, 1 with error findings, 2 on bad input", () => {
    const dir = project();
    expect(run(["check"], dir).code).toBe(0);
    writeFileSync(join(dir, "models/bad.flow"), 'organization o "O" { role controller country NL contact "x" }\npurpose p "P" { data email }\n');
    const r = run(["check", "models/bad.flow"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/models\/bad\.flow:2:\d+: error (purpose-without-basis|unknown-name)/);
    expect(run(["check", "nope/"], dir).code).toBe(2);
    const typo = run(["chekc"], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("did you mean `check`");
    const flag = run(["check", "--fromat", "json"], dir);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--format");
  });

  it("json output is the documented contract; colour only when asked", () => {
    const dir = project();
    const r = run(["check", "--format", "json"], dir);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ version: 1, tool: "flowmap", files: ["models/example.flow"], summary: { errors: 0 } });
    expect(run(["check"], dir).stdout).not.toMatch(/\u001b\[/);
    writeFileSync(join(dir, "models/bad.flow"), "purpose p { basis nope }\n");
    expect(run(["check"], dir, { FORCE_COLOR: "1" }).stdout).toMatch(/\u001b\[/);
  });

  it("applies config severities, --max-warnings and inline suppressions", () => {
    const dir = project();
    writeFileSync(join(dir, "models/extra.flow"), [
      'organization o "O" { role controller country NL contact "x" }',
      'subject lonely "Nobody uses me"',
      "// flowmap-ignore unused-subject: kept for the next release",
      'subject later "Later"',
      "// flowmap-ignore unused-data",
      'data d "D" { kind contact }',
    ].join("\n"));
    let r = run(["check", "--format", "json", "models/extra.flow"], dir);
    const found = JSON.parse(r.stdout) as { summary: { accepted: number }; diagnostics: Array<{ code: string; line: number; suppressed?: { reason: string; line: number } }> };
    let codes = found.diagnostics.filter((d) => !d.suppressed).map((d) => `${d.code}@${d.line}`);
    expect(codes).toContain("unused-subject@2");
    expect(codes).not.toContain("unused-subject@4");
    // The accepted finding stays on record, with its reason and the comment's place.
    expect(found.diagnostics.find((d) => d.suppressed)).toMatchObject({ code: "unused-subject", line: 4, suppressed: { reason: "kept for the next release", line: 3 } });
    expect(found.summary.accepted).toBe(1);
    expect(run(["check", "models/extra.flow"], dir).stdout).toContain("; 1 finding accepted with a reason");
    expect(codes).toContain("suppression-without-reason@5");
    expect(codes).toContain("unused-data@6");
    expect(r.code).toBe(1); // the reasonless suppression is an error
    writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ rules: { "unused-subject": "off", "suppression-without-reason": "warning" } }));
    r = run(["check", "--format", "json", "models/extra.flow"], dir);
    codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code);
    expect(codes).not.toContain("unused-subject"); // off: not even on record
    expect(r.code).toBe(0);
    expect(run(["check", "--max-warnings", "0", "models/extra.flow"], dir).code).toBe(1);
    writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ rules: { "unused-subjct": "off" } }));
    const bad = run(["check"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("did you mean `unused-subject`");
  });

  it("finds the config by walking up from the working directory", () => {
    const dir = project();
    writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ rules: { "unused-data": "error" } }));
    mkdirSync(join(dir, "sub/deeper"), { recursive: true });
    writeFileSync(join(dir, "sub/deeper/x.flow"), 'organization o "O" { role controller country NL contact "x" }\ndata d "D" { kind contact }\n');
    const r = run(["check", "--format", "json", "x.flow"], join(dir, "sub/deeper"));
    expect(JSON.parse(r.stdout).diagnostics.find((d: { code: string }) => d.code === "unused-data").severity).toBe("error");
  });
});

describe("flowmap fmt and init", () => {
  it("fmt --check lists unformatted files; fmt fixes them", () => {
    const dir = project();
    const path = join(dir, "models/example.flow");
    writeFileSync(path, readFileSync(path, "utf8").replace("role controller", "role   controller"));
    const check = run(["fmt", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout.trim()).toBe("models/example.flow");
    expect(run(["fmt"], dir).code).toBe(0);
    expect(run(["fmt", "--check"], dir).code).toBe(0);
  });

  it("init never overwrites without --force", () => {
    const dir = project();
    const again = run(["init"], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("--force");
    expect(run(["init", "--force"], dir).code).toBe(0);
  });

  it("every command has --help with examples", () => {
    for (const c of ["check", "render", "register", "build", "fmt", "init"]) {
      const r = run([c, "--help"], root);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Examples:");
    }
  });
});

describe("flowmap build", () => {
  it("writes maps and registers, then --check passes; a stale or orphan output fails it", () => {
    const dir = project();
    const r = run(["build"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/models\/example\.flow\s+\d+\s+\d+/);
    expect(existsSync(join(dir, "out/example.svg"))).toBe(true);
    expect(existsSync(join(dir, "out/example.register.csv"))).toBe(true);
    expect(run(["build", "--check"], dir).code).toBe(0);
    writeFileSync(join(dir, "out/example.svg"), "<svg/>");
    writeFileSync(join(dir, "out/gone.svg"), "<svg/>");
    const stale = run(["build", "--check"], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("stale    out/example.svg");
    expect(stale.stderr).toContain("orphan   out/gone.svg");
  });

  it("a model that cannot be parsed fails the build and leaves earlier outputs untouched", () => {
    const dir = project();
    expect(run(["build"], dir).code).toBe(0);
    const before = readdirSync(join(dir, "out")).map((f) => [f, readFileSync(join(dir, "out", f), "utf8")]);
    const path = join(dir, "models/example.flow");
    writeFileSync(path, `${readFileSync(path, "utf8").replace("role controller", "role controller\n  located NL")}\nflow a -> {`);
    const r = run(["build"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nothing written");
    expect(readdirSync(join(dir, "out")).map((f) => [f, readFileSync(join(dir, "out", f), "utf8")])).toEqual(before);
  });

  it("--strict fails on error findings, plain build does not", () => {
    const dir = project();
    writeFileSync(join(dir, "models/bad.flow"), 'organization o "O" { role controller country NL contact "x" }\npurpose p "P" { retention 1 days }\n');
    expect(run(["build"], dir).code).toBe(0);
    expect(run(["build", "--strict"], dir).code).toBe(1);
  });

  it("the repository's own out/ is fresh", () => {
    const r = run(["build", "--check"], root);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe("flowmap render and register", () => {
  it("write to the default paths and to -o, and refuse models with syntax errors", () => {
    const dir = project();
    expect(run(["render", "models/example.flow"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "out/example.svg"), "utf8")).toMatch(/^<svg|^<\?xml/);
    expect(run(["register", "models/example.flow", "-o", "reg.csv", "--bom"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "reg.csv"), "utf8").charCodeAt(0)).toBe(0xfeff);
    expect(run(["register", "models/example.flow", "--format", "md"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "out/example.register.md"), "utf8")).toContain("|");
    writeFileSync(join(dir, "models/broken.flow"), "system s { kind server");
    const r = run(["render", "models/broken.flow"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("syntax error");
    expect(existsSync(join(dir, "out/broken.svg"))).toBe(false);
    expect(run(["render", "models/example.flow", "models/broken.flow", "-o", "x.svg"], dir).code).toBe(2);
  });

  it("--layout-timeout bounds the layout, says how to raise it, and leaves earlier outputs alone", () => {
    const dir = project();
    expect(run(["render", "models/example.flow", "--layout-timeout", "120"], dir).code).toBe(0);
    const before = readFileSync(join(dir, "out/example.svg"), "utf8");
    const slow = run(["render", "models/example.flow", "--layout-timeout", "0.001"], dir);
    expect(slow.code).toBe(2);
    expect(slow.stderr).toContain("did not finish within the 1 ms limit");
    expect(slow.stderr).toContain("--layout-timeout <seconds>");
    expect(readFileSync(join(dir, "out/example.svg"), "utf8")).toBe(before);
    for (const bad of ["0", "-1", "abc", "1e3"]) {
      const r = run(["build", "--layout-timeout", bad], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--layout-timeout takes a number of seconds greater than 0, not \`${bad}\``);
    }
    expect(run(["help", "build"], dir).stdout).toContain("--layout-timeout <seconds> give up on a map whose layout takes longer (default 60)");
  });
});

describe("CI formats end to end", () => {
  it("sarif from the CLI validates against the SARIF 2.1.0 schema, with repo-relative uris and rule help", () => {
    const r = run(["check", "--format", "sarif"], root);
    expect(r.code).toBe(1); // the seed models have real errors
    const log = JSON.parse(r.stdout);
    const addFormats = createRequire(import.meta.url)("ajv-formats") as (a: Ajv) => void;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync("test/data/sarif-schema-2.1.0.json", "utf8")));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run0 = log.runs[0];
    expect(run0.columnKind).toBe("utf16CodeUnits");
    for (const rule of run0.tool.driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(5);
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(existsSync(join(root, "docs/rules", `${rule.id}.md`))).toBe(true);
    }
    for (const res of run0.results) {
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^models\/[a-z]+\.flow$/);
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    // Same input, same fingerprints.
    expect(JSON.parse(run(["check", "--format", "sarif"], root).stdout).runs[0].results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints)).toEqual(
      run0.results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints),
    );
  });

  it("github annotations escape a path with a comma and colon", () => {
    const dir = project();
    mkdirSync(join(dir, "a,b:c"));
    writeFileSync(join(dir, "a,b:c/m.flow"), 'organization o "O" { role controller country NL contact "x" }\npurpose p "P" { data d }\n');
    const r = run(["check", "--format", "github", "a,b:c"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error file=a%2Cb%3Ac/m.flow,line=2,col=");
  });

  it("the documented JSON example has exactly the fields of the real output", () => {
    const doc = readFileSync(join(root, "docs/json-format.md"), "utf8");
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!);
    const real = JSON.parse(run(["check", "--format", "json", "models/banzaicloud.flow"], root).stdout);
    const shape = (v: unknown): unknown =>
      Array.isArray(v) ? (v.length ? shape(v.find((x) => !(x && typeof x === "object" && "related" in x && (x as { related: unknown[] }).related.length === 0)) ?? v[0]) : []) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]).sort()) : typeof v;
    expect(shape(example)).toEqual(shape(real));
    for (const key of Object.keys(real.diagnostics[0])) expect(doc).toContain(`\`${key}\``);
  });

  it("the example workflow uploads SARIF with the right permission and runs commands that work", () => {
    const wf = yaml.load(readFileSync(join(root, "docs/github-actions.yml"), "utf8")) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, string> }> }>;
    };
    expect(wf.permissions["security-events"]).toBe("write");
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
    expect(upload.uses).toMatch(/@v[4-9]$/);
    const commands = steps.flatMap((s) => (s.run ?? "").split("\n")).filter((l) => l.includes("npx flowmap"));
    expect(commands.some((c) => c.includes("build --check"))).toBe(true);
    const sarifStep = commands.find((c) => c.includes("--format sarif"))!;
    expect(sarifStep).toContain(`> ${upload.with!.sarif_file}`);
    // Each command, run in a fresh project with its outputs built, parses its arguments and passes.
    const dir = project();
    expect(run(["build"], dir).code).toBe(0);
    for (const c of commands) {
      const args = c.replace(/^.*npx flowmap /, "").replace(/\s*(>|\|\|).*$/, "").split(/\s+/);
      const r = run(args, dir);
      expect(r.code, `${c}: ${r.stderr}`).toBe(0);
    }
  });
});

describe("CLI edges", () => {
  it("a reader that stops early (`flowmap check | head -c 10`) ends the CLI quietly with exit 2, no stack trace", async () => {
    // Far more output than a pipe buffers, so the CLI is still writing when the reader leaves.
    const dir = mkdtempSync(join(tmpdir(), "flowmap-pipe-"));
    writeFileSync(join(dir, "big.flow"), generateModel(2000, 7).text);
    const child = spawn(process.execPath, [cli, "check", "big.flow", "--format", "json"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(2);
  });

  it("config errors are clear, exit 2, and suggest; models/out in the config are relative to it", () => {
    const dir = project();
    const cases: Array<[unknown, string]> = [
      [{ rules: { "unused-subject": "of" } }, 'rules.unused-subject: "of" is not a severity (did you mean `off`?)'],
      [{ maxWarning: 3 }, "maxWarning: unknown setting (did you mean `maxWarnings`?)"],
      [{ maxWarnings: -1 }, "maxWarnings: must be 0 or more"],
      [[], "expected a JSON object"],
    ];
    for (const [config, message] of cases) {
      writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify(config));
      const r = run(["check"], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
    writeFileSync(join(dir, "flowmap.config.json"), "{ rules: }");
    expect(run(["check"], dir).stderr).toContain("not valid JSON");
    const missing = run(["check", "--config", "nope.json"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read config nope.json");
    writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ models: "models", out: "out" }));
    mkdirSync(join(dir, "sub/deeper"), { recursive: true });
    const fromBelow = run(["check"], join(dir, "sub/deeper"));
    expect(fromBelow.code, fromBelow.stderr).toBe(0);
    expect(fromBelow.stdout).toContain("in 1 file");
    expect(run(["build"], join(dir, "sub/deeper")).code).toBe(0);
    expect(existsSync(join(dir, "out/example.svg"))).toBe(true);
  });

  it("help for an unknown command and unknown top-level options exit 2 with a suggestion", () => {
    const help = run(["help", "chek"], root);
    expect(help.code).toBe(2);
    expect(help.stderr).toContain("did you mean `check`");
    const version = run(["--versoin"], root);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain("did you mean `--version`");
    const format = run(["check", "--format", "sarf"], root);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("did you mean `sarif`");
    expect(run(["check", "--format", "--quiet"], root).code).toBe(2);
    expect(run(["--help"], root).stdout).toContain("Examples:");
  });

  it("--quiet hides warnings but says so, and --max-warnings still counts them; FORCE_COLOR=0 means no colour", () => {
    const dir = project();
    writeFileSync(join(dir, "models/extra.flow"), 'organization o "O" { role controller country NL contact "x" }\nsubject lonely "Nobody"\n');
    const quiet = run(["check", "--quiet", "models/extra.flow"], dir);
    expect(quiet.stdout).not.toContain("unused-subject");
    expect(quiet.stdout).toContain("not shown: --quiet");
    expect(run(["check", "--quiet", "--max-warnings", "0", "models/extra.flow"], dir).code).toBe(1);
    const json = JSON.parse(run(["check", "--quiet", "--format", "json", "models/extra.flow"], dir).stdout);
    expect(json.diagnostics).toEqual([]);
    expect(json.summary.warnings).toBeGreaterThan(0);
    writeFileSync(join(dir, "models/bad.flow"), "purpose p { basis nope }\n");
    expect(run(["check"], dir, { FORCE_COLOR: "0" }).stdout).not.toMatch(/\u001b\[/);
  });

  it("a build that cannot write one output writes none", () => {
    const dir = project();
    writeFileSync(join(dir, "models/second.flow"), readFileSync(join(dir, "models/example.flow"), "utf8"));
    expect(run(["build"], dir).code).toBe(0);
    const before = readFileSync(join(dir, "out/example.register.csv"), "utf8");
    const path = join(dir, "models/example.flow");
    writeFileSync(path, readFileSync(path, "utf8").replace('"Customers"', '"Shoppers"'));
    rmSync(join(dir, "out/second.svg"));
    mkdirSync(join(dir, "out/second.svg"));
    const r = run(["build"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nothing written");
    expect(readFileSync(join(dir, "out/example.register.csv"), "utf8")).toBe(before);
    expect(readdirSync(join(dir, "out")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("bin/flowmap.mjs explains what to do when dist/ is missing and cannot be bundled", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-bin-"));
    cpSync(join(root, "bin"), join(dir, "bin"), { recursive: true });
    cpSync(join(root, "scripts"), join(dir, "scripts"), { recursive: true });
    const r = spawnSync(process.execPath, [join(dir, "bin/flowmap.mjs"), "--help"], { cwd: dir, encoding: "utf8", timeout: exitWithinMs });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("npm install");
  });
});
