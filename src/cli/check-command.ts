/** `flowmap check`: findings in text, json, sarif or github format. */
import { countBySeverity, sortDiagnostics } from "../diagnostics.js";
import { allRules } from "../check/registry.js";
import { formatText } from "../format/text.js";
import { UsageError, type ParsedArgs } from "./args.js";
import type { Config } from "./config.js";
import { checkFiles } from "./workspace.js";
import { didYouMean } from "../util/suggest.js";
import { repositoryUrl, ruleDocsBase, version } from "../package-info.js";

/** The rule pages SARIF's `helpUri` points at (src/package-info.ts, from package.json). */
export const docsBase = ruleDocsBase;

export function useColor(flags: ParsedArgs["flags"], stream: NodeJS.WriteStream): boolean {
  if (flags["no-color"]) return false;
  if (flags.color) return true;
  // FORCE_COLOR=0|false turns colour off, any other non-empty value on (as Node and chalk read it).
  const force = process.env.FORCE_COLOR;
  if (force === "0" || force === "false") return false;
  if (force !== undefined && force !== "") return true;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return Boolean(stream.isTTY);
}

export async function runCheck(args: ParsedArgs, config: Config): Promise<number> {
  const format = (args.flags.format as string | undefined) ?? "text";
  const formats = ["text", "json", "sarif", "github"];
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${format}\`${didYouMean(format, formats)} (${formats.join(", ")})`);
  let maxWarnings = config.maxWarnings;
  if (args.flags["max-warnings"] !== undefined) {
    const n = Number(args.flags["max-warnings"]);
    if (!Number.isInteger(n) || n < 0) throw new UsageError("--max-warnings takes a whole number");
    maxWarnings = n;
  }
  const paths = args.positionals.length ? args.positionals : [config.models ?? "models"];
  // Vendor entries age against today: the check says when an entry needs checking again.
  const workspace = checkFiles(paths, config, { today: true });
  const sources = workspace.sources;
  let diagnostics = workspace.diagnostics;
  const counts = countBySeverity(diagnostics);
  // Accepted findings ride along, marked: json and sarif list them, text and github count them.
  const withAccepted = (list: typeof diagnostics) => sortDiagnostics([...list, ...workspace.accepted]);
  // --quiet shows errors only; the summary still counts what it leaves out, and --max-warnings still applies.
  const hidden = args.flags.quiet ? diagnostics.length - counts.error : 0;
  if (args.flags.quiet) diagnostics = diagnostics.filter((d) => d.severity === "error");
  const files = [...sources.keys()].sort();
  let out: string;
  switch (format) {
    // The machine formats load when asked for (SARIF's fingerprints need node:crypto): text, the
    // common case, starts with less.
    case "json":
      out = (await import("../format/json.js")).formatJson(withAccepted(diagnostics), files, counts);
      break;
    case "sarif":
      out = (await import("../format/sarif.js")).formatSarif(withAccepted(diagnostics), allRules(), sources, { version, docsBase, informationUri: repositoryUrl });
      break;
    case "github":
      out = (await import("../format/github.js")).formatGithub(withAccepted(diagnostics), files.length, hidden);
      break;
    default:
      out = formatText(withAccepted(diagnostics), sources, files.length, { color: useColor(args.flags, process.stdout), hidden });
  }
  process.stdout.write(out);
  // An imported file that could not be read is an I/O failure, as an unreadable file given is.
  if (diagnostics.some((d) => d.code === "unreadable-file")) return 2;
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    process.stderr.write(`flowmap check: ${counts.warning} warning${counts.warning === 1 ? "" : "s"}, more than the ${args.flags["max-warnings"] !== undefined ? "--max-warnings" : "maxWarnings"} limit of ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
