// End-to-end: models across files, through the bundled CLI, in scratch workspaces.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const root = resolve(".");
const cli = join(root, "dist/flowmap.mjs");

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
});

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" } });
  if (r.error) throw new Error(`flowmap ${args.join(" ")} did not exit: ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace (it has flowmap.config.json) holding the given files. */
function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "flowmap-imports-"));
  writeFileSync(join(dir, "flowmap.config.json"), "{}\n");
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

const org = `model "Acme" { regime gdpr }
organization acme "Acme B.V." {
  role controller
  country NL
  contact "privacy@acme.example"
}
subject customer "Customers"
data email "E-mail address" { kind contact }
purpose orders "Orders" {
  basis contract
  subjects customer
  data email
  retention 2 years
}
`;
const systems = `system browser "Browser" { kind browser }
system db "Orders database" {
  kind database
  operator self
  located NL
  stores email for orders retention 1 years
  security "encryption at rest"
}
flow browser -> db "Order" {
  data email
  for orders
}
`;

describe("one model across files", () => {
  it("the issue's split (organization, data and purposes in one file; systems and flows in another) checks and builds as one model", () => {
    const dir = workspace({ "models/acme.flow": `import "../lib/systems.flow"\n${org}`, "lib/systems.flow": systems });
    const check = run(["check", "models", "lib"], dir);
    expect(check.stdout).toContain("0 errors, 0 warnings in 2 files");
    expect(check.code).toBe(0);
    const build = run(["build"], dir);
    expect(build.code).toBe(0);
    const svg = readFileSync(join(dir, "out/acme.svg"), "utf8");
    expect(svg).toContain("Orders database");
    expect(existsSync(join(dir, "out/systems.svg"))).toBe(false); // a library has no outputs
    expect(readFileSync(join(dir, "out/acme.register.csv"), "utf8")).toContain("Orders database");
    expect(run(["build", "--check"], dir).code).toBe(0);
    // The library checked alone: what is wrong in itself, not "no organization".
    const alone = run(["check", "lib/systems.flow"], dir);
    expect(alone.stdout).not.toContain("missing-organization");
    expect(alone.stdout).toContain("unknown-name"); // `email` and `orders` are the model's, not the library's
    const render = run(["render", "lib/systems.flow"], dir);
    expect(render.code).toBe(2);
    expect(render.stderr).toContain("is a library");
  });

  it("findings, code frames, related notes, SARIF and the register point at the file where a thing is declared", () => {
    const dir = workspace({
      "models/acme.flow": `import "../lib/vendors.flow"\n${org}system browser "Browser" { kind browser }\nflow browser -> mailer "Sign-up" {\n  data email\n  for orders\n}\n`,
      "lib/vendors.flow": `// shared vendors\nsystem mailer "Mailer" {\n  kind email\n  operator "Mailco Inc." as processor\n  located US\n}\n`,
    });
    const text = run(["check"], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/lib\/vendors\.flow:4:3: warning processor-without-contract/);
    expect(text.stdout).toContain('4 |   operator "Mailco Inc." as processor');
    expect(text.stdout).toMatch(/models\/acme\.flow:17:17: error transfer-without-mechanism[\s\S]*note: `mailer` is located here at lib\/vendors\.flow:5:3/);
    const sarif = JSON.parse(run(["check", "--format", "sarif"], dir).stdout);
    const uris = sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain("lib/vendors.flow");
    expect(uris).toContain("models/acme.flow");
    expect(run(["register", "models/acme.flow"], dir).code).toBe(0);
    const register = readFileSync(join(dir, "out/acme.register.csv"), "utf8");
    expect(register).toContain("(lib/vendors.flow line 4)");
    expect(run(["register", "models/acme.flow", "--format", "md"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "out/acme.register.md"), "utf8")).toContain("**Imported files**: lib/vendors.flow");
  });

  it("a duplicate name across files names both places", () => {
    const dir = workspace({ "models/acme.flow": `import "../lib/a.flow"\n${org}${systems}`, "lib/a.flow": 'data email "Mail" { kind contact }\n' });
    const r = run(["check"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/models\/acme\.flow:9:6: error duplicate-name: a data category named `email` is already declared/);
    expect(r.stdout).toContain("first declared here at lib/a.flow:1:6");
  });

  it("several models share one library: each takes what it uses, a shared finding is reported once", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-group-"));
    cpSync(join(root, "examples/acme-group"), dir, { recursive: true });
    expect(run(["build", "--check"], dir).code).toBe(0); // the committed example outputs are fresh
    const shop = readFileSync(join(dir, "out/shop.register.csv"), "utf8");
    const media = readFileSync(join(dir, "out/media.register.csv"), "utf8");
    expect(shop).not.toContain("Web analytics"); // the shop does not use the analytics vendor
    expect(media).toContain("Web analytics");
    expect(media).not.toContain("Card payments");
    expect(readFileSync(join(dir, "out/shop.svg"), "utf8")).not.toContain("Web analytics");
    // A problem in the shared file is one finding, though both models read it.
    const vendors = join(dir, "shared/vendors.flow");
    writeFileSync(vendors, readFileSync(vendors, "utf8").replace('  contract "Hostwerk DPA, 2025-03-01"\n', ""));
    const r = run(["check", "--format", "json"], dir);
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === "processor-without-contract");
    expect(found).toHaveLength(1);
    expect(found[0].file).toBe("shared/vendors.flow");
  });

  it("fmt formats each file on its own, imports kept", () => {
    const dir = workspace({ "models/acme.flow": `import   "../lib/systems.flow"   // the shop\n${org}`, "lib/systems.flow": systems.replace("{ kind browser }", "{\nkind browser\n}") });
    expect(run(["fmt", "models", "lib"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "models/acme.flow"), "utf8").split("\n")[0]).toBe('import "../lib/systems.flow" // the shop');
    expect(readFileSync(join(dir, "lib/systems.flow"), "utf8")).toContain('system browser "Browser" { kind browser }');
  });
});

describe("import problems are diagnostics on the import line", () => {
  const model = (imports: string) => ({ "models/acme.flow": `${imports}${org}${systems}` });

  it("a missing file: one error at the import, no unknown names, nothing rendered", () => {
    const dir = workspace({ "models/acme.flow": `import "../lib/sytems.flow"\n${org}flow browser -> db {\n  data email\n  for orders\n}\n` });
    const r = run(["check"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^models\/acme\.flow:1:8: error import-not-found: no file `\.\.\/lib\/sytems\.flow`/m);
    expect(r.stdout).not.toContain("unknown-name");
    expect(r.stdout).toContain("1 error, 0 warnings");
    const render = run(["render", "models/acme.flow"], dir);
    expect(render.code).toBe(1);
    expect(render.stderr).toContain("1 error in its files or imports; no map written");
  });

  it("a cycle, a path out of the workspace, a directory, an absolute path, a model imported as a library", () => {
    const dir = workspace({
      ...model('import "../lib/a.flow"\nimport "../../outside.flow"\nimport "../lib"\nimport "/etc/passwd.flow"\nimport "other.flow"\n'),
      "lib/a.flow": 'import "b.flow"\n',
      "lib/b.flow": 'import "a.flow"\n',
      "models/other.flow": 'organization other "Other" { role controller country NL contact "x@y.example" }\n',
    });
    const r = run(["check", "models/acme.flow"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/lib\/b\.flow:1:8: error import-cycle: importing `a\.flow` makes a cycle: lib\/a\.flow -> lib\/b\.flow -> lib\/a\.flow/);
    expect(r.stdout).toMatch(/models\/acme\.flow:2:8: error import-outside-workspace/);
    expect(r.stdout).toMatch(/models\/acme\.flow:3:8: error import-not-found: `\.\.\/lib` is not a \.flow file/);
    expect(r.stdout).toMatch(/models\/acme\.flow:4:8: error import-outside-workspace: `\/etc\/passwd\.flow` is an absolute path/);
    expect(r.stdout).toMatch(/models\/acme\.flow:5:8: error import-of-model/);
  });

  it("a backslash path, and two models importing each other, are one error each", () => {
    const dir = workspace({
      ...model('import "..\\lib\\a.flow"\n'),
      "lib/a.flow": "",
      "m1.flow": 'import "m2.flow"\norganization one "One" { role controller country NL contact "a@b.example" }\n',
      "m2.flow": 'import "m1.flow"\norganization two "Two" { role controller country NL contact "a@b.example" }\n',
    });
    const r = run(["check", "models/acme.flow"], dir);
    expect(r.stdout).toContain("models/acme.flow:1:8: error import-not-found: `..\\lib\\a.flow` uses `\\`; import paths separate directories with `/`");
    expect(r.stdout).toContain('help: write "../lib/a.flow"');
    for (const args of [["check", "m1.flow", "m2.flow"], ["check", "m2.flow"]]) {
      const both = JSON.parse(run([...args, "--format", "json"], dir).stdout) as { diagnostics: Array<{ code: string }> };
      expect(both.diagnostics.map((d) => d.code).sort(), args.join(" ")).toEqual(args.length === 3 ? ["import-of-model", "import-of-model"] : ["import-of-model"]);
    }
  });

  it("a directory named .flow, a pipe (never blocks), a file under two spellings", () => {
    const dir = workspace({ ...model('import "../lib/dir.flow"\nimport "../lib/fifo.flow"\nimport "../lib/v.flow"\nimport "../link/v.flow"\n'), "lib/v.flow": "" });
    mkdirSync(join(dir, "lib/dir.flow"));
    execFileSync("mkfifo", [join(dir, "lib/fifo.flow")]);
    symlinkSync("lib", join(dir, "link"));
    const r = run(["check", "models/acme.flow"], dir);
    expect(r.stdout).toMatch(/models\/acme\.flow:1:8: error import-not-found: `\.\.\/lib\/dir\.flow` is a directory/);
    expect(r.stdout).toMatch(/models\/acme\.flow:2:8: error unreadable-file: `\.\.\/lib\/fifo\.flow` is not a regular file/);
    expect(r.stdout).toMatch(/models\/acme\.flow:4:8: error import-spelling: `\.\.\/link\/v\.flow` is lib\/v\.flow/);
    expect(r.code).toBe(2); // an unreadable file is an I/O failure
    // A pipe given on the command line, or met in a directory, is refused the same way, at once.
    const direct = run(["check", "lib/fifo.flow"], dir);
    expect(direct.code).toBe(2);
    expect(direct.stderr).toContain("lib/fifo.flow is not a regular file");
  });

  it("syntax errors and bad bytes in an imported file are reported in that file; the model reports what it can; earlier outputs stay", () => {
    const dir = workspace(model(""));
    mkdirSync(join(dir, "lib"));
    expect(run(["build"], dir).code).toBe(0);
    const before = readFileSync(join(dir, "out/acme.svg"), "utf8");
    writeFileSync(join(dir, "lib/broken.flow"), 'system cache "Cache" {\n  kind database\n  located NL\n');
    writeFileSync(join(dir, "lib/latin1.flow"), Buffer.from('system pos "Caf\xe9 till" { kind server }\n', "latin1"));
    const text = readFileSync(join(dir, "models/acme.flow"), "utf8").replace("country NL", "country Netherlands");
    writeFileSync(join(dir, "models/acme.flow"), `import "../lib/broken.flow"\nimport "../lib/latin1.flow"\n${text}`);
    const r = run(["check"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/lib\/broken\.flow:4:1: error syntax-error: expected '}' to close `system cache`/);
    expect(r.stdout).toMatch(/lib\/latin1\.flow:1:16: error invalid-encoding: byte 0xE9 is not UTF-8/);
    expect(r.stdout).toMatch(/models\/acme\.flow:6:11: error invalid-country/); // the model's own mistake, still found
    const build = run(["build"], dir);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain("nothing written");
    expect(readFileSync(join(dir, "out/acme.svg"), "utf8")).toBe(before);
    // fmt leaves the undecodable file's bytes alone.
    expect(run(["fmt", "lib"], dir).code).toBe(1);
    expect(readFileSync(join(dir, "lib/latin1.flow")).includes(0xe9)).toBe(true);
  });

  it("UTF-16 and files over the size limit are named, not read", () => {
    const dir = workspace({ ...model('import "../lib/big.flow"\n'), "lib/big.flow": `// ${"x".repeat(3000)}\n`, "models/wide.flow": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(org, "utf16le")]) });
    writeFileSync(join(dir, "flowmap.config.json"), '{ "maxFileBytes": 2000 }\n');
    const r = run(["check"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/models\/acme\.flow:1:8: error file-too-large: `\.\.\/lib\/big\.flow` is 3004 bytes, over the 2000 bytes limit/);
    expect(r.stdout).toMatch(/models\/wide\.flow:1:1: error invalid-encoding: the file is UTF-16 \(LE\); \.flow files are UTF-8/);
    expect(run(["fmt", "models/wide.flow"], dir).code).toBe(1);
    expect(readFileSync(join(dir, "models/wide.flow"))[0]).toBe(0xff);
  });
});
