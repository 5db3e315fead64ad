/** The model stage's golden: each seed model as JSON (every node, value, reference and span), and
 *  the model of a generated model stays valid against the zod schema. A change to what the builder
 *  produces, including the order of keys, shows here as a reviewed diff. */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFlow } from "../src/syntax/parser.js";
import { checkSource } from "../src/check/index.js";
import { buildModel } from "../src/model/build.js";
import { ModelSchema } from "../src/model/model.js";
import { generateModel } from "../bench/generate.js";

/** A span as `file line:column-endLine:endColumn [start,end)`, so the golden reads as positions. */
function compactSpans(this: unknown, _key: string, value: unknown): unknown {
  if (value && typeof value === "object" && "start" in value && "endColumn" in value && "file" in value) {
    const s = value as { file: string; start: number; end: number; line: number; column: number; endLine: number; endColumn: number };
    return `${s.line}:${s.column}-${s.endLine}:${s.endColumn} [${s.start},${s.end})`;
  }
  return value;
}

const root = join(import.meta.dirname, "..");
const seeds = readdirSync(join(root, "models")).filter((f) => f.endsWith(".flow")).sort();

describe("model JSON of the seed models", () => {
  for (const file of seeds) {
    it(basename(file, ".flow"), async () => {
      const path = `models/${file}`;
      const built = buildModel(parseFlow(path, readFileSync(join(root, path), "utf8")).file);
      const json = `${JSON.stringify({ model: built.model, diagnostics: built.diagnostics }, compactSpans, 1)}\n`;
      await expect(json).toMatchFileSnapshot(`golden/model/${basename(file, ".flow")}.json`);
    });
  }
});

describe("the built model satisfies the model schema", () => {
  const texts: Array<[string, string]> = [
    ...seeds.map((f): [string, string] => [`models/${f}`, readFileSync(join(root, "models", f), "utf8")]),
    ["generated.flow", generateModel(300, 7).text],
  ];
  for (const [path, text] of texts) {
    it(path, () => {
      const { model } = buildModel(parseFlow(path, text).file);
      const result = ModelSchema.safeParse(JSON.parse(JSON.stringify(model)));
      expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([]);
    });
  }
});

describe("`law` on a purpose", () => {
  const check = (lines: string) =>
    checkSource("t.flow", `organization o "O" { role controller country NL contact "x" }\nsubject s "S"\ndata d "D" { kind contact }\npurpose p "P" {\n${lines}\n  subjects s\n  data d\n  retention 1 years\n}\n`)
      .diagnostics.map((x) => `${x.code} ${x.span.line}:${x.span.column} ${x.message}`);

  it("a third country's law is reported; Union law and the law of an EEA state are not", () => {
    expect(check('  basis legal_obligation\n  law US "U.S. Copyright law"').filter((m) => m.startsWith("basis-under"))).toEqual([
      'basis-under-third-country-law 6:3 purpose `p` rests on a legal obligation (Art. 6(1)(c)) under the law of United States (US) ("U.S. Copyright law"); Art. 6(3) accepts only Union or Member State law',
    ]);
    expect(check('  basis public_task\n  law eu, NO "..."').filter((m) => m.startsWith("basis-under"))).toEqual([]);
  });

  it("needs a legal obligation or public task, and ISO codes or eu", () => {
    expect(check('  basis consent\n  law US "x"').filter((m) => m.startsWith("invalid"))).toEqual([
      "invalid-property 6:3 `law` says whose law imposes a legal obligation or public task, but purpose `p` rests on consent",
    ]);
    expect(check("  basis legal_obligation\n  law us").filter((m) => m.startsWith("invalid"))).toEqual([
      "invalid-country 6:7 `us` is not a legal order: `law` takes ISO 3166-1 alpha-2 codes, or `eu` for Union law (did you mean `US`?)",
    ]);
  });
});
