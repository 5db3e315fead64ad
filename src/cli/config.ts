/** `flowmap.config.json`, found by walking up from the working directory, validated with zod
 *  (src/cli/config-schema.ts, loaded when a config file is read). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import "../validation/register.js";
import { schemas } from "../validation/lazy.js";
import type { Config } from "./config-schema.js";
import type { Diagnostic } from "../diagnostics.js";
import { ruleMeta } from "../check/registry.js";
import { didYouMean } from "../util/suggest.js";
import { allRules } from "../check/registry.js";

export const configFileName = "flowmap.config.json";
export type { Config } from "./config-schema.js";

/** The config file's format as a zod schema (the language server's defaults, the schema tests). */
export function configSchema(): ReturnType<typeof import("./config-schema.js").configSchema> {
  return schemas().configSchema();
}

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
  const parsed = schemas().parseConfig(raw);
  if (!parsed.data) throw new ConfigError(`${path}: ${parsed.problem}`);
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
