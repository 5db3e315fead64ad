/** The commands, each with its flags, help text and examples. */
import { flagHelp, parseArgs, UsageError, type FlagSpec } from "./args.js";
import { findConfig, loadConfig, type Config } from "./config.js";
import { checkFiles } from "./workspace.js";
import { runCheck } from "./check-command.js";
// Every other command is imported when it runs: the bundle is split into chunks
// (scripts/bundle.mjs), so `check` loads the checker and nothing of the map, the register, the
// report, the language server or diff.

/** The version `--version` prints: package.json's, by way of src/package-info.ts. */
export { version } from "../package-info.js";

export interface Command {
  summary: string;
  help(): string;
  run(argv: string[]): Promise<number>;
}

const layoutTimeoutFlag: FlagSpec[string] = { type: "string", value: "seconds", description: "give up on a map whose layout takes longer (default 60)" };

const common: FlagSpec = {
  config: { type: "string", value: "path", description: `config file (default: ${"flowmap.config.json"} found upward from the cwd)` },
};

function define(name: string, summary: string, usage: string, flags: FlagSpec, examples: string[], run: (args: ReturnType<typeof parseArgs>, config: Config) => Promise<number> | number): Command {
  const spec = { ...flags, ...common };
  return {
    summary,
    help: () => `flowmap ${name}: ${summary}\n\nUsage: ${usage}\n\nOptions:\n${flagHelp(spec)}\n\nExamples:\n${examples.map((e) => `  ${e}`).join("\n")}`,
    run: async (argv) => {
      const args = parseArgs(argv, spec);
      const config = loadConfig(typeof args.flags.config === "string" ? args.flags.config : findConfig());
      return run(args, config);
    },
  };
}

export const commands: Record<string, Command> = {
  check: define(
    "check",
    "check .flow files and report findings like a compiler",
    "flowmap check [paths...]   (default: models/; the files they import are checked with them)",
    {
      format: { type: "string", short: "f", value: "text|json|sarif|github", description: "output format (default text: at most 200 findings, a long line shown as a window around each; json lists all)" },
      "max-warnings": { type: "string", value: "n", description: "also fail (exit 1) when there are more than n warnings" },
      quiet: { type: "boolean", short: "q", description: "report errors only" },
      color: { type: "boolean", description: "force colours (also FORCE_COLOR=1)" },
      "no-color": { type: "boolean", description: "no colours (also NO_COLOR=1)" },
    },
    ["flowmap check", "flowmap check models/cieloweb.flow", "flowmap check --format sarif > flowmap.sarif", "flowmap check --format github --max-warnings 0"],
    (args, config) => runCheck(args, config),
  ),
  render: define(
    "render",
    "render a model's data-flow map as SVG",
    "flowmap render <model.flow...> [-o out/<model>.svg] [--view overview] [--purpose id] [--country CC] [--only transfers|errors]",
    {
      output: { type: "string", short: "o", value: "file", description: "output path (one model only; default out/<model>.svg, out/<model>.overview.svg etc. for a view)" },
      view: { type: "string", value: "full|overview", description: "full: every system and flow (default); overview: one box per place (country, the EEA, devices) and one counted edge per direction, for models of any size" },
      purpose: { type: "string", value: "id", description: "only the flows for this purpose (and the systems storing data for it)" },
      country: { type: "string", value: "CC", description: "only the systems in this country (ISO code) and the flows into or out of them" },
      only: { type: "string", value: "transfers|errors", description: "only cross-border transfers, or only what has error findings (the filters combine)" },
      "layout-timeout": layoutTimeoutFlag,
    },
    ["flowmap render models/cieloweb.flow", "flowmap render models/cieloweb.flow -o map.svg", "flowmap render models/big.flow --view overview", "flowmap render models/cieloweb.flow --country US --only transfers", "flowmap render models/big.flow --layout-timeout 300"],
    async (args, config) => (await import("./output-commands.js")).runRender(args, config),
  ),
  register: define(
    "register",
    "export the GDPR Art. 30 record of processing",
    "flowmap register <model.flow...> [-o out/<model>.register.csv]",
    {
      output: { type: "string", short: "o", value: "file", description: "output path (one model only; default out/<model>.register.csv|md|xlsx; without --format, a .xlsx or .md path chooses the format)" },
      format: { type: "string", short: "f", value: "csv|md|xlsx", description: "CSV (RFC 4180, default), a Markdown table, or an xlsx workbook to file (cover sheet, landscape print set-up)" },
      bom: { type: "boolean", description: "start the CSV with a UTF-8 byte-order mark (for Excel)" },
      record: { type: "string", value: "controller|processor", description: "Art. 30(1) controller record or Art. 30(2) processor record (only for a model whose organization has `role processor`; the default for one)" },
      template: { type: "string", value: "ico|cnil", description: "ICO columns (default), or CNIL: its data-category checklist on each category and internal recipients apart" },
    },
    ["flowmap register models/cieloweb.flow", "flowmap register models/cieloweb.flow --format xlsx", "flowmap register models/cieloweb.flow --bom -o register.csv", "flowmap register models/cieloweb.flow --format md --template cnil"],
    async (args, config) => (await import("./output-commands.js")).runRegister(args, config),
  ),
  report: define(
    "report",
    "write a model's self-contained HTML report: the map with filters and details, the findings, the register",
    "flowmap report <model.flow...> [-o out/<model>.html]",
    {
      output: { type: "string", short: "o", value: "file", description: "output path (one model only; default out/<model>.html)" },
      "layout-timeout": layoutTimeoutFlag,
    },
    ["flowmap report models/cieloweb.flow", "flowmap report models/cieloweb.flow -o privacy.html"],
    async (args, config) => (await import("./report-command.js")).runReport(args, config),
  ),
  build: define(
    "build",
    "check every model, render its map, write its register and HTML report into out/",
    "flowmap build [dir]   (default: models/, outputs in out/)",
    {
      out: { type: "string", value: "dir", description: "output directory (default out/)" },
      check: { type: "boolean", description: "write nothing; fail when out/ differs from a fresh build" },
      strict: { type: "boolean", description: "fail (exit 1) when any model has error findings" },
      "layout-timeout": layoutTimeoutFlag,
    },
    ["flowmap build", "flowmap build --check", "flowmap build models --out public/privacy --strict"],
    async (args, config) => (await import("./build-command.js")).runBuild(args, config),
  ),
  fmt: define(
    "fmt",
    "format .flow files in the one canonical layout",
    "flowmap fmt [paths...]   (default: models/)",
    { check: { type: "boolean", description: "write nothing; fail (exit 1) listing files that are not formatted" } },
    ["flowmap fmt", "flowmap fmt --check models/"],
    async (args, config) => (await import("./fmt-command.js")).runFmt(args, config),
  ),
  diff: define(
    "diff",
    "what changed in the processing between two revisions, or two files or directories",
    "flowmap diff [<base>] [<head>]   (default base: the merge base with the default branch, or HEAD; default head: the working tree)\n       flowmap diff <old path> <new path>",
    {
      format: { type: "string", short: "f", value: "text|markdown|json", description: "output format (default text; markdown for a pull-request comment; json: docs/diff.md)" },
      "fail-on": { type: "string", value: "list", description: "exit 1 when any occurs: new-transfer, new-third-country, new-special-category, retention-longer, new-error, any" },
      models: { type: "string", value: "path", description: "the models on each revision (default: models/, or \"models\" in flowmap.config.json)" },
    },
    ["flowmap diff", "flowmap diff origin/main", "flowmap diff v1.2 v1.3 --format json", "flowmap diff origin/main HEAD --format markdown --fail-on new-transfer,new-error", "flowmap diff old/models new/models"],
    async (args, config) => (await import("./diff-command.js")).runDiff(args, config),
  ),
  vendors: define(
    "vendors",
    "list the vendor catalogue's entries, or show one with its facts, sources and date",
    "flowmap vendors [query]   (matches ids, names and aliases; the catalogue's entries and the team's own `vendor` entries in its models)\n       flowmap vendors <id>",
    {
      format: { type: "string", short: "f", value: "text|json", description: "output format (default text)" },
      models: { type: "string", value: "path", description: "where the team's models (and their `vendor` entries) are (default: models/, or \"models\" in flowmap.config.json)" },
    },
    ["flowmap vendors", "flowmap vendors google", "flowmap vendors google_analytics", "flowmap vendors --format json", "flowmap vendors --models privacy/"],
    async (args, config) => (await import("./vendors-command.js")).runVendors(args, config),
  ),
  // Not `define`d: a broken flowmap.config.json is shown in the editor, not a reason not to start.
  lsp: {
    summary: "the language server for editors (Language Server Protocol over stdio)",
    help: () => "flowmap lsp: the language server for editors (Language Server Protocol over stdio)\n\nUsage: flowmap lsp [--stdio]\n\nDiagnostics as you type (the findings of `flowmap check`, with flowmap.config.json's overrides and the\nsuppressions), hover, completion, go to definition, references, rename, symbols, formatting and quick fixes.\nEditors start it; see docs/editors.md.\n\nExamples:\n  flowmap lsp --stdio",
    run: async (argv) => {
      parseArgs(argv, { stdio: { type: "boolean", description: "talk over stdin and stdout (the default)" }, clientProcessId: { type: "string", description: "the editor's process id (ignored)" } });
      return (await import("../lsp/server.js")).runLanguageServer();
    },
  },
  init: define(
    "init",
    "write a commented starter model and config",
    "flowmap init [dir]",
    { force: { type: "boolean", description: "overwrite existing files" } },
    ["flowmap init", "flowmap init privacy/"],
    async (args) => (await import("./init-command.js")).runInit(args),
  ),
};

export function mainHelp(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    "flowmap: privacy-as-code. Check personal-data flows against GDPR, render data-flow maps, export the Art. 30 register.",
    "",
    "Usage: flowmap <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "Options:",
    "  -h, --help                   this help (`flowmap <command> --help` for a command's options)",
    "  -v, --version                the version",
    "",
    "Examples:",
    "  flowmap init                         a starter model and flowmap.config.json",
    "  flowmap check                        findings for every .flow file in models/",
    "  flowmap check --format sarif > flowmap.sarif",
    "  flowmap build                        maps and registers for every model into out/",
    "  flowmap build --check                fail (exit 1) when the committed out/ is stale",
    "  flowmap fmt --check                  fail when a .flow file is not formatted",
    "",
    "Exit codes: 0 fine, 1 error findings (or a failed --check), 2 bad arguments, unreadable files or an internal failure.",
  ].join("\n");
}

export { checkFiles, UsageError };
