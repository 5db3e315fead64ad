/** `flowmap build`: the main job. Checks every model, renders its map, writes its register and its HTML report.
 *  Everything is computed in memory first; a failed run writes nothing. `--check` compares instead. */
import { join } from "node:path";
import { countBySeverity } from "../diagnostics.js";
import { formatDiagnosticText } from "../format/text.js";
import { layoutTimeLimit, type ParsedArgs } from "./args.js";
import type { Config } from "./config.js";
import { displayPath, ioMessage, listing, readIfExists } from "./files.js";
import { leftovers, recover, strayTemporaries, writeStaged } from "./staged-write.js";
import { baseName, checkFiles, InputError } from "./workspace.js";
import { useColor } from "./check-command.js";
import { isBlocking } from "../check/blocking.js";

interface Row {
  model: string;
  systems: number;
  flows: number;
  transfers: number;
  errors: number;
  warnings: number;
  outputs: string[];
}

/** The files build owns in the output directory; others are left alone. */
const ownedOutput = /\.(svg|html|register\.csv|register\.md)$/;

export async function runBuild(args: ParsedArgs, config: Config): Promise<number> {
  const dir = args.positionals[0] ?? config.models ?? "models";
  if (args.positionals.length > 1) throw new InputError("build takes one models directory");
  const outDir = (args.flags.out as string | undefined) ?? config.out ?? "out";
  const timeLimitMs = layoutTimeLimit(args);
  const rendering = import("../render/index.js");
  (await rendering).prepareRenderer(); // ELK loads while the models are checked
  // Outputs do not change with the day they are built: vendor entries age against the model's date.
  const workspace = checkFiles([dir], config, { today: false });
  const checked = workspace.models;

  const broken = workspace.checked.filter((c) => !c.result.complete);
  if (broken.length) {
    const color = useColor({}, process.stderr);
    const blocking = workspace.diagnostics.filter(isBlocking);
    for (const d of blocking) process.stderr.write(`${formatDiagnosticText(d, workspace.sources.get(d.span.file)!, { color })}\n`);
    process.stderr.write(`flowmap build: ${broken.map((c) => c.path).join(", ")} cannot be read whole (errors in their syntax or imports); nothing written\n`);
    return blocking.some((d) => d.code === "unreadable-file") ? 2 : 1;
  }
  const names = new Map<string, string>();
  for (const c of checked) {
    const other = names.get(baseName(c.path));
    if (other) throw new InputError(`${other} and ${c.path} would write the same outputs (${baseName(c.path)}.*); rename one`);
    names.set(baseName(c.path), c.path);
  }

  const [{ renderMap }, { buildRegister, toCsv, toMarkdown }, { needsOverview, reportHtml }] = await Promise.all([rendering, import("../register/index.js"), import("../report/index.js")]);
  const outputs = new Map<string, string>();
  const writers = new Map<string, string>();
  const rows: Row[] = [];
  for (const c of checked) {
    const base = join(outDir, baseName(c.path));
    const controller = buildRegister(c.result, "controller");
    const { svg } = await renderMap(c.result, { timeLimitMs });
    const files: Array<[string, string]> = [
      [`${base}.svg`, svg],
      [`${base}.register.csv`, toCsv(controller, { bom: false })],
      [`${base}.register.md`, toMarkdown(controller)],
    ];
    const processor = c.result.model.organization?.role === "processor" ? buildRegister(c.result, "processor") : undefined;
    if (processor) files.push([`${base}.processor.register.csv`, toCsv(processor, { bom: false })], [`${base}.processor.register.md`, toMarkdown(processor)]);
    // The report shows the record the organization keeps (defaultRecord): a processor's own; a big
    // model's report opens on the overview map (systems counted per place).
    const overview = needsOverview(c.result) ? (await renderMap(c.result, { timeLimitMs, view: { kind: "overview" } })).svg : undefined;
    files.push([`${base}.html`, reportHtml({ result: c.result, svg, overview, register: processor ?? controller })]);
    for (const [p, content] of files) {
      // `a.flow` (a processor) and `a.processor.flow` would both write a.processor.register.*.
      const other = writers.get(displayPath(p));
      if (other) throw new InputError(`${other} and ${c.path} would both write ${displayPath(p)}; rename one`);
      writers.set(displayPath(p), c.path);
      outputs.set(displayPath(p), content);
    }
    const counts = countBySeverity(c.result.diagnostics);
    rows.push({
      model: c.path,
      systems: c.result.model.systems.length,
      flows: c.result.model.flows.length,
      transfers: c.result.transfers.length,
      errors: counts.error,
      warnings: counts.warning,
      outputs: files.map(([p]) => displayPath(p).slice(displayPath(outDir).length + 1)),
    });
  }

  if (args.flags.check) return compare(outputs, outDir);
  try {
    recover(outDir); // what a killed build left: finished if it had committed, else deleted
    writeStaged(outDir, [...outputs].filter(([p, content]) => readIfExists(p) !== content));
  } catch (e) {
    throw new InputError(`${ioMessage("write", outDir, e)}; nothing written`);
  }
  process.stdout.write(table(rows));
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  if (args.flags.strict && errors > 0) {
    process.stderr.write(`flowmap build --strict: ${errors} error finding${errors === 1 ? "" : "s"}; run \`flowmap check\` for details\n`);
    return 1;
  }
  return 0;
}

function compare(outputs: Map<string, string>, outDir: string): number {
  const problems: string[] = [];
  for (const [p, content] of outputs) {
    const current = readIfExists(p);
    if (current === undefined) problems.push(`missing  ${p}`);
    else if (current !== content) problems.push(`stale    ${p}`);
  }
  const existing = listing(outDir).filter((f) => ownedOutput.test(f)).map((f) => displayPath(join(outDir, f)));
  const orphans = existing.sort().filter((p) => !outputs.has(p));
  for (const p of orphans) problems.push(`orphan   ${p} (no model produces it)`);
  // Debris: what a killed build or write left (a staging directory, a temporary file).
  const strays = [
    ...leftovers(outDir).map((l) => `stray    ${displayPath(l.dir)}/ (a build was killed ${l.committed ? "while replacing outputs: some are new, some old" : "before replacing any output"})`),
    ...strayTemporaries(outDir).map((f) => `stray    ${displayPath(join(outDir, f))} (a temporary file a killed run left)`),
  ];
  problems.push(...strays);
  if (problems.length) {
    const fix = [
      ...(problems.length > orphans.length ? ["Run `flowmap build` (npm start) and commit the result."] : []),
      ...(orphans.length ? [`Delete the orphans (a model was renamed or removed), or keep other files out of ${outDir}/.`] : []),
    ];
    process.stderr.write(`flowmap build --check: ${outDir}/ is not what a fresh build produces:\n${problems.map((x) => `  ${x}`).join("\n")}\n${fix.join("\n")}\n`);
    return 1;
  }
  process.stdout.write(`flowmap build --check: ${outputs.size} outputs in ${outDir}/ are up to date\n`);
  return 0;
}

function table(rows: Row[]): string {
  const head = ["model", "systems", "flows", "transfers", "errors", "warnings", "outputs"];
  const cells = rows.map((r) => [r.model, String(r.systems), String(r.flows), String(r.transfers), String(r.errors), String(r.warnings), r.outputs.join(", ")]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 || i === c.length - 1 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join("  ").trimEnd();
  return `${[line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n")}\n`;
}
