/** Hover: a finding's rule (title, article, help); a data kind's meaning; a country's zone and
 *  adequacy decision with its date; a declared name's title, where it is declared and how often it
 *  is used. Markdown, with every piece of user text escaped by the register's audited escaper. */
import type { Diagnostic } from "../diagnostics.js";
import { ruleMeta } from "../check/registry.js";
import { basisArticle, conditionArticle, consentForms, dataKinds, clientSideKinds } from "../model/vocabulary.js";
import { countryNames } from "../legal/countries.js";
import { adequacyFor, derogations, invalidatedFrameworks, safeguards, sccModules, transferFactsAsOf, zoneOf } from "../legal/gdpr-transfers.js";
import { markdownCell as md } from "../register/markdown.js";
import { ruleDocsBase } from "../package-info.js";
import type { CursorContext } from "./context.js";
import { declarationsOfTarget, kindLabel, referencesTo, type SymbolIndex, type Target } from "./symbols.js";
import type { Catalogue } from "./catalogue.js";

export function findingHover(d: Diagnostic): string {
  const meta = ruleMeta(d.code);
  const lines = [`**${md(d.code)}**${meta ? `: ${md(meta.title)}` : ""}${meta?.article ? ` (${md(meta.article)})` : ""}`, "", md(d.message)];
  const help = d.help ?? meta?.help;
  if (help) lines.push("", `help: ${md(help)}`);
  if (meta) lines.push("", `[${md(d.code)}.md](${ruleDocsBase}${d.code}.md)`);
  return lines.join("\n");
}

/** On a suppression comment: the findings it accepts, with their places. */
export function acceptedHover(list: Diagnostic[]): string {
  const lines = [`Accepts ${list.length === 1 ? "1 finding" : `${list.length} findings`} (the reason is on record in JSON, SARIF and the register):`, ""];
  for (const d of list) lines.push(`- **${md(d.code)}** at line ${d.span.line}: ${md(d.message)}`);
  return lines.join("\n");
}

export function countryHover(code: string): string | undefined {
  const name = countryNames[code];
  if (!name) return undefined;
  const zone = zoneOf(code);
  const lines = [`**${code}**: ${md(name)}`, ""];
  if (zone === "eea") lines.push("In the EEA: a flow to it is no transfer (GDPR Chapter V does not apply).");
  else {
    const a = adequacyFor(code);
    if (a) {
      lines.push(`Adequacy decision: ${md(a.decision)}, since ${a.since}${a.until ? `, until ${a.until}` : ""} (${md(a.note)}).`);
      if (a.scope === "certified") lines.push("", `Covers only recipients certified under \`${a.requires}\`.`);
      else if (a.scope === "partial") lines.push("", "Covers only part of the country's recipients.");
    } else lines.push("Third country: no adequacy decision; a transfer needs an Art. 46 safeguard or an Art. 49 derogation.");
  }
  lines.push("", `_Chapter V facts as of ${transferFactsAsOf}._`);
  return lines.join("\n");
}

function dataKindHover(kind: string): string | undefined {
  const k = (dataKinds as Record<string, { label: string; special: boolean; sensitive: boolean; cnil: string }>)[kind];
  if (!k) return undefined;
  const what = k.special
    ? "a **special category** (Art. 9(1); criminal data Art. 10): processing needs an Art. 9(2) `condition`"
    : k.sensitive ? "**sensitive**: not special in law but high-risk in practice (EDPB DPIA criteria)" : "not a special category";
  return `**${kind}**: ${md(k.label)}\n\n${what}.\n\nCNIL register category: ${md(k.cnil)}.`;
}

function mechanismHover(m: string): string | undefined {
  const s = (safeguards as Record<string, { article: string; name: string }>)[m];
  if (s) return `**${m}**: ${md(s.name)} (${s.article})`;
  const inv = (invalidatedFrameworks as Record<string, { name: string; judgment: string; date: string }>)[m];
  if (inv) return `**${m}**: ${md(inv.name)}, struck down by ${md(inv.judgment)} on ${md(inv.date)}; it covers nothing.`;
  const words: Record<string, string> = {
    adequacy: "an adequacy decision of the Commission (Art. 45)", dpf: "the EU-US Data Privacy Framework (Art. 45; the recipient must be certified)",
    derogation: "an Art. 49(1) derogation (`derogation a` ... `g`, `compelling`)", international_agreement: "an international agreement such as an MLAT (Art. 48), for a public authority",
    none: "no ground: the transfer rests on nothing",
  };
  return words[m] ? `**${m}**: ${words[m]}` : undefined;
}

function symbolHover(index: SymbolIndex, t: Target): string | undefined {
  const found = declarationsOfTarget(index, t);
  if (!found.length) return undefined;
  return found.map((s) => {
    const uses = referencesTo(index, s).length;
    // Nothing refers to an organization by name: a count would always say "not used".
    const used = s.kind === "organization" ? "" : `; ${uses === 0 ? "not used" : uses === 1 ? "used once" : `used ${uses} times`}`;
    return [
      `**${md(s.name)}**${s.title !== undefined ? `: ${md(s.title)}` : ""}`, "",
      `${kindLabel[s.kind]}, declared at ${md(s.file)}:${s.nameSpan.line}:${s.nameSpan.column}${used}.`,
    ].join("\n");
  }).join("\n\n---\n\n");
}

/** Hover on a word: `word` the text under the cursor, `ctx` its context (at the word's start). */
export function wordHover(word: string, ctx: CursorContext, catalogue?: Catalogue): string | undefined {
  if (ctx.at === "header" && ctx.kind === "system" && ctx.after === "from") return catalogue?.hover(word);
  if (ctx.at !== "value") return undefined;
  switch (ctx.property) {
    case "kind":
      if (ctx.kind === "data") return dataKindHover(word);
      return clientSideKinds.has(word) ? `**${word}**: client-side, on the data subject's side of the wire (a flow from it is no transfer)` : undefined;
    case "country": case "located": case "law":
      return countryHover(word);
    case "operator":
      return ctx.after === "in" ? countryHover(word) : undefined;
    case "from":
      return catalogue?.hover(word);
    case "basis":
      return basisArticle[word as keyof typeof basisArticle] ? `**${word}**: lawful basis, ${basisArticle[word as keyof typeof basisArticle]}` : undefined;
    case "condition":
      return conditionArticle[word as keyof typeof conditionArticle] ? `**${word}**: condition for special categories, ${conditionArticle[word as keyof typeof conditionArticle]}` : undefined;
    case "consent": {
      const f = consentForms[word as keyof typeof consentForms];
      return f ? `**${word}**: ${md(f.meaning)}${f.valid ? "" : `\n\nNot valid consent: ${md(f.why ?? "")}`}` : undefined;
    }
    case "mechanism":
      if (ctx.after === "scc") return sccModules[word as keyof typeof sccModules] ? `**${word}**: SCC ${sccModules[word as keyof typeof sccModules]}` : undefined;
      if (ctx.after === "derogation") return derogations[word as keyof typeof derogations] ? `**${word}**: Art. 49(1) ${derogations[word as keyof typeof derogations]}` : undefined;
      return mechanismHover(word);
    default:
      return undefined;
  }
}

export { symbolHover };
