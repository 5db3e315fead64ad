import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { generatedDocs } from "../src/docs/generate.js";
import { allRules } from "../src/check/registry.js";

describe("generated docs are current", () => {
  const read = (p: string) => readFileSync(p, "utf8");
  const docs = generatedDocs({ readme: read("README.md"), modelsReadme: read("models/README.md"), model: (name) => read(`models/${name}.flow`) });
  for (const [path, content] of docs) {
    it(`${path} matches the code (run \`npx tsx scripts/gen-docs.ts\`)`, () => {
      expect(existsSync(path)).toBe(true);
      expect(readFileSync(path, "utf8")).toBe(content);
    });
  }

  it("every rule page cites an article and the grammar names every declaration", () => {
    for (const r of allRules()) expect(readFileSync(`docs/rules/${r.id}.md`, "utf8")).toContain(`Enforces: ${r.article}`);
    const ebnf = readFileSync("grammar/flow.ebnf", "utf8");
    for (const kw of ["model", "organization", "subject", "data", "purpose", "system", "flow"]) expect(ebnf).toContain(`"${kw}"`);
  });
});
