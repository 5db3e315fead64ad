/** The scored corpus: faithful models of real privacy policies, each with the findings a diligent
 *  DPO would raise, written from the policy before the checker ran (`expected.yaml`). Scoring a
 *  model's findings against them gives recall by tier, precision, repeats and must-not-flag hits.
 *  Pure, apart from reading the corpus folder. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import yaml from "js-yaml";
import { z } from "zod";
import { checkEntry, type CheckResult } from "../../src/check/index.js";
import type { Diagnostic, Span } from "../../src/diagnostics.js";
import { nodeHost } from "../../src/cli/node-host.js";
import { loadProject } from "../../src/project/load.js";

export const corpusDir = dirname(new URL(import.meta.url).pathname);

const Target = z.string().regex(/^(organization|model|(subject|data|purpose|system):[A-Za-z_][A-Za-z0-9_]*|flow:[A-Za-z_][A-Za-z0-9_]*->[A-Za-z_][A-Za-z0-9_]*(#\d+)?)$/, "kind:id, e.g. system:firebase_auth or flow:browser->adsense");
const Rule = z.string().regex(/^(unsupported:)?[a-z][a-z0-9-]*$/);

export const ExpectationsSchema = z.strictObject({
  policy: z.string(),
  /** Where the policy was read: a URL, or a file under shared/seeds/. */
  source: z.string(),
  retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The model, relative to this folder. */
  model: z.string(),
  /** When and by whom the expectations were written, before the checker ran on the model. */
  written: z.string(),
  expected: z.array(z.strictObject({
    /** A rule id, or `unsupported:<name>` for what a DPO raises that no rule reads (a miss today). */
    rule: Rule,
    target: Target,
    tier: z.enum(["must", "should", "could"]),
    why: z.string(),
    /** How many separate findings this is (distinct problems on one target); default 1. */
    count: z.optional(z.int().min(1)),
    /** Added after the checker ran, by a reviewer who judged from the policy and the law that a
     *  finding the writers had not listed is one a diligent DPO raises: "<date>, <who>: <why the list
     *  missed it>". Such an entry makes that finding expected (precision) but never counts for recall,
     *  since only findings the checker already makes are ever adjudicated. */
    adjudicated: z.optional(z.string().min(10)),
  })),
  must_not_flag: z.array(z.strictObject({ rule: Rule, target: Target, why: z.string() })).default([]),
});
export type Expectations = z.infer<typeof ExpectationsSchema>;

export interface PolicyScore {
  name: string;
  findings: number;
  expected: Record<"must" | "should" | "could", { found: number; total: number }>;
  /** Problems (errors and warnings) that match an expectation (any tier), over all problems. Info
   *  findings are observations, not claims that something is wrong: they count for recall and are
   *  reported apart (notes), and `precisionAll` counts them in. */
  precision: number;
  /** Precision against the writers' expectations alone, without the adjudicated ones. */
  precisionAsWritten: number;
  precisionAll: number;
  problems: number;
  notes: { total: number; matched: number };
  /** Findings beyond the expected count on one rule and target: one problem said again. */
  repeats: number;
  mustNotFlagHits: string[];
  /** `rule target` of the must expectations found, of the must expectations missed. */
  mustFound: string[];
  mustMissed: string[];
  /** Findings that match nothing expected: `rule target`; of them, the errors and warnings. */
  unexpected: string[];
  unexpectedProblems: string[];
}

/** The declaration a finding is about: the innermost one whose span holds the finding's. */
export function targetOf(r: CheckResult, span: Span): string {
  const within = (outer: Span) => outer.file === span.file && outer.start <= span.start && span.end <= outer.end;
  const { model } = r;
  const decl = (n: { span: Span; spans?: Record<string, Span> }) => n.spans?.declaration ?? n.span;
  for (const f of model.flows) if (within(decl(f))) return `flow:${f.id}`;
  for (const s of model.systems) if (within(decl(s))) return `system:${s.id}`;
  for (const p of model.purposes) if (within(decl(p))) return `purpose:${p.id}`;
  for (const d of model.data) if (within(decl(d))) return `data:${d.id}`;
  for (const s of model.subjects) if (within(decl(s))) return `subject:${s.id}`;
  if (model.organization && within(decl(model.organization))) return "organization";
  return "model";
}

export function checkModelFile(path: string): CheckResult {
  const project = loadProject([path], nodeHost());
  return checkEntry(project, project.entries[0]!);
}

/** How findings are matched to expectations. `places` (the default) counts every place a finding
 *  names as another occurrence of its problem (a related location marked `occurrence`): one finding
 *  per problem lists every place it shows, and a writer's expectation on one of those places is met
 *  by it. `places: false` counts only each finding's own place, as the scorer did before. */
export interface ScoreOptions {
  places?: boolean;
}

export function scorePolicy(name: string, e: Expectations, r: CheckResult, options: ScoreOptions = {}): PolicyScore {
  const key = (rule: string, target: string) => `${rule} ${target}`;
  const findings = r.diagnostics.map((d: Diagnostic) => key(d.code, targetOf(r, d.span)));
  // Each finding's other places: the targets of its occurrences, its own place left out.
  const others = r.diagnostics.map((d: Diagnostic, i) => options.places === false ? [] : [...new Set((d.related ?? [])
    .filter((x) => x.occurrence)
    .map((x) => key(d.code, targetOf(r, x.span))))].filter((k) => k !== findings[i]));
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f, (counts.get(f) ?? 0) + 1);
  const shown = new Set([...findings, ...others.flat()]);
  const expectedCount = new Map<string, number>();
  for (const x of e.expected) expectedCount.set(key(x.rule, x.target), (expectedCount.get(key(x.rule, x.target)) ?? 0) + (x.count ?? 1));
  const tiers = { must: { found: 0, total: 0 }, should: { found: 0, total: 0 }, could: { found: 0, total: 0 } };
  const mustFound: string[] = [];
  const mustMissed: string[] = [];
  for (const x of e.expected) {
    if (x.adjudicated) continue;
    const k = key(x.rule, x.target);
    tiers[x.tier].total++;
    const found = shown.has(k);
    if (found) tiers[x.tier].found++;
    if (x.tier === "must") (found ? mustFound : mustMissed).push(k);
  }
  let repeats = 0;
  for (const [k, n] of counts) repeats += Math.max(0, n - Math.max(1, expectedCount.get(k) ?? 0));
  // The same budget per rule and target, spent on a finding's own place first, then on its other
  // places; on problems first, so a note never takes an expectation a warning would have met.
  const spender = (budget: Map<string, number>) => (i: number) => {
    for (const k of [findings[i]!, ...others[i]!]) {
      const left = budget.get(k) ?? 0;
      if (left > 0) {
        budget.set(k, left - 1);
        return true;
      }
    }
    return false;
  };
  const spend = spender(new Map(expectedCount));
  const isNote = r.diagnostics.map((d) => d.severity === "info");
  const problems = findings.map((_, i) => i).filter((i) => !isNote[i]);
  const notes = findings.map((_, i) => i).filter((i) => isNote[i]);
  const unmatched = new Set([...problems, ...notes].filter((i) => !spend(i)));
  const unexpectedProblems = problems.filter((i) => unmatched.has(i)).map((i) => findings[i]!).sort();
  const matchedProblems = problems.length - unexpectedProblems.length;
  const matchedNotes = notes.filter((i) => !unmatched.has(i)).length;
  const written = new Map<string, number>();
  for (const x of e.expected) if (!x.adjudicated) written.set(key(x.rule, x.target), (written.get(key(x.rule, x.target)) ?? 0) + (x.count ?? 1));
  const matchedAsWritten = problems.filter(spender(written)).length;
  const forbidden = new Set(e.must_not_flag.map((x) => key(x.rule, x.target)));
  return {
    name,
    findings: findings.length,
    expected: tiers,
    precision: problems.length ? matchedProblems / problems.length : 1,
    precisionAsWritten: problems.length ? matchedAsWritten / problems.length : 1,
    precisionAll: findings.length ? (findings.length - unmatched.size) / findings.length : 1,
    problems: problems.length,
    notes: { total: notes.length, matched: matchedNotes },
    repeats,
    mustNotFlagHits: [...shown].filter((f) => forbidden.has(f)).sort(),
    mustFound: mustFound.sort(),
    mustMissed: mustMissed.sort(),
    unexpected: [...unmatched].map((i) => findings[i]!).sort(),
    unexpectedProblems,
  };
}

export interface CorpusEntry {
  name: string;
  expectations: Expectations;
  modelPath: string;
}

export function loadCorpus(dir = corpusDir): CorpusEntry[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "expected.yaml")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const expectations = ExpectationsSchema.parse(yaml.load(readFileSync(join(dir, name, "expected.yaml"), "utf8")));
      return { name, expectations, modelPath: relative(process.cwd(), resolve(dir, name, expectations.model)) };
    });
}

export function scoreCorpus(dir = corpusDir, options: ScoreOptions = {}): PolicyScore[] {
  return loadCorpus(dir).map((c) => scorePolicy(c.name, c.expectations, checkModelFile(c.modelPath), options));
}

/** Totals over policies, each rate over the pooled counts. */
export function totals(scores: PolicyScore[]) {
  const sum = (f: (s: PolicyScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const found = (t: "must" | "should" | "could") => sum((s) => s.expected[t].found);
  const total = (t: "must" | "should" | "could") => sum((s) => s.expected[t].total);
  const findings = sum((s) => s.findings);
  return {
    findings,
    recallMust: found("must") / Math.max(1, total("must")),
    recallMustShould: (found("must") + found("should")) / Math.max(1, total("must") + total("should")),
    recallAll: (found("must") + found("should") + found("could")) / Math.max(1, total("must") + total("should") + total("could")),
    precision: sum((s) => s.problems) ? sum((s) => s.precision * s.problems) / sum((s) => s.problems) : 1,
    precisionAsWritten: sum((s) => s.problems) ? sum((s) => s.precisionAsWritten * s.problems) / sum((s) => s.problems) : 1,
    problems: sum((s) => s.problems),
    precisionAll: findings ? sum((s) => s.precisionAll * s.findings) / findings : 1,
    notes: sum((s) => s.notes.total),
    notesMatched: sum((s) => s.notes.matched),
    repeats: sum((s) => s.repeats),
    mustNotFlagHits: sum((s) => s.mustNotFlagHits.length),
  };
}
