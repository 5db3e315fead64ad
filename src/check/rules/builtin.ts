/** Findings of the parser and the model builder, documented like rules. */
import { defineBuiltin } from "../registry.js";

defineBuiltin({
  id: "syntax-error", severity: "error", stage: "syntax", title: "The text does not follow the .flow grammar",
  article: "flowmap grammar (grammar/flow.ebnf)",
  description: "The lexer or parser could not read the text. The parser recovers and reports every syntax error in one run; the message says what was expected at that point.",
  help: "fix the text at the marked position; see grammar/README.md for the syntax",
});
defineBuiltin({
  id: "unknown-name", severity: "error", stage: "model", title: "A reference names nothing declared",
  article: "flowmap model (names resolve across a model's files)",
  description: "A purpose, system, flow or store refers to a data category, subject, purpose or system that is declared neither in the file nor in a file it imports. The nearest declared name is suggested. When an import could not be loaded, unknown names are not reported: the import's own error says why.",
  help: "declare the name, or correct the spelling",
});
defineBuiltin({
  id: "duplicate-name", severity: "error", stage: "model", title: "A name is declared or listed twice",
  article: "flowmap model",
  description: "Two declarations of the same kind share a name (in one file, or in two files of one model: the error names both places), a list repeats a name, or a model declares a second organization or `model` header.",
  help: "rename or merge the declarations",
});
defineBuiltin({
  id: "invalid-country", severity: "error", stage: "model", title: "A location is not an ISO 3166-1 alpha-2 code",
  article: "GDPR Art. 30(1)(e) (naming the third country); ISO 3166-1",
  description: "Locations are two-letter ISO 3166-1 codes (`NL`, `US`, `TR`) or `anywhere`, `global`, `unspecified`. Country names and `UK` are not codes; the error suggests the code.",
  help: "use the two-letter code, e.g. GB for the United Kingdom",
});
defineBuiltin({
  id: "invalid-duration", severity: "error", stage: "model", title: "A retention period cannot be read",
  article: "GDPR Art. 30(1)(f)",
  description: "A retention is a duration (`30 days`, `13 months`, `7 years`), an event (`until account_deleted + 30 days`), `session`, `memory`, `indefinite` or `unspecified`, optionally followed by the policy's words in quotes.",
  help: "write e.g. `retention 13 months` or `retention unspecified \"as long as necessary\"`",
});
defineBuiltin({
  id: "invalid-basis", severity: "error", stage: "model", title: "A legal basis or Art. 9 condition is not one the law knows",
  article: "GDPR Art. 6(1), Art. 9(2)",
  description: "`basis` takes one of the six Art. 6(1) bases: consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests. `condition` takes an Art. 9(2) condition such as explicit_consent or health_care.",
  help: "use one of the listed words",
});
defineBuiltin({
  id: "invalid-value", severity: "error", stage: "model", title: "A value is not in the property's vocabulary",
  article: "flowmap model",
  description: "Kinds, roles, mechanisms, SCC modules, derogation points and other closed vocabularies are checked against their lists; the nearest valid word is suggested.",
  help: "use one of the listed words",
});
defineBuiltin({
  id: "invalid-property", severity: "error", stage: "model", title: "A property is used in a declaration that does not take it",
  article: "flowmap model",
  description: "Each declaration takes its own properties (a system takes `located`, a purpose takes `basis`). The message says where the property belongs. `consent` (how consent is obtained) is taken only by a purpose with `basis consent` or `condition explicit_consent`, and by a flow with `mechanism derogation a`; elsewhere it describes nothing, and the message says what the purpose or flow rests on instead.",
  help: "move the property to the declaration it belongs to",
});
defineBuiltin({
  id: "duplicate-property", severity: "warning", stage: "model", title: "A single-valued property is given twice",
  article: "flowmap model",
  description: "Properties such as `basis`, `kind` or `retention` take one value. The first is used; the second is ignored.",
  help: "remove one of them",
});
defineBuiltin({
  id: "missing-property", severity: "error", stage: "model", title: "A required property is missing",
  article: "GDPR Art. 9(1) (data kind), Art. 30(1)",
  description: "A data category needs a `kind` from the taxonomy, so special categories are known without the user saying so; a system needs a `kind` so client-side systems are known.",
  help: "add the property",
});
defineBuiltin({
  id: "missing-organization", severity: "error", stage: "model", title: "The model declares no organization",
  article: "GDPR Art. 30(1)(a)",
  description: "The record of processing starts with the controller's (or processor's) name and contact details. A model declares exactly one organization. A file with a `model` header is a model and needs one; a file with neither an organization nor a header is a library (shared vendors, systems, data, purposes), checked in the context of the models that import it, and needs none.",
  help: 'add `organization <id> "<name>" { role controller  country <CC>  contact "<email>" }`',
});
defineBuiltin({
  id: "suppression-without-reason", severity: "error", stage: "model", title: "An inline suppression gives no reason",
  article: "flowmap policy: every exception is explained",
  description: "`// flowmap-ignore <rule-id>: <reason>` silences one rule on the next line. A suppression without a reason is itself an error, and silences nothing.",
  help: "write `// flowmap-ignore rule-id: why this is acceptable`",
});
defineBuiltin({
  id: "unused-suppression", severity: "warning", stage: "model", title: "An inline suppression silences nothing",
  article: "flowmap policy: suppressions stay current",
  description: "The rule named by a `flowmap-ignore` comment reports nothing on the next line, so the suppression is stale or misnamed.",
  help: "remove the comment, or correct the rule id",
});

// ---- the load stage: files and imports ----------------------------------------------

const importArticle = "flowmap workspace (imports)";

defineBuiltin({
  id: "import-not-found", severity: "error", stage: "load", title: "An imported file does not exist",
  article: importArticle,
  description: "`import \"path.flow\"` names a file relative to the importing file. The path leads to no file, to a directory, or to something that is not a `.flow` file. Names the missing file would declare are not reported as unknown: the model is partial until it loads, and the rules do not run.",
  help: "correct the path (relative to the importing file), or create the file",
});
defineBuiltin({
  id: "import-outside-workspace", severity: "error", stage: "load", title: "An import leaves the workspace",
  article: importArticle,
  description: "Imports stay inside the workspace root: the nearest directory above the importing file that holds `flowmap.config.json` or `.git`; with neither above it, imports are not confined. An absolute path, or one that climbs out with `..`, would make the model depend on files outside the repository.",
  help: "keep shared files inside the repository, or put flowmap.config.json in a common parent directory",
});
defineBuiltin({
  id: "import-cycle", severity: "error", stage: "load", title: "Files import each other",
  article: importArticle,
  description: "A file imports, directly or through others, a file that imports it. Every file is read once, so nothing is lost, but the files no longer have an order a reader can follow; the message lists the cycle.",
  help: "move what the files share into a third file that each imports",
});
defineBuiltin({
  id: "import-spelling", severity: "error", stage: "load", title: "One file is imported under two spellings",
  article: importArticle,
  description: "Two imports reach the same file by different paths (through a symbolic link, or with other letter case on a case-insensitive file system). The file is read once, under its first spelling, and the second import is reported so that diagnostics and outputs name one path.",
  help: "write the path one way everywhere",
});
defineBuiltin({
  id: "import-of-model", severity: "error", stage: "load", title: "A model is imported as if it were a library",
  article: importArticle,
  description: "A file that declares an organization or a `model` header is a model of its own. Importing it would put two organizations in one record of processing. Its declarations are not brought in.",
  help: "move what both models share (vendors, systems, data, purposes) into a library file without an organization, and import that",
});
defineBuiltin({
  id: "duplicate-import", severity: "warning", stage: "load", title: "A file is imported twice",
  article: importArticle,
  description: "The same file is imported twice by one file. It is read once; the second import does nothing.",
  help: "remove the repeated import",
});
defineBuiltin({
  id: "unreadable-file", severity: "error", stage: "load", title: "An imported file cannot be read",
  article: importArticle,
  description: "The imported path is not a regular file (a pipe, device or socket, which could block or never end) or reading it failed (permission denied, an I/O error). `flowmap` exits with status 2, as for any I/O failure.",
  help: "import a regular .flow file the user running flowmap can read",
});
defineBuiltin({
  id: "file-too-large", severity: "error", stage: "load", title: "A file is larger than the limit for one file",
  article: importArticle,
  description: "Files over the limit (64 MB by default, `maxFileBytes` in flowmap.config.json, at most 512 MB) are not read, so that a stray large or endless file cannot exhaust memory.",
  help: "split the model into several files, or raise maxFileBytes in flowmap.config.json",
});
defineBuiltin({
  id: "invalid-encoding", severity: "error", stage: "load", title: "A file is not UTF-8",
  article: "flowmap workspace (files are UTF-8)",
  description: "`.flow` files are UTF-8, with or without a byte-order mark. A UTF-16 file, or a byte that is not UTF-8 (a Latin-1 or Windows-1252 file), is named at the first bad byte's line and column, and nothing in the file is read; `fmt` never rewrites such a file.",
  help: "save the file as UTF-8",
});
