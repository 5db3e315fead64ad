/** Completion by context: the keywords and property names valid at the cursor, the declared names
 *  of the kind the property wants, and the closed vocabularies (kinds, bases, countries,
 *  mechanisms, ...) from the model's own tables. */
import type { CompletionItem, CompletionItemKind } from "vscode-languageserver";
import { allowed, repeatable } from "../model/reader.js";
import {
  Basis, basisArticle, Certification, Condition, conditionArticle, ConsentForm, consentForms, dataKinds, Derogation, Encryption,
  Location, MechanismKind, OperatorRole, OrganizationRole, PurposeRole, PurposeKind, nonEssentialPurposeKinds, SubjectKind, OrganizationKind, Regime, RetentionWord, Right, rightArticle, SccModule, SystemKind, Targeting, unitDays,
} from "../model/vocabulary.js";
import { countryNames } from "../legal/countries.js";
import { declarationKeywords } from "../syntax/tokens.js";
import { TypicalRole } from "../catalogue/entry-vocabulary.js";
import { derogations, safeguards, sccModules, zoneOf } from "../legal/gdpr-transfers.js";
import type { CursorContext } from "./context.js";
import { kindLabel, visibleDeclarations, type NamedKind, type SymbolIndex } from "./symbols.js";
import type { Catalogue } from "./catalogue.js";

// CompletionItemKind values (the protocol's numbers; the types module is not loaded at run time).
const Kw = 14 as CompletionItemKind;
const Value = 12 as CompletionItemKind;
const Reference = 18 as CompletionItemKind;
const Prop = 10 as CompletionItemKind;

const word = (label: string, detail?: string, kind = Value): CompletionItem => ({ label, kind, detail });
const words = (labels: readonly string[], detail?: (l: string) => string | undefined, kind = Value) => labels.map((l) => word(l, detail?.(l), kind));

function countries(extra: readonly string[] = []): CompletionItem[] {
  const zones = { eea: "EEA", adequate: "adequacy decision", third: "third country", unknown: "" } as const;
  return [
    ...Object.keys(countryNames).map((code): CompletionItem => ({ label: code, kind: Value, detail: `${countryNames[code]} (${zones[zoneOf(code)]})`, filterText: `${code} ${countryNames[code]}` })),
    ...words(extra),
  ];
}

function declared(index: SymbolIndex | undefined, file: string, kind: NamedKind): CompletionItem[] {
  if (!index) return [];
  return visibleDeclarations(index, file, kind).map((s) => ({
    label: s.name, kind: Reference, detail: `${kindLabel[s.kind]}${s.title ? `: ${s.title}` : ""}`, documentation: s.file !== file ? `declared in ${s.file}` : undefined,
  }));
}

const topLevel = (): CompletionItem[] => [
  ...words(declarationKeywords, (w) => `declare ${w === "model" ? "the model header" : `a ${kindLabel[w] ?? w}`}`, Kw),
  word("import", "import a library .flow file", Kw),
];

/** Values for a property's value position. */
function values(ctx: Extract<CursorContext, { at: "value" }>, index: SymbolIndex | undefined, file: string, catalogue?: Catalogue): CompletionItem[] {
  const { kind, property, after, words: said } = ctx;
  switch (property) {
    case "kind":
      if (kind === "purpose") return words(PurposeKind.options, (k) => (nonEssentialPurposeKinds.has(k) ? "reading the device needs prior consent (ePrivacy Art. 5(3))" : "may be strictly necessary"));
      if (kind === "subject") return words(SubjectKind.options);
      if (kind === "organization") return words(OrganizationKind.options);
      return kind === "data"
        ? Object.entries(dataKinds).map(([k, v]) => word(k, `${v.label}${v.special ? " (special category, Art. 9)" : v.sensitive ? " (sensitive)" : ""}`))
        : words(SystemKind.options);
    case "basis":
      return words(Basis.options, (b) => basisArticle[b as keyof typeof basisArticle]);
    case "condition":
      return words(Condition.options, (c) => conditionArticle[c as keyof typeof conditionArticle]);
    case "consent":
      return words(ConsentForm.options, (f) => consentForms[f as keyof typeof consentForms].label);
    case "law":
      return countries(["eu"]);
    case "role":
      // A vendor entry says the role its vendor typically has; an organization, its own.
      return kind === "vendor" ? words(TypicalRole.options) : kind === "purpose" ? words(PurposeRole.options) : words(OrganizationRole.options);
    case "targets":
      return words(Targeting.options, () => "offers goods or services to, or monitors, people in the EEA (Art. 3(2))");
    case "rights":
      return words(["none", ...Right.options.filter((r) => !said.includes(r))], (r) => (r === "none" ? "the notice states no right" : rightArticle[r as keyof typeof rightArticle]));
    case "country":
      return countries();
    case "located":
      return countries(Location.options);
    case "certified":
      return words(Certification.options);
    case "encrypted":
      return words(Encryption.options);
    case "regime":
      return words(Regime.options);
    case "subjects":
      return declared(index, file, "subject");
    case "data":
      return declared(index, file, "data");
    case "for":
      return declared(index, file, "purpose");
    case "stores":
      if (after === "for" || (after === "," && said.includes("for"))) return declared(index, file, "purpose");
      if (after === "retention") return retentionStart();
      return declared(index, file, "data");
    case "retention":
      if (after === "until") return [];
      if (after === "+") return [];
      return retentionStart();
    case "operator":
      if (after === "in") return countries();
      if (after === "as") return words(OperatorRole.options);
      if (after === "of") return declared(index, file, "system");
      return [word("self", "the organization runs it")];
    case "from":
      return catalogue?.completions() ?? [];
    case "claim":
      // `claim not_shared except consent, reservation`: a claim's exceptions are bases or purposes.
      if (kind === "organization" && (after === "except" || (after === "," && said.includes("except")))) {
        return [...words(Basis.options, (b) => basisArticle[b as keyof typeof basisArticle]), ...declared(index, file, "purpose")];
      }
      return [];
    case "mechanism":
      if (after === "scc") return words(SccModule.options, (m) => sccModules[m as keyof typeof sccModules]);
      if (after === "derogation") return words(Derogation.options, (d) => derogations[d as keyof typeof derogations]);
      return words(MechanismKind.options, (m) => (safeguards as Record<string, { article: string }>)[m]?.article);
    default:
      return [];
  }
}

function retentionStart(): CompletionItem[] {
  return [...words(RetentionWord.options), word("until", "until an event, e.g. until account_deleted + 30 days", Kw)];
}

/** Words that continue a property after a value (`stores d for p`, `operator "X" in IE as processor`). */
function continuations(kind: string, property: string | undefined, last: string | undefined): CompletionItem[] {
  if (!property) return [];
  if (property === "stores") return words(["for", "retention"], undefined, Kw);
  if (property === "operator") return words(["in", "as", "of"], undefined, Kw);
  if (property === "retention" && last && /^\d/.test(last)) return words(Object.keys(unitDays));
  if (property === "retention" && last && !/^\d/.test(last) && kind) return words(["+"], undefined, Kw);
  if (property === "mechanism" && last === "scc") return words(SccModule.options, (m) => sccModules[m as keyof typeof sccModules]);
  if (property === "mechanism" && last === "derogation") return words(Derogation.options, (d) => derogations[d as keyof typeof derogations]);
  return [];
}

export function completions(ctx: CursorContext, index: SymbolIndex | undefined, file: string, catalogue?: Catalogue): CompletionItem[] {
  switch (ctx.at) {
    case "none":
      return [];
    case "top":
      return topLevel();
    case "header":
      if (ctx.kind === "flow" && (ctx.after === "flow" || ctx.after === "->")) return declared(index, file, "system");
      if (ctx.kind === "flow" && ctx.index === 1) return [word("->", "to the receiving system", Kw)];
      if (ctx.kind === "system" && ctx.after === "from") {
        // The team's own entries first (they override the catalogue's of the same id).
        const team = declared(index, file, "vendor");
        const ids = new Set(team.map((i) => i.label));
        return [...team, ...(catalogue?.completions() ?? []).filter((i) => !ids.has(i.label))];
      }
      return [];
    case "value":
      return values(ctx, index, file, catalogue);
    case "property": {
      const props = (allowed[ctx.kind] ?? []).filter((p) => repeatable.has(p) || !ctx.properties.includes(p) || p === ctx.property);
      return [
        ...continuations(ctx.kind, ctx.property, ctx.last),
        ...words(props, () => `${kindLabel[ctx.kind] ?? ctx.kind} property`, Prop),
      ];
    }
  }
}
