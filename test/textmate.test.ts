// The TextMate grammar of the VS Code extension scopes every token of the seed models (and the
// examples): no non-blank character is left with only the file's scope or marked invalid; the
// vocabulary and the keywords read as what they are.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";
import { keywordWords } from "../src/syntax/tokens.js";
import { flowGrammarText, grammarFile } from "../editors/vscode/gen-grammar.mjs";
import { Basis, dataKinds, MechanismKind, SystemKind } from "../src/model/vocabulary.js";

const root = resolve(".");
const require = createRequire(import.meta.url);
const grammarPath = grammarFile;

async function loadGrammar() {
  const wasm = readFileSync(join(require.resolve("vscode-oniguruma"), "..", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope: string) => (scope === "source.flow" ? vsctm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null),
  });
  return (await registry.loadGrammar("source.flow"))!;
}

type Scoped = { text: string; scopes: string[]; line: number };

async function tokenize(text: string): Promise<Scoped[]> {
  const grammar = await loadGrammar();
  let stack = vsctm.INITIAL;
  const out: Scoped[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: i + 1 });
    stack = r.ruleStack;
  });
  return out;
}

const flowFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? flowFiles(join(dir, e.name)) : e.name.endsWith(".flow") ? [join(dir, e.name)] : []));

const scopeOf = async (text: string, word: string) => (await tokenize(text)).find((t) => t.text === word)?.scopes.at(-1);

describe("the TextMate grammar", () => {
  const files = [...flowFiles(join(root, "models")), ...flowFiles(join(root, "examples"))];
  it("has seed models to read", () => expect(files.length).toBeGreaterThanOrEqual(5));
  for (const file of files) {
    it(`scopes every token of ${file.slice(root.length + 1)}`, async () => {
      const tokens = await tokenize(readFileSync(file, "utf8"));
      const unscoped = tokens.filter((t) => t.text.trim() && (t.scopes.length < 2 || t.scopes.some((s) => s.startsWith("invalid"))));
      expect(unscoped.map((t) => `${t.line}: ${JSON.stringify(t.text)} ${t.scopes.join(" ")}`)).toEqual([]);
    });
  }

  it("reads keywords, names, values, strings and comments as what they are", async () => {
    const text = [
      "// flowmap-ignore transfer-without-mechanism: the DPA names SCCs",
      'system mailer "Mail \\"Vendor\\"" { kind email operator "X" in IE as processor located US }',
      "flow browser -> mailer { data email, plan for orders mechanism scc c2p retention 13 months }",
      "/* a block",
      "   comment */ purpose p",
    ].join("\n");
    const tokens = await tokenize(text);
    const last = (w: string) => tokens.find((t) => t.text === w)?.scopes.at(-1);
    expect(last("flowmap-ignore")).toBe("keyword.other.suppression.flow");
    expect(last("transfer-without-mechanism")).toBe("entity.name.tag.rule.flow");
    expect(last("system")).toBe("storage.type.system.flow");
    expect(last("mailer")).toBe("entity.name.type.system.flow");
    expect(last("\\\"")).toBe("constant.character.escape.flow");
    expect(last("kind")).toBe("keyword.other.property.flow");
    expect(last("email")).toBe("constant.language.flow"); // the system kind
    expect(last("US")).toBe("constant.other.country.flow");
    expect(last("in")).toBe("keyword.operator.word.flow");
    expect(last("->")).toBe("keyword.operator.arrow.flow");
    expect(last("browser")).toBe("entity.name.function.system.flow");
    expect(last("plan")).toBe("variable.other.name.flow");
    expect(last("13")).toBe("constant.numeric.flow");
    expect(last("months")).toBe("keyword.other.unit.flow");
    expect(tokens.find((t) => t.text.includes("comment"))?.scopes).toContain("comment.block.flow");
    expect(last("purpose")).toBe("variable.other.name.flow"); // not at a line's start: a name, not a declaration
    // A stray character is marked, not left bare.
    expect(await scopeOf("system x ; y", ";")).toBe("invalid.illegal.character.flow");
  });

  it("is the grammar gen-grammar.mts makes from the lexer's keywords and the vocabulary", () => {
    expect(readFileSync(grammarFile, "utf8"), "run npx tsx editors/vscode/gen-grammar.mts").toBe(flowGrammarText());
  });

  it("knows every keyword of the lexer and every value of the vocabulary", async () => {
    for (const w of keywordWords) {
      const s = await scopeOf(`  ${w} `, w);
      expect(s, w).toMatch(/^(keyword|storage)\./);
    }
    for (const w of [...Object.keys(dataKinds), ...SystemKind.options, ...Basis.options, ...MechanismKind.options]) {
      expect(await scopeOf(`  kind ${w}`, w), w).toBe("constant.language.flow");
    }
  });
});
