/** What the campaign runs: the product's entry points, as the CLI calls them. The oracle
 *  (oracle.ts) calls nothing else, so a test can hand it a broken `Target` (a stub that throws,
 *  hangs, misplaces a span, or formats differently twice) and see the problem reported. A module
 *  given to `--target` exports one as `target`. */
import { resolve } from "node:path";
import { checkEntry, type CheckResult } from "../../src/check/index.js";
import { allRules, type RuleMeta } from "../../src/check/registry.js";
import { formatSource } from "../../src/cli/fmt-command.js";
import { countBySeverity, sortDiagnostics, type Diagnostic } from "../../src/diagnostics.js";
import { formatGithub } from "../../src/format/github.js";
import { formatJson } from "../../src/format/json.js";
import { formatSarif } from "../../src/format/sarif.js";
import { formatText } from "../../src/format/text.js";
import { repositoryUrl, ruleDocsBase, version } from "../../src/package-info.js";
import { memoryHost } from "../../src/project/host.js";
import { loadProject } from "../../src/project/load.js";
import { buildRegister, defaultRecord, toCsv, toMarkdown, type RecordKind } from "../../src/register/index.js";
import { decodeSource, type Decoded } from "../../src/syntax/decode.js";
import { parseFlow } from "../../src/syntax/parser.js";
import type { SourceFile } from "../../src/syntax/source.js";
import type { FileContent } from "./inputs.js";

/** The virtual workspace the inputs' files live in (display paths are relative to it). */
export const workspace = resolve("/fuzz");

/** A check of a set of files, as `flowmap check <entries>` does it. */
export interface Checked {
  /** Every model, and every library no given model imports, by its display path. */
  results: { path: string; result: CheckResult }[];
  /** Every finding once, sorted: what the formatters print. */
  diagnostics: Diagnostic[];
  /** Every file read, by display path. */
  sources: Map<string, SourceFile>;
}

export interface Target {
  check(files: Record<string, FileContent>, entries: string[], aliases?: Record<string, string>): Checked;
  decodeSource(bytes: Uint8Array): Decoded;
  parseFlow(path: string, text: string): Pick<ReturnType<typeof parseFlow>, "file" | "diagnostics">;
  /** `flowmap fmt`'s canonical text, or undefined for a file with syntax errors. */
  formatSource(path: string, text: string): string | undefined;
  formatText(diagnostics: Diagnostic[], sources: ReadonlyMap<string, SourceFile>, files: number, color: boolean): string;
  formatJson(diagnostics: Diagnostic[], files: string[]): string;
  formatSarif(diagnostics: Diagnostic[], sources: ReadonlyMap<string, SourceFile>): string;
  formatGithub(diagnostics: Diagnostic[], files: number): string;
  /** The Art. 30 register of a complete model, as CSV and as Markdown. */
  register(result: CheckResult, record: RecordKind): { csv: string; md: string };
  defaultRecord(result: CheckResult): RecordKind;
  /** The SVG map (ELK lays it out). */
  render(result: CheckResult, timeLimitMs: number): Promise<string>;
}

const rules: RuleMeta[] = allRules();

/** One finding's identity, as the CLI combines the findings of several models. */
const findingKey = (d: Diagnostic) => `${d.code}\u0000${d.span.file}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}`;

export const target: Target = {
  check(files, entries, aliases) {
    const host = memoryHost(files, { cwd: workspace, aliases });
    const project = loadProject(entries.map((e) => resolve(workspace, e)), host);
    // As src/cli/workspace.ts: each model with its imports, then each library no model imports.
    const results: Checked["results"] = [];
    const inScope = new Set<string>();
    const loaded = project.entries.map((e) => project.files.get(e)!);
    for (const roots of [true, false]) {
      for (const f of loaded) {
        if (f.isRoot !== roots || f.unreadable || (!roots && inScope.has(f.path))) continue;
        const result = checkEntry(project, f.abs);
        for (const p of result.files) inScope.add(p);
        results.push({ path: f.path, result });
      }
    }
    results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const sources = new Map<string, SourceFile>();
    const seen = new Map<string, Diagnostic>();
    for (const { result } of results) {
      for (const [p, s] of result.sources) sources.set(p, s);
      for (const d of result.diagnostics) if (!seen.has(findingKey(d))) seen.set(findingKey(d), d);
    }
    return { results, diagnostics: sortDiagnostics([...seen.values()]), sources };
  },
  decodeSource,
  parseFlow: (path, text) => parseFlow(path, text),
  formatSource: (path, text) => formatSource(path, text).formatted,
  formatText: (diagnostics, sources, files, color) => formatText(diagnostics, sources, files, { color }),
  formatJson: (diagnostics, files) => formatJson(diagnostics, files, countBySeverity(diagnostics)),
  formatSarif: (diagnostics, sources) => formatSarif(diagnostics, rules, sources, { version, docsBase: ruleDocsBase, informationUri: repositoryUrl }),
  formatGithub: (diagnostics, files) => formatGithub(diagnostics, files, 0),
  register(result, record) {
    const table = buildRegister(result, record);
    return { csv: toCsv(table, { bom: false }), md: toMarkdown(table) };
  },
  defaultRecord,
  async render(result, timeLimitMs) {
    const { renderMap } = await import("../../src/render/index.js");
    return (await renderMap(result, { timeLimitMs })).svg;
  },
};
