// flowmap.config.json in the editor: a broken config is an error on that file (the defaults apply
// meanwhile, the models are still checked), and a change to it on disk takes effect at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LspSession, uri } from "./lsp-client.js";

const root = resolve(".");
let dir: string;
let s: LspSession;
const model = `organization o "O" { role controller country NL contact "privacy@o.example" }
subject s "S"
subject lonely "Nobody uses me"
data d "D" { kind contact }
purpose p "P" { basis contract subjects s data d retention 30 days }
system x "X" { kind server operator self located NL stores d for p security "TLS" }
`;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  dir = mkdtempSync(join(tmpdir(), "flowmap-lsp-config-"));
  mkdirSync(join(dir, "models"));
  writeFileSync(join(dir, "models/m.flow"), model);
  writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ rules: { "unused-subject": "error" }, maxWarning: 3 }));
  s = new LspSession(dir);
  await s.initialize();
});

afterAll(async () => {
  await s?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const severityOf = (code: string) => s.diagnosticsOf("models/m.flow")?.find((d) => d.code === code)?.severity;

describe("the config in the editor", () => {
  it("a typo'd key is an error on flowmap.config.json, and the models are checked with the defaults", async () => {
    await s.open("models/m.flow", model);
    await s.until(() => !!s.diagnosticsOf("flowmap.config.json") && !!s.diagnosticsOf("models/m.flow"));
    const [problem] = s.diagnosticsOf("flowmap.config.json")!;
    expect(problem!.severity).toBe(1);
    expect(problem!.message).toContain("maxWarning: unknown setting (did you mean `maxWarnings`?");
    expect(severityOf("unused-subject")).toBe(2); // the default: a warning
  });

  it("fixed on disk: the error goes, and its overrides apply", async () => {
    writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ rules: { "unused-subject": "error" }, maxWarnings: 3 }));
    await s.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(dir, "flowmap.config.json"), type: 2 }] });
    await s.until(() => s.diagnosticsOf("flowmap.config.json")?.length === 0 && severityOf("unused-subject") === 1);
    writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ rules: { "unused-subject": "off" } }));
    await s.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(dir, "flowmap.config.json"), type: 2 }] });
    await s.until(() => severityOf("unused-subject") === undefined);
  });

  it("checks the whole folder, or only the config's models directory (and the open files) when it names one", async () => {
    mkdirSync(join(dir, "fixtures"));
    writeFileSync(join(dir, "fixtures/broken.flow"), "system {\n");
    const event = (rel: string) => s.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(dir, rel), type: 1 }] });
    await event("fixtures/broken.flow");
    await s.until(() => !!s.diagnosticsOf("fixtures/broken.flow")?.some((d) => d.code === "syntax-error"));
    writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ models: "models" }));
    await event("flowmap.config.json");
    await s.until(() => s.diagnosticsOf("fixtures/broken.flow")?.length === 0 && severityOf("unused-subject") === 2);
    // Opened, a file outside the models is checked again.
    await s.open("fixtures/broken.flow", "system {\n");
    await s.until(() => !!s.diagnosticsOf("fixtures/broken.flow")?.length);
  });
});
