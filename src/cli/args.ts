/** A small strict argument parser: unknown flags are errors with a suggestion (exit 2). */
import { didYouMean } from "../util/suggest.js";

export type FlagSpec = Record<string, { type: "boolean" | "string"; short?: string; description: string; value?: string }>;

export interface ParsedArgs {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const flags: ParsedArgs["flags"] = {};
  const positionals: string[] = [];
  const shorts = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([name, s]) => [s.short!, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else {
      const s = shorts.get(arg.slice(1));
      if (!s) {
        const long = arg.length > 2 ? didYouMean(arg.slice(1), Object.keys(spec)).replace("`", "`--") : "";
        throw new UsageError(`unknown option ${arg}${long}`);
      }
      name = s;
    }
    const def = spec[name];
    if (!def) throw new UsageError(`unknown option --${name}${didYouMean(name, Object.keys(spec)).replace("`", "`--")}`);
    if (def.type === "boolean") {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else {
      const next = argv[i + 1];
      const value = inline ?? (next !== undefined && !(next.startsWith("-") && next.length > 1 && !/^-\d/.test(next)) ? argv[++i] : undefined);
      if (value === undefined || value === "") throw new UsageError(`--${name} needs a value (${def.value ?? "value"})`);
      // Given twice, one would silently win: say so instead (`--purpose a --purpose b`).
      if (typeof flags[name] === "string" && flags[name] !== value) throw new UsageError(`--${name} given twice (\`${flags[name]}\` and \`${value}\`); give it once`);
      flags[name] = value;
    }
  }
  return { flags, positionals };
}

export function flagHelp(spec: FlagSpec): string {
  const lefts = Object.entries(spec).map(([name, s]) => `${s.short ? `-${s.short}, ` : "    "}--${name}${s.type === "string" ? ` <${s.value ?? "value"}>` : ""}`);
  const width = Math.max(28, ...lefts.map((l) => l.length));
  const rows = Object.values(spec).map((s, i) => `  ${lefts[i]!.padEnd(width)} ${s.description}`);
  return rows.join("\n");
}

/** `--layout-timeout <seconds>` in milliseconds, or undefined for the renderer's default. */
export function layoutTimeLimit(args: ParsedArgs): number | undefined {
  const raw = args.flags["layout-timeout"] as string | undefined;
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(seconds > 0)) throw new UsageError(`--layout-timeout takes a number of seconds greater than 0, not \`${raw}\``);
  return Math.round(seconds * 1000);
}
