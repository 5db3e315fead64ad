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
  article: "flowmap model (names resolve within a file)",
  description: "A purpose, system, flow or store refers to a data category, subject, purpose or system that is not declared in the file. The nearest declared name is suggested.",
  help: "declare the name, or correct the spelling",
});
defineBuiltin({
  id: "duplicate-name", severity: "error", stage: "model", title: "A name is declared or listed twice",
  article: "flowmap model",
  description: "Two declarations of the same kind share a name, a list repeats a name, or a file declares a second organization or `model` header.",
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
  description: "The record of processing starts with the controller's (or processor's) name and contact details. A model declares exactly one organization.",
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
