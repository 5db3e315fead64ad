/** Registers the zod-backed schemas (src/validation/schemas.ts) as the ones `schemas()` returns.
 *  Imported by the modules that validate (src/cli/config.ts, src/catalogue/entry-file.ts), so tests,
 *  scripts and the language server get them. The CLI bundle resolves this module to an empty one
 *  (scripts/bundle.mjs) and src/cli/bin.ts registers a loader of the separately bundled schemas. */
import * as all from "./schemas.js";
import { useSchemas } from "./lazy.js";

useSchemas(() => all);
