// The server never crashes: the fuzz campaign's inputs (scripts/fuzz/generate.ts: bytes, soups,
// mutated seeds, long lines, huge names, multi-file models) opened as files and as unsaved buffers,
// edited and queried at many positions with every request; afterwards the server still answers, and
// no handler failed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateInput } from "../scripts/fuzz/generate.js";
import { classNames } from "../scripts/fuzz/inputs.js";
import { LspSession, uri } from "./lsp-client.js";

const root = resolve(".");
const inputs = 160;
let dir: string;
let s: LspSession;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  dir = mkdtempSync(join(tmpdir(), "flowmap-lsp-fuzz-"));
  s = new LspSession(dir);
  await s.initialize();
});

afterAll(async () => {
  await s?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const decoder = new TextDecoder("utf-8");
const asText = (c: string | Uint8Array) => (typeof c === "string" ? c : decoder.decode(c));

/** Positions spread over the text: line starts, ends, the middle of lines, past the end. */
function positions(text: string, n: number): Array<{ line: number; character: number }> {
  const lines = text.split(/\r\n|\r|\n/);
  const out = [{ line: 0, character: 0 }, { line: lines.length - 1, character: lines.at(-1)!.length }, { line: lines.length + 3, character: 9 }];
  for (let i = 0; i < n; i++) {
    const line = Math.floor((i * 7919) % lines.length);
    out.push({ line, character: Math.floor(((i * 104729) % 1000) / 1000 * (lines[line]!.length + 2)) });
  }
  return out;
}

describe("flowmap lsp on the fuzz corpus", () => {
  it(`answers every request on ${inputs} generated inputs of every class, and stays up`, async () => {
    const seen = new Set<string>();
    for (let i = 0; i < inputs; i++) {
      // Every class in turn, so the rare ones (long lines, huge names) are in the sample too.
      const input = generateInput(20261218, i, [classNames[i % classNames.length]!]);
      seen.add(input.class);
      const rels = Object.keys(input.files).map((p) => `in${i}/${p}`);
      const texts = Object.values(input.files).map(asText);
      for (const [k, rel] of rels.entries()) await s.open(rel, texts[k]!);
      const rel = rels[0]!;
      const text = texts[0]!;
      const d = { textDocument: { uri: uri(dir, rel) } };
      const requests: Array<Promise<unknown>> = [];
      for (const position of positions(text, text.length > 50_000 ? 3 : 12)) {
        requests.push(s.request("textDocument/hover", { ...d, position }));
        requests.push(s.request("textDocument/completion", { ...d, position }));
        requests.push(s.request("textDocument/definition", { ...d, position }));
        requests.push(s.request("textDocument/references", { ...d, position, context: { includeDeclaration: true } }));
        requests.push(s.request("textDocument/prepareRename", { ...d, position }));
        requests.push(s.request("textDocument/codeAction", { ...d, range: { start: position, end: position }, context: { diagnostics: [] } }));
        requests.push(s.request("textDocument/rename", { ...d, position, newName: "renamed" }).catch((e: Error) => {
          // A refused rename is an answer (a clash, say); a crash is not.
          if (!/already declared|not a name/.test(e.message)) throw e;
        }));
      }
      requests.push(s.request("textDocument/documentSymbol", d), s.request("textDocument/semanticTokens/full", d), s.request("textDocument/formatting", { ...d, options: { tabSize: 2, insertSpaces: true } }), s.request("workspace/symbol", { query: "a" }));
      await Promise.all(requests);
      // An edit: the text cut in half, then restored.
      await s.change(rel, text.slice(0, text.length >> 1));
      await s.request("textDocument/hover", { ...d, position: { line: 0, character: 1 } });
      for (const r of rels) await s.close(r);
      expect(s.exited, `the server exited on input ${i} (${input.class}: ${input.variant})`).toBeUndefined();
    }
    expect([...seen].sort()).toEqual([...classNames].sort());
    // Still answering, and no handler threw (each failure is logged as "flowmap lsp: ... failed").
    await s.open("ok.flow", 'subject s "S"\n');
    const symbols = await s.request<Array<{ name: string }>>("textDocument/documentSymbol", { textDocument: { uri: uri(dir, "ok.flow") } });
    expect(symbols.map((x) => x.name)).toEqual(["s"]);
    expect(s.stderr).not.toMatch(/failed/);
  }, 240_000);

  it("answers every request on unsaved buffers of every class, and clears each when it closes", async () => {
    for (let i = 0; i < 40; i++) {
      const input = generateInput(20261219, i, [classNames[i % classNames.length]!]);
      const text = asText(Object.values(input.files)[0]!);
      const bufferUri = `untitled:Untitled-${i}`;
      const d = { textDocument: { uri: bufferUri } };
      await s.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: bufferUri, languageId: "flow", version: 1, text } });
      const requests: Array<Promise<unknown>> = [];
      for (const position of positions(text, 4)) {
        for (const method of ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/prepareRename"]) requests.push(s.request(method, { ...d, position }));
        requests.push(s.request("textDocument/references", { ...d, position, context: { includeDeclaration: true } }));
        requests.push(s.request("textDocument/codeAction", { ...d, range: { start: position, end: position }, context: { diagnostics: [] } }));
        requests.push(s.request("textDocument/rename", { ...d, position, newName: "renamed" }).catch((e: Error) => {
          if (!/already declared|not a name/.test(e.message)) throw e;
        }));
      }
      requests.push(s.request("textDocument/documentSymbol", d), s.request("textDocument/semanticTokens/full", d), s.request("textDocument/formatting", { ...d, options: { tabSize: 2, insertSpaces: true } }));
      await Promise.all(requests);
      await s.connection.sendNotification("textDocument/didClose", d);
      // The request waits for the check the close scheduled; its clearing is sent before the answer.
      await s.request("workspace/symbol", { query: "" });
      expect(s.diagnostics.get(bufferUri) ?? []).toEqual([]);
      expect(s.exited, `the server exited on unsaved input ${i} (${input.class}: ${input.variant})`).toBeUndefined();
    }
    expect(s.stderr).not.toMatch(/failed/);
  }, 120_000);
});
