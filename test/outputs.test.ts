// Nothing lost: outputs never replace an input or each other, I/O failures are one line (exit 2),
// and a build killed at any step of its write phase leaves whole files and no debris.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(".");
const cli = join(root, "dist/flowmap.mjs");

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
});

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", ...env } });
  if (r.error) throw new Error(`flowmap ${args.join(" ")} did not exit: ${r.error.message}`);
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the two-company example (two models sharing a library), outputs built. */
function group(): string {
  const dir = mkdtempSync(join(tmpdir(), "flowmap-outputs-"));
  cpSync(join(root, "examples/acme-group"), dir, { recursive: true });
  return dir;
}

const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe("outputs never replace inputs or each other", () => {
  it("render -o and register -o onto a model file it reads are refused, the file kept", () => {
    const dir = group();
    const model = readFileSync(join(dir, "models/shop.flow"), "utf8");
    for (const args of [["render", "models/shop.flow", "-o", "models/shop.flow"], ["register", "models/shop.flow", "-o", "shared/vendors.flow"], ["render", "models/shop.flow", "-o", "other.flow"]]) {
      const r = run(args, dir);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/refusing to write the (map|register) over/);
    }
    expect(readFileSync(join(dir, "models/shop.flow"), "utf8")).toBe(model);
    expect(existsSync(join(dir, "other.flow"))).toBe(false);
  });

  it("two models with the same base name are refused before anything is written", () => {
    const dir = group();
    mkdirSync(join(dir, "other"));
    cpSync(join(dir, "models/shop.flow"), join(dir, "other/shop.flow"));
    writeFileSync(join(dir, "other/shop.flow"), readFileSync(join(dir, "other/shop.flow"), "utf8").replace("Acme Shop B.V.", "Other Shop B.V."));
    const before = readFileSync(join(dir, "out/shop.svg"), "utf8");
    const r = run(["render", "models/shop.flow", "other/shop.flow"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("models/shop.flow and other/shop.flow would both write out/shop.svg");
    expect(readFileSync(join(dir, "out/shop.svg"), "utf8")).toBe(before);
  });

  it("I/O failures are one line and exit 2: -o onto a directory, into a read-only directory, an unreadable directory", () => {
    const dir = group();
    mkdirSync(join(dir, "out/shop.svg.d"));
    const onDir = run(["render", "models/shop.flow", "-o", "out/shop.svg.d"], dir);
    expect(onDir.code).toBe(2);
    expect(onDir.stderr.trim()).toBe("flowmap render: cannot write out/shop.svg.d: EISDIR (it is a directory)");
    // Root ignores permissions; a file where a directory should be fails for everyone.
    writeFileSync(join(dir, "blocker"), "");
    const under = run(["register", "models/shop.flow", "-o", "blocker/x.csv"], dir);
    expect(under.code).toBe(2);
    expect(under.stderr.trim().split("\n")).toHaveLength(1);
    expect(under.stderr).toMatch(/^flowmap register: cannot .*blocker.*ENOTDIR|EEXIST/);
    const build = run(["build", "--out", "blocker"], dir);
    expect(build.code).toBe(2);
    expect(build.stderr).not.toContain("internal error");
    if (process.getuid?.() !== 0) {
      mkdirSync(join(dir, "models/locked"));
      chmodSync(join(dir, "models/locked"), 0o000);
      const r = run(["check"], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("cannot read directory models/locked: EACCES");
    }
  });
});

describe("a killed build", () => {
  it("killed at every step of its write phase (SIGKILL) leaves whole old or new files and no debris; the next build finishes or discards it", () => {
    const dir = group();
    const outputs = ["media.html", "media.register.csv", "media.register.md", "media.svg", "shop.html", "shop.register.csv", "shop.register.md", "shop.svg"];
    const old = new Map(outputs.map((f) => [f, readFileSync(join(dir, "out", f), "utf8")]));
    // The new version: every output changes (a title the maps and registers all show).
    for (const m of ["shop", "media"]) {
      const p = join(dir, `models/${m}.flow`);
      writeFileSync(p, readFileSync(p, "utf8").replace(/^model "([^"]+)"/m, 'model "$1 (v2)"').replace(/^(organization \w+) "([^"]+)"/m, '$1 "$2 (v2)"'));
    }
    const fresh = group();
    cpSync(join(dir, "models"), join(fresh, "models"), { recursive: true });
    expect(run(["build"], fresh).code).toBe(0);
    const next = new Map(outputs.map((f) => [f, readFileSync(join(fresh, "out", f), "utf8")]));
    for (const f of outputs) expect(next.get(f), f).not.toBe(old.get(f));
    // 8 files staged (steps 1-8), the manifest (9), the commit (10), 8 renames (11-18), the clean-up
    // (19). Every step was run once by hand; the test takes a spread of them (each costs 3 builds).
    const sawMixed: boolean[] = [];
    for (const step of [2, 8, 9, 10, 12, 16, 18, 19]) {
      const work = group();
      cpSync(join(dir, "models"), join(work, "models"), { recursive: true });
      const killed = run(["build"], work, { FLOWMAP_TEST_KILL_AFTER_STEPS: String(step) });
      expect(killed.signal, `step ${step}`).toBe("SIGKILL");
      const visible = listing(join(work, "out")).filter((f) => !f.startsWith("."));
      expect(visible, `step ${step}: no debris among the outputs`).toEqual(outputs);
      let fresh = 0;
      for (const f of outputs) {
        const now = readFileSync(join(work, "out", f), "utf8");
        expect([old.get(f), next.get(f)], `step ${step}: ${f} is whole`).toContain(now);
        if (now === next.get(f)) fresh++;
      }
      sawMixed.push(fresh > 0 && fresh < outputs.length);
      const check = run(["build", "--check"], work);
      if (step < 19) {
        expect(check.code, `step ${step}`).toBe(1);
        expect(check.stderr, `step ${step}`).toMatch(/stray {4}out\/\.flowmap-staging-\d+\/ \(a build was killed/);
      }
      expect(run(["build"], work).code, `step ${step}`).toBe(0);
      for (const f of outputs) expect(readFileSync(join(work, "out", f), "utf8"), `step ${step}: ${f} after the next build`).toBe(next.get(f));
      expect(listing(join(work, "out")).filter((f) => f.startsWith(".")), `step ${step}: staging swept`).toEqual([]);
      expect(run(["build", "--check"], work).code).toBe(0);
    }
    // The kills did land between renames (some outputs new, some old) — the case the journal covers.
    expect(sawMixed.some(Boolean)).toBe(true);
  }, 120_000);

  it("a leftover temporary file next to an output is a stray for build --check, and the next write removes it", () => {
    const dir = group();
    writeFileSync(join(dir, "out/.shop.svg.flowmap-999999.tmp"), "half");
    writeFileSync(join(dir, "out/shop.svg.123.tmp"), "half");
    const check = run(["build", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("stray    out/.shop.svg.flowmap-999999.tmp");
    expect(check.stderr).toContain("stray    out/shop.svg.123.tmp");
    expect(run(["render", "models/shop.flow"], dir).code).toBe(0);
    expect(existsSync(join(dir, "out/.shop.svg.flowmap-999999.tmp"))).toBe(false);
  });
});

describe("review: outputs and journals", () => {
  it("two models whose outputs share a path are refused (a.flow as processor, a.processor.flow)", () => {
    const dir = group();
    const shop = readFileSync(join(dir, "models/shop.flow"), "utf8").replace("role controller", "role processor");
    writeFileSync(join(dir, "models/shop.flow"), shop);
    writeFileSync(join(dir, "models/shop.processor.flow"), shop.replace("acme_shop", "acme_shop2"));
    const r = run(["build"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("would both write out/shop.processor.register");
  });

  it("a journal whose manifest points outside the output directory is discarded, never followed", () => {
    const dir = group();
    const journal = join(dir, "out/.flowmap-staging-3999999");
    mkdirSync(journal);
    writeFileSync(join(journal, "0.out"), "pwned");
    writeFileSync(join(journal, "manifest.json"), JSON.stringify([["0.out", "../models/shop.flow"]]));
    const before = readFileSync(join(dir, "models/shop.flow"), "utf8");
    expect(run(["build"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "models/shop.flow"), "utf8")).toBe(before);
    expect(existsSync(journal)).toBe(false);
  });

  it("files of the user's that look like temporary files are left alone", () => {
    const dir = group();
    writeFileSync(join(dir, "out/budget.v2.99999.tmp"), "mine");
    expect(run(["build"], dir).code).toBe(0);
    expect(existsSync(join(dir, "out/budget.v2.99999.tmp"))).toBe(true);
  });
});
