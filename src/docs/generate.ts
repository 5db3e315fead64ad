/** Generated documentation: the grammar reference (EBNF + railroad diagrams, from the parser
 *  itself) and one page per rule (from the registry). `scripts/gen-docs.ts` writes them; a test
 *  fails when the committed files differ, so the docs cannot drift from the code. */
import type { ISerializedGast } from "chevrotain";
import { serializedGrammar } from "../syntax/parser.js";
import { declarationKeywords, keywordWords, namesPropertyKeywords, stringsPropertyKeywords } from "../syntax/tokens.js";
import { allRules } from "../check/registry.js";
import { allowed, repeatable } from "../model/build.js";
import * as V from "../model/vocabulary.js";
import { checkSource } from "../check/index.js";
import { railroadPage } from "./railroad.js";

const terminalNames: Record<string, string> = {
  Name: "name",
  Identifier: "identifier",
  StringLiteral: "string",
  NumberLiteral: "number",
  NamesKeyword: "names_keyword",
  StringsKeyword: "strings_keyword",
};

/** A terminal as the EBNF (and the railroad diagrams) write it: `"model"`, `"{"`, or a token class. */
function terminalText(node: ISerializedGast): string {
  const n = node as ISerializedGast & { name?: string; label?: string };
  const name = n.name ?? "";
  if (terminalNames[name]) return terminalNames[name]!;
  if (name.startsWith("kw_")) return `"${name.slice(3)}"`;
  return n.label && n.label.startsWith("'") ? `"${n.label.slice(1, -1)}"` : name;
}

function ebnf(node: ISerializedGast): string {
  const seq = (defs: ISerializedGast[]) => defs.map(ebnf).join(" ");
  const n = node as ISerializedGast & { definition?: ISerializedGast[]; name?: string; label?: string };
  switch (node.type) {
    case "Terminal":
      return terminalText(node);
    case "NonTerminal":
      return n.name ?? "";
    case "Option":
      return `[ ${seq(n.definition ?? [])} ]`;
    case "Repetition":
      return `{ ${seq(n.definition ?? [])} }`;
    case "RepetitionMandatory":
      return `${seq(n.definition ?? [])} { ${seq(n.definition ?? [])} }`;
    case "Alternation":
      return `( ${(n.definition ?? []).map(ebnf).join(" | ")} )`;
    case "Alternative":
      return seq(n.definition ?? []);
    default:
      return seq(n.definition ?? []);
  }
}

/** The token classes the rules use, in EBNF. */
function tokenEbnf(): string[] {
  const words = (list: readonly string[]) => list.map((w) => `"${w}"`).join(" | ");
  return [
    `names_keyword = ${words([...namesPropertyKeywords, "data"])} ;`,
    `strings_keyword = ${words(stringsPropertyKeywords)} ;`,
    `name = identifier | keyword ;   (* every keyword is also accepted as a name *)`,
    `keyword = ${words(keywordWords)} ;`,
    `declaration_keyword = ${words(declarationKeywords)} ;`,
    'identifier = letter , { letter | digit | "_" } ;   (* letter: A-Z a-z _ *)',
    'string = \'"\' , { character - ( \'"\' | "\\" | newline ) | "\\" , character } , \'"\' ;',
    'number = digit , { digit } , [ "." , digit , { digit } ] ;',
    'comment = "//" , { character - newline } | "/*" , { character } , "*/" ;',
  ];
}

export function grammarEbnf(): string {
  const rules = serializedGrammar().map((r) => {
    const rule = r as ISerializedGast & { name: string; definition: ISerializedGast[] };
    return `${rule.name} = ${rule.definition.map(ebnf).join(" ")} ;`;
  });
  return [
    "(* The .flow grammar, generated from the parser by scripts/gen-docs.ts. Do not edit. *)",
    "",
    ...rules.map((r) => r.replace(/\( ([^()|]+) \)/g, "$1")),
    "",
    "(* Tokens *)",
    ...tokenEbnf(),
    "",
  ].join("\n");
}

/** Static SVG railroad diagrams: the page loads nothing and runs no script. */
export function railroadHtml(): string {
  return railroadPage(serializedGrammar(), terminalText, tokenEbnf().join("\n"));
}

export function rulePage(id: string): string {
  const r = allRules().find((x) => x.id === id)!;
  return [
    `# \`${r.id}\``,
    "",
    `**${r.title}.**`,
    "",
    `- Default severity: **${r.severity}**`,
    `- Enforces: ${r.article}`,
    `- Stage: ${r.stage}`,
    "",
    "## What it checks",
    "",
    r.description,
    "",
    "## How to fix",
    "",
    r.help.charAt(0).toUpperCase() + r.help.slice(1) + ".",
    "",
    "## Configure",
    "",
    "Change its severity, or turn it off, in `flowmap.config.json`:",
    "",
    "```json",
    `{ "rules": { "${r.id}": "warning" } }`,
    "```",
    "",
    `or silence one finding with a reason: \`// flowmap-ignore ${r.id}: <why>\` on the line before it.`,
    "",
    `Example: \`test/fixtures/rules/${r.id}.flow\`.`,
    "",
  ].join("\n");
}

export function rulesIndex(): string {
  const rows = allRules().map((r) => `| [\`${r.id}\`](${r.id}.md) | ${r.severity} | ${r.title} | ${r.article} |`);
  return ["# Rules", "", "Generated from the rule registry by `scripts/gen-docs.ts`.", "", "| rule | default | what it finds | enforces |", "|---|---|---|---|", ...rows, ""].join("\n");
}

/** What each property's value may be, in the words of the vocabularies. */
const valueOf: Record<string, string> = {
  regime: V.Regime.options.join(" \\| "),
  describes: V.ModelScope.options.join(" \\| ") + ": `notice` when the model is read from a published privacy notice (internal documents such as a TIA, LIA or DPIA are then not expected to show; their absence is an info note); default record",
  role: V.OrganizationRole.options.join(" \\| ") + '<br>purpose: ' + V.PurposeRole.options.join(" \\| ") + ', then optional "policy words" (`role processor`: carried out on a customer\'s behalf, Art. 28)<br>vendor: processor \\| controller \\| either, then optional "when each applies"',
  country: "ISO 3166-1 alpha-2 code",
  updated: 'string: the policy\'s date, "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when the policy gives no day',
  targets: V.Targeting.options.join(" \\| ") + ', then optional "policy words": the organization offers goods or services to, or monitors, people in the EEA (Art. 3(2))',
  kind: "data: " + V.DataKind.options.join(", ") + "<br>system: " + V.SystemKind.options.join(", ") + "<br>subject: " + V.SubjectKind.options.join(", ") + "<br>organization: " + V.OrganizationKind.options.join(", ") + " (`public_body`: a public authority or body, which must designate a DPO, Art. 37(1)(a))" + "<br>purpose: " + V.PurposeKind.options.join(", ") + " (reading the user's device for analytics, advertising, marketing or personalization is never strictly necessary, ePrivacy Art. 5(3))",
  basis: V.Basis.options.join(" \\| ") + ', one or several (`basis contract, legitimate_interests`: the policy gives several without saying which applies where), then optional "policy words"; or the policy\'s words after each basis when it says what each covers (`basis contract "for the account", legitimate_interests "for a quick sign-in"`; only `basis` takes a quote after each value)',
  condition: V.Condition.options.join(" \\| "),
  consent: V.ConsentForm.options.join(" \\| ") + ', optionally with `parental` in the list when a guardian gives consent in that form (`consent explicit, parental`), then optional "policy words"; on a purpose with `basis consent` (or `condition explicit_consent`), on a flow with `mechanism derogation a`',
  law: 'ISO codes, or `eu` for Union law, then optional "the law, in the policy\'s words"; on a purpose with `basis legal_obligation` or `public_task`',
  subjects: "subject names",
  data: "data names",
  located: "ISO codes, or " + V.Location.options.join(" \\| ") + ": `unspecified` when the policy does not say where; `abroad` when it says the data may be processed outside the EEA but names no country; `anywhere` / `global` for a network with no fixed location or any country at all (for an organization in the EEA, `unspecified` alone is no transfer, the others are transfers to unknown countries)",
  certified: V.Certification.options.join(" \\| "),
  encrypted: V.Encryption.options.join(" \\| "),
  for: "purpose names",
  retention: "`30 days` (units: " + Object.keys(V.unitDays).filter((u) => u.endsWith("s")).join(", ") + ") \\| `until <event> [+ <duration>]` \\| " + V.RetentionWord.options.join(" \\| ") + ', then optional "policy words"',
  operator: '`self` \\| `"Vendor" [in <country>] as ' + V.OperatorRole.options.join("\\|") + ' [of <system>]`<br>vendor: `"Legal entity" [in <country>]`, the entity an EEA customer contracts with',
  parent: '`"Group parent" [in <country>]`, where different from the operator',
  unstated: "with `from <id>`: facts of the vendor entry the system does not take (" + ["kind", "operator", "located", "certified", "contract"].join(", ") + '), because the modelled policy does not state them; then optional "policy words"',
  aliases: "strings: other names the service goes by (`flowmap vendors` matches them)",
  as_of: 'string: the date (YYYY-MM-DD) the facts were checked; required',
  subprocessors: "string: the public sub-processor list's https URL",
  stores: "`<data names> [for <purposes>] [retention <retention>]`",
  mechanism: V.MechanismKind.options.join(" \\| ") + "; `scc " + V.SccModule.options.join("\\|") + "`; `derogation " + V.Derogation.options.join("\\|") + '`; then optional "policy words"',
  tia: 'string: the transfer impact assessment an Art. 46 tool needs to a country without adequacy ("TIA-2026-04, reviewed 2026-09")',
  occasional: "(no value) the flow is occasional, not systematic (Art. 49)",
  anonymous: 'string: the policy\'s claim that the data is anonymous or aggregate; checked against the kind (rule `anonymity-claim-contradicted`)',
  dpo: 'string: the DPO\'s contact; or `none "reason"`: the policy says there is no DPO',
  representative: 'strings: each Art. 27 representative ("EU: ...", "UK: ..."); or `none "reason"`',
  minimum_age: '`<n> years`, then optional "policy words": the age the service says its users must have reached (Art. 8)',
  claim: "organization: " + [...V.organizationClaims].join(" \\| ") + ", then optional `except <basis or purpose>, ...`; data: " + [...V.dataClaims].join(" \\| ") + '; then optional "policy words": a promise the policy makes, checked against the model',
  obtained: V.DataSource.options.join(" \\| ") + ', then optional "policy words": where the data comes from (other than `subject` and `observed`: Art. 14)',
  special: V.SpecialPosition.options.join(" \\| ") + ', then optional "position": the Art. 9 position on data that may hold special categories (free text, messages, uploads); `possible` treats it as special',
  lia: 'string: the legitimate-interests assessment (Art. 6(1)(f)); or `none "reason"`',
  dpia: 'string: the data protection impact assessment (Art. 35); or `none "reason"`',
  informed: 'on a subject: string: how people who never see the notice (callers, people in messages) are informed (Art. 14(3)); or `none "reason"`: the Art. 14(5)(b) exemption relied on. On data obtained from others: how each person is told its specific source individually (Art. 14(2)(f), 14(3)); or `none "reason"`: why it cannot be (Recital 61)',
  unnamed: 'string: the policy\'s words for a recipient it names only by category ("third-party service providers (such as Amazon)")',
  linked: 'string: the policy\'s words saying the data subject reaches this third party on their own (a link, a profile on its platform); no disclosure by the organization, so no transfer and no embedded collection',
};

export function languageReference(): string {
  const sections = (Object.keys(allowed) as Array<keyof typeof allowed>).filter((kind) => kind !== "import").map((kind) => {
    const rows = allowed[kind].map((p) => `| \`${p}\` | ${valueOf[p] ?? "string(s)"} | ${repeatable.has(p) ? "yes" : "no"} |`);
    return [`### \`${kind}\``, "", "| property | value | repeatable |", "|---|---|---|", ...rows, ""].join("\n");
  });
  return [
    "# The .flow language",
    "",
    "Generated from the parser and the model builder by `scripts/gen-docs.ts`; a test keeps it current.",
    "",
    "- [`flow.ebnf`](flow.ebnf): the grammar in EBNF, from the parser's own productions.",
    "- [`railroad.html`](railroad.html): railroad diagrams, static SVG drawn from the same productions; open it in a browser (it loads nothing from the network and runs no script).",
    "",
    "A file is a sequence of declarations: `model`, `organization`, `subject`, `data`, `purpose`, `system`, `flow`, `vendor`.",
    "Each but `model` and `flow` has a name; each may have a quoted title (a system then `from <vendor entry>`); properties go in `{ }`, one after another",
    "(line breaks are free). Repeatable properties add up.",
    "",
    "## Imports",
    "",
    "`import \"path.flow\"` (at the top level, anywhere in a file; the path is relative to the importing file and stays",
    "inside the workspace) brings another file's declarations into scope, transitively, each file once, as if written where",
    "it is first imported. A file with an `organization` or a `model` header is a model; a file with neither is a library.",
    "A library's flows belong to every model that imports it; its subjects, data, purposes and systems enter a model only",
    "when the model uses them. Problems are diagnostics on the `import` line: `import-not-found`, `import-outside-workspace`,",
    "`import-cycle`, `import-spelling`, `import-of-model`, `duplicate-import`, `unreadable-file`, `file-too-large`,",
    "`invalid-encoding`.",
    "",
    "## Vendor entries: `from <id>`",
    "",
    "`system ga \"Google Analytics\" from google_analytics { located IE }` takes the facts of a vendor entry: `kind`, the",
    "`operator` (the legal entity an EEA customer contracts with, where it is established, and its typical role), the default",
    "locations (`located`), `certified dpf` (when the operator itself is the DPF-certified US entity) and the DPA as `contract`.",
    "A property written in the block overrides the entry's fact; an operator line naming the entry's entity without `in` keeps",
    "the entry's establishment. A fact the entry leaves unknown stays unknown. Entries are flowmap's catalogue (`catalogue/<id>.json`,",
    "`flowmap vendors`) and the team's own `vendor` declarations in the model's files and imports, which override a built-in",
    "entry of the same id. An unknown id is an `unknown-name` error on the id, with the nearest id suggested.",
    "",
    "```flow",
    "vendor paynord \"Paynord Payments\" {",
    "  aliases \"Paynord\"",
    "  kind payment",
    "  operator \"Paynord AB\" in SE",
    "  parent \"Paynord Group Inc.\" in US",
    "  located SE, FI",
    "  role processor",
    "  contract \"Paynord DPA 2024\", \"https://paynord.example/dpa\"",
    "  subprocessors \"https://paynord.example/subprocessors\"",
    "  as_of \"2026-11-01\"",
    "  source \"https://paynord.example/dpa\", \"https://paynord.example/privacy\"",
    "}",
    "```",
    "",
    "## Properties by declaration",
    "",
    ...sections,
    "## A claim's own exceptions",
    "",
    "A promise often states its exceptions: \"we never share your data with third parties, unless you consent\", \"only if that is necessary to fulfil our obligations toward you\". On the organization's `claim` lines, `except` after the claims names them, and the line's quote stays last:",
    "",
    "```flow",
    "claim not_sold, not_shared except consent, reservation \"We will never give your data to third parties without your consent, or unless necessary for your reservation.\"",
    "```",
    "",
    `Each exception is a legal basis (${V.Basis.options.join(", ")}) or a declared purpose (a basis word is the basis); the first stands on the line of \`except\`. A disclosure is covered when every purpose it serves is an excepted purpose or rests only on excepted bases; a purpose that names no basis is not covered by one (rule \`sharing-claim-contradicted\`, and \`tracking-claim-contradicted\` for \`no_tracking\`). An unknown word is an \`unknown-name\` error, and the claim is then not judged; \`except\` anywhere but an organization's \`claim\` is an error.`,
    "",
    "## Consent forms",
    "",
    "`consent <form> \"policy words\"` records how the policy says consent is obtained (rules `consent-invalid`, `derogation-consent-not-explicit`). Who consents is not how: `parental` beside another form (`consent explicit, parental \"...\"`) says that the holder of parental responsibility consents in that form, so a guardian's explicit consent meets Art. 9(2)(a); `consent parental` alone is a guardian's valid consent, not explicit.",
    "",
    "| form | meaning | valid consent (Art. 4(11)) |",
    "|---|---|---|",
    ...V.ConsentForm.options.map((f) => `| \`${f}\` | ${V.consentForms[f].meaning} | ${V.consentForms[f].valid ? (f === "explicit" ? "yes, and explicit (Art. 9(2)(a), 49(1)(a))" : "yes, not explicit") : `no: ${V.consentForms[f].why}`} |`),
    "",
    "## Data kinds",
    "",
    "| kind | meaning | special (Art. 9/10) | CNIL category |",
    "|---|---|---|---|",
    ...Object.entries(V.dataKinds).map(([k, v]) => `| \`${k}\` | ${v.label} | ${v.special ? "yes" : ""} | ${v.cnil} |`),
    "",
  ].join("\n");
}

/** The README with its rules table regenerated between the markers. */
export function readmeWithRules(readme: string): string {
  const start = "<!-- rules:start -->";
  const end = "<!-- rules:end -->";
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) return readme;
  const rows = allRules().map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${r.title} |`);
  return `${readme.slice(0, a + start.length)}\n| rule | default | what it finds |\n|---|---|---|\n${rows.join("\n")}\n${readme.slice(b)}`;
}

/** models/README.md with each seed's finding list regenerated between its markers. */
export function modelsReadmeWithFindings(readme: string, check: (name: string) => string): string {
  return readme.replace(/<!-- findings:(\w+):start -->\n[\s\S]*?<!-- findings:\1:end -->/g, (_, name: string) =>
    `<!-- findings:${name}:start -->\n\`\`\`text\n${check(name)}\`\`\`\n<!-- findings:${name}:end -->`);
}

/** The checker's findings on a bundled model, one line each, as `flowmap check` prints them. */
export function seedFindings(name: string, text: string): string {
  const path = `models/${name}.flow`;
  const { diagnostics } = checkSource(path, text);
  return diagnostics.map((d) => `${path}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}\n`).join("");
}

/** Every generated file, by repository-relative path. */
export function generatedDocs(inputs: { readme?: string; modelsReadme?: string; model?: (name: string) => string } = {}): Map<string, string> {
  const files = new Map<string, string>();
  const { readme, modelsReadme, model } = inputs;
  if (modelsReadme !== undefined && model) files.set("models/README.md", modelsReadmeWithFindings(modelsReadme, (name) => seedFindings(name, model(name))));
  if (readme !== undefined) files.set("README.md", readmeWithRules(readme));
  files.set("grammar/flow.ebnf", grammarEbnf());
  files.set("grammar/README.md", languageReference());
  files.set("grammar/railroad.html", railroadHtml());
  files.set("docs/rules/README.md", rulesIndex());
  for (const r of allRules()) files.set(`docs/rules/${r.id}.md`, rulePage(r.id));
  return files;
}
