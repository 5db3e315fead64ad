// flowmap as a team installs it: the package metadata and the URLs the CLI writes agree, the
// generated grammar page loads nothing, `init` sets a repository up, and the packed tarball installs
// into a fresh project where init, check, render, register and build work with no further step.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import yaml from "js-yaml";
import { serializedGrammar } from "../src/syntax/parser.js";
import { repositoryWebUrl } from "../src/package-info.js";

const root = resolve(".");
const cli = join(root, "dist/flowmap.mjs");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const repo = repositoryWebUrl(pkg.repository.url);
const workflowUrl = `${repo}/blob/main/docs/github-actions.yml`;

// npm passes its own settings to the scripts it runs (npm test) as npm_* variables; the npm
// commands below get a plain environment, as a user's shell would give them.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "INIT_CWD"));

function exec(command: string, args: string[], cwd: string, timeout = 60_000) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout, env: { ...env, NO_COLOR: "1" } });
  if (r.error) throw new Error(`${command} ${args.join(" ")}: ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const flowmap = (args: string[], cwd: string) => exec(process.execPath, [cli, ...args], cwd, 30_000);

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
});

describe("package.json and the URLs flowmap writes agree", () => {
  it("is publishable, with the repository, homepage, bugs, licence and engines", () => {
    expect(pkg.private).toBeUndefined();
    expect(repo).toBe("https://github.com/flowmap-dev/flowmap");
    expect(pkg.homepage.startsWith(repo)).toBe(true);
    expect(pkg.bugs.url).toBe(`${repo}/issues`);
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(join(root, "LICENSE"), "utf8")).toMatch(/^MIT License/);
    expect(pkg.engines.node).toBe(">=20.19");
    // Bundled into dist/, so only the external modules are runtime dependencies: the map's (elkjs,
    // svgdom), the xlsx register's (exceljs) and the language server's, each loaded by its command only.
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["elkjs", "exceljs", "svgdom", "vscode-languageserver", "vscode-languageserver-textdocument"]);
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(["chevrotain", "zod", "esbuild"]));
  });

  it("--version, SARIF informationUri and every helpUri come from package.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-urls-"));
    expect(flowmap(["init"], dir).code).toBe(0);
    expect(flowmap(["--version"], dir).stdout.trim()).toBe(pkg.version);
    const sarif = JSON.parse(flowmap(["check", "--format", "sarif"], dir).stdout);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.informationUri).toBe(repo);
    expect(driver.semanticVersion).toBe(pkg.version);
    expect(driver.rules.length).toBeGreaterThan(40);
    for (const rule of driver.rules) {
      expect(rule.helpUri).toBe(`${repo}/blob/main/docs/rules/${rule.id}.md`);
      expect(existsSync(join(root, "docs/rules", `${rule.id}.md`)), rule.id).toBe(true);
    }
  });

  it("no URL of the repository is written down anywhere but package.json", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    // src/ takes every URL of flowmap's own from src/package-info.ts, which reads package.json.
    for (const file of walk(join(root, "src"))) expect(readFileSync(file, "utf8"), file).not.toContain("github.com/");
    // The docs name the repository, but only as package.json does.
    for (const file of ["README.md", "docs/github-actions.yml", "docs/json-format.md"]) {
      for (const [url] of readFileSync(join(root, file), "utf8").matchAll(/https:\/\/github\.com\/flowmap[\w.-]*\/[\w.-]+/g)) {
        expect([repo, `${repo}.git`], `${file}: ${url}`).toContain(url);
      }
    }
  });
});

describe("grammar/railroad.html", () => {
  const html = readFileSync(join(root, "grammar/railroad.html"), "utf8");

  it("loads nothing from the network and runs no script", () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*\/\//i); // protocol-relative
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
  });

  it("draws every rule of the parser as an inline SVG diagram", () => {
    const rules = serializedGrammar().map((r) => (r as unknown as { name: string }).name);
    expect(rules.length).toBeGreaterThan(3);
    for (const name of rules) expect(html).toMatch(new RegExp(`<section id="${name}">\\n<h2>.*</h2>\\n<svg class="railroad-diagram"`));
    expect(html.match(/<svg /g)).toHaveLength(rules.length);
  });
});

describe("flowmap init", () => {
  const project = () => mkdtempSync(join(tmpdir(), "flowmap-init-"));

  it("writes .gitattributes that keeps models at LF and out/ byte for byte, and prints the next steps", () => {
    const dir = project();
    const r = flowmap(["init"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("wrote .gitattributes");
    const attributes = readFileSync(join(dir, ".gitattributes"), "utf8");
    expect(attributes.split("\n")).toEqual(expect.arrayContaining(["*.flow text eol=lf", "out/** -text"]));
    const steps = r.stdout.slice(r.stdout.indexOf("Next steps:"));
    for (const step of ["models/example.flow", "npx flowmap check", "npx flowmap build", "out/", workflowUrl, ".github/workflows/flowmap.yml"]) expect(steps).toContain(step);
    expect(existsSync(join(root, "docs/github-actions.yml"))).toBe(true);
    // As git reads it: the register's CRLF rows and the SVG are never converted.
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const attrs = execFileSync("git", ["check-attr", "text", "eol", "--", "out/example.register.csv", "models/example.flow"], { cwd: dir, encoding: "utf8" });
    expect(attrs).toContain("out/example.register.csv: text: unset");
    expect(attrs).toContain("models/example.flow: eol: lf");
  });

  it("appends only the missing lines to an existing .gitattributes, in its line ends, and never twice", () => {
    const dir = project();
    writeFileSync(join(dir, ".gitattributes"), "* text=auto\r\n*.flow  text   eol=lf\r\n");
    const r = flowmap(["init"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("added to .gitattributes: out/** -text");
    const after = readFileSync(join(dir, ".gitattributes"), "utf8");
    expect(after.startsWith("* text=auto\r\n*.flow  text   eol=lf\r\n\r\n# flowmap: ")).toBe(true);
    expect(after.endsWith("\r\nout/** -text\r\n")).toBe(true);
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    const again = flowmap(["init", "--force"], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("kept .gitattributes");
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe(after);
  });

  it("in a subdirectory starts the next steps with cd; a refused init touches nothing", () => {
    const dir = project();
    const r = flowmap(["init", "privacy"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("wrote privacy/.gitattributes");
    expect(r.stdout).toMatch(/Next steps:\n {2}1\. cd privacy\n/);
    writeFileSync(join(dir, "privacy/.gitattributes"), "# mine\n");
    const refused = flowmap(["init", "privacy"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--force");
    expect(readFileSync(join(dir, "privacy/.gitattributes"), "utf8")).toBe("# mine\n");
  });
});

describe("the packed package, installed in a fresh project", () => {
  it("holds only what runs and its docs, installs, and init, check, render, register, build and the CI workflow's commands work", () => {
    const work = mkdtempSync(join(tmpdir(), "flowmap-package-"));
    // npm pack runs `prepare`, which bundles dist/flowmap.mjs from this checkout.
    const pack = exec("npm", ["pack", "--json", "--pack-destination", work], root, 120_000);
    expect(pack.code, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as Array<{ filename: string; entryCount: number; files: Array<{ path: string }> }>;
    const files = packed!.files.map((f) => f.path);
    for (const f of ["dist/flowmap.mjs", "bin/flowmap.mjs", "package.json", "README.md", "LICENSE", "docs/rules/README.md", "docs/rules/unknown-name.md", "docs/github-actions.yml", "grammar/railroad.html"]) expect(files).toContain(f);
    for (const f of files) expect(f, f).not.toMatch(/^(test|bench|\.ci|src|scripts|models|out|node_modules|scratch)\/|fixtures|golden|\.tmp$/);
    // The bundle, the docs (a page per rule), the schemas and the vendor catalogue (a file per entry).
    expect(packed!.entryCount).toBeLessThan(240);
    for (const f of ["schemas/config.schema.json", "schemas/check-output.schema.json", "catalogue/stripe.json"]) expect(files).toContain(f);

    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), `${JSON.stringify({ name: "team-app", version: "1.0.0", private: true }, null, 2)}\n`);
    const install = exec("npm", ["install", "--save-dev", join(work, packed!.filename), "--no-audit", "--no-fund", "--prefer-offline"], app, 150_000);
    expect(install.code, install.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(app, "package.json"), "utf8")).devDependencies.flowmap).toMatch(/flowmap-.*\.tgz$/);
    // The entry and the chunks each command loads (scripts/bundle.mjs splits the bundle).
    expect(statSync(join(app, "node_modules/flowmap/dist/flowmap.mjs")).size).toBeGreaterThan(5_000);
    expect(readdirSync(join(app, "node_modules/flowmap/dist/chunks")).filter((f) => f.endsWith(".mjs")).length).toBeGreaterThan(5);
    // Bundled, so not installed.
    expect(existsSync(join(app, "node_modules/chevrotain"))).toBe(false);
    expect(existsSync(join(app, "node_modules/zod"))).toBe(false);

    // `npx --no` runs the installed bin, never a download of whatever the registry holds under the name.
    const npx = (...args: string[]) => exec("npx", ["--no", "flowmap", ...args], app);
    let r = npx("init");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("bundling");
    expect(existsSync(join(app, ".gitattributes"))).toBe(true);
    r = npx("check");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("0 errors");
    // A syntax error loads the recovering parser, bundled apart from the rest (scripts/bundle.mjs).
    expect(files.filter((f) => /^dist\/chunks\/recovering-parser-\w+\.cjs$/.test(f))).toHaveLength(1);
    writeFileSync(join(work, "unclosed.flow"), 'model "Unclosed" {\n  updated "2026-01-01"\n');
    r = npx("check", join(work, "unclosed.flow"));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("error syntax-error: expected '}' to close `model`");
    const sarif = JSON.parse(npx("check", "--format", "sarif").stdout);
    expect(sarif.runs[0].tool.driver.rules[0].helpUri).toMatch(new RegExp(`^${repo}/blob/main/docs/rules/[a-z-]+\\.md$`));
    r = npx("render", "models/example.flow", "-o", "map.svg");
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(app, "map.svg"), "utf8")).toMatch(/^(<\?xml[^>]*>\n)?<svg[^>]*>[\s\S]*Shop backend[\s\S]*<\/svg>\n?$/);
    r = npx("register", "models/example.flow", "-o", "register.csv");
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(app, "register.csv"), "utf8")).toContain("Process orders");
    r = npx("build");
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(app, "out")).sort()).toEqual(["example.html", "example.register.csv", "example.register.md", "example.svg"]);
    r = npx("build", "--check");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("up to date");

    // A model across files: two models sharing a vendor library, as installed.
    cpSync(join(root, "examples/acme-group"), join(app, "group"), { recursive: true });
    const group = (...args: string[]) => exec("npx", ["--no", "flowmap", ...args], join(app, "group"));
    r = group("build", "--check");
    expect(r.code, r.stderr).toBe(0);
    r = group("check", "--format", "json");
    expect(JSON.parse(r.stdout).files).toEqual(["models/media.flow", "models/shop.flow", "shared/vendors.flow"]);

    // The workflow a team copies runs these same commands after `npm ci`.
    const wf = yaml.load(readFileSync(join(root, "docs/github-actions.yml"), "utf8")) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps).flatMap((s) => (s.run ?? "").split("\n"));
    expect(runs).toContain("npm ci --no-audit --no-fund");
    const commands = runs.filter((l) => l.startsWith("npx flowmap "));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const c of commands) {
      const args = c.replace(/^npx flowmap /, "").replace(/\s*(>|\|\|).*$/, "").split(/\s+/);
      const step = npx(...args);
      expect(step.code, `${c}: ${step.stderr}`).toBe(0);
    }
  }, 180_000);
});
