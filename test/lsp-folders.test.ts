// Several workspace folders and unsaved buffers in one session of `flowmap lsp`, driven over stdio:
// each folder is checked with its own flowmap.config.json and shows only its own findings (two
// folders holding files of the same names), a folder inside another is its own, folders added and
// removed at run time are picked up, imports across folders of one project resolve (definition and
// rename reach the importing folder), and an `untitled:` buffer is checked with the defaults, its
// imports said to lead nowhere, and cleared when it closes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LspSession, type PublishedDiagnostic } from "./lsp-client.js";

const root = resolve(".");
let mono: string;
let s: LspSession;

const model = (extra: string) => `import "shared.flow"
organization o "O" { role controller country NL contact "privacy@o.example" }
subject s "S"
${extra}
data d "D" { kind contact }
purpose p "P" { basis contract subjects s data d retention 30 days }
system x "X" { kind server operator self located NL stores d for p security "TLS" }
flow x -> y "Copy" { data d for p }
`;
const shared = `system y "Y" { kind server operator self located NL stores d for p security "TLS" }\n`;
const lonely = `subject lonely "Nobody uses me"`;

const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(mono, rel)), { recursive: true });
  writeFileSync(join(mono, rel), text);
};
const url = (rel: string) => pathToFileURL(join(mono, rel)).href;
const folder = (rel: string) => ({ uri: url(rel), name: rel });
const of = (u: string): PublishedDiagnostic[] | undefined => s.diagnostics.get(u);
const codes = (u: string) => (of(u) ?? []).map((d) => `${d.code}:${d.severity}`).sort();

async function start(folders: string[]): Promise<LspSession> {
  const session = new LspSession(mono);
  await session.request("initialize", {
    processId: process.pid, rootUri: url(folders[0]!), capabilities: { workspace: { workspaceFolders: true } },
    workspaceFolders: folders.map(folder),
  });
  await session.connection.sendNotification("initialized", {});
  return session;
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  mono = mkdtempSync(join(tmpdir(), "flowmap-lsp-folders-"));
  // The same file names in both folders; only the configs and one line differ.
  write("a/flowmap.config.json", JSON.stringify({ rules: { "unused-subject": "error" } }));
  write("a/m.flow", model(lonely));
  write("a/shared.flow", shared);
  write("b/flowmap.config.json", JSON.stringify({ rules: { "unused-subject": "off" } }));
  write("b/m.flow", model(`${lonely}\ndata spare "Spare" { kind contact }`));
  write("b/shared.flow", shared);
  // A folder inside a: its own config, although a's files are around it.
  write("a/inner/flowmap.config.json", JSON.stringify({ rules: { "unused-subject": "info" } }));
  write("a/inner/m.flow", model(lonely));
  write("a/inner/shared.flow", shared);
  write("c/flowmap.config.json", "{}");
  write("c/m.flow", model(lonely));
  write("c/shared.flow", shared);
  s = await start(["a", "b", "a/inner"]);
}, 60_000);

afterAll(async () => {
  await s?.shutdown();
  rmSync(mono, { recursive: true, force: true });
});

describe("several workspace folders", () => {
  it("checks every folder with its own config, and shows each folder's findings only in its files", async () => {
    await s.until(() => !!of(url("a/m.flow")) && !!of(url("b/m.flow")) && !!of(url("a/inner/m.flow")));
    expect(codes(url("a/m.flow"))).toEqual(["unused-subject:1"]); // a's config: an error
    expect(codes(url("b/m.flow"))).toEqual(["unused-data:2"]); // b's config turns it off; b's own finding
    expect(codes(url("a/inner/m.flow"))).toEqual(["unused-subject:3"]); // the nearest folder's config
    // b's finding names b's line, nowhere in a.
    expect(of(url("b/m.flow"))![0]!.range.start.line).toBe(4);
    for (const u of [url("a/m.flow"), url("a/inner/m.flow"), url("c/m.flow")]) expect((of(u) ?? []).some((d) => d.code === "unused-data")).toBe(false);
    // c is no folder yet: nothing about it.
    expect(of(url("c/m.flow"))).toBeUndefined();
  });

  it("answers requests in the second folder from its own files", async () => {
    const text = model(`${lonely}\ndata spare "Spare" { kind contact }`);
    await s.open("b/m.flow", text);
    const line = text.split("\n").findIndex((l) => l.startsWith("flow x -> y"));
    const defs = await s.request<Array<{ uri: string }>>("textDocument/definition", { textDocument: { uri: url("b/m.flow") }, position: { line, character: 10 } });
    expect(defs.map((d) => d.uri)).toEqual([url("b/shared.flow")]);
    const hover = await s.request<{ contents: { value: string } } | null>("textDocument/hover", { textDocument: { uri: url("b/m.flow") }, position: { line: 4, character: 7 } });
    expect(hover?.contents.value).toContain("unused-data");
    // Typing in b's file: b's findings follow, a's stay as they are.
    await s.change("b/m.flow", text.replace(`data spare "Spare" { kind contact }`, ""));
    await s.until(() => codes(url("b/m.flow")).length === 0);
    expect(codes(url("a/m.flow"))).toEqual(["unused-subject:1"]);
  });

  it("picks up a folder added at run time, and forgets one removed", async () => {
    await s.connection.sendNotification("workspace/didChangeWorkspaceFolders", { event: { added: [folder("c")], removed: [] } });
    await s.until(() => codes(url("c/m.flow")).length > 0);
    expect(codes(url("c/m.flow"))).toEqual(["unused-subject:2"]); // c's config: the defaults
    await s.connection.sendNotification("workspace/didChangeWorkspaceFolders", { event: { added: [], removed: [folder("a")] } });
    await s.until(() => of(url("a/m.flow"))?.length === 0);
    // a's inner folder is a folder of its own: still checked.
    expect(codes(url("a/inner/m.flow"))).toEqual(["unused-subject:3"]);
    expect(codes(url("c/m.flow"))).toEqual(["unused-subject:2"]);
    // Nonsense from a client changes nothing, and fails nothing.
    await s.connection.sendNotification("workspace/didChangeWorkspaceFolders", { event: { added: [null, { uri: 5 }, { uri: "https://example.com/x" }], removed: "c" } });
    await s.connection.sendNotification("workspace/didChangeWorkspaceFolders", null);
    await s.request("workspace/symbol", { query: "" });
    expect(codes(url("c/m.flow"))).toEqual(["unused-subject:2"]);
    expect(s.stderr).not.toMatch(/failed/);
  });
});

describe("an unsaved buffer", () => {
  const buffer = "untitled:Untitled-1";
  const importing = "untitled:Untitled-3";
  const body = model(lonely).split("\n").slice(1, -2).join("\n") + "\n";
  const open = (uri: string, text: string, languageId = "flow") => s.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });

  it("is checked with the defaults, not any folder's config", async () => {
    await open(buffer, body);
    await open("untitled:Untitled-2", body, "plaintext");
    await s.until(() => !!of(buffer));
    // a's config would make it an error, b's would turn it off: a buffer has no folder.
    expect(of(buffer)!.map((d) => `${d.code}:${d.severity}`).sort()).toEqual(["unused-subject:2", "unused-system:2"]);
    expect(of("untitled:Untitled-2")).toBeUndefined(); // not the flow language
    // Requests work on it too.
    const hover = await s.request<{ contents: { value: string } } | null>("textDocument/hover", { textDocument: { uri: buffer }, position: { line: 2, character: 10 } });
    expect(hover?.contents.value).toContain("unused-subject");
    const symbols = await s.request<Array<{ name: string }>>("textDocument/documentSymbol", { textDocument: { uri: buffer } });
    expect(symbols.map((x) => x.name)).toContain("lonely");
    // No folder's findings in it, and it in no folder's.
    expect(codes(url("b/m.flow"))).toEqual([]);
  });

  it("says an import leads nowhere, at the import, and why (not a crash)", async () => {
    await open(importing, `import "vendors.flow"\nimport "../up/there.flow"\n${body}`);
    await s.until(() => !!of(importing));
    const found = of(importing)!;
    expect(found.map((d) => `${d.code}:${d.range.start.line}:${d.range.start.character}`)).toEqual(["import-not-found:0:7", "import-outside-workspace:1:7"]);
    expect(found[0]!.message).toContain("`vendors.flow` cannot be imported: this buffer is not saved, so it has no folder for the path to be relative to");
    expect(found[1]!.message).toContain("`../up/there.flow` cannot be imported: this buffer is not saved");
    for (const d of found) expect(d.message).toContain("help: save the file in the folder of the files it imports");
    const defs = await s.request<unknown[]>("textDocument/definition", { textDocument: { uri: importing }, position: { line: 0, character: 10 } });
    expect(defs).toEqual([]);
  });

  it("has its findings cleared when it closes", async () => {
    const before = s.publications.get(buffer) ?? 0;
    await s.connection.sendNotification("textDocument/didClose", { textDocument: { uri: buffer } });
    await s.until(() => (s.publications.get(buffer) ?? 0) > before);
    expect(of(buffer)).toEqual([]);
    expect(of(importing)!.length).toBe(2); // the other buffer keeps its own
    expect(s.stderr).not.toMatch(/failed/);
  });
});

describe("one project in several folders", () => {
  let p: LspSession;
  const app = `import "../lib/vendors.flow"
organization o "O" { role controller country NL contact "privacy@o.example" }
subject s "S"
subject lonely "L"
data d "D" { kind contact }
purpose p "P" { basis contract subjects s data d retention 30 days }
system x "X" { kind server operator self located NL stores d for p security "TLS" }
flow x -> mailer "Mail" { data d for p }
`;
  const vendors = `system mailer "Mailer" { kind email operator "Mail Inc." as processor located NL contract "DPA 2026" }\n`;

  beforeAll(async () => {
    // The project's config above both folders: an import from one folder into the other stays
    // inside the project, as `flowmap check` sees it.
    write("repo/flowmap.config.json", "{}");
    write("repo/app/m.flow", app);
    write("repo/lib/vendors.flow", vendors);
    p = await start(["repo/app", "repo/lib"]);
  });
  afterAll(async () => {
    await p?.shutdown();
  });

  it("resolves imports into the other folder; definition and rename reach across", async () => {
    const diag = (rel: string) => p.diagnostics.get(url(rel));
    await p.until(() => !!diag("repo/app/m.flow"));
    // The model's finding, and nothing about the import.
    expect(diag("repo/app/m.flow")!.map((d) => d.code)).toEqual(["unused-subject"]);
    const line = app.split("\n").findIndex((l) => l.startsWith("flow x -> mailer"));
    const defs = await p.request<Array<{ uri: string }>>("textDocument/definition", { textDocument: { uri: url("repo/app/m.flow") }, position: { line, character: 11 } });
    expect(defs.map((d) => d.uri)).toEqual([url("repo/lib/vendors.flow")]);
    // Renamed where it is declared (lib's file), the use in app's file is renamed too.
    const edit = await p.request<{ changes: Record<string, unknown[]> }>("textDocument/rename", { textDocument: { uri: url("repo/lib/vendors.flow") }, position: { line: 0, character: 8 }, newName: "postman" });
    expect(Object.keys(edit.changes).sort()).toEqual([url("repo/app/m.flow"), url("repo/lib/vendors.flow")].sort());
    const refs = await p.request<Array<{ uri: string }>>("textDocument/references", { textDocument: { uri: url("repo/lib/vendors.flow") }, position: { line: 0, character: 8 }, context: { includeDeclaration: true } });
    expect(refs.map((r) => r.uri).sort()).toEqual([url("repo/app/m.flow"), url("repo/lib/vendors.flow")].sort());
    expect(p.stderr).not.toMatch(/failed/);
  });
});
