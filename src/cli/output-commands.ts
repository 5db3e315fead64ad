/** `flowmap render` and `flowmap register`: one output per model, written atomically. */
import { join } from "node:path";
import { layoutTimeLimit, UsageError, type ParsedArgs } from "./args.js";
import type { Config } from "./config.js";
import { writeAtomic } from "./files.js";
import { baseName, checkFiles, type Checked } from "./workspace.js";
import { formatDiagnosticText } from "../format/text.js";
import { useColor } from "./check-command.js";
import { blockingSummary, isBlocking } from "../check/blocking.js";

function targets(args: ParsedArgs, config: Config, what: string): Checked[] {
  if (!args.positionals.length) throw new UsageError(`name the model(s) to ${what}, e.g. \`flowmap ${what} models/cieloweb.flow\``);
  const { checked } = checkFiles(args.positionals, config);
  // A library with syntax errors is refused for those (exit 1), below.
  const library = checked.find((c) => c.result.library && c.result.complete);
  if (library) throw new UsageError(`${library.path} is a library (it declares no organization and no \`model\` header); ${what} a model that imports it`);
  if (args.flags.output && checked.length > 1) throw new UsageError("--output takes one model; omit it to write out/<model>.* for each");
  return checked;
}

/** Syntax errors make the model partial: say why nothing was written. */
function refuse(c: Checked, what: string): void {
  const errors = c.result.diagnostics.filter(isBlocking);
  const color = useColor({}, process.stderr);
  process.stderr.write(`flowmap: ${c.path} has ${blockingSummary(errors)}; no ${what} written\n`);
  for (const d of errors.slice(0, 5)) process.stderr.write(`${formatDiagnosticText(d, c.result.sources.get(d.span.file) ?? c.result.source, { color })}\n`);
}

/** Writes one output per complete model; refuses (exit 1) the ones with syntax errors. */
async function writeEach(checked: Checked[], what: string, args: ParsedArgs, output: (c: Checked) => Promise<{ content: string; defaultPath: string }>): Promise<number> {
  let status = 0;
  for (const c of checked) {
    if (!c.result.complete) {
      refuse(c, what);
      status = 1;
      continue;
    }
    const { content, defaultPath } = await output(c);
    const path = (args.flags.output as string | undefined) ?? defaultPath;
    writeAtomic(path, content);
    process.stdout.write(`wrote ${path}\n`);
  }
  return status;
}

export async function runRender(args: ParsedArgs, config: Config): Promise<number> {
  const { prepareRenderer, renderMap } = await import("../render/index.js");
  prepareRenderer(); // ELK loads while the models are checked
  return writeEach(targets(args, config, "render"), "map", args, async (c) => ({
    content: (await renderMap(c.result, { timeLimitMs: layoutTimeLimit(args) })).svg,
    defaultPath: join(config.out ?? "out", `${baseName(c.path)}.svg`),
  }));
}

export async function runRegister(args: ParsedArgs, config: Config): Promise<number> {
  const format = (args.flags.format as string | undefined) ?? "csv";
  if (format !== "csv" && format !== "md") throw new UsageError(`unknown format \`${format}\` (csv, md)`);
  const asked = args.flags.record as string | undefined;
  if (asked !== undefined && asked !== "controller" && asked !== "processor") throw new UsageError(`unknown record \`${asked}\` (controller, processor)`);
  const { buildRegister, defaultRecord, toCsv, toMarkdown } = await import("../register/index.js");
  return writeEach(targets(args, config, "register"), "register", args, async (c) => {
    const record = (asked as "controller" | "processor" | undefined) ?? defaultRecord(c.result);
    const table = buildRegister(c.result, record);
    const suffix = `${record === "processor" ? ".processor" : ""}.register.${format}`;
    return {
      content: format === "md" ? toMarkdown(table) : toCsv(table, { bom: Boolean(args.flags.bom) }),
      defaultPath: join(config.out ?? "out", `${baseName(c.path)}${suffix}`),
    };
  });
}
