/** The scored corpus holds the checker to what real policies need: every expectation file is well
 *  formed and names declarations its model has; no must finding found before is lost, no
 *  must-not-flag fires beyond the recorded ones, no repeat is added (test/corpus/baseline.json,
 *  rewritten by `npm run score -- --update` with the reason in the commit). */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../src/check/registry.js";
import { checkModelFile, corpusDir, loadCorpus, scorePolicy } from "./corpus/score.js";

const corpus = loadCorpus();
const baselinePath = join(corpusDir, "baseline.json");
const baseline = existsSync(baselinePath) ? (JSON.parse(readFileSync(baselinePath, "utf8")) as Record<string, { mustFound: string[]; repeats: number; mustNotFlagHits: string[] }>) : {};
const ruleIds = new Set(allRules().map((r) => r.id));

describe("the scored corpus", () => {
  it("holds at least the five seeds", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(corpus.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const result = checkModelFile(c.modelPath);
    const score = scorePolicy(name, c.expectations, result);

    it("names known rules and declarations the model has", () => {
      expect(result.complete).toBe(true);
      const targets = new Set(["organization", "model", ...result.model.flows.map((f) => `flow:${f.id}`), ...result.model.systems.map((s) => `system:${s.id}`),
        ...result.model.purposes.map((p) => `purpose:${p.id}`), ...result.model.data.map((d) => `data:${d.id}`), ...result.model.subjects.map((s) => `subject:${s.id}`)]);
      for (const x of [...c.expectations.expected, ...c.expectations.must_not_flag]) {
        if (!x.rule.startsWith("unsupported:")) expect(ruleIds.has(x.rule), `${x.rule} is a rule id`).toBe(true);
        expect(targets.has(x.target), `${x.target} is declared in ${c.modelPath}`).toBe(true);
      }
    });

    it("keeps every must finding it had, adds no repeat and no must-not-flag hit", () => {
      const before = baseline[name];
      expect(before, `${name} is in test/corpus/baseline.json (npm run score -- --update)`).toBeDefined();
      for (const k of before!.mustFound) expect(score.mustFound, `must finding lost: ${k}`).toContain(k);
      expect(score.repeats).toBeLessThanOrEqual(before!.repeats);
      for (const k of score.mustNotFlagHits) expect(before!.mustNotFlagHits, `must-not-flag fired: ${k}`).toContain(k);
    });
  });
});
