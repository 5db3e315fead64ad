/** The checks made on one input: it is run through every output the CLI writes (check in text,
 *  text with colour, json, sarif and github; the register as CSV and Markdown, controller and
 *  processor record, for each complete model; fmt of each file that parses; now and then the SVG
 *  map), twice, and must
 *  - throw nowhere (crash);
 *  - take no longer than the time limit for its size (hang; `limitMs`), on both passes;
 *  - hold only spans inside their file, with lines and columns that agree with the offsets
 *    (diagnostics, their related places, and every span of the syntax tree and the model);
 *  - give the same bytes in every output both times (nondeterminism; the campaign also compares a
 *    sample across worker processes);
 *  - format, where fmt formats, to text that parses without errors, formats to itself, keeps the
 *    comments (same texts, same order) and the model, and has the same findings modulo positions
 *    (rule, severity, message and the text under its span, blanks aside; the messages of its
 *    related places, whose spans may rightly move: "the nearest finding" is a matter of lines).
 *  Pure but for the clock: everything it calls goes through the `Target`. */
import { createHash } from "node:crypto";
import type { CheckResult } from "../../src/check/index.js";
import type { Diagnostic, Span } from "../../src/diagnostics.js";
import type { SourceFile } from "../../src/syntax/source.js";
import { inputSize, type FileContent, type FuzzInput } from "./inputs.js";
import type { Checked, Target } from "./target.js";

export const problemKinds = ["crash", "hang", "span", "nondeterminism", "fmt"] as const;
export type ProblemKind = (typeof problemKinds)[number];

export interface Problem {
  kind: ProblemKind;
  /** What kind of failure this is, without the input's particulars: problems with one signature
   *  are one bug, most likely (reproducers are written for the first few). */
  signature: string;
  detail: string;
}

export interface ExamineOptions {
  /** Render the SVG map of each complete model (small ones: see `renderable`). */
  render?: boolean;
  /** The time limit for an input under 50 KB (default 2000 ms); see `limitMs`. */
  hangMs?: number;
  renderTimeLimitMs?: number;
  /** Told before each step how long it may take (the worker passes it on to the campaign, which
   *  kills a worker that overruns it). */
  onDeadline?: (phase: string, ms: number) => void;
}

export interface Examined {
  problems: Problem[];
  /** A hash of each output, to compare with another process's. */
  digests: Record<string, string>;
  /** One pass over the product (check, formats, register, fmt; not the map), in ms. */
  ms: number;
  size: number;
  /** Models checked completely (the rules ran; the register was written). */
  complete: number;
  /** Files fmt formatted (and the round trip was checked). */
  formatted: number;
  rendered: number;
}

/** The time one pass may take: `hangMs` up to 50 KB, then in proportion to the size (the checker
 *  is linear; 300 KB may take 6 times as long as 50 KB). */
export function limitMs(size: number, hangMs = 2000): number {
  return Math.max(hangMs, Math.round((hangMs * size) / 51_200));
}

/** A budget for one step of an examination (a pass, the fmt round trip), after which the
 *  campaign kills the worker: twice the limit, and time for a slow start or a long GC. */
export function killAfterMs(size: number, hangMs = 2000): number {
  return 2 * limitMs(size, hangMs) + 2.5 * hangMs;
}

/** Models the map is drawn for: ELK takes seconds for hundreds of systems. */
export function renderable(result: CheckResult): boolean {
  return result.complete && !result.library && result.model.systems.length <= 60 && result.model.flows.length <= 150;
}

const digest = (s: string) => createHash("sha1").update(s).digest("base64").slice(0, 16);

class StageError extends Error {
  constructor(readonly stage: string, readonly error: unknown, readonly path?: string) {
    super(stage);
  }
}

/** Runs one step of the product; what it throws is a crash in that step (and on that file). */
function stage<T>(name: string, f: () => T, path?: string): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof StageError ? e : new StageError(name, e, path);
  }
}

function crash(e: unknown): Problem {
  if (!(e instanceof StageError)) throw e;
  const err = e.error;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : `threw ${String(err)}`;
  const stack = err instanceof Error && err.stack ? err.stack.split("\n").slice(1, 8).join("\n") : "";
  const where = e.path === undefined ? e.stage : `${e.stage} of ${e.path}`;
  return { kind: "crash", signature: `crash: ${e.stage}: ${message.slice(0, 120).replace(/\d+/g, "N")}`, detail: `${where}: ${message.slice(0, 2000)}\n${stack}` };
}

/** The text of a file as the CLI reads it, or undefined when it is not UTF-8. */
function textOf(t: Target, content: FileContent): string | undefined {
  if (typeof content === "string") return content;
  const decoded = stage("decode", () => t.decodeSource(content));
  return decoded.ok ? decoded.text : undefined;
}

interface Pass {
  outputs: Map<string, string>;
  checked: Checked;
  /** The files fmt formatted. */
  formatted: { path: string; text: string; formatted: string }[];
  ms: number;
  complete: number;
}

/** Every output the CLI can write for the input (the map only when asked), timed. */
function producePass(input: FuzzInput, t: Target): Pass {
  const started = performance.now();
  const outputs = new Map<string, string>();
  const checked = stage("check", () => t.check(input.files, input.entries, input.aliases));
  const files = [...checked.sources.keys()].sort();
  const diags = checked.diagnostics;
  outputs.set("text", stage("text", () => t.formatText(diags, checked.sources, files.length, false)));
  outputs.set("text --color", stage("text --color", () => t.formatText(diags, checked.sources, files.length, true)));
  outputs.set("json", stage("json", () => t.formatJson(diags, files)));
  outputs.set("sarif", stage("sarif", () => t.formatSarif(diags, checked.sources)));
  outputs.set("github", stage("github", () => t.formatGithub(diags, files.length)));
  let complete = 0;
  for (const { path, result } of checked.results) {
    if (!result.complete || result.library) continue;
    complete++;
    outputs.set(`record @ ${path}`, stage("register", () => t.defaultRecord(result), path));
    for (const record of ["controller", "processor"] as const) {
      const { csv, md } = stage(`register ${record}`, () => t.register(result, record), path);
      outputs.set(`csv ${record} @ ${path}`, csv);
      outputs.set(`md ${record} @ ${path}`, md);
    }
  }
  const formatted: Pass["formatted"] = [];
  for (const path of Object.keys(input.files).sort()) {
    const text = textOf(t, input.files[path]!);
    if (text === undefined) continue;
    const out = stage("fmt", () => t.formatSource(path, text), path);
    if (out === undefined) continue;
    outputs.set(`fmt @ ${path}`, out);
    formatted.push({ path, text, formatted: out });
  }
  return { outputs, checked, formatted, ms: performance.now() - started, complete };
}

async function renderPass(pass: Pass, t: Target, limit: number): Promise<number> {
  let rendered = 0;
  for (const { path, result } of pass.checked.results) {
    if (!renderable(result)) continue;
    let svg: string;
    try {
      svg = await t.render(result, limit);
    } catch (e) {
      throw new StageError("render", e, path);
    }
    pass.outputs.set(`svg @ ${path}`, svg);
    rendered++;
  }
  return rendered;
}

export async function examine(input: FuzzInput, t: Target, options: ExamineOptions = {}): Promise<Examined> {
  const hangMs = options.hangMs ?? 2000;
  const size = inputSize(input);
  const limit = limitMs(size, hangMs);
  const renderLimit = options.renderTimeLimitMs ?? 30_000;
  const deadline = options.onDeadline ?? (() => {});
  const result: Examined = { problems: [], digests: {}, ms: 0, size, complete: 0, formatted: 0, rendered: 0 };
  const problems = result.problems;
  const pass = async (): Promise<Pass> => {
    deadline("pass", killAfterMs(size, hangMs));
    const p = producePass(input, t);
    if (options.render) {
      deadline("render", renderLimit + 10_000);
      result.rendered = await renderPass(p, t, renderLimit);
    }
    return p;
  };
  let first: Pass;
  let second: Pass;
  try {
    first = await pass();
    result.ms = first.ms;
    result.complete = first.complete;
    result.formatted = first.formatted.length;
    problems.push(...spanProblems(first.checked));
    deadline("fmt round trip", killAfterMs(size, hangMs));
    problems.push(...fmtProblems(input, t, first));
    second = await pass();
  } catch (e) {
    if (isRenderTimeout(e)) problems.push({ kind: "hang", signature: "hang: render layout timeout", detail: String((e as StageError).error) });
    else problems.push(crash(e));
    return result;
  }
  if (first.ms > limit && second.ms > limit) {
    problems.push({ kind: "hang", signature: `hang: over the limit`, detail: `one pass took ${Math.round(first.ms)} ms, then ${Math.round(second.ms)} ms, for ${size} units (limit ${limit} ms)` });
  }
  problems.push(...differences(first.outputs, second.outputs, "two checks of the same input in one process"));
  for (const [name, text] of first.outputs) result.digests[name] = digest(text);
  return result;
}

function isRenderTimeout(e: unknown): boolean {
  return e instanceof StageError && e.stage === "render" && (e.error as { code?: string } | undefined)?.code === "layout-timeout";
}

/** The digests of one pass (a recheck in another process compares them with the first one's). */
export async function digestsOf(input: FuzzInput, t: Target, options: ExamineOptions = {}): Promise<Record<string, string> | Problem> {
  try {
    options.onDeadline?.("recheck", killAfterMs(inputSize(input), options.hangMs));
    const p = producePass(input, t);
    if (options.render) await renderPass(p, t, options.renderTimeLimitMs ?? 30_000);
    return Object.fromEntries([...p.outputs].map(([k, v]) => [k, digest(v)]));
  } catch (e) {
    return crash(e);
  }
}

/** Output names without the input's file names, for signatures. */
const outputKind = (name: string) => name.split(" @ ")[0]!;

export function differences(a: Map<string, string>, b: Map<string, string>, how: string): Problem[] {
  const out: Problem[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(name);
    const y = b.get(name);
    if (x === y) continue;
    const detail = x === undefined || y === undefined ? `output \`${name}\` written only once` : `output \`${name}\` differs at ${firstDifference(x, y)}`;
    out.push({ kind: "nondeterminism", signature: `nondeterminism: ${outputKind(name)}`, detail: `${how}: ${detail}` });
    if (out.length >= 3) break;
  }
  return out;
}

export function compareDigests(a: Record<string, string>, b: Record<string, string>, how: string): Problem[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((n) => a[n] !== b[n]);
  return names.length
    ? [{ kind: "nondeterminism", signature: `nondeterminism: ${names.map(outputKind).sort().join(", ")} across processes`, detail: `${how}: ${names.map((n) => `\`${n}\``).join(", ")} differ${names.length === 1 ? "s" : ""}` }]
    : [];
}

function firstDifference(x: string, y: string): string {
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `offset ${i} (lengths ${x.length} and ${y.length}): ${around(x)} vs ${around(y)}`;
}

// ---- spans ------------------------------------------------------------------------------------------

/** Line and column of every offset of a text, computed apart from SourceFile (which is under
 *  test): \r\n, \r and \n each end a line; an offset between \r and \n is on the line they end. */
class LineTable {
  private readonly lineOf: Int32Array;
  private readonly starts: number[] = [0];

  constructor(text: string) {
    const n = text.length;
    this.lineOf = new Int32Array(n + 1);
    let line = 0;
    for (let i = 0; i < n; i++) {
      this.lineOf[i] = line;
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        this.starts.push(i + 1);
      }
    }
    this.lineOf[n] = line;
  }

  /** 1-based line and column of an offset in range. */
  at(offset: number): [number, number] {
    const line = this.lineOf[offset]!;
    return [line + 1, offset - this.starts[line]! + 1];
  }
}

/** What is wrong with a span (a short category, then the particulars), or undefined. */
function spanProblem(sources: ReadonlyMap<string, SourceFile>, tables: Map<string, LineTable>, s: Span): [string, string] | undefined {
  const source = sources.get(s.file);
  const plain = () => JSON.stringify({ file: s.file, start: s.start, end: s.end, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn });
  if (!source) return ["a file that was not read", `${plain()}; files: ${[...sources.keys()].join(", ")}`];
  const text = source.text;
  const nums = [s.start, s.end, s.line, s.column, s.endLine, s.endColumn];
  if (!nums.every((n) => Number.isInteger(n))) return ["not whole numbers", plain()];
  if (!(0 <= s.start && s.start <= s.end && s.end <= text.length)) return ["offsets out of range", `${plain()} (length ${text.length})`];
  let table = tables.get(s.file);
  if (!table) tables.set(s.file, (table = new LineTable(text)));
  const [l, c] = table.at(s.start);
  const [el, ec] = table.at(s.end);
  if (l !== s.line || c !== s.column || el !== s.endLine || ec !== s.endColumn) {
    return ["line/column disagree with the offsets", `${plain()}: the offsets are ${l}:${c}-${el}:${ec}`];
  }
  return undefined;
}

const isSpan = (v: object): v is Span => typeof (v as Span).start === "number" && typeof (v as Span).end === "number" && typeof (v as Span).file === "string";

/** Every span in a syntax tree or model (objects with numeric start and end and a file). */
function collectSpans(value: unknown, out: Span[], seen: Set<object>): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  if (isSpan(value)) {
    out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    if (typeof value[0] === "number") return;
    for (const v of value) collectSpans(v, out, seen);
    return;
  }
  if (value instanceof Map || value instanceof Set) return;
  for (const v of Object.values(value)) collectSpans(v, out, seen);
}

export function spanProblems(checked: Checked): Problem[] {
  const problems: Problem[] = [];
  const tables = new Map<string, LineTable>();
  const report = (what: string, s: Span) => {
    const p = spanProblem(checked.sources, tables, s);
    if (p) problems.push({ kind: "span", signature: `span: ${what}: ${p[0]}`, detail: `${what}: ${p[0]}: ${p[1]}` });
  };
  const diagnostics = new Set<Diagnostic>(checked.diagnostics);
  for (const { result } of checked.results) for (const d of result.diagnostics) diagnostics.add(d);
  for (const d of diagnostics) {
    report(`${d.code} span`, d.span);
    for (const r of d.related) report(`${d.code} related span`, r.span);
    if (problems.length >= 3) return problems;
  }
  const seen = new Set<object>();
  for (const { result } of checked.results) {
    for (const c of result.ast.comments) {
      report("comment span", c.span);
      const text = checked.sources.get(c.span.file)?.text;
      if (text !== undefined && text.slice(c.span.start, c.span.end) !== c.text) {
        problems.push({ kind: "span", signature: "span: comment text is not the text under its span", detail: `comment ${JSON.stringify(c.text.slice(0, 80))} at ${c.span.start}-${c.span.end}: the text there is ${JSON.stringify(text.slice(c.span.start, c.span.end).slice(0, 80))}` });
      }
    }
    const spans: Span[] = [];
    collectSpans(result.ast.declarations, spans, seen);
    collectSpans(result.model, spans, seen);
    for (const s of spans) {
      report("syntax tree or model span", s);
      if (problems.length >= 3) return problems;
    }
  }
  return problems;
}

// ---- fmt round trip ---------------------------------------------------------------------------------

/** A comment as fmt promises to keep it: trailing blanks at line ends aside, line breaks as \n. */
const commentText = (c: { text: string }) => c.text.split(/\r\n|\r|\n/).map((l) => l.trimEnd()).join("\n");

const stringLiteral = /"(?:[^"\\\r\n]|\\[^\r\n])*"/g;
const numberLiteral = /(?<![A-Za-z0-9_.])\d+(?:\.\d+)?(?![A-Za-z0-9_])/g;

/** Code as fmt may respell it: string literals by their value, numbers by theirs, no blanks. */
function canonicalCode(code: string): string {
  return code
    .replace(stringLiteral, (s) => JSON.stringify(s.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c))))
    .replace(numberLiteral, (n) => String(Number(n)))
    .replace(/\s+/g, "");
}

/** Line numbers in messages ("on lines 23-24"): places, which fmt moves. */
const linesAt = /\blines? \d+(?:-\d+)?/g;

/** The findings without their places, and the models without their spans. */
function facts(checked: Checked): { findings: string[]; models: string[] } {
  const under = (s: Span) => canonicalCode(checked.sources.get(s.file)?.text.slice(s.start, s.end) ?? "");
  const findings = checked.diagnostics
    .map((d) => [d.span.file, d.severity, d.code, d.message.replace(linesAt, "line N"), under(d.span), ...d.related.map((r) => r.message.replace(linesAt, "line N"))].join(" | "))
    .sort();
  const models = checked.results.map(({ path, result }) => `${path}: ${JSON.stringify(result.model, (key, value) => (key === "span" || key === "spans" ? undefined : value))}`);
  return { findings, models };
}

/** What is in one list and not the other (as multisets), shown; and the rule codes involved. */
function listDifference(a: string[], b: string[]): { text: string; codes: string } {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  for (const y of b) count.set(y, (count.get(y) ?? 0) - 1);
  const lost = [...count].filter(([, n]) => n > 0).map(([x]) => x);
  const gained = [...count].filter(([, n]) => n < 0).map(([x]) => x);
  const show = (xs: string[]) => xs.slice(0, 3).map((x) => `\n    ${x.slice(0, 300)}`).join("") + (xs.length > 3 ? `\n    (${xs.length - 3} more)` : "");
  const codes = [...new Set([...lost, ...gained].map((x) => x.split(" | ")[2] ?? ""))].sort().join(", ");
  return { text: `${lost.length ? `\n  before fmt only:${show(lost)}` : ""}${gained.length ? `\n  after fmt only:${show(gained)}` : ""}`, codes };
}

function fmtProblems(input: FuzzInput, t: Target, pass: Pass): Problem[] {
  if (!pass.formatted.length) return [];
  const problems: Problem[] = [];
  const fmt = (signature: string, detail: string) => problems.push({ kind: "fmt", signature: `fmt: ${signature}`, detail: `${signature}: ${detail}` });
  for (const { path, text, formatted } of pass.formatted) {
    const again = stage("parse of fmt output", () => t.parseFlow(path, formatted), path);
    if (again.diagnostics.length) {
      const d = again.diagnostics[0]!;
      fmt("the formatted text has syntax errors", `${path}:${d.span.line}:${d.span.column}: ${d.message}`);
      continue;
    }
    const twice = stage("fmt of fmt output", () => t.formatSource(path, formatted), path);
    if (twice !== formatted) fmt("not idempotent", `${path}: fmt(fmt(x)) differs from fmt(x) at ${twice === undefined ? "(no output)" : firstDifference(formatted, twice)}`);
    const before = stage("parse", () => t.parseFlow(path, text), path).file.comments.map(commentText);
    const after = again.file.comments.map(commentText);
    if (before.join("\u0000") !== after.join("\u0000")) fmt("comments changed", `${path}: ${before.length} comments before, ${after.length} after;${listDifference(before, after).text || " the order changed"}`);
  }
  const files: Record<string, FileContent> = { ...input.files };
  for (const f of pass.formatted) files[f.path] = f.formatted;
  const checkedAfter = stage("check of fmt output", () => t.check(files, input.entries, input.aliases));
  const a = facts(pass.checked);
  const b = facts(checkedAfter);
  if (a.findings.join("\n") !== b.findings.join("\n")) {
    const diff = listDifference(a.findings, b.findings);
    fmt(`findings changed (${diff.codes})`, `${pass.formatted.map((f) => f.path).join(", ")}:${diff.text}`);
  }
  else if (a.models.join("\n") !== b.models.join("\n")) fmt("model changed", `${pass.formatted.map((f) => f.path).join(", ")}: ${firstDifference(a.models.join("\n"), b.models.join("\n"))}`);
  return problems;
}
