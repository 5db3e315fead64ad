/** `flowmap render` and `flowmap register`: one output per model, written atomically. */
import { realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { layoutTimeLimit, UsageError, type ParsedArgs } from "./args.js";
import type { Config } from "./config.js";
import { displayPath, ioMessage, writeAtomic } from "./files.js";
import { baseName, checkFiles, InputError, type Checked } from "./workspace.js";
import { formatDiagnosticText } from "../format/text.js";
import { useColor } from "./check-command.js";
import { blockingSummary, isBlocking } from "../check/blocking.js";
import { visible } from "../util/visible.js";

interface Targets {
  checked: Checked[];
  /** Every file read (given or imported), absolute: no output may be written over one. */
  inputs: Set<string>;
}

export function targets(args: ParsedArgs, config: Config, what: string): Targets {
  if (!args.positionals.length) throw new UsageError(`name the model(s) to ${what}, e.g. \`flowmap ${what} models/cieloweb.flow\``);
  // Outputs do not change with the day they are made: vendor entries age against the model's date.
  const { checked, sources } = checkFiles(args.positionals, config, { today: false });
  // A library with syntax errors is refused for those (exit 1), below.
  const library = checked.find((c) => c.result.library && c.result.complete);
  if (library) throw new UsageError(`${library.path} is a library (it declares no organization and no \`model\` header); ${what} a model that imports it`);
  if (args.flags.output && checked.length > 1) throw new UsageError("--output takes one model; omit it to write out/<model>.* for each");
  return { checked, inputs: new Set([...sources.keys()].map(identity)) };
}

/** A path's identity: links resolved where the file exists. */
function identity(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return resolve(p);
  }
}

/** Syntax errors make the model partial: say why nothing was written. */
function refuse(c: Checked, what: string): void {
  const errors = c.result.diagnostics.filter(isBlocking);
  const color = useColor({}, process.stderr);
  process.stderr.write(`flowmap: ${c.path} has ${blockingSummary(errors)}; no ${what} written\n`);
  for (const d of errors.slice(0, 5)) process.stderr.write(`${formatDiagnosticText(d, c.result.sources.get(d.span.file) ?? c.result.source, { color })}\n`);
}

/** Writes one output per complete model; refuses (exit 1) the ones with syntax errors. Before
 *  anything is computed: no output may replace an input (`render m.flow -o m.flow`), and no two
 *  models may write the same output (`render a/x.flow b/x.flow`). */
export async function writeEach(
  { checked, inputs }: Targets, what: string, args: ParsedArgs, defaultPath: (c: Checked) => string, contentOf: (c: Checked) => Promise<string | Uint8Array>,
): Promise<number> {
  const pathOf = (c: Checked) => (args.flags.output as string | undefined) ?? defaultPath(c);
  const writers = new Map<string, Checked>();
  for (const c of checked) {
    const path = pathOf(c);
    if (path.endsWith(".flow") || inputs.has(identity(path))) throw new InputError(`refusing to write the ${what} over ${displayPath(path)}, ${inputs.has(identity(path)) ? "a model file it reads" : "a .flow file"}; choose another -o path`);
    const other = writers.get(identity(path));
    if (other) throw new InputError(`${other.path} and ${c.path} would both write ${displayPath(path)}; ${what === "map" ? "render" : what === "report" ? "report" : "register"} them one at a time with -o, or rename one`);
    writers.set(identity(path), c);
  }
  let status = 0;
  for (const c of checked) {
    if (!c.result.complete) {
      refuse(c, what);
      status = 1;
      continue;
    }
    const content = await contentOf(c);
    const path = pathOf(c);
    try {
      writeAtomic(path, content);
    } catch (e) {
      throw new InputError(ioMessage("write", path, e));
    }
    process.stdout.write(`wrote ${displayPath(path)}\n`);
  }
  return status;
}

export async function runRender(args: ParsedArgs, config: Config): Promise<number> {
  const { prepareRenderer, renderMap, viewProblem, viewSuffix } = await import("../render/index.js");
  const view = mapView(args);
  prepareRenderer(); // ELK loads while the models are checked
  const chosen = targets(args, config, "render");
  // A view naming what a model lacks is refused before anything is written.
  for (const c of chosen.checked) {
    const problem = c.result.complete ? viewProblem(c.result.model, view) : undefined;
    if (problem) throw new UsageError(problem);
  }
  return writeEach(
    chosen, "map", args,
    (c) => join(config.out ?? "out", `${baseName(c.path)}${viewSuffix(view)}.svg`),
    async (c) => {
      const map = await renderMap(c.result, { timeLimitMs: layoutTimeLimit(args), view });
      // A view that selects nothing still writes its (empty) map, and says so: an empty file is no answer.
      const narrowed = view.purpose ?? view.country ?? view.only;
      if (narrowed !== undefined && map.stats.systems === 0) {
        const what = [view.purpose && `purpose \`${view.purpose}\``, view.country && `country ${view.country}`, view.only && `--only ${view.only}`].filter(Boolean).join(" and ");
        process.stderr.write(`flowmap: note: nothing in ${displayPath(c.path)} matches ${what}; the map is empty\n`);
      }
      return map.svg;
    },
  );
}

/** --view, --purpose, --country, --only: checked against the model by viewProblem. */
function mapView(args: ParsedArgs): import("../render/index.js").MapView {
  const text = (name: string) => args.flags[name] as string | undefined;
  const view = { kind: text("view"), purpose: text("purpose"), country: text("country"), only: text("only") };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as import("../render/index.js").MapView;
}

export async function runRegister(args: ParsedArgs, config: Config): Promise<number> {
  // Without --format, an -o path's extension says which (`-o register.xlsx`).
  const extension = /\.(csv|md|xlsx)$/i.exec((args.flags.output as string | undefined) ?? "")?.[1]?.toLowerCase();
  const format = (args.flags.format as string | undefined) ?? extension ?? "csv";
  if (format !== "csv" && format !== "md" && format !== "xlsx") throw new UsageError(`unknown format \`${format}\` (csv, md, xlsx)`);
  if (args.flags.bom && format !== "csv") throw new UsageError(`--bom is for the CSV; an ${format === "md" ? "md file" : "xlsx workbook"} needs none`);
  const asked = args.flags.record as string | undefined;
  if (asked !== undefined && asked !== "controller" && asked !== "processor") throw new UsageError(`unknown record \`${asked}\` (controller, processor)`);
  const template = (args.flags.template as string | undefined) ?? "ico";
  if (template !== "ico" && template !== "cnil") throw new UsageError(`unknown template \`${template}\` (ico, cnil)`);
  const { buildRegister, defaultRecord, toCsv, toMarkdown, toXlsx } = await import("../register/index.js");
  const recordOf = (c: Checked) => (asked as "controller" | "processor" | undefined) ?? defaultRecord(c.result);
  const chosen = targets(args, config, "register");
  if (asked === "processor") for (const c of chosen.checked) refuseProcessorRecord(c);
  return writeEach(
    chosen, "register", args,
    (c) => join(config.out ?? "out", `${baseName(c.path)}${recordOf(c) === "processor" ? ".processor" : ""}.register.${format}`),
    async (c) => {
      const table = buildRegister(c.result, recordOf(c), { template });
      if (format === "xlsx") return toXlsx(table, c.result.model.updated);
      return format === "md" ? toMarkdown(table) : toCsv(table, { bom: Boolean(args.flags.bom) });
    },
  );
}

/** Art. 30(2) is the record a processor keeps of what it does for its controllers; a model whose organization
 *  is not a processor has none to give, and a record full of "not specified" would be filed as if it were one.
 *  (The reverse is no error: a processor is the controller of its own processing, Art. 30(1).) */
function refuseProcessorRecord(c: Checked): void {
  const org = c.result.model.organization;
  const role = org?.role;
  if (role === "processor" || !c.result.complete) return;
  // A controller that also carries out purposes for its customers (`role processor` on them) keeps both records.
  if (c.result.model.purposes.some((p) => p.role === "processor")) return;
  const who = org ? `its organization ${visible(org.name)}` : "no organization";
  const declared = role ? `${who} as ${role === "joint_controller" ? "a joint controller" : "a controller"} (\`role ${role}\`)` : org ? `${who} with no \`role\`` : who;
  throw new UsageError(
    `--record processor: ${c.path} declares ${declared}; the Art. 30(2) processor record is kept by a processor. ` +
      `Omit --record for the controller's Art. 30(1) record, or declare \`role processor\` in the organization if it processes this data on behalf of another controller`,
  );
}
