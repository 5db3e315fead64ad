/** `flowmap.config.json`, found by walking up from the working directory, validated with zod. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import * as z from "zod/mini";
import type { Diagnostic } from "../diagnostics.js";
import { ruleMeta } from "../check/registry.js";
import { didYouMean } from "../util/suggest.js";
import { allRules } from "../check/registry.js";

export const configFileName = "flowmap.config.json";

export const ConfigSchema = z.strictObject({
  $schema: z.optional(z.string()),
  /** Severity per rule id: error, warning, info, or off. */
  rules: z._default(z.record(z.string(), z.enum(["error", "warning", "info", "off"])), {}),
  /** Fail `check` when there are more warnings than this. */
  maxWarnings: z.optional(z.int().check(z.minimum(0))),
  /** Where `build` reads models and writes outputs. */
  models: z.optional(z.string()),
  out: z.optional(z.string()),
});
export type Config = z.infer<typeof ConfigSchema>;

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

export function loadConfig(path: string | undefined): Config {
  if (!path) return ConfigSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${path}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const ids = allRules().map((r) => r.id);
  for (const id of Object.keys(parsed.data.rules)) {
    if (!ruleMeta(id)) throw new ConfigError(`${path}: rules.${id}: unknown rule${didYouMean(id, ids)}`);
  }
  return parsed.data;
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
