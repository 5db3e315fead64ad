/** Everything that validates with zod, in one module: the config file's schema and the catalogue
 *  entry format. scripts/bundle.mjs bundles it apart (dist/chunks/schemas-<hash>.cjs), so that a cold
 *  `flowmap check` with no config file and only shipped catalogue entries never parses zod. */
export { configSchema, parseConfig } from "../cli/config-schema.js";
export { entrySchema, entryProblems } from "../catalogue/schema.js";
