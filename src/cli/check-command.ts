/** `flowmap check`: findings in text, json, sarif or github format. */
import { countBySeverity } from "../diagnostics.js";
import { allRules } from "../check/registry.js";
import { formatText } from "../format/text.js";
import { formatJson } from "../format/json.js";
import { formatGithub } from "../format/github.js";
import { formatSarif } from "../format/sarif.js";
import { UsageError, type ParsedArgs } from "./args.js";
import type { Config } from "./config.js";
import { checkFiles } from "./workspace.js";

export const docsBase = "https://github.com/flowmap-dev/flowmap/blob/main/docs/rules/";

export function useColor(flags: ParsedArgs["flags"], stream: NodeJS.WriteStream): boolean {
  if (flags["no-color"]) return false;
  if (flags.color) return true;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return Boolean(stream.isTTY);
}

export function runCheck(args: ParsedArgs, config: Config): number {
  const format = (args.flags.format as string | undefined) ?? "text";
  if (!["text", "json", "sarif", "github"].includes(format)) throw new UsageError(`unknown format \`${format}\` (text, json, sarif, github)`);
  let maxWarnings = config.maxWarnings;
  if (args.flags["max-warnings"] !== undefined) {
    const n = Number(args.flags["max-warnings"]);
    if (!Number.isInteger(n) || n < 0) throw new UsageError("--max-warnings takes a whole number");
    maxWarnings = n;
  }
  const paths = args.positionals.length ? args.positionals : [config.models ?? "models"];
  const { checked, sources } = checkFiles(paths, config);
  let diagnostics = checked.flatMap((c) => c.result.diagnostics);
  const counts = countBySeverity(diagnostics);
  if (args.flags.quiet) diagnostics = diagnostics.filter((d) => d.severity === "error");
  const files = checked.map((c) => c.path);
  let out: string;
  switch (format) {
    case "json":
      out = formatJson(diagnostics, files);
      break;
    case "sarif":
      out = formatSarif(diagnostics, allRules(), sources, { version: "0.1.0", docsBase, informationUri: "https://github.com/flowmap-dev/flowmap" });
      break;
    case "github":
      out = formatGithub(diagnostics, files.length);
      break;
    default:
      out = formatText(diagnostics, sources, files.length, { color: useColor(args.flags, process.stdout) });
  }
  process.stdout.write(out);
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    process.stderr.write(`flowmap check: ${counts.warning} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
