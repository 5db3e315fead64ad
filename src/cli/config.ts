/** `flowmap.config.json`, found by walking up from the working directory, validated with zod. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import * as z from "zod/mini";
import type { Diagnostic } from "../diagnostics.js";
import { ruleMeta } from "../check/registry.js";
import { didYouMean } from "../util/suggest.js";
import { allRules } from "../check/registry.js";

export const configFileName = "flowmap.config.json";

/** Built on first use: a run with no config file (nearly every `check`) does not pay for it. */
function buildConfigSchema() {
  return z.strictObject({
    $schema: z.optional(z.string()),
    /** Severity per rule id: error, warning, info, or off. */
    rules: z._default(z.record(z.string(), z.enum(["error", "warning", "info", "off"])), {}),
    /** Fail `check` when there are more warnings than this. */
    maxWarnings: z.optional(z.int().check(z.minimum(0))),
    /** Where `build` reads models and writes outputs. */
    models: z.optional(z.string()),
    out: z.optional(z.string()),
    /** Files larger than this are not read (default 64 MB). */
    /** At most 512 MB: a longer file cannot be held as one string. */
    maxFileBytes: z.optional(z.int().check(z.minimum(1), z.maximum(512 * 1024 * 1024))),
    /** Vendor entries (`from <id>`) checked longer ago than this many months are reported (default 12). */
    catalogueMaxAgeMonths: z.optional(z.int().check(z.minimum(1))),
  });
}

let schema: ReturnType<typeof buildConfigSchema> | undefined;

/** The config file's format as a zod schema. */
export function configSchema(): ReturnType<typeof buildConfigSchema> {
  return (schema ??= buildConfigSchema());
}

export type Config = z.infer<ReturnType<typeof buildConfigSchema>>;

export class ConfigError extends Error {}

export function findConfig(start = process.cwd()): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, configFileName);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A zod issue as a sentence a user can act on (zod/mini carries no messages of its own). */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const at = issue.path.join(".") || "(root)";
  const keys = Object.keys(configSchema().def.shape);
  const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0]!;
      return `${issue.path.length ? `${at}.` : ""}${key}: unknown setting${didYouMean(key, keys)} (settings: ${keys.filter((k) => k !== "$schema").join(", ")})`;
    }
    case "invalid_value": {
      const options = issue.values.map(String);
      return `${at}: ${JSON.stringify(value)} is not a severity${typeof value === "string" ? didYouMean(value, options) : ""} (${options.join(", ")})`;
    }
    case "too_small":
      return `${at}: must be ${String(issue.minimum)} or more, not ${JSON.stringify(value)}`;
    case "invalid_type":
      return `${at}: expected ${issue.expected === "int" ? "a whole number" : issue.expected === "record" ? "an object of rule ids" : issue.expected === "object" ? "a JSON object" : `a ${issue.expected}`}, not ${JSON.stringify(value)}`;
    default:
      return `${at}: ${issue.message}`;
  }
}

export function loadConfig(path: string | undefined): Config {
  // No file: the defaults, what the schema makes of `{}` (test/schema.test.ts holds them equal).
  if (!path) return { rules: {} };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read config ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = configSchema().safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${path}: ${describeIssue(parsed.error.issues[0]!, raw)}`);
  const ids = allRules().map((r) => r.id);
  for (const id of Object.keys(parsed.data.rules)) {
    if (!ruleMeta(id)) throw new ConfigError(`${path}: rules.${id}: unknown rule${didYouMean(id, ids)}`);
  }
  // `models` and `out` are relative to the config file, wherever flowmap runs from.
  const base = dirname(resolve(path));
  const here = (p: string | undefined) => (p === undefined ? undefined : relative(process.cwd(), resolve(base, p)) || ".");
  return { ...parsed.data, models: here(parsed.data.models), out: here(parsed.data.out) };
}

/** Severity overrides from the config; `off` drops the finding. */
export function applyConfig(diagnostics: Diagnostic[], config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = config.rules[d.code];
    if (level === "off") continue;
    out.push(level && d.code !== "syntax-error" ? { ...d, severity: level } : d);
  }
  return out;
}
