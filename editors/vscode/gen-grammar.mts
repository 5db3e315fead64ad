/** Writes syntaxes/flow.tmLanguage.json, the TextMate grammar, from the lexer's keywords and the
 *  model's vocabularies (so the highlighting cannot drift from the language; test/textmate.test.ts
 *  fails when the committed file differs from what this makes). Run: npx tsx editors/vscode/gen-grammar.mts */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as v from "../../src/model/vocabulary.js";
import { connectiveKeywords, declarationKeywords, importKeyword, keywordWords } from "../../src/syntax/tokens.js";

export const grammarFile = fileURLToPath(new URL("./syntaxes/flow.tmLanguage.json", import.meta.url));

export function flowGrammarText(): string {
  const values = [...new Set([
    ...v.Regime.options, ...v.OrganizationRole.options, ...v.Targeting.options, ...v.Right.options, ...v.PurposeRole.options, ...v.Basis.options, ...v.ConsentForm.options, ...v.Condition.options,
    ...Object.keys(v.dataKinds), ...v.SystemKind.options, ...v.OperatorRole.options, ...v.Location.options, ...v.Certification.options,
    ...v.MechanismKind.options, ...v.SccModule.options, ...v.Derogation.options.filter((d) => d.length > 1), ...v.Encryption.options, ...v.RetentionWord.options, "eu",
  ])].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const units = Object.keys(v.unitDays).sort((a, b) => b.length - a.length);
  const declarations: readonly string[] = [...declarationKeywords, importKeyword];
  /** The declarations named by a word after the keyword (a flow is named by its ends). */
  const named = declarations.filter((d) => d !== "model" && d !== "import" && d !== "flow");
  const connectives: readonly string[] = [...connectiveKeywords, "self"];
  const props = keywordWords.filter((w) => w === "data" || (!declarations.includes(w) && !connectives.includes(w))).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const name = "[A-Za-z_][A-Za-z0-9_]*";
  const grammar = {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "flowmap",
    scopeName: "source.flow",
    fileTypes: ["flow"],
    comment: "flowmap's .flow language (grammar/README.md). The vocabulary follows src/model/vocabulary.ts and src/syntax/tokens.ts; test/textmate.test.ts checks that it does and that every token of the seed models gets a scope.",
    patterns: [{ include: "#comments" }, { include: "#strings" }, { include: "#declarations" }, { include: "#properties" }, { include: "#values" }, { include: "#punctuation" }, { include: "#invalid" }],
    repository: {
      comments: {
        patterns: [
          {
            name: "comment.line.double-slash.suppression.flow",
            match: "(//)\\s*(flowmap-ignore)\\b(?:\\s+([a-z0-9-]+))?(?:\\s*(:)(.*))?$",
            captures: { 1: { name: "punctuation.definition.comment.flow" }, 2: { name: "keyword.other.suppression.flow" }, 3: { name: "entity.name.tag.rule.flow" }, 4: { name: "punctuation.separator.key-value.flow" }, 5: { name: "string.unquoted.reason.flow" } },
          },
          { name: "comment.line.double-slash.flow", match: "(//).*$", captures: { 1: { name: "punctuation.definition.comment.flow" } } },
          { name: "comment.block.flow", begin: "/\\*", end: "\\*/", beginCaptures: { 0: { name: "punctuation.definition.comment.begin.flow" } }, endCaptures: { 0: { name: "punctuation.definition.comment.end.flow" } } },
        ],
      },
      strings: {
        patterns: [{
          name: "string.quoted.double.flow", begin: "\"", end: "\"|$",
          beginCaptures: { 0: { name: "punctuation.definition.string.begin.flow" } }, endCaptures: { 0: { name: "punctuation.definition.string.end.flow" } },
          patterns: [{ name: "constant.character.escape.flow", match: "\\\\." }],
        }],
      },
      declarations: {
        patterns: [
          {
            match: `^\\s*(flow)\\s+(${name})\\s*(->)\\s*(${name})`,
            captures: { 1: { name: "storage.type.flow.flow" }, 2: { name: "entity.name.function.system.flow" }, 3: { name: "keyword.operator.arrow.flow" }, 4: { name: "entity.name.function.system.flow" } },
          },
          {
            match: `^\\s*(${named.join("|")})\\s+(${name})`,
            captures: { 1: { name: "storage.type.$1.flow" }, 2: { name: "entity.name.type.$1.flow" } },
          },
          { match: `^\\s*(${declarations.join("|")})\\b`, captures: { 1: { name: "storage.type.$1.flow" } } },
        ],
      },
      properties: {
        patterns: [
          // A value that is also a keyword (`kind contact`, `basis consent`, `as joint_controller`).
          {
            match: `\\b(kind|basis|condition|consent|role|regime|certified|encrypted|mechanism)\\s+(${values.join("|")})\\b`,
            captures: { 1: { name: "keyword.other.property.flow" }, 2: { name: "constant.language.flow" } },
          },
          { match: `\\b(as)\\s+(${values.join("|")})\\b`, captures: { 1: { name: "keyword.operator.word.flow" }, 2: { name: "constant.language.flow" } } },
          { name: "keyword.other.property.flow", match: `\\b(?:${props.join("|")})\\b` },
          { name: "keyword.operator.word.flow", match: `\\b(?:${[...connectives].sort().join("|")})\\b` },
        ],
      },
      values: {
        patterns: [
          { name: "constant.numeric.flow", match: "\\b\\d+(?:\\.\\d+)?\\b" },
          { name: "keyword.other.unit.flow", match: `\\b(?:${units.join("|")})\\b` },
          { name: "constant.language.flow", match: `\\b(?:${values.join("|")})\\b` },
          { name: "constant.other.country.flow", match: "\\b[A-Z]{2}\\b" },
          { name: "variable.other.name.flow", match: `\\b${name}\\b` },
        ],
      },
      punctuation: {
        patterns: [
          { name: "keyword.operator.arrow.flow", match: "->" },
          { name: "punctuation.separator.comma.flow", match: "," },
          { name: "keyword.operator.plus.flow", match: "\\+" },
          { name: "punctuation.section.block.begin.flow", match: "\\{" },
          { name: "punctuation.section.block.end.flow", match: "\\}" },
        ],
      },
      invalid: { patterns: [{ name: "invalid.illegal.character.flow", match: "\\S" }] },
    },
  };
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeFileSync(grammarFile, flowGrammarText());
