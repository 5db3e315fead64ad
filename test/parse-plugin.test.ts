/** The recovering parser as a plug-in (src/syntax/parse.ts): our token table and Chevrotain's token
 *  types agree kind for kind; parseFlow asks for the recovering parser on a syntax error only; and
 *  the bundled CLI loads Chevrotain (its own file, dist/chunks/recovering-parser-*.cjs) only then,
 *  with the same errors as the parser in process. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Lexer, tokenMatcher, type TokenType } from "chevrotain";
import { beforeAll, describe, expect, it } from "vitest";
import { allTokens as chevrotainAllTokens, chevrotainType, chevrotainTypes } from "../src/syntax/chevrotain-tokens.js";
import { allTokens, matches, tokenKinds } from "../src/syntax/tokens.js";
import { chevrotainParse, parseFlow } from "../src/syntax/parser.js";
import { useRecoveringParser, type RecoveringParser } from "../src/syntax/parse.js";
import { lexFlow } from "../src/syntax/lex.js";
import { SourceFile } from "../src/syntax/source.js";

const root = resolve(".");
const cli = join(root, "dist/flowmap.mjs");
const cbline = readFileSync(join(root, "models/cbline.flow"), "utf8");
/** cbline with its first `}` removed: the model block is left open. */
const unclosed = cbline.replace("}", "");

describe("our token table and Chevrotain's token types", () => {
  it("map kind for kind: one distinct Chevrotain type per kind, with its name, label and pattern", () => {
    expect(chevrotainTypes).toHaveLength(tokenKinds.length);
    expect(new Set(chevrotainTypes.map((t) => t.tokenTypeIdx)).size).toBe(tokenKinds.length);
    tokenKinds.forEach((k, i) => {
      expect(k.idx).toBe(i);
      const t = chevrotainType(k);
      expect(t.name).toBe(k.name);
      expect(t.LABEL).toBe(k.label);
      expect(t.PATTERN).toEqual(k.pattern ?? Lexer.NA);
      expect(t.GROUP).toBe(k.group === "skipped" ? Lexer.SKIPPED : k.group);
      expect(t.LONGER_ALT).toBe(k.longerAlt && chevrotainType(k.longerAlt));
    });
    expect(chevrotainAllTokens.map((t) => t.name)).toEqual(allTokens.map((k) => k.name));
  });

  it("agree on categories: our `matches` is Chevrotain's `tokenMatcher` for every pair of kinds", () => {
    let categorised = 0;
    for (const k of tokenKinds) {
      expect((chevrotainType(k).CATEGORIES ?? []).map((c: TokenType) => c.name)).toEqual(k.categories.map((c) => c.name));
      for (const c of tokenKinds) {
        const token = { image: "x", startOffset: 0, tokenTypeIdx: chevrotainType(k).tokenTypeIdx!, tokenType: chevrotainType(k) } as Parameters<typeof tokenMatcher>[0];
        expect(matches(k, c), `${k.name} matches ${c.name}`).toBe(tokenMatcher(token, chevrotainType(c)));
        if (k !== c && matches(k, c)) categorised++;
      }
    }
    // Every keyword is a Name, and the property keywords also a NamesKeyword or StringsKeyword.
    expect(categorised).toBeGreaterThan(tokenKinds.length);
  });
});

describe("parseFlow asks for the recovering parser on a syntax error only", () => {
  it("loads it once, on the first syntax error, and reports what it reports", () => {
    let loads = 0;
    const calls: string[] = [];
    const recovering: RecoveringParser = (source, tokens, diagnostics) => {
      calls.push(source.path);
      return chevrotainParse(source, tokens, diagnostics);
    };
    try {
      useRecoveringParser(() => {
        loads++;
        return recovering;
      });
      expect(parseFlow("clean.flow", cbline).diagnostics).toEqual([]);
      expect(loads).toBe(0);
      const broken = parseFlow("broken.flow", unclosed);
      expect(loads).toBe(1);
      expect(calls).toEqual(["broken.flow"]);
      expect(broken.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("expected '}' to close `model`")]);
      parseFlow("again.flow", "model {");
      expect(loads).toBe(1);
      expect(calls).toEqual(["broken.flow", "again.flow"]);
    } finally {
      useRecoveringParser(() => chevrotainParse);
    }
  });

  it("the recovering parser reads only the token store's arrays (the CLI passes it another copy's store)", () => {
    const source = new SourceFile("broken.flow", unclosed);
    const lexed = lexFlow(unclosed);
    const store = lexed.tokens;
    // A store as another bundle's lex.ts makes it: the same arrays and text, its own methods.
    const foreign = { length: store.length, types: store.types, starts: store.starts, lengths: store.lengths, text: store.text, get: () => { throw new Error("read the arrays"); } };
    const ours: Parameters<RecoveringParser>[2] = [];
    const theirs: Parameters<RecoveringParser>[2] = [];
    expect(JSON.stringify(chevrotainParse(source, foreign as unknown as typeof store, theirs))).toBe(JSON.stringify(chevrotainParse(source, store, ours)));
    expect(JSON.stringify(theirs)).toBe(JSON.stringify(ours));
    expect(ours.length).toBeGreaterThan(0);
  });
});

describe("the bundled CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "flowmap-parse-plugin-"));
  // Preloaded into the CLI: at exit, writes the files `require` loaded (the recovering parser is one).
  const hook = join(dir, "loaded.cjs");
  writeFileSync(hook, `process.on("exit", () => require("node:fs").writeFileSync(process.env.LOADED_OUT, JSON.stringify(Object.keys(require.cache))));\n`);
  writeFileSync(join(dir, "clean.flow"), cbline);
  writeFileSync(join(dir, "broken.flow"), unclosed);

  function run(args: string[]) {
    const out = join(dir, `loaded-${args.join("-").replace(/\W/g, "_")}.json`);
    const r = spawnSync(process.execPath, ["--require", hook, cli, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, LOADED_OUT: out, NO_COLOR: "1" } });
    const loaded = (JSON.parse(readFileSync(out, "utf8")) as string[]).filter((f) => /recovering-parser-\w+\.cjs$/.test(f));
    return { ...r, loaded };
  }

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  });

  it("has no Chevrotain in its ES modules, and one recovering parser file", () => {
    const chunks = readdirSync(join(root, "dist/chunks"));
    const esm = [cli, ...chunks.filter((f) => f.endsWith(".mjs")).map((f) => join(root, "dist/chunks", f))];
    const recovering = chunks.filter((f) => /^recovering-parser-\w+\.cjs$/.test(f));
    expect(recovering).toHaveLength(1);
    // A message of Chevrotain's own, kept by minification.
    const marker = "performSelfAnalysis";
    expect(readFileSync(join(root, "dist/chunks", recovering[0]!), "utf8")).toContain(marker);
    for (const f of esm) expect(readFileSync(f, "utf8"), f).not.toContain(marker);
  });

  it("checks clean text without loading the recovering parser", () => {
    const r = run(["check", "clean.flow"]);
    expect(r.stdout).toMatch(/\d+ errors?, \d+ warnings?/);
    expect(r.stdout).not.toContain("syntax-error");
    expect(r.loaded).toEqual([]);
  });

  it("loads it on a syntax error and reports the errors the parser reports in process", () => {
    const r = run(["check", "--format", "json", "broken.flow"]);
    expect(r.status).toBe(1);
    expect(r.loaded).toHaveLength(1);
    const reported = (JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; message: string; line: number }> }).diagnostics.filter((d) => d.code === "syntax-error");
    const inProcess = parseFlow("broken.flow", unclosed).diagnostics;
    expect(reported.map((d) => d.message)).toEqual(inProcess.map((d) => d.message));
    expect(reported.length).toBeGreaterThan(0);
  });

  it("fmt loads it too, for a file with a syntax error", () => {
    const r = run(["fmt", "--check", "broken.flow"]);
    expect(r.stderr + r.stdout).toContain("expected '}' to close `model`");
    expect(r.loaded).toHaveLength(1);
    expect(run(["fmt", "--check", "clean.flow"]).loaded).toEqual([]);
  });
});
