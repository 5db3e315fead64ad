// Which scope each file belongs to (src/lsp/scopes.ts), in process: the nearest folder, a models
// directory beside the folder, files open outside every folder grouped by their config, unsaved
// buffers on their own; and an edit in one folder checks that folder again, not the others.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { entriesOf, readWorkspaceConfig } from "../src/lsp/analysis.js";
import { analyseScopes, analysisOf, findingsByFile, folderOf, planScopes, type PlanInput } from "../src/lsp/scopes.js";
import { unsavedPathOf } from "../src/lsp/unsaved.js";

let dir: string;
const p = (rel: string) => join(dir, rel);
const write = (rel: string, text: string) => {
  mkdirSync(dirname(p(rel)), { recursive: true });
  writeFileSync(p(rel), text);
};
const model = (name: string) => `organization o "O" { role controller country NL contact "privacy@o.example" }
subject s "S"
subject ${name} "Nobody uses me"
data d "D" { kind contact }
purpose p "P" { basis contract subjects s data d retention 30 days }
system x "X" { kind server operator self located NL stores d for p security "TLS" }
`;
const input = (o: Partial<PlanInput>): PlanInput => ({ folders: [], open: [], unsaved: [], scan: (d) => entriesOf(d, []), settingsOf: readWorkspaceConfig, ...o });
const keyOf = (plan: ReturnType<typeof planScopes>, rel: string) => plan.owner.get(p(rel))?.replace(dir, "<dir>");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flowmap-lsp-scopes-"));
  write("a/flowmap.config.json", "{}");
  write("a/m.flow", model("la"));
  write("a/inner/flowmap.config.json", "{}");
  write("a/inner/m.flow", model("li"));
  // b's config keeps its models beside the folder.
  write("b/flowmap.config.json", JSON.stringify({ models: "../b-models" }));
  write("b/notes.flow", model("ln"));
  write("b-models/m.flow", model("lb"));
  write("loose/flowmap.config.json", JSON.stringify({ rules: { "unused-subject": "error" } }));
  write("loose/one.flow", model("l1"));
  write("loose/sub/two.flow", model("l2"));
  write("bare/three.flow", model("l3"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the scopes", () => {
  it("puts each file in the nearest folder, a models directory beside a folder in that folder", () => {
    expect(folderOf([p("a"), p("a/inner")], p("a/inner/m.flow"))).toBe(p("a/inner"));
    expect(folderOf([p("a"), p("a/inner")], p("a/innermost.flow"))).toBe(p("a"));
    expect(folderOf([p("a")], p("ab/m.flow"))).toBeUndefined();
    const plan = planScopes(input({ folders: [p("b"), p("a/inner"), p("a")] }));
    expect(plan.scopes.map((s) => s.key.replace(dir, "<dir>"))).toEqual(["folder <dir>/a", "folder <dir>/a/inner", "folder <dir>/b"]);
    expect(keyOf(plan, "a/m.flow")).toBe("folder <dir>/a");
    expect(keyOf(plan, "a/inner/m.flow")).toBe("folder <dir>/a/inner");
    expect(keyOf(plan, "b-models/m.flow")).toBe("folder <dir>/b");
    expect(keyOf(plan, "b/notes.flow")).toBeUndefined(); // not under b's models, and not open
  });

  it("groups files open outside every folder by their config; unsaved buffers are a scope of their own", () => {
    const buffer = unsavedPathOf("untitled:Untitled-1");
    const plan = planScopes(input({ folders: [p("a")], open: [p("loose/sub/two.flow"), p("loose/one.flow"), p("bare/three.flow"), p("b/notes.flow")], unsaved: [buffer] }));
    expect(keyOf(plan, "loose/one.flow")).toBe("loose <dir>/loose");
    expect(keyOf(plan, "loose/sub/two.flow")).toBe("loose <dir>/loose");
    expect(keyOf(plan, "bare/three.flow")).toBe("loose <dir>/bare");
    expect(keyOf(plan, "b/notes.flow")).toBe("loose <dir>/b"); // open: b is no folder now
    expect(plan.owner.get(buffer)).toBe("unsaved");
    const unsaved = plan.scopes.find((s) => s.kind === "unsaved")!;
    expect(unsaved.settings.config.rules).toEqual({});
    // The loose config applies to both of its files.
    const analyses = analyseScopes(plan, { textOf: (q) => (q === buffer ? model("lu") : undefined) }, (w, e) => { throw new Error(`${w}: ${String(e)}`); });
    const found = findingsByFile(plan, analyses);
    const subjects = (abs: string) => found.get(abs)!.filter((d) => d.code === "unused-subject").map((d) => d.severity);
    expect(subjects(p("loose/sub/two.flow"))).toEqual([1]);
    expect(subjects(p("bare/three.flow"))).toEqual([2]);
    expect(subjects(buffer)).toEqual([2]);
  });

  it("checks again only the scopes whose files changed", () => {
    const texts = new Map<string, string>();
    const open = { textOf: (q: string) => texts.get(q) };
    const folders = [p("a"), p("a/inner")];
    const log = (w: string, e: unknown) => { throw new Error(`${w}: ${String(e)}`); };
    const plan = planScopes(input({ folders }));
    const first = analyseScopes(plan, open, log);
    texts.set(p("a/m.flow"), model("renamed"));
    const next = planScopes(input({ folders, open: [p("a/m.flow")] }));
    const second = analyseScopes(next, open, log, { plan, analyses: first, changed: new Set([p("a/m.flow")]) });
    expect(second.get(`folder ${p("a/inner")}`)).toBe(first.get(`folder ${p("a/inner")}`));
    expect(second.get(`folder ${p("a")}`)).not.toBe(first.get(`folder ${p("a")}`));
    expect(findingsByFile(next, second).get(p("a/m.flow"))![0]!.message).toContain("`renamed`");
    expect(analysisOf(next, second, p("a/inner/m.flow"))!.root).toBe(p("a/inner"));
  });
});
