/** The config file's format as a zod schema, and its issues as sentences. Loaded only where a config
 *  file is read (src/validation): a run with no config file (nearly every `check`) does not parse zod. */
import * as z from "zod/mini";
import { didYouMean } from "../util/suggest.js";

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

/** A zod issue as a sentence a user can act on (zod/mini carries no messages of its own). */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
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

/** The raw config checked against the schema: its data, or the first issue as a sentence. */
export function parseConfig(raw: unknown): { data: Config; problem?: undefined } | { data?: undefined; problem: string } {
  const parsed = configSchema().safeParse(raw);
  return parsed.success ? { data: parsed.data } : { problem: describeIssue(parsed.error.issues[0]!, raw) };
}
