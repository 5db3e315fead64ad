// The JSON Schemas shipped in schemas/: flowmap.config.json's (every key the config reader knows,
// no other) and `check --format json`'s, validated with ajv against real outputs: every seed model,
// a model that does not parse, one with accepted and unused suppressions, --quiet; and `init` writes
// `$schema` pointing at the installed package's copy.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Ajv } from "ajv";
import { configSchema, loadConfig } from "../src/cli/config.js";
import { starterConfig } from "../src/cli/init-command.js";

const root = resolve(".");
const cli = join(root, "dist/flowmap.mjs");
const schema = (name: string) => JSON.parse(readFileSync(join(root, "schemas", name), "utf8"));
const ajv = new Ajv({ strict: true, allErrors: true });
const validConfig = ajv.compile(schema("config.schema.json"));
const validOutput = ajv.compile(schema("check-output.schema.json"));

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
});

function check(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, "check", "--format", "json", ...args], { cwd, encoding: "utf8" });
  expect(r.status, r.stderr).toBeLessThan(2);
  return JSON.parse(r.stdout);
}

describe("schemas/config.schema.json", () => {
  it("has exactly the keys the config reader accepts", () => {
    expect(Object.keys(schema("config.schema.json").properties).sort()).toEqual(Object.keys(configSchema().def.shape).sort());
  });

  it("without a config file the reader gives the schema's defaults (without building the schema)", () => {
    expect(loadConfig(undefined)).toEqual(configSchema().parse({}));
  });

  it("accepts init's config, the examples' and every setting the reader accepts", () => {
    expect(validConfig(JSON.parse(starterConfig)), JSON.stringify(validConfig.errors)).toBe(true);
    expect(validConfig(JSON.parse(readFileSync(join(root, "examples/acme-group/flowmap.config.json"), "utf8")))).toBe(true);
    const full = { $schema: "x", rules: { "unused-data": "off", "retention-missing": "info" }, maxWarnings: 0, models: "m", out: "o", maxFileBytes: 1024, catalogueMaxAgeMonths: 6 };
    const keys = Object.keys(configSchema().def.shape);
    const settings = Object.fromEntries(Object.entries(full).filter(([k]) => keys.includes(k)));
    expect(validConfig(settings), JSON.stringify(validConfig.errors)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "flowmap-schema-"));
    writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify(settings));
    expect(() => loadConfig(join(dir, "flowmap.config.json"))).not.toThrow();
  });

  it("rejects what the reader rejects: a typo'd key, a bad severity, a negative count, a fraction", () => {
    for (const bad of [{ maxWarning: 3 }, { rules: { "unused-data": "warn" } }, { maxWarnings: -1 }, { maxFileBytes: 1.5 }, { maxFileBytes: 600 * 1024 * 1024 }, { rules: { "Unused Data": "off" } }, { models: 3 }]) {
      expect(validConfig(bad), JSON.stringify(bad)).toBe(false);
      const dir = mkdtempSync(join(tmpdir(), "flowmap-schema-"));
      writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify(bad));
      expect(() => loadConfig(join(dir, "flowmap.config.json")), JSON.stringify(bad)).toThrow();
    }
    validConfig({ maxWarning: 3 });
    expect(validConfig.errors?.[0]).toMatchObject({ keyword: "additionalProperties", params: { additionalProperty: "maxWarning" } });
  });
});

describe("schemas/check-output.schema.json", () => {
  const seeds = readdirSync(join(root, "models")).filter((f) => f.endsWith(".flow"));
  it("has seed models to check", () => expect(seeds.length).toBeGreaterThanOrEqual(5));
  for (const seed of seeds) {
    it(`validates check's output for models/${seed}`, () => {
      const out = check([`models/${seed}`]);
      expect(out.diagnostics.length).toBeGreaterThan(0);
      expect(validOutput(out), JSON.stringify(validOutput.errors)).toBe(true);
    });
  }

  it("validates the output for a model that does not parse, one with suppressions, and --quiet", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-schema-"));
    mkdirSync(join(dir, "models"));
    writeFileSync(join(dir, "models/broken.flow"), 'organization o "O" { role controller\nsystem x "X" { kind server located NL\n');
    const broken = check(["models/broken.flow"], dir);
    expect(broken.diagnostics.some((d: { code: string }) => d.code === "syntax-error")).toBe(true);
    expect(validOutput(broken), JSON.stringify(validOutput.errors)).toBe(true);
    const cieloweb = readFileSync(join(root, "models/cieloweb.flow"), "utf8");
    const first = check(["models/cieloweb.flow"]).diagnostics.find((d: { line: number }) => d.line > 1);
    const lines = cieloweb.split("\n");
    lines.splice(first.line - 1, 0, `// flowmap-ignore ${first.code}: accepted for the test`);
    writeFileSync(join(dir, "models/accepted.flow"), `${lines.join("\n")}\n// flowmap-ignore unused-data: nothing here\n`);
    const accepted = check(["models/accepted.flow"], dir);
    expect(accepted.summary.accepted).toBeGreaterThan(0);
    expect(accepted.diagnostics.some((d: { suppressed?: unknown }) => d.suppressed)).toBe(true);
    expect(accepted.diagnostics.some((d: { code: string }) => d.code === "unused-suppression")).toBe(true);
    expect(validOutput(accepted), JSON.stringify(validOutput.errors)).toBe(true);
    expect(validOutput(check(["--quiet", "models"]))).toBe(true);
  });

  it("rejects a document that breaks the contract", () => {
    const out = check(["models/cieloweb.flow"]);
    for (const broken of [
      { ...out, version: 2 },
      { ...out, summary: { ...out.summary, notes: undefined } },
      { ...out, diagnostics: [{ ...out.diagnostics[0], severity: "fatal" }] },
      { ...out, diagnostics: [{ ...out.diagnostics[0], line: 0 }] },
      { ...out, diagnostics: [{ ...out.diagnostics[0], extra: true }] },
    ]) expect(validOutput(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });
});

describe("init writes $schema", () => {
  it("pointing at the installed package's schema, from the config's directory", () => {
    const app = mkdtempSync(join(tmpdir(), "flowmap-schema-app-"));
    mkdirSync(join(app, "node_modules"));
    // The package as npm installs it (a link to this checkout, whose files include schemas/).
    symlinkSync(root, join(app, "node_modules/flowmap"), "dir");
    for (const [dir, expected] of [[".", "./node_modules/flowmap/schemas/config.schema.json"], ["privacy", "../node_modules/flowmap/schemas/config.schema.json"]] as const) {
      const r = spawnSync(process.execPath, [cli, "init", dir], { cwd: app, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const config = JSON.parse(readFileSync(join(app, dir, "flowmap.config.json"), "utf8"));
      expect(config.$schema).toBe(expected);
      const target = JSON.parse(readFileSync(resolve(app, dir, config.$schema), "utf8"));
      expect(target.title).toBe("flowmap.config.json");
      expect(validConfig(config)).toBe(true);
      // And the CLI reads it.
      expect(spawnSync(process.execPath, [cli, "check"], { cwd: join(app, dir), encoding: "utf8" }).status).toBe(0);
    }
  });

  it("is shipped: package.json's files include schemas/", () => {
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).files).toContain("schemas/");
  });
});
