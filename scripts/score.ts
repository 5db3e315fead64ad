// `npm run score`: the scored corpus (test/corpus/), per policy and in total. `--update` rewrites
// the ratchet (test/corpus/baseline.json) that test/corpus.test.ts holds the checker to.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDir, scoreCorpus, totals, type PolicyScore } from "../test/corpus/score.js";

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
// Precision is the target's figure (>= 95%): one decimal, so 94.6% never prints as 95%.
const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;
const rate = (f: number, t: number) => (t ? `${f}/${t}` : "-");
const scores = scoreCorpus();
const rows = scores.map((s) => [
  s.name, String(s.findings), rate(s.expected.must.found, s.expected.must.total),
  rate(s.expected.must.found + s.expected.should.found, s.expected.must.total + s.expected.should.total),
  rate(s.expected.must.found + s.expected.should.found + s.expected.could.found, s.expected.must.total + s.expected.should.total + s.expected.could.total),
  pct1(s.precision), pct1(s.precisionAsWritten), `${s.notes.matched}/${s.notes.total}`, pct(s.precisionAll), String(s.repeats), String(s.mustNotFlagHits.length),
]);
const t = totals(scores);
// precision: of the errors and warnings, how many a DPO expected (the writers' expectations and the
// adjudicated ones); as written: against the writers' alone; notes: info findings expected/all;
// precision (all): with the notes counted in.
const head = ["policy", "findings", "must", "must+should", "all", "precision", "as written", "notes", "precision (all)", "repeats", "must-not-flag"];
rows.push(["total", String(t.findings), pct(t.recallMust), pct(t.recallMustShould), pct(t.recallAll), pct1(t.precision), pct1(t.precisionAsWritten), `${t.notesMatched}/${t.notes}`, pct(t.precisionAll), String(t.repeats), String(t.mustNotFlagHits)]);
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
process.stdout.write(`${[line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")}\n`);
// The same corpus counting only each finding's own place (the scorer before occurrences counted):
// a finding that groups several places meets one expectation.
const own = totals(scoreCorpus(corpusDir, { places: false }));
process.stdout.write(`counting only each finding's own place: must ${pct(own.recallMust)}, must+should ${pct(own.recallMustShould)}, all ${pct(own.recallAll)}, precision ${pct1(own.precision)}, as written ${pct1(own.precisionAsWritten)}, must-not-flag ${own.mustNotFlagHits}\n`);
if (process.argv.includes("--verbose")) {
  for (const s of scores) {
    process.stdout.write(`\n${s.name}\n  must missed: ${s.mustMissed.join("; ") || "none"}\n  unexpected errors and warnings: ${s.unexpectedProblems.join("; ") || "none"}\n  unexpected (all): ${s.unexpected.join("; ") || "none"}\n  must-not-flag hit: ${s.mustNotFlagHits.join("; ") || "none"}\n`);
  }
}
if (process.argv.includes("--update")) {
  const baseline = Object.fromEntries(scores.map((s: PolicyScore) => [s.name, { mustFound: s.mustFound, repeats: s.repeats, mustNotFlagHits: s.mustNotFlagHits }]));
  writeFileSync(join(corpusDir, "baseline.json"), `${JSON.stringify(baseline, null, 2)}\n`);
  process.stdout.write("wrote test/corpus/baseline.json\n");
}
