/** The parser, with its recovering side loaded: importing this module registers the Chevrotain
 *  parser (recovering-parser.ts) as parseFlow's recovering parser (parse.ts). Tests, scripts and
 *  the language server import parseFlow from here. The CLI bundle does not: scripts/bundle.mjs
 *  resolves this module to parse.ts there, and src/cli/bin.ts registers a loader of the separately
 *  bundled recovering parser, so that Chevrotain loads on a syntax error only. */
import { useRecoveringParser } from "./parse.js";
import { chevrotainParse } from "./recovering-parser.js";

useRecoveringParser(() => chevrotainParse);

export { parseFlow, type ParseResult } from "./parse.js";
export { chevrotainParse, serializedGrammar } from "./recovering-parser.js";
