/** The model stage's golden: each seed model as JSON (every node, value, reference and span), and
 *  the model of a generated model stays valid against the zod schema. A change to what the builder
 *  produces, including the order of keys, shows here as a reviewed diff. */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFlow } from "../src/syntax/parser.js";
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
