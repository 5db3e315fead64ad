/** One model across many files: splitting a model into N files at random declaration boundaries,
 *  joined by imports, gives the same findings (modulo where they are), the same map and the same
 *  register. Pure: the files live in memory. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEntry, checkSource, type CheckResult } from "../src/check/index.js";
import type { Diagnostic, Span } from "../src/diagnostics.js";
import { memoryHost } from "../src/project/host.js";
import { loadProject } from "../src/project/load.js";
import { parseFlow } from "../src/syntax/parser.js";
import { buildRegister, toCsv } from "../src/register/index.js";
import { mapGraphOf, renderMap } from "../src/render/index.js";

const root = join(import.meta.dirname, "..");
const seeds = readdirSync(join(root, "models")).filter((f) => f.endsWith(".flow")).sort();
const seedText = (name: string) => readFileSync(join(root, "models", name), "utf8");

/** `text` cut before the declarations at `cuts` (indexes), each cut at the start of the line after
 *  the previous declaration, so comments above a declaration stay with it. The chunk with the
 *  organization (and the header, which no cut separates from it) is the model; the others are
 *  libraries it imports where they stood. */
export function split(name: string, text: string, cuts: number[]): Record<string, string> {
  const parsed = parseFlow(name, text);
  const decls = parsed.file.declarations;
  const starts = parsed.source.lineStarts;
  const offsets = [...new Set(cuts)].filter((i) => i > 0 && i < decls.length).sort((a, b) => a - b).map((i) => starts[decls[i - 1]!.span.endLine] ?? text.length);
  const bounds = [0, ...offsets, text.length];
  const chunks = bounds.slice(1).map((end, k) => text.slice(bounds[k], end));
  const rootIndex = chunks.findIndex((c) => /^organization /m.test(c));
  const files: Record<string, string> = {};
  const parts = chunks.map((chunk, k) => {
    if (k === rootIndex) return chunk;
    const part = `split/${name.replace(/\.flow$/, "")}-part${k}.flow`;
    files[part] = chunk;
    return `import "${part.slice("split/".length)}"\n`;
  });
  files[`split/${name}`] = parts.join("");
  return files;
}

function checkSplit(name: string, files: Record<string, string>): CheckResult {
  const project = loadProject([`split/${name}`], memoryHost(files));
  return checkEntry(project, project.entries[0]!);
}

/** A finding without its place: rule, message, and the text under each span. */
function placeless(r: CheckResult): string[] {
  const textOf = (s: Span) => r.sources.get(s.file)!.text.slice(s.start, s.end);
  const one = (d: Diagnostic) => JSON.stringify([d.code, d.severity, d.message, d.help, textOf(d.span), d.related.map((x) => [x.message, textOf(x.span)])]);
  return r.diagnostics.map(one).sort();
}

/** The register with the places of findings and the model's file list left out. */
function registerText(r: CheckResult): string {
  return toCsv(buildRegister(r, "controller"), { bom: false })
    .replace(/\((?:[^()\s]+\.flow )?line \d+\)/g, "(line)")
    .split("\n")
    .filter((l) => !/^"?(Model file|Imported files)/.test(l))
    .join("\n");
}

type Node = { id: string; span: Span };
const nodesOf = (r: CheckResult): Array<[string, Node]> => [
  ...r.model.subjects.map((n) => ["subject", n] as [string, Node]), ...r.model.data.map((n) => ["data", n] as [string, Node]),
  ...r.model.purposes.map((n) => ["purpose", n] as [string, Node]), ...r.model.systems.map((n) => ["system", n] as [string, Node]),
];

/** `kind:id` of the declarations in `whole` that are not in `parts`. */
function leftModel(whole: CheckResult, parts: CheckResult): string[] {
  const kept = new Set(nodesOf(parts).map(([k, n]) => `${k}:${n.id}`));
  return nodesOf(whole).map(([k, n]) => `${k}:${n.id}`).filter((key) => !kept.has(key));
}

/** `kind:id` of everything some declaration of the model refers to (flows, purposes, stores). */
function referenced(r: CheckResult): Set<string> {
  const out = new Set<string>();
  for (const f of r.model.flows) {
    out.add(`system:${f.from.id}`).add(`system:${f.to.id}`);
    for (const x of f.data) out.add(`data:${x.id}`);
    for (const x of f.purposes) out.add(`purpose:${x.id}`);
  }
  for (const p of r.model.purposes) {
    for (const x of p.data) out.add(`data:${x.id}`);
    for (const x of p.subjects) out.add(`subject:${x.id}`);
  }
  for (const s of r.model.systems) {
    if (s.operator?.of) out.add(`system:${s.operator.of.id}`);
    for (const st of s.stores) {
      for (const x of st.data) out.add(`data:${x.id}`);
      for (const x of st.purposes) out.add(`purpose:${x.id}`);
    }
  }
  return out;
}

/** The whole declaration of each left node. */
function declarationSpans(r: CheckResult, keys: string[]): Span[] {
  return nodesOf(r).filter(([k, n]) => keys.includes(`${k}:${n.id}`)).map(([, n]) => (n as Node & { spans: Record<string, Span> }).spans.declaration ?? n.span);
}

/** The map's graph, with the places of findings in its tooltips left out. */
async function graphText(r: CheckResult): Promise<string> {
  return JSON.stringify(await mapGraphOf(r)).replace(/(?:[^\s"]+\.flow )?line \d+/g, "line");
}

/** Cut points that never separate the header from the organization. */
function cutsFor(text: string): fc.Arbitrary<number[]> {
  const decls = parseFlow("x.flow", text).file.declarations;
  const org = decls.findIndex((d) => d.kind === "organization");
  const header = decls.findIndex((d) => d.kind === "model");
  const [lo, hi] = [Math.min(org, header), Math.max(org, header)];
  const allowed = decls.map((_, i) => i).filter((i) => i > 0 && !(header >= 0 && i > lo && i <= hi));
  return fc.subarray(allowed, { minLength: 1, maxLength: 6 });
}

describe("a model split over files", () => {
  it.each(seeds)("%s: same findings, map graph and register for random splits", async (name) => {
    const text = seedText(name);
    const whole = checkSource(`split/${name}`, text);
    const wholeFindings = placeless(whole);
    const wholeRegister = registerText(whole);
    const wholeGraph = graphText(whole);
    await fc.assert(
      fc.asyncProperty(cutsFor(text), async (cuts) => {
        const files = split(name, text, cuts);
        expect(Object.keys(files).length).toBeGreaterThan(1);
        const parts = checkSplit(name, files);
        expect(parts.complete).toBe(true);
        expect(parts.files.length).toBe(Object.keys(files).length);
        // A declaration nothing uses, moved into a library, leaves the model (a library is a catalogue
        // a model takes what it uses from); its findings go with it, and nothing else changes.
        const left = leftModel(whole, parts);
        for (const id of left) expect(referenced(whole), `${id} left the model but is used`).not.toContain(id);
        const leftSpans = declarationSpans(whole, left);
        const within = (s: Span) => leftSpans.some((x) => s.file === x.file && s.start >= x.start && s.end <= x.end);
        const stays = (d: Diagnostic) => !within(d.span);
        // A finding that gathers several declarations (the purposes resting on consent, say) and names
        // one that left says less without it: it stays, on the same place, with its message changed.
        const gathers = whole.diagnostics.filter((d) => stays(d) && d.related.some((x) => within(x.span)));
        const anchor = (r: CheckResult, d: Diagnostic) => `${d.code}\u0000${r.sources.get(d.span.file)!.text.slice(d.span.start, d.span.end)}`;
        const changed = new Set(gathers.map((d) => anchor(whole, d)));
        const unchanged = (r: CheckResult) => ({ ...r, diagnostics: r.diagnostics.filter((d) => !changed.has(anchor(r, d))) });
        expect(placeless(unchanged(parts))).toEqual(left.length ? placeless(unchanged({ ...whole, diagnostics: whole.diagnostics.filter(stays) })) : wholeFindings);
        for (const d of gathers) expect(parts.diagnostics.some((x) => anchor(parts, x) === anchor(whole, d)), `${d.code} stays`).toBe(true);
        if (left.length) return;
        expect(registerText(parts)).toBe(wholeRegister);
        expect(await graphText(parts)).toBe(await wholeGraph);
      }),
      { numRuns: 12 },
    );
  });

  it("renders the same SVG from one file and from five", async () => {
    const name = "cieloweb.flow";
    const text = seedText(name);
    const files = split(name, text, [3, 9, 15, 20]);
    expect(Object.keys(files)).toHaveLength(5);
    const [one, five] = await Promise.all([renderMap(checkSource(`split/${name}`, text)), renderMap(checkSplit(name, files))]);
    const placeless = (svg: string) => svg.replace(/(?:[^\s"]+\.flow )?line \d+/g, "line");
    expect(placeless(five.svg)).toBe(placeless(one.svg));
    expect(five.svg).toContain("split/cieloweb-part");
  });

  it("findings in an imported file point at that file", () => {
    const name = "cieloweb.flow";
    const text = seedText(name);
    const decls = parseFlow(name, text).file.declarations;
    const firstSystem = decls.findIndex((d) => d.kind === "system");
    const parts = checkSplit(name, split(name, text, [firstSystem]));
    const systemsFile = parts.files.find((f) => f.includes("-part"))!;
    const inSystems = parts.diagnostics.filter((d) => d.span.file === systemsFile);
    expect(inSystems.map((d) => d.code)).toContain("transfer-without-mechanism");
    for (const d of parts.diagnostics) expect(parts.sources.get(d.span.file)!.text.length).toBeGreaterThanOrEqual(d.span.end);
  });
});
