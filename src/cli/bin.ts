/** Entry point of the bundled CLI. */
import { main } from "./main.js";
import { createRequire } from "node:module";
import { useRecoveringParser, type RecoveringParser } from "../syntax/parse.js";
import { useSchemas, type Schemas } from "../validation/lazy.js";

/** The recovering parser's file, relative to the bundle (`./chunks/recovering-parser-<hash>.cjs`):
 *  set by scripts/bundle.mjs, which builds it apart so that Chevrotain loads on a syntax error only.
 *  Unset in a bundle made without that define; there parser.ts is bundled and has registered it. */
declare const FLOWMAP_RECOVERING_PARSER: string | undefined;
if (typeof FLOWMAP_RECOVERING_PARSER === "string") {
  const file = FLOWMAP_RECOVERING_PARSER;
  // `require`: synchronous, as parseFlow is; relative to this file, dist/flowmap.mjs.
  useRecoveringParser(() => (createRequire(import.meta.url)(file) as { chevrotainParse: RecoveringParser }).chevrotainParse);
}

/** The zod-backed schemas' file (`./chunks/schemas-<hash>.cjs`), bundled apart by scripts/bundle.mjs
 *  so that zod loads only where a config file or an unshipped catalogue entry is checked. */
declare const FLOWMAP_SCHEMAS: string | undefined;
if (typeof FLOWMAP_SCHEMAS === "string") {
  const file = FLOWMAP_SCHEMAS;
  useSchemas(() => createRequire(import.meta.url)(file) as Schemas);
}

// `flowmap check | head`: the reader went away. That is the user's choice, not a crash; stop quietly
// (exit 2, not 0, since the output was cut short). Other stream errors are real and reported.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(2);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`flowmap: internal error\n${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
